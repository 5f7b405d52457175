import { Envelope, WebauthnCredentialSummary } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestInfo } from '../../http/request-info.ts';
import { formField } from '../account/form-fields.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { passkeyOwner, removePasskey, renamePasskey } from './credentials.ts';
import { beginRegistration, finishRegistration } from './registration.ts';
import { passkeyEnrolledWithin, registrantOf } from './required-enrolment.ts';
import { beginSignin, finishSignin } from './signin.ts';

const tags = ['Passkeys'];

const PasskeyList = Envelope(
  T.Array(WebauthnCredentialSummary, { description: "The user's passkeys, without their public keys" }),
);
const CredentialOptions = T.Object(
  { publicKey: T.Record(T.String(), T.Unknown(), { description: 'PublicKeyCredential options, in JSON form' }) },
  { description: "Options for the browser's WebAuthn call (not in the envelope, as Casdoor answers)" },
);
const BrowserAnswer = T.Record(T.String(), T.Unknown(), {
  description: "The browser's PublicKeyCredential in JSON form (id, rawId, type, response, …)",
});
const LooseQuery = T.Record(T.String(), T.String());
const UserFields = T.Object(
  {
    owner: T.Optional(T.String({ description: "The user's organization (both empty: your own account)" })),
    name: T.Optional(T.String({ description: "The user's name" })),
    credentialID: T.Optional(T.String({ description: 'The passkey: its credential id (base64url or base64)' })),
    credentialName: T.Optional(T.String({ description: 'rename-credential: the new name' })),
  },
  { additionalProperties: true },
);

/** The library's option objects, as the plain JSON the route answers. */
const asJson = (options: { publicKey: object }) => options as { publicKey: Record<string, unknown> };

/**
 * Passkeys (WebAuthn): Casdoor's four `webauthn/*` routes — add a passkey to your own account,
 * sign in with one — and the routes that list, rename and remove them (for the user and the
 * administrators of their organization). Challenges stay on the server, each answered once.
 */
export function passkeyRoutes(context: AppContext) {
  return new Elysia({ name: 'passkeys', prefix: '/api/webauthn' })
    .use(auth(context))
    .get(
      '/signup/begin',
      async ({ identity, request }) => {
        const { user, pending } = await registrantOf(context, identity, request);
        return asJson(await beginRegistration(context, user, pending?.id));
      },
      {
        anyone: true,
        response: CredentialOptions,
        detail: {
          summary: 'Start adding a passkey to your own account: the options for navigator.credentials.create()',
          description:
            'Signed in; or, with the cookie of a sign-in that answered RequiredMfa, as the second factor that sign-in requires (Latchkey addition).',
          tags,
        },
      },
    )
    .post(
      '/signup/finish',
      async ({ identity, body, query, request }) => {
        const { user, pending } = await registrantOf(context, identity, request);
        noteAuditOrganization(request, user.owner);
        const registered = await finishRegistration(context, user, body, formField(body, query, 'name'), pending?.id);
        if (pending) await passkeyEnrolledWithin(context, pending, user, registered, requestInfo(request).clientIp);
        return ok(registered.passkeys);
      },
      {
        anyone: true,
        body: BrowserAnswer,
        query: LooseQuery,
        response: PasskeyList,
        detail: {
          summary: "Finish adding a passkey with the browser's answer; `name` (query or body) names it",
          description:
            'Answers the passkeys of the account (Latchkey addition; Casdoor answers no data). Within a sign-in that answered RequiredMfa, the sign-in has then passed its second factor: POST /api/login again, without password, to complete it.',
          tags,
        },
      },
    )
    .get(
      '/signin/begin',
      async ({ query, request }) => {
        const options = await beginSignin(context, request, {
          owner: query.owner ?? '',
          name: query.name ?? '',
          purpose: query.purpose ?? '',
        });
        return asJson(options);
      },
      {
        anyone: true,
        query: T.Object(
          {
            owner: T.Optional(T.String({ description: "The user's organization" })),
            name: T.Optional(T.String({ description: "Optional: the user's name (without: a discoverable passkey)" })),
            purpose: T.Optional(
              T.String({ description: 'mfa: the second step of the pending sign-in (Latchkey addition)' }),
            ),
          },
          { additionalProperties: true },
        ),
        response: CredentialOptions,
        detail: {
          summary: 'Start signing in with a passkey: the options for navigator.credentials.get()',
          description:
            'With purpose=mfa, the options of the second step of the pending sign-in; its answer goes to POST /api/login as passcode with mfaType webauthn.',
          tags,
        },
      },
    )
    .post(
      '/signin/finish',
      async ({ body, query, request, set }) => {
        const answer = await finishSignin(
          context,
          request,
          {
            ...query,
            responseType: query.responseType ?? '',
            clientId: query.clientId ?? '',
            application: query.application ?? '',
          },
          body,
        );
        set.headers['set-cookie'] = answer.cookies;
        return ok(answer.data);
      },
      {
        anyone: true,
        body: BrowserAnswer,
        query: LooseQuery,
        response: Envelope(
          T.String({ description: 'The user (organization/name), or for responseType=code the authorization code' }),
        ),
        detail: {
          summary: 'Sign in with a passkey alone (the application must enable WebAuthn)',
          description:
            'responseType=code with clientId and the authorization request (as POST /api/login type code takes it) answers a code; otherwise a session of `application` (the console’s own when none).',
          tags,
        },
      },
    )
    .get(
      '/get-credentials',
      async ({ identity, query, request }) => {
        const user = await passkeyOwner(context, identity, { owner: query.owner ?? '', name: query.name ?? '' });
        noteAuditOrganization(request, user.owner);
        return ok(user.webauthnCredentials);
      },
      {
        signedIn: true,
        query: UserFields,
        response: PasskeyList,
        detail: { summary: "A user's passkeys, without their public keys (Latchkey addition)", tags },
      },
    )
    .post(
      '/rename-credential',
      async ({ identity, body, query, request }) => {
        const field = (name: string) => formField(body, query, name);
        const user = await passkeyOwner(context, identity, { owner: field('owner'), name: field('name') });
        noteAuditOrganization(request, user.owner);
        return ok(await renamePasskey(context, user, field('credentialID'), field('credentialName')));
      },
      {
        signedIn: true,
        body: T.Optional(UserFields),
        query: UserFields,
        response: PasskeyList,
        detail: { summary: 'Rename a passkey (Latchkey addition)', tags },
      },
    )
    .post(
      '/delete-credential',
      async ({ identity, body, query, request }) => {
        const field = (name: string) => formField(body, query, name);
        const user = await passkeyOwner(context, identity, { owner: field('owner'), name: field('name') });
        noteAuditOrganization(request, user.owner);
        return ok(await removePasskey(context, user, field('credentialID')));
      },
      {
        signedIn: true,
        body: T.Optional(UserFields),
        query: UserFields,
        response: PasskeyList,
        detail: {
          summary: 'Remove a passkey (the user, or an administrator of their organization for a lost device)',
          tags,
        },
      },
    );
}
