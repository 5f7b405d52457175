import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestInfo } from '../../http/request-info.ts';
import { bodyObject, formField, stringField } from '../account/form-fields.ts';
import { emailAndPhone, resetEmailOrPhone, verifyCode } from './recovery.ts';
import { sendVerificationCode } from './send-code.ts';

const tags = ['Verification'];
const Fields = (fields: Record<string, string>) =>
  T.Object(
    Object.fromEntries(
      Object.entries(fields).map(([name, description]) => [name, T.Optional(T.String({ description }))]),
    ),
    { additionalProperties: true },
  );

const SendCodeFields = Fields({
  dest: 'The email address or phone number (the masked one get-email-and-phone answered, with checkUser)',
  type: 'email or phone',
  countryCode: 'The country of a phone number',
  applicationId: 'The application, admin/<name>',
  method:
    'What the code is for: signup, login, forget, reset, mfaSetup (setting up an email or SMS second factor) or mfaAuth (passing it in a sign-in)',
  checkUser: 'forget: the account, as typed (its name, email or phone)',
  captchaType: "The captcha solved, when the application's rule asks for one (Always, Internet-Only)",
  captchaToken: "The captcha's answer (Default) or the service's token",
  clientSecret: 'Default captcha: the captchaId of the image',
});
const VerifyCodeBody = Fields({
  application: 'The application',
  organization: "The account's organization",
  name: 'The account, as typed (its name, email or phone)',
  username: 'Where the code was sent (or the account, when name is empty)',
  code: 'The six-digit code',
  countryCode: 'The country of a phone number',
});
const ResetFields = Fields({
  type: 'email or phone',
  dest: 'The new email address or phone number',
  code: 'The code sent there',
});
const EmailAndPhoneQuery = Fields({
  organization: 'The organization',
  username: 'A user name, email address or phone number',
});

/** Casdoor's verification-code routes: send a code, check one, the first step of a forgotten password, a new email or phone. */
export function verificationRoutes(context: AppContext) {
  return new Elysia({ name: 'verification', prefix: '/api' })
    .use(auth(context))
    .post(
      '/send-verification-code',
      async ({ identity, body, query, request }) => {
        const field = (name: string) => formField(body, query, name);
        const info = requestInfo(request);
        await sendVerificationCode(
          context,
          { identity, language: info.language, clientIp: info.clientIp, request },
          {
            dest: field('dest'),
            type: field('type'),
            countryCode: field('countryCode'),
            applicationId: field('applicationId'),
            method: field('method'),
            checkUser: field('checkUser'),
            captcha: {
              captchaType: field('captchaType'),
              captchaToken: field('captchaToken'),
              clientSecret: field('clientSecret'),
            },
          },
        );
        return ok();
      },
      {
        anyone: true,
        body: T.Optional(SendCodeFields),
        query: SendCodeFields,
        response: Envelope(T.Null()),
        detail: {
          summary: 'Send a six-digit code by email or text message (form fields, as Casdoor)',
          description:
            'The code lives 10 minutes, works once and dies after 5 wrong tries; one send per destination a minute and hourly caps per destination and per address. The answer is the same whether or not the account exists.',
          tags,
        },
      },
    )
    .post(
      '/verify-code',
      async ({ body }) => {
        const record = bodyObject(body);
        await verifyCode(context, {
          organization: stringField(record, 'organization'),
          name: stringField(record, 'name'),
          username: stringField(record, 'username'),
          code: stringField(record, 'code'),
        });
        return ok();
      },
      {
        anyone: true,
        body: T.Optional(VerifyCodeBody),
        response: Envelope(T.Null()),
        detail: {
          summary: "Check a forgotten-password code; a right one may then set the account's password once",
          tags,
        },
      },
    )
    .get(
      '/get-email-and-phone',
      async ({ query }) => {
        const answer = await emailAndPhone(context, query.organization ?? '', query.username ?? '');
        return ok(answer.user, answer.contentType);
      },
      {
        anyone: true,
        query: EmailAndPhoneQuery,
        response: Envelope(
          T.Object({ name: T.String(), email: T.String(), phone: T.String() }),
          T.String({ description: 'email, phone or username: what was typed' }),
        ),
        detail: {
          summary: 'Where a forgotten-password code may go (masked), without telling whether the account exists',
          tags,
        },
      },
    )
    .post(
      '/reset-email-or-phone',
      async ({ identity, body, query }) => {
        const field = (name: string) => formField(body, query, name);
        await resetEmailOrPhone(context, identity, { type: field('type'), dest: field('dest'), code: field('code') });
        return ok();
      },
      {
        user: true,
        body: T.Optional(ResetFields),
        query: ResetFields,
        response: Envelope(T.Null()),
        detail: { summary: "Change the signed-in user's email address or phone number with the code sent there", tags },
      },
    );
}
