import 'server-only';
import { translate } from '@latchkey/i18n';
import { callApi } from './api';
import { getBrowserLanguage } from './i18n/browser-language';

/** An image captcha to solve before a code is sent or a password checked (the application's rule asks for one). */
export interface ImageCaptcha {
  id: string;
  image: string;
}

/** An application's image captcha (a new one: each is used up by its check), when it has one. */
export async function imageCaptchaOf(application: string): Promise<ImageCaptcha | undefined> {
  const answer = await callApi<{ type: string; captchaId: string; captchaImage: string | null }>(
    'GET',
    '/api/get-captcha',
    { anonymous: true, query: { applicationId: `admin/${application}` } },
  );
  if (!answer.ok || answer.data.type !== 'Default' || !answer.data.captchaImage) return undefined;
  return { id: answer.data.captchaId, image: answer.data.captchaImage };
}

/** Whether the API's refusal is about the captcha (asked for, wrong), in the language the API answered in. */
export async function isCaptchaRefusal(message: string): Promise<boolean> {
  const language = await getBrowserLanguage();
  return (['captcha.required', 'captcha.wrong', 'captcha.not_human'] as const).some(
    (key) => message === translate(language, key),
  );
}
