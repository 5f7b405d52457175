import {
  deleteRows,
  deleteUserRow,
  deleteWebauthnCredentialsOfUser,
  findOrganization,
  findRow,
  findUserByAccessKey,
  findUserById,
  findUserByLink,
  LINK_COLUMNS,
  organizationDefaultApplication,
  organizationSoftDeletesUsers,
  updateRows,
} from '@latchkey/db';
import { User } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { formatTime } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { isSelf } from '../../core/identity/privileges.ts';
import { checkPasswordComplexity } from '../../core/passwords/complexity.ts';
import { providerTypes } from '../federation/provider-types.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { MASK } from '../objects/fields.ts';
import { parseId } from '../objects/id.ts';
import { defineKind } from '../objects/kind.ts';
import { terminateUserAccess } from '../sso-logout/service.ts';
import { maskUser } from './mask.ts';
import { sealProviderTokens } from './provider-tokens.ts';

/** What users may change on their own record; everything else needs an administrator of their organization. */
export const SELF_WRITABLE = [
  'displayName',
  'firstName',
  'lastName',
  'avatar',
  'avatarType',
  'permanentAvatar',
  'isDefaultAvatar',
  'countryCode',
  'region',
  'location',
  'address',
  'affiliation',
  'title',
  'idCardType',
  'idCard',
  'homepage',
  'bio',
  'language',
  'gender',
  'birthday',
  'education',
] as const satisfies readonly (keyof User)[];

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** A password given in a body, to be hashed; "***" and "" mean "no new password". */
const newPassword = (value: string) => (value && value !== MASK ? value : '');

async function checkUser(context: AppContext, user: User, changed: ReadonlySet<string> | undefined): Promise<void> {
  const touched = (field: keyof User) => changed === undefined || changed.has(field);
  if (touched('email') && user.email && !EMAIL.test(user.email))
    throw new ApiError('object.email_invalid', { email: user.email });
  if (touched('accessKey') && user.accessKey) {
    const holder = await findUserByAccessKey(context.db, user.accessKey);
    const keyHolder = await findRow(context.db, 'key', { accessKey: user.accessKey });
    if ((holder && holder.id !== user.id) || keyHolder) throw new ApiError('object.access_key_taken');
  }
  for (const column of LINK_COLUMNS) {
    if (!user[column] || !(touched(column) || touched('owner'))) continue;
    // One account at a provider belongs to one user of an organization (a unique index holds it too).
    const holder = await findUserByLink(context.db, user.owner, column, user[column]);
    if (holder && holder.id !== user.id) {
      const type = Object.values(providerTypes).find((candidate) => candidate.column === column)?.type ?? column;
      throw new ApiError('federation.account_linked_elsewhere', { type }, { field: column });
    }
  }
  if (touched('groups')) {
    for (const group of user.groups) {
      const id = parseId(group);
      if (id.owner !== user.owner || !(await findRow(context.db, 'group', { owner: id.owner, name: id.name }))) {
        throw new ApiError('object.group_not_found', { id: group }, { field: 'groups' });
      }
    }
  }
  if (touched('signupApplication') && user.signupApplication) {
    const application = await findRow(context.db, 'application', { owner: ADMIN_OWNER, name: user.signupApplication });
    if (!application) throw new ApiError('object.application_not_found', { name: user.signupApplication });
  }
}

/** A new password follows the rules of the user's organization, whichever route sets it (add, update, upload). */
async function checkNewPassword(context: AppContext, user: User, plain: string): Promise<void> {
  const organization = await findOrganization(context.db, user.owner);
  checkPasswordComplexity(plain, organization?.passwordOptions ?? [], 'password');
}

async function withPassword(context: AppContext, user: User, plain: string): Promise<User> {
  if (!plain) return { ...user, password: '', passwordType: '', passwordSalt: '' };
  await checkNewPassword(context, user, plain);
  return { ...user, ...(await context.passwords.hash(plain)), lastChangePasswordTime: formatTime(context.clock.now()) };
}

/**
 * Users: administered by their organization's admins; a user reads and edits their own profile
 * (SELF_WRITABLE) but nothing that decides their rights. Passwords are hashed with argon2id and
 * shown as "***"; access secrets are sealed, and shown on get-user only. Forbidding, deleting,
 * moving a user or giving them a new password ends their sessions and revokes their tokens in the same transaction, then tells
 * the applications as an SSO logout does (sso-logout's terminateUserAccess).
 */
