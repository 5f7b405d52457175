import type { AppContext } from '../../core/context.ts';
import { CALLBACK_PATH } from './signin-state.ts';

/** The parameters of a provider's answer the callback page reads; anything else posted (Apple's `user`) is dropped. */
const passedOn = ['code', 'state', 'iss', 'error'] as const;
const MAX_PARAMETER_LENGTH = 4096;

/**
 * Where a provider's POSTed answer (`response_mode=form_post`, Apple) goes: the console's callback
 * page, with the same parameters in its query, so that the sign-in continues exactly as after a
 * redirect. Nothing is checked or taken here: the `state` is bound to the browser by a SameSite=Lax
 * cookie, which a cross-site POST does not carry but the top-level GET this answer leads to does,
 * and the callback page's POST /api/login checks it there.
 */
export function formPostCallbackLocation(context: AppContext, form: Record<string, unknown>): string {
  const url = new URL(`${context.config.origin}${CALLBACK_PATH}`);
  for (const name of passedOn) {
    const value = form[name];
    if (typeof value === 'string' && value !== '' && value.length <= MAX_PARAMETER_LENGTH)
      url.searchParams.set(name, value);
  }
  return url.toString();
}
