'use server';

import { apiPost } from '../api';
import { getT } from '../i18n/server';
import { requireAccount } from '../session';

/** The code a test text message carries, as Casdoor's console sends it. */
const TEST_CODE = '123456';

/**
 * Sends a test message through a saved Email or SMS provider to one receiver, the way Casdoor's
 * console does: send-email (or send-sms) naming the provider and its owner. The API checks the
 * receiver and that the caller administers the provider's organization.
 */
export async function sendTestMessage(
  provider: { owner: string; name: string; displayName: string; category: string },
  receiver: string,
): Promise<{ ok: boolean; message: string }> {
  await requireAccount();
  const t = await getT();
  const to = receiver.trim();
  if (!to) return { ok: false, message: t('validation.required') };
  const identity = { owner: provider.owner, name: provider.name };
  const shown = provider.displayName || provider.name;
  const result =
    provider.category === 'SMS'
      ? await apiPost<null>(
          '/api/send-sms',
          { provider: provider.name },
          { ...identity, content: TEST_CODE, receivers: [to] },
        )
      : await apiPost<null>('/api/send-email', undefined, {
          ...identity,
          provider: provider.name,
          title: t('provider_form.test_subject'),
          content: `<p>${escapeHtml(t('provider_form.test_body', { provider: shown }))}</p>`,
          sender: shown,
          receivers: [to],
        });
  return result.ok
    ? { ok: true, message: t('provider_form.test_sent', { receiver: to }) }
    : { ok: false, message: result.msg };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
