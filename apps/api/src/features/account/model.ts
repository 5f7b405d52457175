import { Type as T } from '@sinclair/typebox';

/** Casdoor's AuthForm, the body of POST /api/login (fields Latchkey does not use are ignored). */
export const LoginBody = T.Object({
  application: T.Optional(T.String({ examples: ['app-acme'] })),
  organization: T.Optional(T.String({ examples: ['acme'] })),
  username: T.Optional(T.String({ examples: ['alice'] })),
  password: T.Optional(T.String({ examples: ['correct horse battery staple'] })),
  type: T.Optional(
    T.String({ description: 'login (session cookie) or code (OAuth authorization code)', examples: ['login'] }),
  ),
  autoSignin: T.Optional(T.Boolean()),
  signinMethod: T.Optional(T.String()),
  passcode: T.Optional(
    T.String({ description: 'Second step: the code of the authenticator app', examples: ['123456'] }),
  ),
  mfaType: T.Optional(T.String({ description: 'Second step: the factor of the passcode', examples: ['app'] })),
  recoveryCode: T.Optional(T.String({ description: 'Second step: a recovery code, instead of a passcode' })),
  code: T.Optional(
    T.String({
      description:
        'Sign-in by code: the code sent for login to the email address or phone number in username (no password); sign-in at a provider: the code it sent back to /callback',
    }),
  ),
  countryCode: T.Optional(T.String({ description: 'The country of a phone number' })),
  enableMfaRemember: T.Optional(T.Boolean({ description: 'Ignored: every sign-in asks for the second factor' })),
  captchaType: T.Optional(T.String({ description: "The captcha solved, when the application's rule asks for one" })),
  captchaToken: T.Optional(T.String({ description: "The captcha's answer (Default) or the service's token" })),
  clientSecret: T.Optional(T.String({ description: 'Default captcha: the captchaId of the image' })),
  provider: T.Optional(
    T.String({
      description: 'Sign-in at a provider: its name, with the code and state it sent back',
      examples: ['github'],
    }),
  ),
  state: T.Optional(T.String({ description: 'Sign-in at a provider: the state it sent back to /callback' })),
  iss: T.Optional(T.String({ description: 'Sign-in at a provider: the issuer it named in its answer (RFC 9207)' })),
  error: T.Optional(T.String({ description: 'Sign-in at a provider: the error it sent back instead of a code' })),
  method: T.Optional(
    T.String({ description: 'Sign-in at a provider: signin (or login), signup or link', examples: ['signin'] }),
  ),
  redirectUri: T.Optional(T.String({ description: 'Ignored: the callback address is always <origin>/callback' })),
});
