import type { Application } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';

/** Who the passkeys are for: the server's public origin (`LATCHKEY_ORIGIN`) and its host name as the RP ID. */
export interface RelyingParty {
  id: string;
  name: string;
  origin: string;
}

export function relyingPartyOf(context: AppContext): RelyingParty {
  const url = new URL(context.config.origin);
  return { id: url.hostname.replace(/^\[|\]$/g, ''), name: 'Latchkey', origin: url.origin };
}

/**
 * Whether browsers can use passkeys for this server at all: WebAuthn needs a domain name as RP ID
 * (never an IP address) and a secure origin (https, or http://localhost).
 */
export function passkeysUsable(context: AppContext): boolean {
  const url = new URL(context.config.origin);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (/^[\d.]+$/.test(host) || host.includes(':')) return false;
  return url.protocol === 'https:' || host === 'localhost' || host.endsWith('.localhost');
}

/** Whether an application lets its users sign in with a passkey alone (Casdoor's `enableWebAuthn`, or its `WebAuthn` sign-in method). */
export const passkeySigninEnabled = (application: Pick<Application, 'enableWebAuthn' | 'signinMethods'>) =>
  application.enableWebAuthn || application.signinMethods.some((method) => method.name === 'WebAuthn');
