'use server';

import { revalidatePath } from 'next/cache';
import { apiGet, apiPost, callApi } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** The answer of an MFA action to the Security page: a message, or the error to show (at the code field when `field`). */
export interface MfaResult {
  ok: boolean;
  message: string;
  /** The error belongs to the code field. */
  field?: 'passcode';
}

/** A set-up begun: what the authenticator app needs, and the recovery codes to show once it is turned on. */
export interface TotpSetup extends MfaResult {
  secret?: string;
  /** The otpauth:// URI the QR code carries. */
  url?: string;
  recoveryCodes?: string[];
}

const SIX_DIGITS = /^\d{6}$/;

/** Starts setting up an authenticator app for the signed-in user (the API keeps the secret until it is turned on). */
export async function startTotpSetup(): Promise<TotpSetup> {
  await requireAccount();
  const result = await apiPost<{ secret: string; url: string; recoveryCodes: string[] }>(
    '/api/mfa/setup/initiate',
    undefined,
    { mfaType: 'app' },
  );
  if (!result.ok) return { ok: false, message: result.msg };
  return {
    ok: true,
    message: '',
    secret: result.data.secret,
    url: result.data.url,
    recoveryCodes: result.data.recoveryCodes,
  };
}

/** Proves the new secret with a code of the app, then turns it on. */
export async function confirmTotpSetup(passcode: string): Promise<MfaResult> {
  await requireAccount();
  const t = await getT();
  const code = passcode.replace(/\s+/g, '');
  if (!SIX_DIGITS.test(code)) return { ok: false, message: t('security.code_required'), field: 'passcode' };
  const verified = await apiPost<string>('/api/mfa/setup/verify', undefined, { mfaType: 'app', passcode: code });
  if (!verified.ok) return { ok: false, message: verified.msg, field: 'passcode' };
  const enabled = await apiPost<string>('/api/mfa/setup/enable', undefined, { mfaType: 'app' });
  if (!enabled.ok) return { ok: false, message: enabled.msg };
  revalidatePath('/account/security');
  return { ok: true, message: t('security.turned_on') };
}

/** A set-up of codes by email or text message begun: where they go, and the recovery codes to show once it is on. */
export interface CodeSetup extends MfaResult {
  destination?: string;
  recoveryCodes?: string[];
}

/** Starts setting up codes by email (`email`) or text message (`sms`) for the signed-in user; they go to the account's own address or number. */
export async function startCodeSetup(type: 'email' | 'sms'): Promise<CodeSetup> {
  await requireAccount();
  const result = await apiPost<{ secret: string; recoveryCodes: string[] }>('/api/mfa/setup/initiate', undefined, {
    mfaType: type,
  });
  if (!result.ok) return { ok: false, message: result.msg };
  return { ok: true, message: '', destination: result.data.secret, recoveryCodes: result.data.recoveryCodes };
}

/** Sends the code that proves the set-up (send-verification-code, method mfaSetup). */
export async function sendSetupCode(type: 'email' | 'sms', destination: string): Promise<MfaResult> {
  await requireAccount();
  const result = await apiPost<unknown>('/api/send-verification-code', undefined, {
    type: type === 'sms' ? 'phone' : 'email',
    dest: destination,
    method: 'mfaSetup',
  });
  return { ok: result.ok, message: result.ok ? '' : result.msg };
}

/** Proves the set-up with the code sent, then turns it on. */
export async function confirmCodeSetup(type: 'email' | 'sms', passcode: string): Promise<MfaResult> {
  await requireAccount();
  const t = await getT();
  const code = passcode.replace(/\s+/g, '');
  const verified = await apiPost<string>('/api/mfa/setup/verify', undefined, { mfaType: type, passcode: code });
  if (!verified.ok) return { ok: false, message: verified.msg, field: 'passcode' };
  const enabled = await apiPost<string>('/api/mfa/setup/enable', undefined, { mfaType: type });
  if (!enabled.ok) return { ok: false, message: enabled.msg };
  revalidatePath('/account/security');
  return { ok: true, message: t('security.turned_on') };
}

/** New recovery codes for the signed-in user; the old ones stop working. */
export async function regenerateRecoveryCodes(): Promise<MfaResult & { recoveryCodes?: string[] }> {
  await requireAccount();
  const result = await callApi<string[]>('POST', '/api/mfa/recovery-codes');
  if (!result.ok) return { ok: false, message: result.msg };
  return { ok: true, message: '', recoveryCodes: result.data };
}

/** The method a sign-in of the signed-in user asks for first. */
export async function choosePreferredMfa(mfaType: string): Promise<MfaResult> {
  const account = await requireAccount();
  const t = await getT();
  const result = await apiPost<unknown>('/api/set-preferred-mfa', undefined, {
    owner: account.user.owner,
    name: account.user.name,
    mfaType,
  });
  if (!result.ok) return { ok: false, message: result.msg };
  revalidatePath('/account/security');
  return { ok: true, message: t('security.preferred_saved') };
}

/** Turns every second factor of the signed-in user off. */
export async function turnOffMfa(): Promise<MfaResult> {
  const account = await requireAccount();
  const t = await getT();
  const result = await apiPost<unknown>('/api/delete-mfa', undefined, {
    owner: account.user.owner,
    name: account.user.name,
  });
  if (!result.ok) return { ok: false, message: result.msg };
  revalidatePath('/account/security');
  return { ok: true, message: t('security.turned_off') };
}

/** An administrator resets a user's second factors (the API checks the right and records it in the audit log). */
export async function resetUserMfa(owner: string, name: string): Promise<MfaResult> {
  await requireAccount();
  const t = await getT();
  const result = await apiPost<unknown>('/api/delete-mfa', undefined, { owner, name });
  if (!result.ok) return { ok: false, message: result.msg };
  revalidatePath(`/users/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`);
  return { ok: true, message: t('security.reset_done', { user: `${owner}/${name}` }) };
}

/** Casdoor's rules of an organization's `mfaItems`. */
export type MfaRule = 'Optional' | 'Required';

/**
 * Sets the rule of one second factor in an organization's `mfaItems` (Casdoor's MFA policy), keeping
 * the other items and every other field of the organization as they are.
 */
export async function saveMfaPolicy(organization: string, mfaType: string, rule: MfaRule): Promise<MfaResult> {
  await requireAccount();
  const t = await getT();
  const id = `admin/${organization}`;
  const current = await apiGet<Record<string, unknown> | null>('/api/get-organization', { id });
  if (!current.ok) return { ok: false, message: current.msg };
  if (!current.data) return { ok: false, message: t('common.not_found_body') };
  const items = Array.isArray(current.data.mfaItems) ? (current.data.mfaItems as { name: string; rule: string }[]) : [];
  const mfaItems = [...items.filter((item) => item.name !== mfaType), { name: mfaType, rule }];
  const result = await apiPost<string>('/api/update-organization', { id }, { ...current.data, mfaItems });
  if (!result.ok) return { ok: false, message: result.msg };
  revalidatePath(`/organizations/admin/${encodeURIComponent(organization)}`);
  return { ok: true, message: t('common.saved') };
}
