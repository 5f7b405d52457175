import { decodeJwt } from 'jose';

/*
 * Microsoft Entra ID's authorities. A tenant's own authority (its id, or one of its domain names)
 * names its issuer `<host>/<tenant id>/v2.0`. The multi-tenant ones (`common`, `organizations`)
 * serve a discovery document whose issuer is a template, `<host>/{tenantid}/v2.0`: each ID token's
 * `iss` is that template with the user's tenant id, which the token also carries as `tid`.
 * https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-the-issuer
 */

export const TENANT_PLACEHOLDER = '{tenantid}';
const MULTI_TENANT = new Set(['common', 'organizations']);
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const authorityParts = (authority: URL) => /^(.*)\/([^/]+)\/v2\.0\/?$/.exec(authority.pathname);

/**
 * The issuer a Microsoft authority's discovery document may name, in the form to compare it in:
 * the template for a multi-tenant authority; for one tenant's, `<tenant id>` in the tenant's place
 * (the same id when it was configured by id; any when by a domain name, which the tenant resolves).
 */
export function acceptedMicrosoftIssuer(authority: URL, advertised: unknown): URL | undefined {
  const parts = authorityParts(authority);
  if (!parts || typeof advertised !== 'string') return undefined;
  const [, prefix, tenant] = parts as unknown as [string, string, string];
  const base = `${authority.origin}${prefix}/`;
  if (!advertised.startsWith(base) || !advertised.endsWith('/v2.0')) return undefined;
  const named = advertised.slice(base.length, -'/v2.0'.length);
  if (MULTI_TENANT.has(tenant.toLowerCase())) return named === TENANT_PLACEHOLDER ? new URL(advertised) : undefined;
  if (!TENANT_ID.test(named)) return undefined;
  if (TENANT_ID.test(tenant) && named.toLowerCase() !== tenant.toLowerCase()) return undefined;
  return new URL(advertised);
}

/** Whether an issuer is a multi-tenant template. */
export const isTenantTemplate = (issuer: string) => issuer.includes(TENANT_PLACEHOLDER);

/**
 * The issuer one ID token must name under a template: the template with the token's `tid` (read
 * before the signature is checked, which then checks `iss` exactly against this, and `tid` again).
 */
export function issuerForToken(template: string, idToken: unknown): { issuer: string; tenant: string } | undefined {
  if (typeof idToken !== 'string') return undefined;
  let tenant: unknown;
  try {
    tenant = decodeJwt(idToken).tid;
  } catch {
    return undefined;
  }
  if (typeof tenant !== 'string' || !TENANT_ID.test(tenant)) return undefined;
  return { issuer: template.replace(TENANT_PLACEHOLDER, tenant), tenant };
}
