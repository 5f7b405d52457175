import { Type as T } from '@sinclair/typebox';

/** The metadata document (OIDC Discovery 1.0, RFC 8414); the main fields, others as discovery.ts writes them. */
export const DiscoveryDocument = T.Object(
  {
    issuer: T.String({ examples: ['https://id.example.com'] }),
    authorization_endpoint: T.String({ examples: ['https://id.example.com/login/oauth/authorize'] }),
    token_endpoint: T.String({ examples: ['https://id.example.com/api/login/oauth/access_token'] }),
    userinfo_endpoint: T.String({ examples: ['https://id.example.com/api/userinfo'] }),
    jwks_uri: T.String({ examples: ['https://id.example.com/.well-known/jwks'] }),
    response_types_supported: T.Array(T.String(), { examples: [['code']] }),
    grant_types_supported: T.Array(T.String(), {
      examples: [['authorization_code', 'refresh_token', 'client_credentials', 'password']],
    }),
    code_challenge_methods_supported: T.Array(T.String(), { examples: [['S256']] }),
  },
  { additionalProperties: true },
);

export const JsonWebKeySet = T.Object({
  keys: T.Array(
    T.Object(
      {
        kty: T.String({ examples: ['RSA'] }),
        kid: T.String({
          description:
            'The cert name for a global cert owned by admin, else <owner>/<cert name>; the kid of the tokens it signs',
          examples: ['cert-built-in', 'acme/cert-acme'],
        }),
        alg: T.String({ examples: ['RS256'] }),
        use: T.String({ examples: ['sig'] }),
        x5c: T.Array(T.String(), { description: 'The certificate, DER in base64' }),
      },
      { additionalProperties: true },
    ),
  ),
});

export const ApplicationParameter = T.Object({
  application: T.String({ description: 'The application name', examples: ['app-acme'] }),
});

export const WebFingerQuery = T.Object(
  {
    resource: T.Optional(
      T.String({ description: 'The account or URL asked about', examples: ['acct:alice@example.com'] }),
    ),
    rel: T.Optional(
      T.Union([T.String(), T.Array(T.String())], {
        description: 'Link relations wanted (repeatable)',
        examples: ['http://openid.net/specs/connect/1.0/issuer'],
      }),
    ),
  },
  { additionalProperties: true },
);

export const WebFingerDocument = T.Object({
  subject: T.String({ examples: ['acct:alice@example.com'] }),
  links: T.Array(T.Object({ rel: T.String(), href: T.String() })),
});
