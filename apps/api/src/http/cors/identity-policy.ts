import type { Identity } from '../../core/identity/identity.ts';
import type { AskIdentity } from '../request-state.ts';
import type { CorsDecision } from './cors-policy.ts';

/**
 * Whether a page at an origin that only some organizations' applications registered may call the API
 * as this caller: a user or an application of one of those organizations, or nobody at all (no
 * credential, nothing of anyone's to act with). Anyone else — the global administrator, `built-in`
 * users, another organization's users — is refused there, so an organization administrator who adds
 * a redirect URI opens the API to that page for their own organization only.
 */
export function mayActFromOrigin(identity: Identity, organizations: ReadonlySet<string>): boolean {
  return identity.kind === 'anonymous' || organizations.has(identity.organization);
}

/**
 * The final CORS treatment of a request whose origin is trusted on behalf of some organizations, once
 * its callers are known: credentials when every one is of that organization; on an endpoint open to
 * every origin, the open treatment (no credentials) otherwise; else refused. The callers are the
 * identity the request resolves to and, when that came from another credential, the user of the
 * session cookie the browser sent along (some routes, such as the authorization endpoint's single
 * sign-on, use the session as well): a token in the query must not carry someone else's cookie in.
 */
export function decideForIdentity(pending: AskIdentity, callers: readonly Identity[]): CorsDecision {
  if (callers.every((caller) => mayActFromOrigin(caller, pending.organizations)))
    return { kind: 'allow', origin: pending.origin, credentials: true };
  if (pending.anyOrigin) return { kind: 'allow', origin: pending.origin, credentials: false };
  return { kind: 'refuse', reason: 'not_allowed' };
}
