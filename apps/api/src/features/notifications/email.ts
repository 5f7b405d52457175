import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { SignedInIdentity } from '../../core/identity/identity.ts';
import { RefusedAddressError } from '../../jobs/outbound/address-guard.ts';
import { InvalidCallbackUrlError, OutboundDeadlineError, sendRequest } from '../../jobs/outbound/http-send.ts';
import { checkSmtpServer, sendMail, smtpFailure, smtpSettingsOf } from '../../jobs/outbound/smtp-send.ts';
import { providerForCaller, sendingOrganization } from '../integrations/caller-provider.ts';
import { BATCH_DEADLINES, countMessages, inSendingSlot } from './allowance.ts';
import { contentOf, emailReceiversOf, MAX_SENDER_LENGTH, MAX_TITLE_LENGTH, oneLine } from './message-input.ts';
import { CUSTOM_HTTP_EMAIL, checkSendable, emailMessage, SENDGRID } from './provider-messages.ts';

/** The receiver Casdoor's console sends to test a provider's SMTP server instead of sending mail. */
export const TEST_SMTP_SERVER = 'TestSmtpServer';

/** Email provider types that are web APIs, not SMTP servers (Casdoor sends through SMTP for every other type). */
const API_EMAIL_TYPES = new Set([SENDGRID, CUSTOM_HTTP_EMAIL]);

export interface EmailRequest {
  title?: unknown;
  content?: unknown;
  sender?: unknown;
  receivers?: unknown;
  /** A provider name (the body's, else the query's). */
  provider?: string;
  /** Whose provider it is (Casdoor's console sends the provider's owner with its name). */
  owner?: string;
}

/** The caller's Email provider (named, else their application's), which Latchkey must be able to send with. */
async function emailProviderFor(
  context: AppContext,
  identity: SignedInIdentity,
  name: string | undefined,
  owner: string | undefined,
): Promise<Provider> {
  const provider = await providerForCaller(context, identity, 'Email', name, owner);
  if (!provider) throw new ApiError('service.no_provider', { category: 'Email' });
  checkSendable(provider);
  return provider;
}

/** An SMTP failure, logged with the server's own words (never the password), answered as a translated message. */
function failed(context: AppContext, provider: Provider, error: unknown, password: string): ApiError {
  const failure = smtpFailure(error);
  const detail = password ? errorMessage(error).split(password).join('[REDACTED]') : errorMessage(error);
  context.log.warn('email not sent', {
    provider: `${provider.owner}/${provider.name}`,
    host: provider.host,
    error: detail.slice(0, 300),
  });
  return failure;
}

/**
 * POST /api/send-email: one message to each receiver through the caller's Email provider (an SMTP
 * server), as Casdoor's SDKs send it ({title, content, sender, receivers}). The sender is the name
 * the message comes from (the provider's own `clientSecret2` wins, as in Casdoor); the address is
 * the provider's `clientId2`, else its username. Each receiver counts against the organization's
 * allowance a minute; the messages are sent one after another in one outbound slot.
 */
export async function sendEmail(context: AppContext, identity: SignedInIdentity, request: EmailRequest): Promise<void> {
  const provider = await emailProviderFor(context, identity, request.provider, request.owner);
  const organization = sendingOrganization(identity, provider);
  if (API_EMAIL_TYPES.has(provider.type)) return sendThroughApi(context, organization, provider, request);
  const password = context.secrets.open(provider.clientSecret);
  const settings = smtpSettingsOf(provider, password);
  if (Array.isArray(request.receivers) && request.receivers.length === 1 && request.receivers[0] === TEST_SMTP_SERVER) {
    await countMessages(context, organization, 1);
    await inSendingSlot(context, organization, async (limits) => {
      await checkSmtpServer(settings, limits).catch((error) => {
        throw failed(context, provider, error, password);
      });
    });
    return;
  }
  const title = oneLine(request.title, 'title', MAX_TITLE_LENGTH);
  const sender = oneLine(request.sender, 'sender', MAX_SENDER_LENGTH);
  const content = contentOf(request.content);
  if (!title || !content || !sender) throw new ApiError('service.email_fields_required');
  await sendEmailWith(context, provider, organization, {
    title,
    content,
    sender,
    receivers: emailReceiversOf(request.receivers),
  });
}

