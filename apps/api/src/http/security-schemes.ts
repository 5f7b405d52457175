import type { OpenAPIV3_1 } from 'openapi-types';
import type { Audience } from '../core/identity/privileges.ts';

/**
 * How a caller proves who they are, as OpenAPI security schemes: every credential
 * `identity/resolve.ts` reads, in its order. The auth macros (`plugins/auth.ts`) put the
 * requirements of their audience on each route, so that the document says per route what works.
 */
export const securitySchemes = {
  accessToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'An access token from the token endpoint, in `Authorization: Bearer`. A user’s token acts as that user, a client-credentials token as its application.',
  },
  accessTokenQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'access_token',
    description:
      'The same access token in the query (`access_token`, or `accessToken`). Query strings end up in logs of proxies: prefer the header.',
  },
  clientSecretBasic: {
    type: 'http',
    scheme: 'basic',
    description:
      'An application’s client ID as the user name and its client secret as the password. The application acts as an administrator of its own organization (of every organization for an application of `built-in`).',
  },
  clientId: {
    type: 'apiKey',
    in: 'query',
    name: 'clientId',
    description: 'An application’s client ID, with `clientSecret`.',
  },
  clientSecret: {
    type: 'apiKey',
    in: 'query',
    name: 'clientSecret',
    description: 'The application’s client secret, with `clientId`.',
  },
  accessKey: {
    type: 'apiKey',
    in: 'query',
    name: 'accessKey',
    description: 'An access key (of a user, or a key object), with `accessSecret`.',
  },
  accessSecret: {
    type: 'apiKey',
    in: 'query',
    name: 'accessSecret',
    description: 'The secret of the access key, with `accessKey`.',
  },
  username: {
    type: 'apiKey',
    in: 'query',
    name: 'username',
    description: 'A user as `organization/name`, with `password`. Not read on requests that carry `grant_type`.',
  },
  password: { type: 'apiKey', in: 'query', name: 'password', description: 'The user’s password, with `username`.' },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'casdoor_session_id',
    description:
      'The session cookie set by `POST /api/login` (and by the sign-in page). A cookie that is no longer valid makes the request anonymous.',
  },
} satisfies Record<string, OpenAPIV3_1.SecuritySchemeObject>;

export type SecuritySchemeName = keyof typeof securitySchemes;
export type SecurityRequirement = Partial<Record<SecuritySchemeName, string[]>>;

/** Credentials that stand for a user (a token or key may also stand for an application; a user-only route refuses that). */
const userCredentials: SecurityRequirement[] = [
  { accessToken: [] },
  { accessTokenQuery: [] },
  { accessKey: [], accessSecret: [] },
  { username: [], password: [] },
  { session: [] },
];
/** Credentials of an application. */
export const clientCredentials: SecurityRequirement[] = [{ clientSecretBasic: [] }, { clientId: [], clientSecret: [] }];

export type { Audience };

const everyCredential = [userCredentials[0]!, userCredentials[1]!, ...clientCredentials, ...userCredentials.slice(2)];

/** The security requirements of a route with this audience (`{}` first: no credentials needed). */
export function securityOf(audience: Audience): SecurityRequirement[] {
  switch (audience) {
    case 'anyone':
      return [{}, ...everyCredential];
    case 'user':
      return userCredentials;
    case 'signedIn':
    case 'admin':
    case 'globalAdmin':
      return everyCredential;
  }
}

/** Words for the document: who may call a route with this audience. */
export const audienceDescriptions: Record<Audience, string> = {
  anyone: 'Anyone; credentials, when given, must be valid and say who is calling.',
  signedIn: 'A signed-in user or an application.',
  user: 'A signed-in user (not an application).',
  admin:
    'An administrator: of the object’s organization (a user with isAdmin, or an application of that organization), or a global administrator.',
  globalAdmin: 'A global administrator: a user of the organization built-in, or an application of built-in.',
};

/** What the auth macro adds to a route's `detail`. */
export function routeSecurity(audience: Audience): {
  security: SecurityRequirement[];
  'x-latchkey-audience': Audience;
} {
  return { security: securityOf(audience), 'x-latchkey-audience': audience };
}
