import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { OutboundMessage } from '../../jobs/outbound/delivery-store.ts';
import { OUTBOUND_METHODS, type OutboundMethod, type OutboundRequest } from '../../jobs/outbound/http-send.ts';
import { smtpSettingsOf } from '../../jobs/outbound/smtp-send.ts';

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

/** Checks that Latchkey can send with a provider (of a type it knows) before anything is written. */
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
            ...(content.text ? [{ type: 'text/plain', value: content.text }] : []),
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
      joinUrl(
        provider.endpoint || TWILIO_BASE,
        `/2010-04-01/Accounts/${encodeURIComponent(provider.clientId)}/Messages.json`,
      ),
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

type Call = Omit<OutboundRequest, 'timeoutMs' | 'maxResponseBytes' | 'allowPrivate'>;

/**
 * The request Casdoor's "Custom HTTP SMS" provider makes for one phone number: `endpoint` with
 * `{mobile}` and `{code}` filled in (URL-encoded here), the `method`, the `httpHeaders`, and the
 * phone number and the text (the `templateCode` with `%s` replaced by the content) as fields named
 * `phoneNumber` and `title` (or as `userMapping` renames them), in a JSON body when `issuerUrl` is
 * `application/json`, a form body otherwise, or the query of a GET.
 */
export function customHttpSmsCall(provider: Provider, phoneNumber: string, content: string): Call {
  const method = (provider.method || 'POST').toUpperCase();
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT' && method !== 'DELETE')
    throw new ApiError('service.sms_method_invalid', { method: provider.method.slice(0, 20) });
  const template = provider.templateCode || '%s';
  const text = template.includes('%s') ? template.replace('%s', content) : template;
  const phoneField = provider.userMapping.phoneNumber || 'phoneNumber';
  const contentField = provider.title || provider.userMapping.content || 'content';
  const placeholders = /\{mobile\}|\{code\}/.test(provider.endpoint);
  const endpoint = provider.endpoint
    .trim()
    .replaceAll('{mobile}', encodeURIComponent(phoneNumber))
    .replaceAll('{code}', encodeURIComponent(content));
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ApiError('service.provider_endpoint_invalid');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    throw new ApiError('service.provider_endpoint_invalid');
  const fields = { [phoneField]: phoneNumber, [contentField]: text };
  const headers = provider.httpHeaders;
  if (method === 'GET') {
    if (!placeholders) for (const [name, value] of Object.entries(fields)) url.searchParams.append(name, value);
    return { url: url.toString(), method, headers };
  }
  const json = provider.issuerUrl.trim().toLowerCase() === 'application/json';
  const body = json
    ? { contentType: 'application/json', content: JSON.stringify(fields) }
    : { contentType: 'application/x-www-form-urlencoded', content: new URLSearchParams(fields).toString() };
  return { url: url.toString(), method, headers, body };
}
