'use server';

import { revalidatePath } from 'next/cache';
import { apiPost, callApi } from '../api';
import { failedForm } from '../api-failure';
import type { FormState } from '../form-state';
import { getT } from '../i18n/server';
import { getAccount, requireAccount } from '../session';
import { setUserFlag } from './users';

const profileFields = [
  'displayName',
  'email',
  'phone',
  'firstName',
  'lastName',
  'avatar',
  'affiliation',
  'title',
] as const;

/** Changes the signed-in user's own profile fields (and nothing else: `columns=`). */
export async function updateProfile(_previous: FormState, formData: FormData): Promise<FormState> {
  const changes: Record<string, string> = {};
  for (const field of profileFields) changes[field] = String(formData.get(field) ?? '').trim();
  const account = await getAccount();
  if (!account) return { signedOut: true, values: changes };
  const t = await getT();
  if (changes.avatar && !/^https?:\/\/\S+$/i.test(changes.avatar))
    return { fieldErrors: { avatar: t('validation.url') }, values: changes };
  const result = await apiPost<string>(
    '/api/update-user',
    { id: account.id, columns: profileFields.join(',') },
    { ...account.user, ...changes },
  );
  if (!result.ok) return failedForm(result, changes, profileFields);
  revalidatePath('/', 'layout');
  return { ok: true, savedAt: Date.now(), message: t('common.saved') };
}

/** Changes the signed-in user's password (the API checks the current one). */
export async function changePassword(_previous: FormState, formData: FormData): Promise<FormState> {
  const oldPassword = String(formData.get('oldPassword') ?? '');
  const newPassword = String(formData.get('newPassword') ?? '');
  const repeat = String(formData.get('repeatPassword') ?? '');
  const account = await getAccount();
  if (!account) return { signedOut: true };
  const t = await getT();
  const fieldErrors: Record<string, string> = {};
  if (!oldPassword) fieldErrors.oldPassword = t('validation.required');
  if (!newPassword) fieldErrors.newPassword = t('validation.required');
  else if (newPassword !== repeat) fieldErrors.repeatPassword = t('account.passwords_differ');
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors };
  const result = await callApi<string>('POST', '/api/set-password', {
    form: { userOwner: account.user.owner, userName: account.user.name, oldPassword, newPassword },
  });
  if (!result.ok) return failedForm(result, undefined, ['oldPassword', 'newPassword']);
  return { ok: true, savedAt: Date.now(), message: t('account.password_changed') };
}

export interface KeyResult {
  ok: boolean;
  message: string;
  accessKey?: string;
  accessSecret?: string;
}

/** Creates (or replaces) the signed-in user's access key and secret. */
export async function createAccessKey(): Promise<KeyResult> {
  const account = await requireAccount();
  const t = await getT();
  const result = await apiPost<unknown>('/api/add-user-keys', undefined, {
    owner: account.user.owner,
    name: account.user.name,
  });
  if (!result.ok) return { ok: false, message: result.msg };
  const reread = await callApi<{ accessKey: string; accessSecret: string }>('GET', '/api/get-account');
  revalidatePath('/account');
  return {
    ok: true,
    message: t('account.key_created'),
    accessKey: reread.data?.accessKey,
    accessSecret: reread.data?.accessSecret,
  };
}

/** Deletes the signed-in user's access key: scripts that use it stop working. */
export async function deleteAccessKey(): Promise<KeyResult> {
  const account = await requireAccount();
  const t = await getT();
  const result = await apiPost<unknown>('/api/delete-user-keys', undefined, {
    owner: account.user.owner,
    name: account.user.name,
  });
  if (!result.ok) return { ok: false, message: result.msg };
  revalidatePath('/account');
  return { ok: true, message: t('account.key_deleted') };
}

/** An administrator sets another user's password (no old password needed; the API checks who may). */
export async function setUserPassword(
  owner: string,
  name: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const newPassword = String(formData.get('newPassword') ?? '');
  const repeat = String(formData.get('repeatPassword') ?? '');
  if (!(await getAccount())) return { signedOut: true };
  const t = await getT();
  if (!newPassword) return { fieldErrors: { newPassword: t('validation.required') } };
  if (newPassword !== repeat) return { fieldErrors: { repeatPassword: t('account.passwords_differ') } };
  const result = await callApi<string>('POST', '/api/set-password', {
    form: { userOwner: owner, userName: name, oldPassword: '', newPassword },
  });
  if (!result.ok) return failedForm(result, undefined, ['newPassword']);
  // Setting a password clears the user's "must change" flag; asked for, it is set again afterwards.
  if (formData.get('requireChange') === 'on') {
    const flagged = await setUserFlag(owner, name, 'needUpdatePassword', true);
    if (!flagged.ok) return { formError: flagged.message };
  }
  return { ok: true, savedAt: Date.now(), message: t('users.password_set') };
}
