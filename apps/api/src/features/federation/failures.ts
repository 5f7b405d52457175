import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { RateLimitedError } from '../../http/rate-limit/rate-limited-error.ts';
import { NoSendingSlotError } from '../../jobs/outbound/sending-slot.ts';
import { UpstreamError } from './upstream-model.ts';

/**
 * What the person is told when a provider fails: a sentence in their language naming the provider,
 * never the provider's own answer, which goes to the log (with the provider's id, no secret).
 */
export function providerFailure(context: AppContext, provider: Provider, error: unknown): Error {
  if (error instanceof ApiError) return error;
  if (error instanceof NoSendingSlotError) return new RateLimitedError(1);
  const reason = error instanceof UpstreamError ? error.reason : 'provider_unreachable';
  context.log.warn('sign-in at a provider failed', {
    provider: `${provider.owner}/${provider.name}`,
    type: provider.type,
    reason,
    error: redacted(errorMessage(error), context, provider).slice(0, 300),
  });
  return new ApiError(`federation.${reason}`, { provider: provider.displayName || provider.name });
}

/** The message without the provider's secrets, should an answer have echoed one. */
function redacted(text: string, context: AppContext, provider: Provider): string {
  let out = text;
  for (const sealed of [provider.clientSecret, provider.clientSecret2]) {
    const secret = sealed ? context.secrets.open(sealed) : '';
    if (secret) out = out.split(secret).join('***');
  }
  return out;
}
