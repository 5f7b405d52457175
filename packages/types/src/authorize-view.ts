import { type Static, Type as T } from '@sinclair/typebox';
import { Branding } from './branding.ts';

/**
 * What the API's authorization endpoint hands the portal to render in the console's look, after
 * its own checks: the sign-in form (whose fields post back to the endpoint) or an error that must
 * not be sent to the client.
 */
export const AuthorizeSignInView = T.Object({
  kind: T.Literal('sign-in'),
  application: T.Object({ name: T.String(), displayName: T.String(), logo: T.String() }),
  /** The authorization request's parameters, carried in hidden fields. */
  parameters: T.Record(T.String(), T.String()),
  /** Double-submit token of the form. */
  csrfToken: T.String(),
  /** A user already signed in whom the request may continue as. */
  sessionUserName: T.Optional(T.String()),
  askOrganization: T.Boolean(),
  organization: T.Optional(T.String()),
  username: T.Optional(T.String()),
  /** A translated error of the previous attempt. */
  errorText: T.Optional(T.String()),
  /** The application lets its users sign in with a passkey alone: the page offers it (a button, and the browser's autofill). */
  passkey: T.Optional(T.Boolean()),
  /** The organization's logo, colour, favicon and links, already checked. */
  branding: T.Optional(Branding),
  /** The application's image captcha, to answer with the password (fields captchaId and captchaToken). */
  captcha: T.Optional(T.Object({ id: T.String(), image: T.String({ description: 'A data: URL (SVG)' }) })),
});

/**
 * The second step of a sign-in that needs a second factor: a code of the user's authenticator app
 * (or a recovery code), or, when the user must set one up first, the new secret to scan and the
 * recovery codes to keep, with the first code of the app. The form posts back with action `mfa`.
 */
export const AuthorizeSecondFactorView = T.Object({
  kind: T.Literal('second-factor'),
  application: T.Object({ name: T.String(), displayName: T.String(), logo: T.String() }),
  parameters: T.Record(T.String(), T.String()),
  csrfToken: T.String(),
  /** Who is signing in (display name or name). */
  userName: T.String(),
  /** verify: enter a code of a factor set up; enrol: set one up now. */
  stage: T.Union([T.Literal('verify'), T.Literal('enrol')]),
  /** The factors the user may use (Casdoor's mfaType names: app, email, sms). */
  methods: T.Array(T.String()),
  /** stage verify: the factor the page asks for now (the user's choice, else the preferred one). */
  method: T.Optional(T.String()),
  /** method email or sms: where its codes go, masked. */
  destination: T.Optional(T.String()),
  /** method email or sms: a code has just been sent. */
  codeSent: T.Optional(T.Boolean()),
  /** stage verify: the user has a passkey, which the page may offer (it needs the browser's WebAuthn). */
  passkey: T.Optional(T.Boolean()),
  /** stage enrol: a passkey may be the factor set up, in place of the authenticator app (it needs the browser's WebAuthn). */
  passkeyEnrolment: T.Optional(T.Boolean()),
  /** stage enrol: what to set up the authenticator app with, and the recovery codes to keep. */
  enrolment: T.Optional(
    T.Object({
      secret: T.String(),
      url: T.String(),
      /** A data:image/png URL; empty in the view handed to the portal, which draws it from `url`. */
      qrCode: T.String(),
      recoveryCodes: T.Array(T.String()),
    }),
  ),
  errorText: T.Optional(T.String()),
  /** The field the error is about: the app's code, or the recovery code. */
  errorField: T.Optional(T.Union([T.Literal('passcode'), T.Literal('recoveryCode')])),
  branding: T.Optional(Branding),
});

export const AuthorizeErrorView = T.Object({
  kind: T.Literal('error'),
  /** Translated by the API. */
  message: T.String(),
});

export const AuthorizeView = T.Union([AuthorizeSignInView, AuthorizeSecondFactorView, AuthorizeErrorView]);

export type AuthorizeSignInView = Static<typeof AuthorizeSignInView>;
export type AuthorizeSecondFactorView = Static<typeof AuthorizeSecondFactorView>;
export type AuthorizeErrorView = Static<typeof AuthorizeErrorView>;
export type AuthorizeView = Static<typeof AuthorizeView>;
