import type { Identity } from '../identity/identity.ts';
import type { CorsDecision } from './cors-policy.ts';

type AskIdentity = Extract<CorsDecision, { kind: 'ask_identity' }>;

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
 * its caller is known: credentials for that organization's callers; on an endpoint open to every
 * origin, the open treatment (no credentials) for everyone else; otherwise refused.
 */
export function decideForIdentity(pending: AskIdentity, identity: Identity): CorsDecision {
  if (mayActFromOrigin(identity, pending.organizations)) return { kind: 'allow', origin: pending.origin, credentials: true };
  if (pending.anyOrigin) return { kind: 'allow', origin: pending.origin, credentials: false };
  return { kind: 'refuse', reason: 'not_allowed' };
}
