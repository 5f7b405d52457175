'use server';

import { apiGet } from '../api';
import { requireAccount } from '../session';

/** The raw access token of an issued token, for an administrator to copy (the API decides who may). */
export async function revealAccessToken(name: string): Promise<{ ok: boolean; token?: string; message?: string }> {
  await requireAccount();
  const result = await apiGet<{ accessToken?: string } | null>('/api/get-token', { id: `admin/${name}` });
  if (!result.ok) return { ok: false, message: result.msg };
  const token = result.data?.accessToken;
  return token ? { ok: true, token } : { ok: false };
}
