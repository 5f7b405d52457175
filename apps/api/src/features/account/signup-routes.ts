import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { sessionCookieHeader, startSession } from '../../core/identity/browser-sessions.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestInfo } from '../../http/request-info.ts';
import { noteAuditSignIn } from '../objects/audit-target.ts';
import { signUp } from './signup.ts';

/** Casdoor's AuthForm fields that sign-up reads; others are ignored. */
export const SignupBody = T.Object(
  {
    application: T.Optional(T.String()),
    organization: T.Optional(T.String()),
    username: T.Optional(T.String()),
    password: T.Optional(T.String()),
    name: T.Optional(T.String({ description: 'Display name' })),
    firstName: T.Optional(T.String()),
    lastName: T.Optional(T.String()),
    email: T.Optional(T.String()),
    phone: T.Optional(T.String()),
    countryCode: T.Optional(T.String()),
    invitationCode: T.Optional(
      T.String({ description: "An invitation's code; required when the application's sign-up items require one" }),
    ),
    emailCode: T.Optional(
      T.String({ description: 'The code sent to email for signup, when the sign-up items ask for one' }),
    ),
    phoneCode: T.Optional(T.String({ description: 'The code sent to phone for signup, likewise' })),
    autoSignin: T.Optional(T.Boolean()),
  },
  { additionalProperties: true },
);

/** Anyone: create an account through an application that allows sign-up; signs the new user in. */
export function signupRoutes(context: AppContext) {
  return new Elysia({ name: 'account-signup', prefix: '/api' }).use(auth(context)).post(
    '/signup',
    async ({ body, request, set }) => {
      const clientIp = requestInfo(request).clientIp;
      const { user, application } = await signUp(context, { ...body, clientIp });
      noteAuditSignIn(request, user, { isNew: true });
      const session = await startSession(context, {
        user,
        application,
        autoSignin: body.autoSignin ?? false,
        clientIp,
        userAgent: request.headers.get('user-agent') ?? '',
      });
      set.headers['set-cookie'] = sessionCookieHeader(context, session);
      return ok(`${user.owner}/${user.name}`);
    },
    {
      anyone: true,
      body: SignupBody,
      response: Envelope(T.String({ description: 'The new user, organization/name', examples: ['acme/alice'] })),
      detail: { summary: 'Sign up through an application that allows it; sets the session cookie', tags: ['Account'] },
    },
  );
}
