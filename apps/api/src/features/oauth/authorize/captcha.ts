import type { Application } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { classifyAddress } from '../../../jobs/outbound/address-guard.ts';
import { makeImageCaptcha } from '../../captcha/image.ts';
import { applicationCaptcha, DEFAULT_CAPTCHA } from '../../captcha/provider.ts';

/**
 * The image captcha the sign-in page shows with the password: when the application's rule asks for
 * it on every sign-in (Always, or Internet-Only from a public address), or when the last try was
 * refused for the captcha (`asked`: the Dynamic rule, after repeated failed sign-ins). Only the
 * Default (image) captcha can be shown by a page without scripts; undefined otherwise.
 */
export async function signInCaptcha(
  context: AppContext,
  application: Application,
  clientIp: string,
  asked: boolean,
): Promise<{ id: string; image: string } | undefined> {
  const captcha = await applicationCaptcha(context, application);
  if (!captcha || captcha.rule === 'None' || captcha.provider.type !== DEFAULT_CAPTCHA) return undefined;
  const due =
    asked || captcha.rule === 'Always' || (captcha.rule === 'Internet-Only' && classifyAddress(clientIp) === 'public');
  if (!due) return undefined;
  const made = await makeImageCaptcha(context, captcha.provider);
  return { id: made.captchaId, image: made.captchaImage };
}
