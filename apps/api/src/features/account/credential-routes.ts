import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { checkUserPassword } from '../../core/identity/password-signin.ts';
import { enforceAudience, requireSelfOrAdminOf } from '../../core/identity/privileges.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { requestInfo } from '../../http/request-info.ts';
import { bodyObject, formField, stringField } from './form-fields.ts';
import { setPassword, setPasswordWithCode } from './set-password.ts';
import { addUserKeys, deleteUserKeys } from './user-keys.ts';

/** `owner/name` with exactly one slash, else a clear error. */
function parseId(id: string): { owner: string; name: string } {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash !== id.lastIndexOf('/') || slash === id.length - 1)
    throw new ApiError('general.invalid_id', { id });
  return { owner: id.slice(0, slash), name: id.slice(slash + 1) };
}

/** The user a write is about: the `id` query when given (authoritative, as on every Casdoor write), else the body's owner and name. */
function targetOf(query: Record<string, string | undefined>, body: unknown): { owner: string; name: string } {
  if (query.id) return parseId(query.id);
  const record = bodyObject(body);
  return { owner: stringField(record, 'owner'), name: stringField(record, 'name') };
}

const UserRef = T.Object(
  { owner: T.Optional(T.String()), name: T.Optional(T.String()) },
  { additionalProperties: true },
);
const UserIdQuery = T.Object({
  id: T.Optional(T.String({ description: 'The user, owner/name (instead of the body)' })),
});
/** set-password's fields, read from the form (or JSON) body, else from the query string. */
const PasswordFields = T.Object(
  {
    userOwner: T.Optional(T.String({ description: "The user's organization", examples: ['acme'] })),
    userName: T.Optional(T.String({ examples: ['alice'] })),
    oldPassword: T.Optional(T.String({ description: 'The current password; needed to change your own' })),
    newPassword: T.Optional(T.String()),
    code: T.Optional(
      T.String({
        description: 'A forgotten password: the code verify-code accepted for this account (no one signed in)',
      }),
    ),
  },
  { additionalProperties: true },
);
const Done = Envelope(T.Null());
const KeysChanged = Envelope(T.Boolean({ description: 'Whether anything changed' }));
const tags = ['Account'];

/** Passwords and access keys of users: each for the user themselves or an administrator of their organization. */
export function credentialRoutes(context: AppContext) {
  return new Elysia({ name: 'account-credentials', prefix: '/api' })
    .use(auth(context))
    .post(
      '/set-password',
      async ({ identity, body, query }) => {
        const code = formField(body, query, 'code');
        if (code) {
          // The forgotten-password flow: no one is signed in; the code was verified for this account.
          await setPasswordWithCode(context, {
            owner: formField(body, query, 'userOwner'),
            name: formField(body, query, 'userName'),
            newPassword: formField(body, query, 'newPassword'),
            code,
          });
          return ok();
        }
        enforceAudience(identity, 'signedIn');
        await setPassword(context, {
          identity,
          owner: formField(body, query, 'userOwner'),
          name: formField(body, query, 'userName'),
          oldPassword: formField(body, query, 'oldPassword'),
          newPassword: formField(body, query, 'newPassword'),
        });
        return ok();
      },
      {
        anyone: true,
        body: T.Optional(PasswordFields),
        query: PasswordFields,
        response: Done,
        detail: {
          summary:
            'Change a password: form fields userOwner, userName, oldPassword (needed for your own), newPassword; or with code, a forgotten one',
          tags,
        },
      },
    )
    .post(
      '/check-user-password',
      async ({ identity, body, request }) => {
        const record = bodyObject(body);
        const owner = stringField(record, 'owner');
        const name = stringField(record, 'name');
        requireSelfOrAdminOf(identity, owner, name);
        await checkUserPassword(context, {
          organization: owner,
          username: name,
          password: stringField(record, 'password'),
          clientIp: requestInfo(request).clientIp,
        });
        return ok();
      },
      {
        signedIn: true,
        body: T.Object({ owner: T.String(), name: T.String(), password: T.String() }, { additionalProperties: true }),
        response: Done,
        detail: {
          summary:
            'Check a user password (the user themselves or an administrator of their organization); lockout applies',
          tags,
        },
      },
    )
    .post(
      '/add-user-keys',
      async ({ identity, body, query }) => ok(await addUserKeys(context, { identity, ...targetOf(query, body) })),
      {
        signedIn: true,
        body: T.Optional(UserRef),
        query: UserIdQuery,
        response: KeysChanged,
        detail: {
          summary:
            "Create a new access key + secret for a user (the user or an administrator of the user's organization)",
          tags,
        },
      },
    )
    .post(
      '/delete-user-keys',
      async ({ identity, body, query }) => ok(await deleteUserKeys(context, { identity, ...targetOf(query, body) })),
      {
        signedIn: true,
        body: T.Optional(UserRef),
        query: UserIdQuery,
        response: KeysChanged,
        detail: { summary: "Remove a user's access key + secret (Latchkey addition)", tags },
      },
    );
}
