import { ApiError } from '../../core/errors/api-error.ts';

/** The highest price, amount or total Latchkey keeps: far above any real sale, and exact in a double. */
export const MAX_PRICE = 1_000_000_000;
/** The most units of one product an order, a stock or a sales count may hold. */
export const MAX_QUANTITY = 1_000_000_000;
/** The most units of one product a single order line may buy. */
export const MAX_ORDER_QUANTITY = 10_000;
/** The most lines an order may have. */
export const MAX_ORDER_LINES = 100;

/** The currency of a price that names none, as Casdoor reads it. */
export const DEFAULT_CURRENCY = 'USD';

/** A sum of prices, rounded to 1e-8 as Casdoor rounds them, so that float noise never shows. */
export const addPrices = (...prices: number[]) => Math.round(prices.reduce((sum, price) => sum + price, 0) * 1e8) / 1e8;

/** A currency code: empty (meaning USD), or three capital letters as ISO 4217 writes them. */
export function checkCurrency(currency: string): void {
  if (currency !== '' && !/^[A-Z]{3}$/.test(currency)) throw new ApiError('commerce.currency_invalid', { currency });
}

/** A price or total: a finite number from 0 to MAX_PRICE (JSON cannot carry NaN, the body schema refuses infinities). */
export function checkPrice(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0 || value > MAX_PRICE)
    throw new ApiError('commerce.price_invalid', { field, max: MAX_PRICE });
}

/** A signed amount (a transaction moves a balance either way). */
export function checkAmount(value: number, field: string): void {
  if (!Number.isFinite(value) || Math.abs(value) > MAX_PRICE)
    throw new ApiError('commerce.amount_invalid', { field, max: MAX_PRICE });
}

/** A count of units, a whole number within bounds. */
export function checkQuantity(value: number, field: string, min = 0, max = MAX_QUANTITY): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ApiError('commerce.quantity_invalid', { field, min, max });
}

/** One of the values a state field may take (empty is always allowed: Casdoor's SDKs leave it out). */
export function checkState(state: string, states: readonly string[]): void {
  if (state !== '' && !states.includes(state))
    throw new ApiError('commerce.state_invalid', { state, states: states.join(', ') });
}

/** An address a buyer is sent to: empty, or http(s) without credentials. */
export function checkUrl(value: string, field: string): void {
  if (value === '') return;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password)
    throw new ApiError('commerce.url_invalid', { field });
}

export const PERIODS = ['Monthly', 'Yearly'] as const;

export function checkPeriod(period: string): void {
  if (period !== '' && !(PERIODS as readonly string[]).includes(period))
    throw new ApiError('commerce.period_invalid', { period });
}

/** Casdoor's time-based ids: `20260822_165336_1a2b3c4` (the time in UTC and seven random hex digits). */
export function timeId(now: Date): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}_${crypto.randomUUID().replaceAll('-', '').slice(0, 7)}`;
}
