import { type Static, Type as T } from '@sinclair/typebox';

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
});

export const AuthorizeErrorView = T.Object({
  kind: T.Literal('error'),
  /** Translated by the API. */
  message: T.String(),
});

export const AuthorizeView = T.Union([AuthorizeSignInView, AuthorizeErrorView]);

export type AuthorizeSignInView = Static<typeof AuthorizeSignInView>;
export type AuthorizeErrorView = Static<typeof AuthorizeErrorView>;
export type AuthorizeView = Static<typeof AuthorizeView>;
