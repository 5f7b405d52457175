import type { WebauthnCredentialRecord } from '@latchkey/db';
import { decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { MAX_PASSKEYS_PER_USER } from '../../features/passkeys/credentials.ts';

/*
 * Casdoor's passkeys: a user's `webauthnCredentials` is the JSON of go-webauthn's `Credential` list
 * (github.com/go-webauthn/webauthn, `webauthn/credential.go`): `id` and `publicKey` as standard
 * base64 of their bytes (Go's []byte), the public key in COSE form (as the authenticator gave it at
 * registration, which is what Latchkey stores too), `transport`, `flags` (`backupEligible`,
 * `backupState`) and `authenticator` (`AAGUID`, `signCount`, `cloneWarning`). Older Casdoor
 * versions (duo-labs/webauthn) wrote the same fields with capitalised names (`ID`, `PublicKey`,
 * `Authenticator.SignCount`); Go reads either, and so does this.
 */

/** A passkey as an import stores it, less the user and the time, which the entry gives. */
export type ImportedPasskey = Omit<WebauthnCredentialRecord, 'userId' | 'owner' | 'createdTime'>;

/** COSE algorithms a Latchkey server verifies signatures of (ES256/384/512, EdDSA, RS256/384/512, PS256/384/512, RS1). */
const verifiableAlgorithms = new Set([-7, -35, -36, -8, -257, -258, -259, -37, -38, -39, -65535]);

/** A field by its name in either case of its first letter (Go's JSON decoding ignores case). */
function field(object: unknown, name: string): unknown {
  if (!object || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const record = object as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** Bytes from Go's []byte JSON (standard base64), or from base64url; undefined when it is neither. */
function bytesOf(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length > 0 ? bytes : undefined;
}

/** An AAGUID in its usual text form (8-4-4-4-12 hex digits), all zeros when unknown. */
function aaguidText(value: unknown): string {
  const bytes = bytesOf(value);
  const hex = (bytes && bytes.length === 16 ? bytes : Buffer.alloc(16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** One Casdoor credential as a Latchkey passkey, or why it cannot be one. */
function convert(raw: unknown): ImportedPasskey | { problem: string } {
  const id = bytesOf(field(raw, 'id'));
  if (!id || id.length > 1023) return { problem: 'it has no credential id' };
  const publicKey = bytesOf(field(raw, 'publicKey'));
  if (!publicKey) return { problem: 'it has no public key' };
  try {
    const algorithm = decodeCredentialPublicKey(new Uint8Array(publicKey)).get(3);
    if (typeof algorithm !== 'number' || !verifiableAlgorithms.has(algorithm))
      return { problem: `its key's algorithm (${String(algorithm)}) is not one Latchkey verifies` };
  } catch {
    return { problem: 'its public key is not a COSE key' };
  }
  const authenticator = field(raw, 'authenticator');
  const signCount = Number(field(authenticator, 'signCount') ?? 0);
  const flags = field(raw, 'flags');
  const transports = field(raw, 'transport');
  return {
    id: id.toString('base64url'),
    name: '',
    publicKey: publicKey.toString('base64url'),
    counter: Number.isSafeInteger(signCount) && signCount >= 0 ? signCount : 0,
    transports: Array.isArray(transports) ? transports.filter((item): item is string => typeof item === 'string') : [],
    deviceType: field(flags, 'backupEligible') === true ? 'multiDevice' : 'singleDevice',
    backedUp: field(flags, 'backupState') === true,
    aaguid: aaguidText(field(authenticator, 'AAGUID')),
    lastUsedTime: '',
  };
}

/**
 * A Casdoor user's passkeys, converted: those that convert (at most MAX_PASSKEYS_PER_USER), and a
 * note for each that does not or is left out.
 */
export function casdoorPasskeys(raw: unknown): { passkeys: ImportedPasskey[]; notes: string[] } {
  if (!Array.isArray(raw)) return { passkeys: [], notes: [] };
  const passkeys: ImportedPasskey[] = [];
  const notes: string[] = [];
  for (const [index, entry] of raw.entries()) {
    const converted = convert(entry);
    if ('problem' in converted) notes.push(`its passkey #${index + 1} is not imported: ${converted.problem}`);
    else if (passkeys.some((passkey) => passkey.id === converted.id)) continue;
    else if (passkeys.length >= MAX_PASSKEYS_PER_USER)
      notes.push(`its passkey #${index + 1} is not imported: a user has at most ${MAX_PASSKEYS_PER_USER} passkeys`);
    else passkeys.push(converted);
  }
  return { passkeys, notes };
}
