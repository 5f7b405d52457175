/** The endpoints of an OpenID Provider metadata document that a quick start lists, in the order it lists them. */
export const endpointKeys = [
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'end_session_endpoint',
  'introspection_endpoint',
  'revocation_endpoint',
  'device_authorization_endpoint',
] as const;

export type EndpointKey = (typeof endpointKeys)[number];

export type Endpoints = Partial<Record<EndpointKey, string>>;

/** An application's discovery document as the quick start shows it, or why it could not be read. */
export type Discovery = { ok: true; url: string; endpoints: Endpoints } | { ok: false; url: string; message: string };
