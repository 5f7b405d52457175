import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { parseObjectBody } from '../objects/body.ts';
import { sendEmail } from './email.ts';
import { sendSms } from './sms.ts';

const tags = ['Notifications'];
const ProviderQuery = T.Object({
  provider: T.Optional(
    T.String({
      description:
        "The provider to send with (by name); default: the first of its category on the caller's application",
    }),
  ),
});

const EmailBody = T.Object({
  title: T.Optional(T.String({ examples: ['Welcome'] })),
  content: T.Optional(T.String({ description: 'HTML', examples: ['<p>Hello</p>'] })),
  sender: T.Optional(T.String({ description: 'The name the message comes from', examples: ['Acme'] })),
  receivers: T.Optional(
    T.Array(T.String(), {
      description: 'Email addresses; ["TestSmtpServer"] only checks the SMTP server',
      examples: [['alice@example.com']],
    }),
  ),
  provider: T.Optional(T.String({ description: 'The provider to send with (by name)' })),
  owner: T.Optional(T.String({ description: "The named provider's owner, as Casdoor's console sends it" })),
});

const SmsBody = T.Object({
  content: T.Optional(T.String({ examples: ['Your code is 123456'] })),
  receivers: T.Optional(T.Array(T.String(), { description: 'Phone numbers', examples: [['+15555550100']] })),
  owner: T.Optional(T.String({ description: "The named provider's owner, as Casdoor's console sends it" })),
});

/**
 * Casdoor's service routes for SDKs: send-email (SMTP) and send-sms (Casdoor's "Custom HTTP SMS"),
 * for administrators of the caller's organization and its applications.
 */
export function notificationRoutes(context: AppContext) {
  return new Elysia({ name: 'notifications' })
    .use(auth(context))
    .post(
      '/api/send-email',
      async ({ identity, body, query }) => {
        const provider = body.provider || query.provider;
        // The owner says whose provider is named; without a name it says nothing.
        await sendEmail(context, identity, { ...body, provider, owner: provider ? body.owner : undefined });
        return ok();
      },
      {
        admin: true,
        parse: parseObjectBody,
        body: EmailBody,
        query: ProviderQuery,
        response: Envelope(T.Null()),
        detail: {
          summary: "Send an email to each receiver through the organization's SMTP provider",
          description:
            "Each receiver counts against the organization's allowance a minute (LATCHKEY_MESSAGE_RATE_LIMIT); over it the answer is 429.",
          tags,
        },
      },
    )
    .post(
      '/api/send-sms',
      async ({ identity, body, query }) => {
        await sendSms(context, identity, {
          ...body,
          provider: query.provider,
          owner: query.provider ? body.owner : undefined,
        });
        return ok();
      },
      {
        admin: true,
        parse: parseObjectBody,
        body: SmsBody,
        query: ProviderQuery,
        response: Envelope(T.Null()),
        detail: {
          summary: 'Send a text message to each receiver through the organization\'s "Custom HTTP SMS" provider',
          tags,
        },
      },
    );
}
