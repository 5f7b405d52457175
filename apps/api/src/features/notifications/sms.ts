import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { SignedInIdentity } from '../../core/identity/identity.ts';
import { RefusedAddressError } from '../../jobs/outbound/address-guard.ts';
import { InvalidCallbackUrlError, OutboundDeadlineError, sendRequest } from '../../jobs/outbound/http-send.ts';
import { providerForCaller, sendingOrganization } from '../integrations/caller-provider.ts';
import { BATCH_DEADLINES, countMessages, inSendingSlot } from './allowance.ts';
import { contentOf, phoneReceiversOf } from './message-input.ts';
import { checkSendable, smsMessage } from './provider-messages.ts';

export interface SmsRequest {
  content?: unknown;
  receivers?: unknown;
  /** A provider name (from the query). */
  provider?: string;
  /** Whose provider it is (Casdoor's console sends the provider's owner with its name). */
  owner?: string;
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
 * SDKs send it ({content, receivers}), through "Twilio" or "Custom HTTP SMS" providers; the call goes
 * through the outbound guards (public addresses only unless allowed, one deadline, a capped
 * answer, the organization's slots), and anything but a 2xx answer is an error.
 */
export async function sendSms(context: AppContext, identity: SignedInIdentity, request: SmsRequest): Promise<void> {
  const provider = await providerForCaller(context, identity, 'SMS', request.provider, request.owner);
  if (!provider) throw new ApiError('service.no_provider', { category: 'SMS' });
  checkSendable(provider);
  const content = contentOf(request.content);
  const receivers = phoneReceiversOf(request.receivers);
  const calls = receivers.map((receiver) => smsMessage(context, provider, receiver, content, content));
  const organization = sendingOrganization(identity, provider);
  await countMessages(context, organization, receivers.length);
  await inSendingSlot(context, organization, async (limits) => {
    // A gateway that answers slowly holds a request no longer than a few calls' time, however many receivers.
    const batchEnds = performance.now() + BATCH_DEADLINES * limits.timeoutMs;
    for (const call of calls) {
      if (performance.now() > batchEnds) throw new ApiError('service.delivery_timeout');
      if (call.method === 'SMTP' || call.form) throw new ApiError('service.provider_request_invalid');
      const status = await sendRequest({ ...call, ...limits }).catch((error) => {
        throw failed(context, provider, error);
      });
      if (status < 200 || status > 299) throw new ApiError('service.sms_send_failed', { status });
    }
  });
}
