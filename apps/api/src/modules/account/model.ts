import { Type as T } from '@sinclair/typebox';

/** Casdoor's AuthForm, the body of POST /api/login (fields Latchkey does not use are ignored). */
export const LoginBody = T.Object({
  application: T.Optional(T.String()),
  organization: T.Optional(T.String()),
  username: T.Optional(T.String()),
  password: T.Optional(T.String()),
  type: T.Optional(T.String({ description: 'login (session cookie) or code (OAuth authorization code)' })),
  autoSignin: T.Optional(T.Boolean()),
  signinMethod: T.Optional(T.String()),
});
