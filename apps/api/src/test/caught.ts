import type { MessageKey, MessageParams } from '@latchkey/i18n';
import { ApiError } from '../core/errors/api-error.ts';

/**
 * What a piece of work threw, or undefined when it did not. Given a promise, what it rejected with;
 * given a function, what calling it threw (a function that returns a promise is a mistake: pass
 * the promise itself, so that its rejection is not missed).
 */
export function caught(work: PromiseLike<unknown>): Promise<unknown>;
export function caught(work: () => unknown): unknown;
export function caught(work: PromiseLike<unknown> | (() => unknown)): unknown {
  if (typeof work !== 'function')
    return Promise.resolve(work).then(
      () => undefined,
      (error: unknown) => error,
    );
  let result: unknown;
  try {
    result = work();
  } catch (error) {
    return error;
  }
  if (result && typeof (result as PromiseLike<unknown>).then === 'function')
    throw new Error('caught() was given a function that returns a promise; pass the promise');
  return undefined;
}

export interface Refusal {
  code: MessageKey;
  params?: MessageParams;
}

const asRefusal = (error: unknown): Refusal | undefined => {
  if (error === undefined) return undefined;
  if (error instanceof ApiError) return { code: error.code, params: error.params };
  throw error;
};

/**
 * The code and params of the ApiError a piece of work threw (see `caught`), or undefined when it
 * threw nothing. Anything else it threw is thrown again: a crash is not a refusal.
 */
export function refusal(work: PromiseLike<unknown>): Promise<Refusal | undefined>;
export function refusal(work: () => unknown): Refusal | undefined;
export function refusal(
  work: PromiseLike<unknown> | (() => unknown),
): Refusal | undefined | Promise<Refusal | undefined> {
  if (typeof work !== 'function') return caught(work).then(asRefusal);
  return asRefusal(caught(work));
}
