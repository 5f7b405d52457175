/** The link relation of an OpenID Connect issuer (OIDC Discovery 1.0 §2). */
export const ISSUER_RELATION = 'http://openid.net/specs/connect/1.0/issuer';

export type WebFingerAnswer =
  | { ok: true; document: { subject: string; links: { rel: string; href: string }[] } }
  | { ok: false; parameter: 'resource'; missing: boolean };

/**
 * A WebFinger answer (RFC 7033) for OpenID issuer discovery: for any resource of the form
 * `scheme:value` (`acct:alice@example.com`, a URL), the issuer link, kept when `rel` asks for it or
 * names no relation. Every account of the server has the same issuer, so the answer does not look
 * the account up: it says nothing about whether it exists.
 */
export function webFinger(issuer: string, resource: string | null, relations: string[]): WebFingerAnswer {
  if (!resource) return { ok: false, parameter: 'resource', missing: true };
  if (resource.length > 2048 || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(resource))
    return { ok: false, parameter: 'resource', missing: false };
  const wanted = relations.length === 0 || relations.includes(ISSUER_RELATION);
  return { ok: true, document: { subject: resource, links: wanted ? [{ rel: ISSUER_RELATION, href: issuer }] : [] } };
}
