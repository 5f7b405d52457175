'use server';

import { randomBytes } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { apiGet, apiPost } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** Gives an application a new random client secret (the old one stops working at once). */
export async function regenerateClientSecret(name: string): Promise<{ ok: boolean; secret?: string; message: string }> {
  await requireAccount();
  const t = await getT();
  const id = `admin/${name}`;
  const current = await apiGet<Record<string, unknown> | null>('/api/get-application', { id });
  if (!current.ok || !current.data) return { ok: false, message: current.msg || t('common.not_found_body') };
  const secret = randomBytes(20).toString('hex');
  const result = await apiPost<string>('/api/update-application', { id }, { ...current.data, clientSecret: secret });
  if (!result.ok) return { ok: false, message: result.msg };
  const check = await apiGet<{ clientSecret?: string } | null>('/api/get-application', { id });
  revalidatePath(`/applications/admin/${name}`);
  return { ok: true, secret: check.data?.clientSecret || secret, message: t('application.new_secret_done') };
}
