import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { SignedInIdentity } from '../../core/identity/identity.ts';
import { RefusedAddressError } from '../../jobs/outbound/address-guard.ts';
import {
  InvalidCallbackUrlError,
  OutboundDeadlineError,
  type OutboundRequest,
  sendRequest,
} from '../../jobs/outbound/http-send.ts';
import { providerForCaller } from '../integrations/caller-provider.ts';
import { BATCH_DEADLINES, countMessages, inSendingSlot } from './allowance.ts';
import { contentOf, phoneReceiversOf } from './message-input.ts';

/** The one SMS provider type Latchkey sends with: a request to a gateway the administrator describes. */
export const CUSTOM_HTTP_SMS = 'Custom HTTP SMS';

export interface SmsRequest {
  content?: unknown;
  receivers?: unknown;
  /** A provider name (from the query). */
  provider?: string;
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

/** A failed call as a message for the caller; the details go to the log. */
function failed(context: AppContext, provider: Provider, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  context.log.warn('sms not sent', {
    provider: `${provider.owner}/${provider.name}`,
    error: errorMessage(error).slice(0, 300),
  });
  if (error instanceof RefusedAddressError) return new ApiError('service.address_refused');
  if (error instanceof OutboundDeadlineError) return new ApiError('service.delivery_timeout');
  if (error instanceof InvalidCallbackUrlError) return new ApiError('service.provider_request_invalid');
  return new ApiError('service.connection_failed');
}

/**
 * POST /api/send-sms: the content to each receiver through the caller's SMS provider, as Casdoor's
 * SDKs send it ({content, receivers}). Only "Custom HTTP SMS" providers are served; the call goes
 * through the outbound guards (public addresses only unless allowed, one deadline, a capped
 * answer, the organization's slots), and anything but a 2xx answer is an error.
 */
export async function sendSms(context: AppContext, identity: SignedInIdentity, request: SmsRequest): Promise<void> {
  const provider = await providerForCaller(context, identity, 'SMS', request.provider);
  if (!provider) throw new ApiError('service.no_provider', { category: 'SMS' });
  if (provider.type !== CUSTOM_HTTP_SMS) throw new ApiError('service.sms_type_not_supported', { type: provider.type });
  const content = contentOf(request.content);
  const receivers = phoneReceiversOf(request.receivers);
  const calls = receivers.map((receiver) => customHttpSmsCall(provider, receiver, content));
  await countMessages(context, identity.organization, receivers.length);
  await inSendingSlot(context, identity.organization, async (limits) => {
    // A gateway that answers slowly holds a request no longer than a few calls' time, however many receivers.
    const batchEnds = performance.now() + BATCH_DEADLINES * limits.timeoutMs;
    for (const call of calls) {
      if (performance.now() > batchEnds) throw new ApiError('service.delivery_timeout');
      const status = await sendRequest({ ...call, ...limits }).catch((error) => {
        throw failed(context, provider, error);
      });
      if (status < 200 || status > 299) throw new ApiError('service.sms_send_failed', { status });
    }
  });
}