/** A message ready to send: checked title, HTML content, sender name and receivers. */
export interface CheckedEmail {
  title: string;
  content: string;
  sender: string;
  receivers: string[];
}

/**
 * Sends one message to each receiver through an Email provider (an SMTP server) for an
 * organization: the sender name is the provider's own `clientSecret2` if set, the address its
 * `clientId2`, else its username. Each receiver counts against the organization's allowance a
 * minute; the messages are sent one after another in one outbound slot.
 */
export async function sendEmailWith(
  context: AppContext,
  provider: Provider,
  organization: string,
  email: CheckedEmail,
): Promise<void> {
  if (API_EMAIL_TYPES.has(provider.type))
    throw new ApiError('service.email_type_not_supported', { type: provider.type });
  const password = context.secrets.open(provider.clientSecret);
  const settings = smtpSettingsOf(provider, password);
  const { title, content, sender, receivers } = email;
  const fromAddress = oneLine(provider.clientId2 || provider.clientId, 'clientId', MAX_SENDER_LENGTH);
  const fromName = oneLine(context.secrets.open(provider.clientSecret2) || sender, 'sender', MAX_SENDER_LENGTH);
  await countMessages(context, organization, receivers.length);
  await inSendingSlot(context, organization, async (limits) => {
    // One server that answers slowly holds a request no longer than a few calls' time, however many receivers.
    const batchEnds = performance.now() + BATCH_DEADLINES * limits.timeoutMs;
    for (const to of receivers) {
      if (performance.now() > batchEnds) throw new ApiError('service.delivery_timeout');
      await sendMail(settings, { fromAddress, fromName, to, subject: title, html: content }, limits).catch((error) => {
        throw failed(context, provider, error, password);
      });
    }
  });
}

/** An email service's failure as a message for the caller; the details go to the log. */
function apiFailed(context: AppContext, provider: Provider, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  context.log.warn('email not sent', {
    provider: `${provider.owner}/${provider.name}`,
    error: errorMessage(error).slice(0, 300),
  });
  if (error instanceof RefusedAddressError) return new ApiError('service.address_refused');
  if (error instanceof OutboundDeadlineError) return new ApiError('service.delivery_timeout');
  if (error instanceof InvalidCallbackUrlError) return new ApiError('service.provider_request_invalid');
  return new ApiError('service.connection_failed');
}

/** send-email through an email web API ("SendGrid", "Custom HTTP Email"): one call per receiver, 2xx only. */
async function sendThroughApi(
  context: AppContext,
  organization: string,
  provider: Provider,
  request: EmailRequest,
): Promise<void> {
  const title = oneLine(request.title, 'title', MAX_TITLE_LENGTH);
  const sender = oneLine(request.sender, 'sender', MAX_SENDER_LENGTH);
  const content = contentOf(request.content);
  if (!title || !content || !sender) throw new ApiError('service.email_fields_required');
  const receivers = emailReceiversOf(request.receivers);
  const calls = receivers.map((to) =>
    emailMessage(context, provider, { fromName: sender, to, subject: title, html: content, text: '' }),
  );
  await countMessages(context, organization, receivers.length);
  await inSendingSlot(context, organization, async (limits) => {
    const batchEnds = performance.now() + BATCH_DEADLINES * limits.timeoutMs;
    for (const call of calls) {
      if (performance.now() > batchEnds) throw new ApiError('service.delivery_timeout');
      if (call.method === 'SMTP' || call.form) throw new ApiError('service.provider_request_invalid');
      const status = await sendRequest({ ...call, ...limits }).catch((error) => {
        throw apiFailed(context, provider, error);
      });
      if (status < 200 || status > 299) throw new ApiError('service.email_api_failed', { status });
    }
  });
}
