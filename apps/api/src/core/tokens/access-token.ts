import { findApplication, findTokenByAccessHash, type TokenRecord } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { errors, type JWTPayload, jwtVerify } from 'jose';
import type { AppContext } from '../context.ts';
import { sha256Hex } from '../crypto/compare.ts';
import { bearerCacheOf, type CheckedBearer } from './bearer-cache.ts';
import { freezeRow } from './frozen-row.ts';
import { tokenRowAgrees } from './row-agreement.ts';
import { applicationSigningKey } from './signing-keys.ts';
import { findTokenUser } from './token-user.ts';
import { claimedTokenName } from './unverified-payload.ts';

/**
 * How far apart the clocks of two servers may be for a token minted on one to be taken at once by
 * the other (its `nbf`); expiry is judged by the token's row, without tolerance.
 */
export const CLOCK_TOLERANCE_SECONDS = 30;

/** Longer than any token we issue by far; a longer one is not looked up. */
const MAX_TOKEN_LENGTH = 16384;

export type AccessTokenProblem = 'invalid' | 'expired' | 'revoked';

export type AccessTokenCheck =
  | {
      ok: true;
      token: TokenRecord;
      application: Application;
      claims: JWTPayload;
      /** The token's user (token-user.ts), undefined for an application's token or a user who is gone. */
      user: User | undefined;
    }
  | { ok: false; problem: AccessTokenProblem };

/** Unix seconds at which a token row stops being valid (Casdoor: createdTime + expiresIn). */
export function tokenExpiresAt(token: Pick<TokenRecord, 'createdTime' | 'expiresIn'>): number {
  return Math.floor(Date.parse(token.createdTime) / 1000) + token.expiresIn;
}

/** Unix seconds from which a token is expired: by its row, or by its claims (with no tolerance for either). */
function expiryOf(token: TokenRecord, claims: JWTPayload): number {
  const byRow = tokenExpiresAt(token);
  // A row whose time cannot be read (NaN) expires by its claims alone, as `a <= now || b <= now` would judge.
  return claims.exp !== undefined && !(byRow <= claims.exp) ? claims.exp : byRow;
}

/**
 * Checks a presented access token: it must be one we issued (looked up by SHA-256), not revoked,
 * not expired, and carry a valid signature of its application's cert with that cert's algorithm
 * (so `alg: none` and HMAC-with-the-public-key tokens never pass), and agree with its row (row-agreement.ts):
 * a row names the grant, but only the server's signature makes it a credential. A token checked
 * before is answered from memory (bearer-cache.ts) until any token, user, application, cert or
 * organization changes; its expiry is judged again on every use.
 */
export async function checkAccessToken(context: AppContext, raw: string): Promise<AccessTokenCheck> {
  const check = await checkAccessTokenShared(context, raw);
  return check.ok && check.remembered ? { ok: true, ...copyOf(check) } : check;
}

/**
 * checkAccessToken for a caller that only reads what it is handed: with the bearer cache on, a
 * token comes as the objects the cache keeps (`remembered`: frozen, shared by every request that
 * presents it), not as copies.
 */
export async function checkAccessTokenShared(
  context: AppContext,
  raw: string,
): Promise<(AccessTokenCheck & { ok: false }) | (Readonly<CheckedBearer> & { ok: true; remembered: boolean })> {
  if (!raw || raw.length > MAX_TOKEN_LENGTH) return { ok: false, problem: 'invalid' };
  const hash = sha256Hex(raw);
  const cache = bearerCacheOf(context);
  const remembered = cache?.get(hash);
  if (remembered) {
    if (isExpired(context, remembered)) return { ok: false, problem: 'expired' };
    const { token, application, claims, user } = remembered;
    return { ok: true, remembered: true, token, application, claims, user };
  }
  if (!cache) {
    const check = await checkStoredAccessToken(context, raw, hash);
    return check.ok ? { ...check, remembered: false } : check;
  }
  const generation = cache.generation;
  const check = await checkStoredAccessToken(context, raw, hash);
  if (!check.ok) return check;
  const { token, application, claims, user } = check;
  // Kept for every later request (if nothing changed meanwhile): frozen, so that no one changes it for the others.
  const kept: CheckedBearer = {
    token: freezeRow(token),
    application: freezeRow(application),
    claims: freezeRow(claims),
    user: user && freezeRow(user),
    expiresAt: expiryOf(token, claims),
  };
  cache.remember(hash, kept, generation);
  return { ok: true, remembered: true, token, application, claims, user };
}

/**
 * A token the bearer cache remembers and that has not expired, as the cache keeps it (frozen), or
 * undefined: a token that is not remembered, or has expired, is left to checkAccessToken. Reads no
 * database; for an answer that only a remembered token may have without the request pipeline.
 */
export function rememberedAccessToken(context: AppContext, raw: string): Readonly<CheckedBearer> | undefined {
  if (!raw || raw.length > MAX_TOKEN_LENGTH) return undefined;
  const remembered = bearerCacheOf(context)?.get(sha256Hex(raw));
  return remembered && !isExpired(context, remembered) ? remembered : undefined;
}

/** Whether a remembered token has expired by now. */
function isExpired(context: AppContext, remembered: CheckedBearer): boolean {
  const expiresAt = remembered.expiresAt ?? expiryOf(remembered.token, remembered.claims);
  return expiresAt <= Math.floor(context.clock.now().getTime() / 1000);
}

/** Copies, so that a request changing what it was handed cannot change what the next one gets. */
const copyOf = ({ token, application, claims, user }: CheckedBearer): CheckedBearer => ({
  token: { ...token },
  application: { ...application },
  claims: { ...claims },
  user: user && { ...user },
});

async function checkStoredAccessToken(context: AppContext, raw: string, hash: string): Promise<AccessTokenCheck> {
  const token = await findTokenByAccessHash(context.db, claimedTokenName(raw) ?? '', hash);
  if (!token) return { ok: false, problem: 'invalid' };
  if (token.expiresIn <= 0) return { ok: false, problem: 'revoked' };
  const now = context.clock.now();
  if (tokenExpiresAt(token) <= Math.floor(now.getTime() / 1000)) return { ok: false, problem: 'expired' };
  const application = await findApplication(context.db, token.application);
  if (!application) return { ok: false, problem: 'invalid' };
  const key = await applicationSigningKey(context, application);
  try {
    const { payload } = await jwtVerify(raw, key.publicKey, {
      algorithms: [key.alg],
      issuer: context.config.origin,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (!tokenRowAgrees(payload, token, application)) return { ok: false, problem: 'invalid' };
    const user = token.user ? await findTokenUser(context, token) : undefined;
    return { ok: true, token, application, claims: payload, user };
  } catch (error) {
    return { ok: false, problem: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}
