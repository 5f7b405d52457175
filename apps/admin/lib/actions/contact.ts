'use server';

import { revalidatePath } from 'next/cache';
import { callApi } from '../api';
import { getT } from '../i18n/server';
import { getAccount } from '../session';

/** The change of the signed-in user's email address or phone number: the new value, then the code sent there. */
export interface ContactState {
  step: 'send' | 'code';
  type: 'email' | 'phone';
  destination?: string;
  notice?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /** Changes on each change made, so that the page shows the new value. */
  savedAt?: number;
}

const field = (formData: FormData, name: string) => String(formData.get(name) ?? '').trim();

/** Sends a code for `reset` to the new address, through the organization's default application. */
async function sendCode(state: ContactState, formData: FormData): Promise<ContactState> {
  const t = await getT();
  const type = formData.get('type') === 'phone' ? 'phone' : 'email';
  const destination = field(formData, 'destination');
  const base = { ...state, type, destination, notice: undefined, error: undefined, fieldErrors: undefined } as const;
  if (!destination) return { ...base, fieldErrors: { destination: t('contact.required') } };
  const account = await getAccount();
  if (!account) return { ...base, error: t('signin.again_title') };
  const application = await callApi<{ name: string } | null>('GET', '/api/get-default-application', {
    query: { id: `admin/${account.user.owner}` },
  });
  if (!application.ok || !application.data) return { ...base, error: application.msg };
  const sent = await callApi('POST', '/api/send-verification-code', {
    form: {
      applicationId: `admin/${application.data.name}`,
      method: 'reset',
      type,
      dest: destination,
      captchaType: 'none',
    },
  });
  if (!sent.ok) return { ...base, fieldErrors: { destination: sent.msg } };
  return { ...base, step: 'code', notice: t('contact.sent', { destination }) };
}

/** Changes the email address or phone number with the code (reset-email-or-phone). */
async function confirm(state: ContactState, formData: FormData): Promise<ContactState> {
  const t = await getT();
  const code = field(formData, 'code').replace(/\s+/g, '');
  const base = { ...state, error: undefined, fieldErrors: undefined };
  if (!code) return { ...base, fieldErrors: { code: t('contact.required') } };
  const changed = await callApi('POST', '/api/reset-email-or-phone', {
    form: { type: state.type, dest: state.destination ?? '', code },
  });
  if (!changed.ok) return { ...base, fieldErrors: { code: changed.msg } };
  revalidatePath('/account');
  return {
    step: 'send',
    type: state.type,
    notice: t(state.type === 'email' ? 'contact.changed_email' : 'contact.changed_phone'),
    savedAt: Date.now(),
  };
}

/** The account page's email-or-phone form: `send`, then `code`; `intent=back` starts again. */
export async function changeContact(state: ContactState, formData: FormData): Promise<ContactState> {
  if (formData.get('intent') === 'back') return { step: 'send', type: state.type, destination: state.destination };
  return state.step === 'send' ? sendCode(state, formData) : confirm(state, formData);
}
