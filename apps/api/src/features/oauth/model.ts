import { type Static, Type as T } from '@sinclair/typebox';

/**
 * The parameters and answers of the OAuth endpoints. The endpoints read their parameters themselves
 * (from the query, a form or a JSON body, refusing repeats), so these schemas describe them in the
 * API reference rather than validate them.
 */

const text = (description: string, example?: string) =>
  T.Optional(T.String({ description, ...(example ? { examples: [example] } : {}) }));

const ClientCredentialsInBody = {
  client_id: text('The client ID, when not sent with HTTP Basic (or for a public client)', '3b4a6c2d91e84f0a7c15'),
  client_secret: text('The client secret, when not sent with HTTP Basic'),
};

export const TokenRequest = T.Object({
  grant_type: T.String({
    description: 'authorization_code, refresh_token, client_credentials or password',
    examples: ['authorization_code'],
  }),
  code: text('authorization_code: the code from the redirect', 'Sx2LxT6kz0hQbq3Q'),
  redirect_uri: text(
    'authorization_code: the redirect URI of the authorization request',
    'https://app.example.com/callback',
  ),
  code_verifier: text('authorization_code: the PKCE verifier (S256)', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
  refresh_token: text('refresh_token: the refresh token'),
  username: text('password: the user name'),
  password: text('password: the password'),
  scope: text('Scopes, space-separated (client_credentials, password, or a narrower refresh)', 'openid profile email'),
  ...ClientCredentialsInBody,
});

export const TokenResponse = T.Object({
  access_token: T.String({
    examples: ['eyJhbGciOiJSUzI1NiIsImtpZCI6ImNlcnQtYnVpbHQtaW4ifQ.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'],
  }),
  id_token: T.Optional(
    T.String({
      description: 'With the openid scope',
      examples: ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl'],
    }),
  ),
  refresh_token: T.Optional(
    T.String({
      description: 'When the application may use the refresh_token grant',
      examples: ['v1.Mr5kA8mN3pQwZ0xY7tR2uV9bC4dE6fG1'],
    }),
  ),
  token_type: T.Literal('Bearer'),
  expires_in: T.Integer({ description: 'Seconds until the access token expires', examples: [3600] }),
  scope: T.String({ examples: ['openid profile email'] }),
});
export type TokenResponse = Static<typeof TokenResponse>;

export const RefreshRequest = T.Object({
  grant_type: text('refresh_token, or left out'),
  refresh_token: T.String({ description: 'The refresh token' }),
  scope: text('A narrower scope'),
  ...ClientCredentialsInBody,
});

export const TokenByValueRequest = T.Object({
  token: T.String({ description: 'An access token or refresh token' }),
  token_type_hint: text('access_token or refresh_token', 'access_token'),
  ...ClientCredentialsInBody,
});

export const IntrospectionResponse = T.Object(
  {
    active: T.Boolean({ examples: [true] }),
    scope: T.Optional(T.String({ examples: ['openid profile'] })),
    client_id: T.Optional(T.String()),
    username: T.Optional(T.String()),
    token_type: T.Optional(T.String({ examples: ['Bearer'] })),
    exp: T.Optional(T.Integer()),
    iat: T.Optional(T.Integer()),
    nbf: T.Optional(T.Integer()),
    sub: T.Optional(T.String()),
    aud: T.Optional(T.Union([T.String(), T.Array(T.String())])),
    iss: T.Optional(T.String()),
  },
  {
    additionalProperties: true,
    description: 'RFC 7662; an unknown, expired or revoked token is just {"active": false}',
  },
);

export const UserInfoRequest = T.Object({
  access_token: text('The access token, when not in the Authorization header'),
});

export const UserInfoClaims = T.Object(
  {
    sub: T.String({ examples: ['9f2c3e0a-5b1d-4c7e-8a66-0d4f2b7c1e93'] }),
    iss: T.String({ examples: ['https://id.example.com'] }),
    aud: T.String({ description: "The application's client ID", examples: ['3b4a6c2d91e84f0a7c15'] }),
    preferred_username: T.Optional(T.String({ examples: ['alice'] })),
    name: T.Optional(T.String({ examples: ['Alice Liddell'] })),
    email: T.Optional(T.String({ examples: ['alice@example.com'] })),
    email_verified: T.Optional(T.Boolean()),
    groups: T.Optional(T.Array(T.String(), { description: "With profile: the user's groups" })),
    roles: T.Optional(
      T.Array(T.String(), {
        description: "With profile: the names of the user's roles (absent when none)",
        examples: [['editor']],
      }),
    ),
    permissions: T.Optional(
      T.Array(T.String(), {
        description: 'With profile: the names of the permissions that reach the user (absent when none)',
        examples: [['read-docs']],
      }),
    ),
  },
  {
    additionalProperties: true,
    description: 'OpenID Connect standard claims, by scope (profile, email, address, phone)',
  },
);

export const LaravelUser = T.Object({
  id: T.String(),
  name: T.String(),
  email: T.String(),
  email_verified_at: T.String(),
  created_at: T.String(),
  updated_at: T.String(),
});

export const AuthorizationQuery = T.Object({
  client_id: T.String({ description: "The application's client ID", examples: ['3b4a6c2d91e84f0a7c15'] }),
  response_type: T.String({ description: 'code', examples: ['code'] }),
  redirect_uri: T.String({
    description: 'One of the application’s redirect URIs, exactly',
    examples: ['https://app.example.com/callback'],
  }),
  scope: text('Space-separated scopes', 'openid profile email'),
  state: text('Returned with the code', 'af0ifjsldkj'),
  nonce: text('Put into the ID token', 'n-0S6_WzA2Mj'),
  code_challenge: text(
    'PKCE challenge (S256); required for public clients',
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  ),
  code_challenge_method: text('S256', 'S256'),
  response_mode: text('query (the default) or form_post'),
  prompt: text('none, login or consent'),
  max_age: text('Seconds since the last sign-in after which the user signs in again'),
  login_hint: text('A user name to fill in'),
  acr_values: text(
    'Authentication context classes asked for, in order of preference: urn:latchkey:acr:mfa asks for a second factor (a signed-in user steps up)',
    'urn:latchkey:acr:mfa',
  ),
});

/** The fields of the sign-in form that GET renders and POST reads back. */
export const AuthorizationForm = T.Composite([
  AuthorizationQuery,
  T.Object({
    csrf: T.String({ description: 'The token of the rendered form (with its cookie)' }),
    action: T.String({
      description:
        'signin (with username and password), continue (as the signed-in user) or mfa (the second factor of a sign-in that waits for it)',
      examples: ['signin'],
    }),
    username: text('The user name', 'alice'),
    password: text('The password'),
    organization: text('The organization, when the application lets the user choose'),
    passcode: text('action mfa: the code of the authenticator app (also the first code of a new one being set up)'),
    mfaType: text('action mfa: the second factor the passcode is for', 'app'),
    recoveryCode: text('action mfa: a recovery code, instead of a passcode'),
    captchaId: text("action signin: the image captcha the page showed, when the application's rule asks for one"),
    captchaToken: text('action signin: the characters of that captcha'),
  }),
]);

export const LogoutParameters = T.Object(
  {
    id_token_hint: text('An ID token (or access token) of the session to end'),
    post_logout_redirect_uri: text('Where to send the browser afterwards: one of the application’s redirect URIs'),
    state: text('Returned with the redirect'),
  },
  { additionalProperties: true },
);

/** The authorization request as Casdoor's sign-in page sends it (camelCase; PKCE keeps its own names). */
export const SpaAuthorizationQuery = T.Object({
  clientId: text("The application's client ID", '3b4a6c2d91e84f0a7c15'),
  responseType: text('code', 'code'),
  redirectUri: text('One of the application’s redirect URIs', 'https://app.example.com/callback'),
  scope: text('Space-separated scopes', 'openid profile email'),
  state: text('Returned with the code', 'af0ifjsldkj'),
  nonce: text('Put into the ID token'),
  code_challenge: text('PKCE challenge (S256)'),
  code_challenge_method: text('S256'),
  type: text('code (the default): the request is for an authorization code', 'code'),
});
