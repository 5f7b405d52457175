import { findApplication, findKeyByAccessKey, findUser, findUserByAccessKey } from '@latchkey/db';
import { Key } from '@latchkey/types';
import type { AppContext } from '../../context.ts';
import { newId } from '../../crypto/random.ts';
import { ApiError } from '../../errors/api-error.ts';
import { MASK } from '../../objects/fields.ts';
import { defineKind } from '../../objects/kind.ts';

const TYPES = ['Organization', 'Application', 'User', 'General'];

async function checkKey(context: AppContext, key: Key, changed?: ReadonlySet<string>): Promise<Key> {
  const touched = (field: keyof Key) => !changed || changed.has(field);
  // A key acts for its user or application, always in the key's own organization.
  key.organization = key.owner;
  key.type ||= key.user ? 'User' : key.application ? 'Application' : 'Organization';
  key.state ||= 'Active';
  if (!TYPES.includes(key.type)) throw new ApiError('object.key_type_invalid', { type: key.type });
  if (key.expireTime && Number.isNaN(Date.parse(key.expireTime))) throw new ApiError('object.time_invalid', { field: 'expireTime' });
  if (touched('user') && key.user && !(await findUser(context.db, key.owner, key.user))) throw new ApiError('object.user_not_found', { id: `${key.owner}/${key.user}` });
  if (touched('application') && key.application) {
    const application = await findApplication(context.db, key.application);
    if (!application || application.organization !== key.owner) throw new ApiError('object.application_not_found', { name: key.application });
  }
  if (touched('accessKey')) {
    if (!key.accessKey) throw new ApiError('general.missing_parameter', { name: 'accessKey' });
    const holder = await findKeyByAccessKey(context.db, key.accessKey);
    if ((holder && (holder.owner !== key.owner || holder.name !== key.name)) || (await findUserByAccessKey(context.db, key.accessKey))) {
      throw new ApiError('object.access_key_taken');
    }
  }
  return key;
}

/**
 * Access keys: an access key + secret that acts for a user or an application of the key's own
 * organization (`organization` is always the owner, so no key can reach into another organization
 * or become a global administrator). The secret is generated when empty, kept sealed, and shown
 * only on get-key to the organization's administrators.
 */
export const keyKind = defineKind<Key>({
  name: 'key',
  schema: Key,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', type: 'exact', application: 'exact', user: 'exact', accessKey: 'exact', state: 'exact' },
    sortable: ['createdTime', 'updatedTime', 'name', 'expireTime'],
  },
  fields: { readOnly: ['organization'], secrets: ['accessSecret'] },
  present: (context, key, view) => ({ ...key, accessSecret: key.accessSecret ? (view.detail ? context.secrets.open(key.accessSecret) : MASK) : '' }),
  hooks: {
    prepareAdd: async (context, key) => {
      key.accessKey ||= newId();
      key.accessSecret = context.secrets.seal(key.accessSecret || newId());
      return checkKey(context, key);
    },
    prepareUpdate: async (context, next, _stored, changed) => {
      if (changed.has('accessSecret')) next.accessSecret = context.secrets.seal(next.accessSecret || newId());
      return checkKey(context, next, changed);
    },
  },
});
