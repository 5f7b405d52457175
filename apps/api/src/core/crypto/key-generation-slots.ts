import type { AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';

/**
 * RSA key generations that may run at once on a server and for one organization, that may wait,
 * and how much generating one organization may ask for in a minute, in units of a 2048-bit key.
 */
export const KEY_GENERATION_LIMITS = {
  server: 2,
  organization: 1,
  waiting: 16,
  organizationUnitsPerMinute: 60,
} as const;

/** What generating an RSA key of this size costs, in 2048-bit keys (the work grows about with the cube of the size). */
export function rsaGenerationUnits(bits: number): number {
  return Math.max(1, Math.round((bits / 2048) ** 3));
}

interface KeyGenerationState {
  running: Map<string, number>;
  runningOnServer: number;
  waiting: (() => void)[];
  /** Each organization's generations of the last minute: when (ms) and what they cost. */
  spent: Map<string, { at: number; units: number }[]>;
}

const states = new WeakMap<AppContext, KeyGenerationState>();

function stateOf(context: AppContext): KeyGenerationState {
  let state = states.get(context);
  if (!state) {
    state = { running: new Map(), runningOnServer: 0, waiting: [], spent: new Map() };
    states.set(context, state);
  }
  return state;
}

/** Counts a generation against the organization's quota for the minute, or refuses it. */
function takeQuota(state: KeyGenerationState, organization: string, units: number, now: number): void {
  const recent = (state.spent.get(organization) ?? []).filter((entry) => now - entry.at < 60_000);
  const used = recent.reduce((sum, entry) => sum + entry.units, 0);
  if (used + units > KEY_GENERATION_LIMITS.organizationUnitsPerMinute) throw new ApiError('general.too_many_requests');
  recent.push({ at: now, units });
  state.spent.set(organization, recent);
  if (state.spent.size > 10_000)
    for (const [key, entries] of state.spent)
      if (entries.every((entry) => now - entry.at >= 60_000)) state.spent.delete(key);
}

function leave(state: KeyGenerationState, organization: string): void {
  const count = (state.running.get(organization) ?? 1) - 1;
  if (count > 0) state.running.set(organization, count);
  else state.running.delete(organization);
}

/**
 * Runs an expensive key generation for an organization within its share: one at a time per
 * organization and a quota a minute (60 keys of 2048 bits, or 7 of 4096; beyond, "too many
 * requests" at once), a few at a time on the server (others wait their turn; a full queue refuses).
 */
export async function withKeyGenerationSlot<T>(
  context: AppContext,
  organization: string,
  units: number,
  work: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  const state = stateOf(context);
  if ((state.running.get(organization) ?? 0) >= KEY_GENERATION_LIMITS.organization)
    throw new ApiError('general.too_many_requests');
  takeQuota(state, organization, units, now);
  state.running.set(organization, (state.running.get(organization) ?? 0) + 1);
  if (state.runningOnServer >= KEY_GENERATION_LIMITS.server) {
    if (state.waiting.length >= KEY_GENERATION_LIMITS.waiting) {
      leave(state, organization);
      throw new ApiError('general.too_many_requests');
    }
    await new Promise<void>((resolve) => state.waiting.push(resolve));
  }
  state.runningOnServer++;
  try {
    return await work();
  } finally {
    leave(state, organization);
    state.runningOnServer--;
    state.waiting.shift()?.();
  }
}