export const userKind = defineKind<User>({
  name: 'user',
  schema: User,
  placement: 'organization',
  audience: { list: 'admin', get: 'signedIn', write: 'admin', update: 'signedIn' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      email: 'text',
      phone: 'text',
      tag: 'text',
      type: 'exact',
      affiliation: 'text',
      title: 'text',
      region: 'text',
      id: 'exact',
      signupApplication: 'exact',
      isAdmin: 'flag',
      isForbidden: 'flag',
      isDeleted: 'flag',
      isOnline: 'flag',
      score: 'number',
    },
    sortable: ['createdTime', 'updatedTime', 'name', 'displayName', 'email', 'phone', 'lastSigninTime', 'score'],
  },
  fields: {
    readOnly: [
      'deletedTime',
      'id',
      'passwordSalt',
      'passwordType',
      'hash',
      'preHash',
      'createdIp',
      'lastSigninTime',
      'lastSigninIp',
      'lastChangePasswordTime',
      'isOnline',
      'totpSecret',
      'recoveryCodes',
      // Passkeys change through /api/webauthn/* (signup, rename-credential, delete-credential).
      'webauthnCredentials',
      // Second factors change through the MFA routes (set-preferred-mfa, delete-mfa).
      'preferredMfaType',
      'ldap',
    ],
    addOnly: ['id'],
    secrets: ['password', 'accessSecret', 'originalToken', 'originalRefreshToken'],
    selfWritable: SELF_WRITABLE,
  },
  builtIns: ['built-in/admin'],
  selfOf: (identity, user) => isSelf(identity, String(user.owner), String(user.name)),
  movable: true,
  // The access secret opens on get-user only (as a key's on get-key): a list never hands out credentials.
  present: (context, user, view) =>
    maskUser(user, { revealAccessSecret: view.access !== 'viewer' && view.detail === true, secrets: context.secrets }),
  hooks: {
    prepareAdd: async (context, user, caller) => {
      user.id ||= newId();
      if (await findUserById(context.db, user.id)) throw new ApiError('object.user_id_taken', { id: user.id });
      user.type ||= 'normal-user';
      user.registerType ||= 'Add User';
      user.registerSource ||= caller.id;
      if (!user.signupApplication) {
        user.signupApplication = (await organizationDefaultApplication(context.db, user.owner)) ?? '';
      }
      if (user.accessSecret) user.accessSecret = context.secrets.seal(user.accessSecret);
      sealProviderTokens(user, undefined, context.secrets);
      await checkUser(context, user, undefined);
      return withPassword(context, user, newPassword(user.password));
    },
    prepareUpdate: async (context, next, { stored, changed }) => {
      if (stored.owner === 'built-in' && stored.name === 'admin' && (next.isForbidden || next.isDeleted)) {
        throw new ApiError('object.built_in_protected', { id: 'built-in/admin' });
      }
      await checkUser(context, next, changed);
      if (changed.has('accessSecret'))
        next.accessSecret = next.accessSecret ? context.secrets.seal(next.accessSecret) : '';
      sealProviderTokens(next, stored, context.secrets);
      if (changed.has('password') && newPassword(next.password)) return withPassword(context, next, next.password);
      return next;
    },
    afterUpdate: async (trx, _context, next, { stored }) => {
      const moved = next.owner !== stored.owner;
      // A password set or cleared by an administrator ends what the old one may have given away.
      const newPassword = next.password !== stored.password;
      if (
        !moved &&
        !newPassword &&
        !(next.isForbidden && !stored.isForbidden) &&
        !(next.isDeleted && !stored.isDeleted)
      )
        return;
      // A moved user's keys named the old organization; they go rather than follow.
      if (moved) await deleteRows(trx, 'key', { organization: next.owner, user: next.name });
      return terminateUserAccess(trx, stored, next);
    },
    remove: async (trx, context, user) => {
      if (!(await organizationSoftDeletesUsers(trx, user.owner))) return deleteUserRow(trx, user.owner, user.name);
      const now = formatTime(context.clock.now());
      return (
        (await updateRows(
          trx,
          'user',
          { owner: user.owner, name: user.name },
          { isDeleted: 1, deletedTime: now, updatedTime: now },
        )) > 0
      );
    },
    afterDelete: async (trx, _context, user) => {
      await deleteRows(trx, 'key', { organization: user.owner, user: user.name });
      // Passkeys go with the user (a user softly deleted keeps a row, whose list is emptied).
      await deleteWebauthnCredentialsOfUser(trx, user.id);
      await updateRows(trx, 'user', { owner: user.owner, name: user.name }, { webauthnCredentials: '[]' });
      await deleteRows(trx, 'session_group', { owner: user.owner, name: user.name });
      return terminateUserAccess(trx, user);
    },
  },
  references: [
    { table: 'session', ownerColumn: 'owner', nameColumn: 'name', holds: 'owner-and-name' },
    { table: 'session_group', ownerColumn: 'owner', nameColumn: 'name', holds: 'owner-and-name' },
    { table: 'token', ownerColumn: 'organization', nameColumn: 'user', holds: 'owner-and-name' },
    { table: 'key', ownerColumn: 'organization', nameColumn: 'user', holds: 'owner-and-name' },
    { table: 'role', column: 'users', holds: 'id-list' },
    { table: 'permission', column: 'users', holds: 'id-list' },
    // What the user bought.
    { table: 'subscription', column: 'user', holds: 'name', within: 'owner' },
    { table: 'order', column: 'user', holds: 'name', within: 'owner' },
    { table: 'payment', column: 'user', holds: 'name', within: 'owner' },
    { table: 'transaction', column: 'user', holds: 'name', within: 'owner' },
  ],
});
