import {
  browserSupportsWebAuthnAutofill,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';

/*
 * The browser's side of passkeys. The WebAuthn calls need the page itself, so these run in the
 * browser and call the public API directly (same origin, with the session cookie), as Casdoor's
 * front end does; everything else of the console goes through server actions.
 */

/** One passkey as the API lists it (the user's `webauthnCredentials`). */
export interface PasskeySummary {
  id: string;
  name: string;
  createdTime: string;
  lastUsedTime: string;
  backedUp: boolean;
}

/** What a passkey call came to: the API's data, or its message (or '' when the browser's WebAuthn call was refused or cancelled). */
export type PasskeyResult<T> = { ok: true; data: T } | { ok: false; msg: string };

async function api<T>(path: string, init?: RequestInit): Promise<PasskeyResult<T>> {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  const body = (await response.json()) as { status?: string; msg?: string; data?: T; publicKey?: unknown };
  if (body.status === 'error') return { ok: false, msg: body.msg ?? '' };
  if (body.publicKey) return { ok: true, data: body as T };
  return { ok: true, data: body.data as T };
}

const postJson = <T>(path: string, body: unknown) =>
  api<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The browser's WebAuthn call, or a failed result with no message when the user cancelled or the browser refused. */
async function ceremony<T>(run: () => Promise<T>): Promise<PasskeyResult<T>> {
  try {
    return { ok: true, data: await run() };
  } catch {
    return { ok: false, msg: '' };
  }
}

/** Adds a passkey to the signed-in user's account; answers their passkeys. */
export async function addPasskey(name: string): Promise<PasskeyResult<PasskeySummary[]>> {
  const begun = await api<{ publicKey: PublicKeyCredentialCreationOptionsJSON }>('/api/webauthn/signup/begin');
  if (!begun.ok) return begun;
  const created = await ceremony(() => startRegistration({ optionsJSON: begun.data.publicKey }));
  if (!created.ok) return created;
  return postJson(`/api/webauthn/signup/finish?name=${encodeURIComponent(name)}`, created.data);
}

export const renamePasskey = (credentialID: string, credentialName: string) =>
  postJson<PasskeySummary[]>('/api/webauthn/rename-credential', { credentialID, credentialName });

export const removePasskey = (credentialID: string) =>
  postJson<PasskeySummary[]>('/api/webauthn/delete-credential', { credentialID });

/** The browser's answer to a sign-in challenge (`query` of webauthn/signin/begin). */
export async function passkeyAnswer(query: string) {
  const begun = await api<{ publicKey: PublicKeyCredentialRequestOptionsJSON }>(`/api/webauthn/signin/begin${query}`);
  if (!begun.ok) return begun;
  return ceremony(() => startAuthentication({ optionsJSON: begun.data.publicKey }));
}

/** Signs in with a passkey alone (a discoverable one); the API sets the session cookie. */
export async function signInWithPasskey(organization: string): Promise<PasskeyResult<string>> {
  const answer = await passkeyAnswer(`?owner=${encodeURIComponent(organization)}`);
  if (!answer.ok) return answer;
  return postJson<string>('/api/webauthn/signin/finish', answer.data);
}

/** The second step of a password sign-in with a passkey (the pending sign-in's cookie goes along); the API sets the session cookie. */
export async function passWithPasskey(): Promise<PasskeyResult<string>> {
  const answer = await passkeyAnswer('?purpose=mfa');
  if (!answer.ok) return answer;
  return postJson<string>('/api/login', {
    type: 'login',
    username: '',
    password: '',
    mfaType: 'webauthn',
    passcode: JSON.stringify(answer.data),
  });
}

/**
 * The browser's autofill of passkeys (WebAuthn conditional mediation): a request for a discoverable
 * passkey that waits, without any dialog, until the person picks one of this site's passkeys in the
 * autofill of a field whose `autocomplete` ends in `webauthn`; its answer is the sign-in's. Answers
 * a failed result with no message when the browser has no such autofill or the request was
 * stopped (the passkey button, the password, or leaving the page).
 */
export async function passkeyAutofillAnswer(): Promise<PasskeyResult<unknown>> {
  if (!(await browserSupportsWebAuthnAutofill())) return { ok: false, msg: '' };
  const begun = await api<{ publicKey: PublicKeyCredentialRequestOptionsJSON }>('/api/webauthn/signin/begin');
  if (!begun.ok) return begun;
  return ceremony(() => startAuthentication({ optionsJSON: begun.data.publicKey, useBrowserAutofill: true }));
}

/** Signs in to the console with the passkey picked in the browser's autofill; the API sets the session cookie. */
export async function signInWithPasskeyAutofill(): Promise<PasskeyResult<string>> {
  const answer = await passkeyAutofillAnswer();
  if (!answer.ok) return answer;
  return postJson<string>('/api/webauthn/signin/finish', answer.data);
}

/** Stops a WebAuthn request in progress (the autofill's, when the password is used instead). */
export const stopPasskeyRequest = () => WebAuthnAbortService.cancelCeremony();

/**
 * Sets up a passkey as the second factor the browser's pending sign-in requires (its cookie goes
 * along), then completes that sign-in; the API sets the session cookie.
 */
export async function enrolPasskeyAndSignIn(name: string): Promise<PasskeyResult<string>> {
  const added = await addPasskey(name);
  if (!added.ok) return added;
  return postJson<string>('/api/login', { type: 'login', username: '', password: '' });
}

/** Whether this page can use passkeys: WebAuthn in the browser, and a domain name (never an IP address) as the site. */
export function passkeysUsableHere(): boolean {
  if (typeof window === 'undefined' || !window.PublicKeyCredential || !window.isSecureContext) return false;
  const host = window.location.hostname;
  return !/^[\d.]+$/.test(host) && !host.includes(':') && !host.startsWith('[');
}
