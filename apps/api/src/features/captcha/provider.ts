import { findProvidersNamed } from '@latchkey/db';
import type { Application, Provider } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';

/** When an application's Captcha provider asks for a captcha (Casdoor's rules of a provider item). */
export type CaptchaRule = 'None' | 'Always' | 'Dynamic' | 'Internet-Only';

export interface ApplicationCaptcha {
  provider: Provider;
  rule: CaptchaRule;
}

/** The provider types whose answers Latchkey checks: its own image captcha and four services. */
export const DEFAULT_CAPTCHA = 'Default';
export const EXTERNAL_CAPTCHA_TYPES = [
  'reCAPTCHA',
  'reCAPTCHA v2',
  'reCAPTCHA v3',
  'hCaptcha',
  'Cloudflare Turnstile',
] as const;

export const isSupportedCaptchaType = (type: string) =>
  type === DEFAULT_CAPTCHA || (EXTERNAL_CAPTCHA_TYPES as readonly string[]).includes(type);

const RULES = new Set<string>(['Always', 'Dynamic', 'Internet-Only']);

/**
 * The Captcha provider of an application, as Casdoor finds it: the first item of its providers
 * whose provider (its organization's, or a global one) is of category Captcha, with the item's
 * rule; "None", an empty rule or an unknown one asks for nothing.
 */
export async function applicationCaptcha(
  context: AppContext,
  application: Application,
): Promise<ApplicationCaptcha | undefined> {
  for (const item of application.providers) {
    if (!item.name) continue;
    const candidates = await findProvidersNamed(context.db, item.name, application.organization);
    const provider =
      candidates.find((candidate) => candidate.owner === (item.owner || application.organization)) ??
      (item.owner ? undefined : candidates[0]);
    if (provider?.category !== 'Captcha') continue;
    return { provider, rule: RULES.has(item.rule) ? (item.rule as CaptchaRule) : 'None' };
  }
  return undefined;
}
