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
