import { randomInt, randomUUID } from 'node:crypto';
import {
  codeSendsToDestination,
  countCodeSendsFromAddress,
  deleteVerificationCode,
  findLatestVerificationCode,
  insertVerificationCode,
  markVerificationCodeVerified,
  recordWrongVerificationCode,
  spendVerificationCode,
  type VerificationCodeRecord,
} from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { secretsEqual } from '../../core/crypto/compare.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { enqueueDelivery } from '../../jobs/outbound/deliveries.ts';
import type { OutboundMessage } from '../../jobs/outbound/delivery-store.ts';

/** What a code may be used for (Casdoor's `method`): `mfaSetup` proves a second factor being set up, `mfaAuth` passes one in a sign-in. */
export type CodePurpose = 'signup' | 'login' | 'forget' | 'reset' | 'mfaSetup' | 'mfaAuth';
export const CODE_PURPOSES: readonly CodePurpose[] = ['signup', 'login', 'forget', 'reset', 'mfaSetup', 'mfaAuth'];

/** A code lives ten minutes, and dies after five wrong tries. */
export const CODE_LIFETIME_MINUTES = 10;
export const MAX_WRONG_CODES = 5;
const HOUR_MS = 3_600_000;

export interface CodeLimits {
  /** One code per destination within this many seconds. */
  resendSeconds: number;
  /** At most this many codes to one destination (of an organization) an hour. */
  perDestinationPerHour: number;
  /** At most this many codes asked for from one client address an hour. */
  perAddressPerHour: number;
}

const defaultLimits: CodeLimits = { resendSeconds: 60, perDestinationPerHour: 10, perAddressPerHour: 30 };
const configured = new WeakMap<AppContext, CodeLimits>();

export function codeLimitsOf(context: AppContext): CodeLimits {
  return configured.get(context) ?? defaultLimits;
}

/** Changes the send limits of one server (tests use their own). */
export function configureVerificationCodes(context: AppContext, limits: Partial<CodeLimits>): void {
  configured.set(context, { ...codeLimitsOf(context), ...limits });
}

/** Six random digits. */
export const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** The stored form of a code: a keyed hash, salted with its row's id. */
const codeHashOf = (context: AppContext, id: string, code: string) => context.secrets.mac(`verification:${id}:${code}`);

/** What a code is bound to: the organization, the purpose, the account ('' for a sign-up) and the destination, and for `mfaAuth` the pending sign-in. */
export interface CodeBinding {
  organization: string;
  purpose: CodePurpose;
  userId: string;
  destination?: string;
  /** mfaAuth: the id of the pending sign-in the code was sent for. */
  pendingSignin?: string;
}

export interface IssueRequest {
  binding: CodeBinding & { destination: string };
  application: string;
  type: 'email' | 'phone';
  remoteAddr: string;
  provider: string;
  code: string;
  /** The message carrying the code; undefined when there is no one to send to (nothing is sent, the answer is the same). */
  message?: { kind: string; outbound: OutboundMessage };
}

/**
 * Records a code and queues its message, within the limits: one send per destination every
 * `resendSeconds`, `perDestinationPerHour` to one destination and `perAddressPerHour` from one
 * client address. A request with no one to send to (an unknown account) is recorded and limited in
 * the same way, without a code, so the answers do not tell the two apart. The row is written first
 * and the destination's sends are read back, so concurrent requests cannot both pass the wait.
 */
export async function issueCode(context: AppContext, request: IssueRequest): Promise<void> {
  const limits = codeLimitsOf(context);
  const now = context.clock.now().getTime();
  if (
    request.remoteAddr &&
    (await countCodeSendsFromAddress(context.db, request.remoteAddr, now - HOUR_MS)) >= limits.perAddressPerHour
  )
    throw new ApiError('verification.too_many_codes');
  const id = randomUUID();
  const record: VerificationCodeRecord = {
    id,
    organization: request.binding.organization,
    application: request.application,
    userId: request.binding.userId,
    destination: request.binding.destination,
    type: request.type,
    purpose: request.binding.purpose,
    codeHash: request.message ? codeHashOf(context, id, request.code) : '',
    remoteAddr: request.remoteAddr,
    provider: request.provider,
    failedAttempts: 0,
    verifiedAt: 0,
    usedAt: 0,
    createdAt: now,
    expiresAt: now + CODE_LIFETIME_MINUTES * 60_000,
    pendingSignin: request.binding.pendingSignin ?? '',
  };
  await insertVerificationCode(context.db, record);
  const sends = await codeSendsToDestination(context.db, record.organization, record.destination, now - HOUR_MS);
  // Any other send within the wait refuses this one; of two at the same moment, both are refused.
  const tooSoon = sends.some((send) => send.id !== id && send.createdAt > now - limits.resendSeconds * 1000);
  if (tooSoon || sends.length > limits.perDestinationPerHour) {
    await deleteVerificationCode(context.db, id);
    if (tooSoon) throw new ApiError('verification.resend_too_soon', { seconds: limits.resendSeconds });
    throw new ApiError('verification.too_many_codes');
  }
  if (request.message)
    enqueueDelivery(context, {
      kind: request.message.kind,
      organization: record.organization,
      ...request.message.outbound,
    });
}

const invalid = () => new ApiError('verification.code_invalid');

/** How a right code is used: spent at once, verified (for one later spend), or spent after a verification. */
export type CodeUse = 'spend' | 'verify' | 'spend-verified';

/**
 * Checks a code against the newest one sent for its binding (the account and purpose, or the
 * destination of a sign-up), and uses it. One answer for every failure — no code, expired, spent,
 * wrong, dead — so nothing tells whether an account exists. A wrong code counts against the one
 * sent; at `MAX_WRONG_CODES` it is dead. A right code is used by one conditional write, so it
 * works once, even for concurrent requests.
 */
export async function useCode(
  context: AppContext,
  binding: CodeBinding,
  code: unknown,
  use: CodeUse,
): Promise<VerificationCodeRecord> {
  const record = await findLatestVerificationCode(context.db, binding);
  const now = context.clock.now().getTime();
  if (
    !record ||
    record.expiresAt <= now ||
    record.usedAt !== 0 ||
    record.failedAttempts >= MAX_WRONG_CODES ||
    (use === 'spend-verified') !== record.verifiedAt > 0
  )
    throw invalid();
  const given = typeof code === 'string' ? code.trim() : '';
  if (!/^\d{6}$/.test(given) || !secretsEqual(record.codeHash, codeHashOf(context, record.id, given))) {
    await recordWrongVerificationCode(context.db, record.id, MAX_WRONG_CODES);
    throw invalid();
  }
  const used =
    use === 'verify'
      ? await markVerificationCodeVerified(context.db, record.id, now, MAX_WRONG_CODES)
      : await spendVerificationCode(context.db, record.id, now, {
          limit: MAX_WRONG_CODES,
          verified: use === 'spend-verified',
        });
  if (!used) throw invalid();
  return record;
}
