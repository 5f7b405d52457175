import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestInfo } from '../../http/request-info.ts';
import { formField } from '../account/form-fields.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { MfaProps } from './props.ts';
import {
  deleteMfa,
  enableSetup,
  initiateSetup,
  type MfaCaller,
  regenerateRecoveryCodes,
  setPreferredMfa,
  verifySetup,
} from './service.ts';

const tags = ['MFA'];

/** The form fields of Casdoor's MFA routes (multipart, urlencoded or JSON; also read from the query). */
const MfaFields = T.Object(
  {
    owner: T.Optional(
      T.String({
        description: "The user's organization (with name; both empty: the caller's own account)",
        examples: ['acme'],
      }),
    ),
    name: T.Optional(T.String({ description: "The user's name", examples: ['alice'] })),
    mfaType: T.Optional(T.String({ description: 'The factor: app (an authenticator app, TOTP)', examples: ['app'] })),
    passcode: T.Optional(T.String({ description: 'verify: a code of the new secret', examples: ['123456'] })),
    secret: T.Optional(
      T.String({
        description: 'Optional: the secret initiate answered (Casdoor clients send it back); the server keeps its own',
      }),
    ),
  },
  { additionalProperties: true },
);
const Ok = Envelope(T.String({ description: 'OK', examples: ['OK'] }));
const AllProps = Envelope(T.Array(MfaProps, { description: 'Every factor of the user, without secrets' }));

function read(body: unknown, query: Record<string, string | undefined>) {
  const field = (name: string) => formField(body, query, name);
  return {
    named: { owner: field('owner'), name: field('name') },
    mfaType: field('mfaType'),
    passcode: field('passcode'),
    secret: field('secret'),
  };
}

/**
 * Casdoor's MFA routes. Setting up a factor (initiate, verify, enable) is for the user themselves,
 * an administrator of their organization (or its application), or the browser of a sign-in waiting
 * for the user to set up a factor their organization or application requires (`RequiredMfa`, by the
 * cookie of that pending sign-in). The secret and the recovery codes stay on the server between the
 * steps.
 */
export function mfaRoutes(context: AppContext) {
  const caller = (identity: MfaCaller['identity'], request: Request): MfaCaller => ({
    identity,
    request,
    clientIp: requestInfo(request).clientIp,
  });
  return new Elysia({ name: 'mfa', prefix: '/api' })
    .use(auth(context))
    .post(
      '/mfa/setup/initiate',
      async ({ identity, body, query, request }) => {
        const fields = read(body, query);
        noteAuditOrganization(request, fields.named.owner);
        return ok(await initiateSetup(context, caller(identity, request), fields.named, fields.mfaType));
      },
      {
        anyone: true,
        body: T.Optional(MfaFields),
        query: MfaFields,
        response: Envelope(MfaProps),
        detail: {
          summary:
            'Start setting up a second factor: a new TOTP secret, its otpauth:// URI and QR code, and recovery codes (shown this once)',
          description:
            'The user, an administrator of their organization, or the browser of a sign-in that answered RequiredMfa (its cookie). Nothing changes for the user until enable.',
          tags,
        },
      },
    )
    .post(
      '/mfa/setup/verify',
      async ({ identity, body, query, request }) => {
        const fields = read(body, query);
        noteAuditOrganization(request, fields.named.owner);
        await verifySetup(context, caller(identity, request), fields.named, fields);
        return ok('OK');
      },
      {
        anyone: true,
        body: T.Optional(MfaFields),
        query: MfaFields,
        response: Ok,
        detail: { summary: 'Prove the new secret with a code of the authenticator app', tags },
      },
    )
    .post(
      '/mfa/setup/enable',
      async ({ identity, body, query, request }) => {
        const fields = read(body, query);
        noteAuditOrganization(request, fields.named.owner);
        await enableSetup(context, caller(identity, request), fields.named);
        return ok('OK');
      },
      {
        anyone: true,
        body: T.Optional(MfaFields),
        query: MfaFields,
        response: Ok,
        detail: {
          summary: 'Turn the proven factor on, with the recovery codes shown at initiate (the old ones stop working)',
          description:
            'Within a sign-in that answered RequiredMfa, the sign-in has then passed the factor: POST /api/login again, without password, to complete it.',
          tags,
        },
      },
    )
    .post(
      '/delete-mfa',
      async ({ identity, body, query, request }) => {
        const fields = read(body, query);
        noteAuditOrganization(request, fields.named.owner);
        return ok(await deleteMfa(context, identity, fields.named));
      },
      {
        signedIn: true,
        body: T.Optional(MfaFields),
        query: MfaFields,
        response: AllProps,
        detail: {
          summary:
            "Turn a user's second factors off (the user, or an administrator of their organization resetting them)",
          tags,
        },
      },
    )
    .post(
      '/set-preferred-mfa',
      async ({ identity, body, query, request }) => {
        const fields = read(body, query);
        noteAuditOrganization(request, fields.named.owner);
        return ok(await setPreferredMfa(context, identity, fields.named, fields.mfaType));
      },
      {
        signedIn: true,
        body: T.Optional(MfaFields),
        query: MfaFields,
        response: AllProps,
        detail: { summary: 'Choose the factor a sign-in offers first (one the user has set up)', tags },
      },
    )
    .post('/mfa/recovery-codes', async ({ identity }) => ok(await regenerateRecoveryCodes(context, identity)), {
      user: true,
      response: Envelope(T.Array(T.String(), { description: 'The new recovery codes, shown this once' })),
      detail: {
        summary: 'New recovery codes for your own account; the old ones stop working (Latchkey addition)',
        tags,
      },
    });
}
