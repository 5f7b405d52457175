import { createHash, randomBytes, randomInt } from 'node:crypto';
import { insertCaptchaChallenge, takeCaptchaChallenge } from '@latchkey/db';
import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { nowSeconds } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';

/** Characters of an answer: letters and digits that cannot be mistaken for one another. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ANSWER_LENGTH = 5;
/** The image: fixed size and noise, so that each costs the same (about a millisecond of CPU). */
const IMAGE = { width: 200, height: 80, noise: 2, fontSize: 56 } as const;
/** How long an answer may be given after the image was made. */
export const CAPTCHA_LIFETIME_SECONDS = 300;
/** Images made at once on this server; more wait for none, they are refused (each request makes one). */
const MAX_AT_ONCE = 8;
let making = 0;

/** How an answer is stored: SHA-256 of its trimmed lower-case form. */
export const hashAnswer = (answer: string) => createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');

/** svg-captcha, loaded when the first image is made (it reads its font file then). */
let renderer: Promise<(text: string, options: object) => string> | undefined;
function render(context: AppContext) {
  renderer ??= import('svg-captcha').then(
    (module) => module.default as unknown as (text: string, options: object) => string,
  );
  return renderer.catch((error) => {
    // Its font file could not be read: no image can be made on this server.
    renderer = undefined;
    context.log.error('captcha images cannot be drawn', { error: errorMessage(error).slice(0, 300) });
    throw new ApiError('captcha.service_failed');
  });
}

export interface ImageCaptcha {
  captchaId: string;
  /** data:image/svg+xml;base64,… */
  captchaImage: string;
}

/**
 * Casdoor's Default captcha: an image of five characters (drawn by svg-captcha from an answer of
 * our own, random from crypto), whose answer is kept in the database, hashed, for five minutes, so
 * that any server of the deployment can check it once.
 */
export async function makeImageCaptcha(context: AppContext, provider: Provider): Promise<ImageCaptcha> {
  if (making >= MAX_AT_ONCE) throw new ApiError('captcha.busy');
  making += 1;
  try {
    const answer = Array.from({ length: ANSWER_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    const svg = (await render(context))(answer, { ...IMAGE, color: false, background: '#f4f4f5' });
    const captchaId = randomBytes(16).toString('base64url');
    await insertCaptchaChallenge(context.db, {
      id: captchaId,
      answerHash: hashAnswer(answer),
      provider: `${provider.owner}/${provider.name}`,
      expiresAt: nowSeconds(context) + CAPTCHA_LIFETIME_SECONDS,
    });
    return { captchaId, captchaImage: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  } finally {
    making -= 1;
  }
}

/**
 * Checks an answer to an image captcha of a provider (case does not matter). The captcha is used
 * up by the check, right or wrong: a second answer needs a new image. False for an unknown or
 * expired id, or one made for another provider.
 */
export async function checkImageAnswer(
  context: AppContext,
  provider: Provider,
  captchaId: string,
  answer: string,
): Promise<boolean> {
  if (!captchaId || captchaId.length > 100 || answer.length > 100) return false;
  const challenge = await takeCaptchaChallenge(context.db, captchaId, nowSeconds(context));
  return (
    challenge !== undefined &&
    challenge.provider === `${provider.owner}/${provider.name}` &&
    challenge.answerHash === hashAnswer(answer)
  );
}
