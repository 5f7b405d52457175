import { findOrganization, findUser } from '@latchkey/db';
import type { Application } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { lockoutPolicyFor } from '../../core/identity/password-signin.ts';
import { classifyAddress } from '../../jobs/outbound/address-guard.ts';
import { type ApplicationCaptcha, applicationCaptcha, DEFAULT_CAPTCHA } from './provider.ts';
import { type CaptchaAnswer, verifyCaptchaAnswer } from './verify.ts';

export type { CaptchaAnswer } from './verify.ts';

/** What decides whether a request must solve a captcha, and the answer it brings. */
export interface CaptchaCheck {
  /** The application the request goes through. */
  application: Application;
  /** The organization whose user is named; the application's when not given. */
  organization?: string;
  /** The user the request is about (a sign-in's username), if known: the Dynamic rule counts their failures. */
  username?: string;
  clientIp: string;
  answer: CaptchaAnswer;
}

/**
 * Wrong passwords after which the Dynamic rule asks for a captcha: half the failed sign-in limit
 * (rounded up), so that a captcha comes before the lockout rather than with it.
 */
export const dynamicThreshold = (failedSigninLimit: number) => Math.max(1, Math.ceil(failedSigninLimit / 2));

/** Whether a request must solve the application's captcha, by its provider item's rule. */
async function captchaDue(context: AppContext, captcha: ApplicationCaptcha, check: CaptchaCheck): Promise<boolean> {
  switch (captcha.rule) {
    case 'Always':
      return true;
    case 'Internet-Only':
      return classifyAddress(check.clientIp) === 'public';
    case 'Dynamic': {
      if (!check.username) return false;
      const organization = check.organization || check.application.organization;
      const user = await findUser(context.db, organization, check.username);
      if (!user) return false;
      const organizationRow = await findOrganization(context.db, organization);
      const policy = await lockoutPolicyFor(context, user, organizationRow, check.application);
      return user.signinWrongTimes >= dynamicThreshold(policy.limit);
    }
    default:
      return false;
  }
}

/**
 * Refuses a request that must solve a captcha and has not: the application's Captcha provider
 * (the first provider of that category in its providers) decides by its rule — Always, Dynamic
 * (the user has had half the failed sign-in limit of wrong passwords), Internet-Only (the client is
 * on a public address) or None. Without a captcha answer the error is `captcha.required`; a wrong
 * answer is `captcha.wrong` (image) or `captcha.not_human` (a service). An image answer is used up
 * by the check. Used by /api/login; other routes that send codes call it the same way.
 */
export async function requireCaptcha(context: AppContext, check: CaptchaCheck): Promise<void> {
  const captcha = await applicationCaptcha(context, check.application);
  if (!captcha || !(await captchaDue(context, captcha, check))) return;
  if (!check.answer.captchaToken) throw new ApiError('captcha.required');
  if (!(await verifyCaptchaAnswer(context, captcha.provider, check.answer, check.clientIp)))
    throw new ApiError(captcha.provider.type === DEFAULT_CAPTCHA ? 'captcha.wrong' : 'captcha.not_human');
}
