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
        'Sign-in by code: the code sent for login to the email address or phone number in username (no password)',
    }),
  ),
  countryCode: T.Optional(T.String({ description: 'The country of a phone number' })),
  enableMfaRemember: T.Optional(T.Boolean({ description: 'Ignored: every sign-in asks for the second factor' })),
  captchaType: T.Optional(T.String({ description: "The captcha solved, when the application's rule asks for one" })),
  captchaToken: T.Optional(T.String({ description: "The captcha's answer (Default) or the service's token" })),
  clientSecret: T.Optional(T.String({ description: 'Default captcha: the captchaId of the image' })),
});
