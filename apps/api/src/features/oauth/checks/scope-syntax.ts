import { OAuthError } from '../../../core/errors/oauth-error.ts';

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
const scopeToken = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const MAX_SCOPE_LENGTH = 2048;

/** A requested scope, checked against RFC 6749 §3.3 and normalised: single spaces, no repeats. */
export function checkScopeSyntax(scope: string | undefined): string {
  if (!scope) return '';
  if (scope.length > MAX_SCOPE_LENGTH) throw new OAuthError('invalid_scope', 'oauth.scope_malformed');
  const values: string[] = [];
  // Empty pieces are skipped below, so splitting at single spaces is enough when there is no tab.
  for (const value of scope.includes('\t') ? scope.split(/[ \t]+/) : scope.split(' ')) {
    if (!value) continue;
    if (!scopeToken.test(value)) throw new OAuthError('invalid_scope', 'oauth.scope_malformed');
    if (!values.includes(value)) values.push(value);
  }
  return values.join(' ');
}
