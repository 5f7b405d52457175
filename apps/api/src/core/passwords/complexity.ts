import type { MessageKey } from '@latchkey/i18n';
import { ApiError } from '../errors/api-error.ts';

/** The longest password accepted anywhere (hashing cost stays bounded). */
export const MAX_PASSWORD_LENGTH = 1024;

const rules: Record<string, { key: MessageKey; ok: (password: string) => boolean }> = {
  AtLeast6: { key: 'auth.password_too_short_6', ok: (password) => password.length >= 6 },
  AtLeast8: { key: 'auth.password_too_short_8', ok: (password) => password.length >= 8 },
  Aa123: {
    key: 'auth.password_needs_mixed_case_and_digit',
    ok: (password) => /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password),
  },
  SpecialChar: { key: 'auth.password_needs_special_character', ok: (password) => /[!-/:-@[-`{-~]/.test(password) },
  NoRepeat: { key: 'auth.password_has_repeated_characters', ok: (password) => !/(.)\1/su.test(password) },
};

/** Casdoor's password rules, the values an organization's `passwordOptions` may hold. */
export const knownPasswordOptions: readonly string[] = Object.keys(rules);

/**
 * The first rule of the organization's `passwordOptions` (Casdoor's AtLeast6, AtLeast8, Aa123,
 * SpecialChar, NoRepeat) that a new password breaks, as a message id; undefined when it is fine.
 * Empty passwords, blanks and overlong passwords are always refused.
 */
export function passwordComplexityProblem(password: string, options: readonly string[]): MessageKey | undefined {
  if (password === '') return 'auth.password_empty';
  if (/\s/.test(password)) return 'auth.password_has_blank';
  if (password.length > MAX_PASSWORD_LENGTH) return 'auth.password_too_long';
  for (const option of options) {
    const rule = rules[option];
    if (rule && !rule.ok(password)) return rule.key;
  }
  return undefined;
}

/**
 * Refuses a new password that breaks the organization's rules, naming the request field it came in
 * (`password`, `newPassword`) in the envelope's data, so that a form shows the message at that field.
 */
export function checkPasswordComplexity(password: string, options: readonly string[], field: string): void {
  const problem = passwordComplexityProblem(password, options);
  if (problem) throw new ApiError(problem, undefined, { field });
}
