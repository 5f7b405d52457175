import { findProvidersNamed } from '@latchkey/db';
import type { Application, Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { OutboundMessage } from '../../jobs/outbound/delivery-store.ts';
import { OUTBOUND_METHODS, type OutboundMethod } from '../../jobs/outbound/http-send.ts';
import { smtpSettingsOf } from '../../jobs/outbound/smtp-send.ts';
import { customHttpSmsCall } from '../notifications/sms.ts';

/** Email provider types that are not SMTP servers; every other Email type (Casdoor's `Default` …) is one. */
export const SENDGRID = 'SendGrid';
export const CUSTOM_HTTP_EMAIL = 'Custom HTTP Email';
const UNSUPPORTED_EMAIL_TYPES = new Set(['Azure ACS', 'Resend']);
export const TWILIO = 'Twilio';
export const CUSTOM_HTTP_SMS = 'Custom HTTP SMS';

/** Where SendGrid and Twilio are, unless a provider names another base URL (its `host` / `endpoint`). */
const SENDGRID_BASE = 'https://api.sendgrid.com';
const SENDGRID_PATH = '/v3/mail/send';
const TWILIO_BASE = 'https://api.twilio.com';

/** The rules of an application's provider item that cover a method, as Casdoor reads them. */
const coversMethod = (rule: string, method: string) =>
  rule === method || rule === '' || rule === 'All' || rule === 'all' || rule === 'None';

/**
 * The provider of a category an application lists for a method (Casdoor's
 * GetProviderByCategoryAndRule): the first item whose rule covers the method and that names a
 * provider of the category the application's organization may use (its own, else a global one).
 */
export async function applicationProviderFor(
  context: AppContext,
  application: Application,
  category: 'Email' | 'SMS',
  method: string,
): Promise<Provider | undefined> {
  for (const item of application.providers) {
    if (!item.name || !coversMethod(item.rule, method)) continue;
    const candidates = await findProvidersNamed(context.db, item.name, application.organization);
    const provider =
      candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
      (item.owner ? undefined : candidates.find((candidate) => candidate.owner === 'admin'));
    if (provider?.category === category) return provider;
  }
  return undefined;
}

/** Checks that Latchkey can send with a provider before anything is written. */
export function checkSendable(provider: Provider): void {
  if (provider.category === 'Email' && UNSUPPORTED_EMAIL_TYPES.has(provider.type))
    throw new ApiError('service.email_type_not_supported', { type: provider.type });
  if (provider.category === 'SMS' && provider.type !== TWILIO && provider.type !== CUSTOM_HTTP_SMS)
    throw new ApiError('service.sms_type_not_supported', { type: provider.type });
}

/** A URL of a provider's that must be http(s) without credentials. */
function providerUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ApiError('service.provider_endpoint_invalid');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new ApiError('service.provider_endpoint_invalid');
  return url;
}

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

export interface EmailContent {
  fromName: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * The outbound message that sends an email through a provider: SMTP for Casdoor's `Default` (and
 * every SMTP type), SendGrid's v3 API, or Casdoor's `Custom HTTP Email` request. The provider's
 * password and keys are opened here and travel only in the sealed delivery.
 */
export function emailMessage(context: AppContext, provider: Provider, content: EmailContent): OutboundMessage {
  checkSendable(provider);
  const fromAddress = provider.clientId2 || provider.clientId;
  const fromName = context.secrets.open(provider.clientSecret2) || content.fromName;
  if (provider.type === SENDGRID) {
    const url = providerUrl(joinUrl(provider.host || SENDGRID_BASE, provider.endpoint || SENDGRID_PATH));
    return {
      url: url.toString(),
      method: 'POST',
      headers: { authorization: `Bearer ${context.secrets.open(provider.clientSecret)}` },
      body: {
        contentType: 'application/json',
        content: JSON.stringify({
          personalizations: [{ to: [{ email: content.to }], subject: content.subject }],
          from: { email: fromAddress, name: fromName },
          content: [
            { type: 'text/plain', value: content.text },
            { type: 'text/html', value: content.html },
          ],
        }),
      },
    };
  }
  if (provider.type === CUSTOM_HTTP_EMAIL) {
    const method = (provider.method || 'POST').toUpperCase() as OutboundMethod;
    if (!OUTBOUND_METHODS.includes(method) || method === 'PATCH')
      throw new ApiError('service.sms_method_invalid', { method: provider.method.slice(0, 20) });
    const field = (name: string) => provider.userMapping[name] || name;
    const fields = {
      [field('fromAddress')]: fromAddress,
      [field('fromName')]: fromName,
      [field('toAddress')]: content.to,
      [field('subject')]: content.subject,
      [field('content')]: content.html,
    };
    const url = providerUrl(provider.endpoint);
    const headers = provider.httpHeaders;
    if (method === 'GET') {
      for (const [name, value] of Object.entries(fields)) url.searchParams.append(name, value);
      return { url: url.toString(), method, headers };
    }
    const json = provider.issuerUrl.trim().toLowerCase() === 'application/json';
    return {
      url: url.toString(),
      method,
      headers,
      body: json
        ? { contentType: 'application/json', content: JSON.stringify(fields) }
        : { contentType: 'application/x-www-form-urlencoded', content: new URLSearchParams(fields).toString() },
    };
  }
  const password = context.secrets.open(provider.clientSecret);
  const smtp = smtpSettingsOf(provider, password);
  if (!smtp.host) throw new ApiError('service.smtp_host_required');
  return {
    url: `smtp://${smtp.host}:${smtp.port}`,
    method: 'SMTP',
    smtp,
    mail: { fromAddress, fromName, to: content.to, subject: content.subject, html: content.html, text: content.text },
  };
}

/**
 * The outbound message that sends a code by text message: Twilio's Messages API (`clientId` the
 * account SID, `clientSecret` the auth token, `appId` the sender number, `templateCode` with `%s`
 * for the code, else `text`), or Casdoor's `Custom HTTP SMS` request (the code as its content).
 */
export function smsMessage(
  context: AppContext,
  provider: Provider,
  phone: string,
  code: string,
  text: string,
): OutboundMessage {
  checkSendable(provider);
  if (provider.type === TWILIO) {
    const url = providerUrl(
      joinUrl(provider.endpoint || TWILIO_BASE, `/2010-04-01/Accounts/${encodeURIComponent(provider.clientId)}/Messages.json`),
    );
    const credentials = Buffer.from(`${provider.clientId}:${context.secrets.open(provider.clientSecret)}`).toString(
      'base64',
    );
    const body = provider.templateCode.includes('%s') ? provider.templateCode.replace('%s', code) : text;
    return {
      url: url.toString(),
      method: 'POST',
      headers: { authorization: `Basic ${credentials}` },
      body: {
        contentType: 'application/x-www-form-urlencoded',
        content: new URLSearchParams({ To: phone, From: provider.appId, Body: body }).toString(),
      },
    };
  }
  const call = customHttpSmsCall(provider, phone, code);
  // The gateway's body is always text here (a form or JSON).
  const body = call.body ? { contentType: call.body.contentType, content: String(call.body.content) } : undefined;
  return { url: call.url, method: call.method, headers: call.headers, body };
}
