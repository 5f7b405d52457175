import { OAuthError } from '../../../core/errors/oauth-error.ts';
import { checkScopeSyntax } from './scope-syntax.ts';

/**
 * The scope of a refreshed token: the original one when none is asked for, else a subset of it
 * (RFC 6749 §6); asking for more is `invalid_scope`.
 */
export function checkScopeWithinGrant(requested: string | undefined, granted: string): string {
  const scope = checkScopeSyntax(requested);
  if (!scope) return granted;
  const allowed = new Set(granted.split(' ').filter(Boolean));
  const extra = scope.split(' ').find((value) => !allowed.has(value));
  if (extra !== undefined) throw new OAuthError('invalid_scope', 'oauth.scope_exceeds_grant', { scope: extra });
  return scope;
}
