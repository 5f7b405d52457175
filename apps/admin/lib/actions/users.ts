'use server';

import { revalidatePath } from 'next/cache';
import { apiGet, apiPost } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** The answer of an action on a user's page. */
export interface UserActionResult {
  ok: boolean;
  message: string;
}

/** The flags of a user that the Security section turns on and off. */
export type UserFlag = 'isForbidden' | 'needUpdatePassword';

const userPath = (owner: string, name: string) => `/users/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;

/** Sets one flag of a user with update-user, writing that column alone. */
async function writeUserFlag(owner: string, name: string, flag: UserFlag, value: boolean): Promise<UserActionResult> {
  const id = `${owner}/${name}`;
  const current = await apiGet<Record<string, unknown> | null>('/api/get-user', { id });
  if (!current.ok) return { ok: false, message: current.msg };
  if (!current.data) return { ok: false, message: (await getT())('common.not_found_body') };
  const result = await apiPost<string>('/api/update-user', { id, columns: flag }, { ...current.data, [flag]: value });
  if (!result.ok) return { ok: false, message: result.msg };
  return { ok: true, message: '' };
}

/** Blocks or unblocks a user, or asks them (or stops asking them) for a new password at their next sign-in. */
export async function setUserFlag(
  owner: string,
  name: string,
  flag: UserFlag,
  value: boolean,
): Promise<UserActionResult> {
  await requireAccount();
  const t = await getT();
  const result = await writeUserFlag(owner, name, flag, value);
  if (!result.ok) return result;
  revalidatePath(userPath(owner, name));
  revalidatePath('/users');
  const user = `${owner}/${name}`;
  const message =
    flag === 'isForbidden'
      ? t(value ? 'users.blocked_done' : 'users.unblocked_done', { user })
      : t(value ? 'users.must_change_on' : 'users.must_change_off', { user });
  return { ok: true, message };
}

export type BulkAction = 'block' | 'unblock' | 'delete' | 'add-to-group' | 'add-to-role';

/** What one user of a bulk action came to. */
export interface BulkOutcome {
  id: string;
  ok: boolean;
  message: string;
}

async function addToGroup(id: string, group: string): Promise<UserActionResult> {
  const current = await apiGet<Record<string, unknown> | null>('/api/get-user', { id });
  if (!current.ok || !current.data) return { ok: false, message: current.msg };
  const groups = Array.isArray(current.data.groups) ? (current.data.groups as string[]) : [];
  if (groups.includes(group)) return { ok: true, message: '' };
  const result = await apiPost<string>(
    '/api/update-user',
    { id, columns: 'groups' },
    { ...current.data, groups: [...groups, group] },
  );
  return { ok: result.ok, message: result.msg };
}

async function addToRole(ids: string[], role: string): Promise<BulkOutcome[]> {
  const current = await apiGet<Record<string, unknown> | null>('/api/get-role', { id: role });
  if (!current.ok || !current.data) return ids.map((id) => ({ id, ok: false, message: current.msg }));
  // One call per user, so that each user's answer is their own.
  const outcomes: BulkOutcome[] = [];
  let users = Array.isArray(current.data.users) ? (current.data.users as string[]) : [];
  for (const id of ids) {
    if (users.includes(id)) {
      outcomes.push({ id, ok: true, message: '' });
      continue;
    }
    const next = [...users, id];
    const result = await apiPost<string>('/api/update-role', { id: role }, { ...current.data, users: next });
    if (result.ok) users = next;
    outcomes.push({ id, ok: result.ok, message: result.msg });
  }
  return outcomes;
}

/**
 * One action on many users, through the public API one user at a time (block, unblock, delete,
 * add to a group or a role); answers each user's outcome, so that failures are shown by row.
 */
export async function bulkUsers(action: BulkAction, ids: string[], target = ''): Promise<BulkOutcome[]> {
  await requireAccount();
  const t = await getT();
  const users = ids.filter((id) => id.includes('/')).slice(0, 1000);
  let outcomes: BulkOutcome[];
  if (action === 'add-to-role') {
    if (!target) return users.map((id) => ({ id, ok: false, message: t('validation.required') }));
    outcomes = await addToRole(users, target);
  } else {
    outcomes = [];
    for (const id of users) {
      const [owner = '', name = ''] = id.split('/');
      let result: UserActionResult;
      if (action === 'block' || action === 'unblock')
        result = await writeUserFlag(owner, name, 'isForbidden', action === 'block');
      else if (action === 'add-to-group')
        result = target ? await addToGroup(id, target) : { ok: false, message: t('validation.required') };
      else {
        const deleted = await apiPost<string>('/api/delete-user', { id }, { owner, name });
        result =
          deleted.ok && deleted.data === 'Unaffected'
            ? { ok: false, message: t('common.unaffected') }
            : { ok: deleted.ok, message: deleted.msg };
      }
      outcomes.push({ id, ok: result.ok, message: result.message });
    }
  }
  revalidatePath('/users');
  return outcomes;
}
