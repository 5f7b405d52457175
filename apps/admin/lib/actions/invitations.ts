'use server';

import { apiPost } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** Emails an invitation's code and link to the addresses given (commas, spaces or lines between them). */
export async function sendInvitation(id: string, addresses: string): Promise<{ ok: boolean; message: string }> {
  await requireAccount();
  const t = await getT();
  const receivers = addresses
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean);
  const result = await apiPost<null>('/api/send-invitation', { id }, receivers);
  return result.ok ? { ok: true, message: t('invitations.sent') } : { ok: false, message: result.msg };
}
