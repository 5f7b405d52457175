import { findKeyByAccessKey, findUserByAccessKey } from '@latchkey/db';
import { Key } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { newId } from '../../core/crypto/random.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { pinKeyToCaller } from '../../core/identity/key-ownership.ts';
import { MASK } from '../objects/fields.ts';
import { type Caller, defineKind } from '../objects/kind.ts';

async function prepareKey(
  context: AppContext,
  key: Key,
  caller: Caller,
  stored?: Key,
  changed?: ReadonlySet<string>,
): Promise<Key> {
  const touched = (field: keyof Key) => !changed || changed.has(field);
  // Who a key may act for, and in which organization, is the identity rule (pinKeyToCaller).
  Object.assign(key, await pinKeyToCaller(context, caller.identity, key, stored));
  key.type = key.user ? 'User' : 'Application';
  key.state ||= 'Active';
  if (key.expireTime && Number.isNaN(Date.parse(key.expireTime)))
    throw new ApiError('object.time_invalid', { field: 'expireTime' });
  key.accessKey ||= newId();
  if (touched('accessKey')) {
    const holder = await findKeyByAccessKey(context.db, key.accessKey);
    if (
      (holder && (holder.owner !== key.owner || holder.name !== key.name)) ||
      (await findUserByAccessKey(context.db, key.accessKey))
    ) {
      throw new ApiError('object.access_key_taken');
    }
  }
  return key;
}

/**
 * Access keys: an access key + secret that acts for one user or one application of the key's own
 * organization (identity's pinKeyToCaller: another organization is refused, a plain user may hold
 * keys for themselves only). The secret is generated when empty, kept sealed, and shown only on
 * get-key to the organization's administrators and the key's own user. A user who administers
 * nothing lists their own keys with get-keys (those an administrator made for them included).
 */
export const keyKind = defineKind<Key>({
  name: 'key',
  schema: Key,
  placement: 'organization',
  audience: { list: 'signedIn', get: 'signedIn', write: 'signedIn' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      type: 'exact',
      application: 'exact',
      user: 'exact',
      accessKey: 'exact',
      state: 'exact',
    },
    sortable: ['createdTime', 'updatedTime', 'name', 'expireTime'],
  },
  fields: {
    readOnly: ['type'],
    secrets: ['accessSecret'],
    selfWritable: ['displayName', 'state', 'expireTime', 'accessSecret'],
  },
  selfOf: (identity, key) =>
    identity.kind === 'user' &&
    key.owner === identity.organization &&
    !key.application &&
    (key.user === identity.name || (key.user ?? '') === ''),
  selfMay: { add: true, delete: true, list: true },
  present: (context, key, view) => ({
    ...key,
    accessSecret: key.accessSecret ? (view.detail ? context.secrets.open(key.accessSecret) : MASK) : '',
  }),
  hooks: {
    prepareAdd: async (context, key, caller) => {
      const prepared = await prepareKey(context, key, caller);
      prepared.accessSecret = context.secrets.seal(prepared.accessSecret || newId());
      return prepared;
    },
    prepareUpdate: async (context, next, { caller, stored, changed }) => {
      const prepared = await prepareKey(context, next, caller, stored, changed);
      if (changed.has('accessSecret')) prepared.accessSecret = context.secrets.seal(prepared.accessSecret || newId());
      return prepared;
    },
  },
});
