import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import { exchange, formBody } from '../../jobs/outbound/http-send.ts';
import { NoSendingSlotError, withSendingSlot } from '../../jobs/outbound/sending-slot.ts';

/** Where each service's answers are checked (the server's configuration, never the provider's). */
function verifyUrlOf(context: AppContext, type: string): string {
  if (type === 'hCaptcha') return context.config.hcaptchaVerifyUrl;
  if (type === 'Cloudflare Turnstile') return context.config.turnstileVerifyUrl;
  return context.config.recaptchaVerifyUrl;
}

/** The part of a siteverify answer that is read (reCAPTCHA, hCaptcha and Turnstile answer alike). */
interface SiteverifyAnswer {
  success?: unknown;
  'error-codes'?: unknown;
}

/**
 * Asks a captcha service whether a token is a person's answer (the siteverify call of reCAPTCHA
 * v2 and v3, hCaptcha and Cloudflare Turnstile: a form of secret, response and remoteip; a JSON
 * answer with success). The call goes out as every outbound call does: in one of the organization's
 * outbound slots, within the outbound deadline and answer size, to a public address unless private
 * ones are allowed. A service that cannot be asked is an error, not a "no".
 */
export async function askCaptchaService(
  context: AppContext,
  provider: Provider,
  token: string,
  clientIp: string,
): Promise<boolean> {
  const secret = context.secrets.open(provider.clientSecret);
  const form: Record<string, string> = { secret, response: token };
  if (clientIp) form.remoteip = clientIp;
  const url = verifyUrlOf(context, provider.type);
  let answer: SiteverifyAnswer;
  try {
    const response = await withSendingSlot(context, provider.owner, (limits) =>
      exchange({ url, method: 'POST', body: formBody(form), keepBody: true, ...limits }),
    );
    if (response.status < 200 || response.status > 299) throw new Error(`status ${response.status}`);
    answer = JSON.parse(response.body?.toString('utf8') ?? '') as SiteverifyAnswer;
  } catch (error) {
    if (error instanceof NoSendingSlotError) throw new ApiError('captcha.service_failed');
    context.log.warn('captcha service not reached', {
      provider: `${provider.owner}/${provider.name}`,
      type: provider.type,
      error: (secret ? errorMessage(error).split(secret).join('[REDACTED]') : errorMessage(error)).slice(0, 300),
    });
    throw new ApiError('captcha.service_failed');
  }
  return answer?.success === true;
}
