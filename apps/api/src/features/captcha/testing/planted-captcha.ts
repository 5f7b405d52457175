import { randomBytes } from 'node:crypto';
import { insertCaptchaChallenge } from '@latchkey/db';
import type { AppContext } from '../../../core/context.ts';
import { nowSeconds } from '../../../core/context.ts';
import { CAPTCHA_LIFETIME_SECONDS, hashAnswer } from '../image.ts';

/** An image captcha of a provider whose answer the test knows (the real ones are random); answers its captchaId. */
export async function plantImageCaptcha(context: AppContext, providerId: string, answer: string): Promise<string> {
  const captchaId = randomBytes(16).toString('base64url');
  await insertCaptchaChallenge(context.db, {
    id: captchaId,
    answerHash: hashAnswer(answer),
    provider: providerId,
    expiresAt: nowSeconds(context) + CAPTCHA_LIFETIME_SECONDS,
  });
  return captchaId;
}
