import { ApiError } from '../../core/errors/api-error.ts';

/** Where a code goes: an email address or a phone number. */
export type DestinationType = 'email' | 'phone';

const EMAIL = /^[^\s@"<>,;]{1,64}@[^\s@"<>,;]{1,253}\.[^\s@"<>,;]+$/;
const PHONE = /^\+?[0-9][0-9 ()-]{3,30}$/;

export function destinationTypeOf(value: unknown): DestinationType {
  if (value === 'email' || value === 'phone') return value;
  throw new ApiError('verification.type_invalid');
}

/** An email address as codes are bound to it: trimmed, lower case. */
export const normalEmail = (value: string) => value.trim().toLowerCase();

/** A phone number as codes are bound to it: digits, with a leading + when given. */
export const normalPhone = (value: string) => value.trim().replace(/[\s()-]/g, '');

/** Checks and normalizes a destination of a type; a malformed one is refused (it names no account). */
export function normalDestination(type: DestinationType, value: string): string {
  const trimmed = value.trim();
  if (type === 'email') {
    if (!EMAIL.test(trimmed) || trimmed.length > 320) throw new ApiError('auth.email_invalid');
    return normalEmail(trimmed);
  }
  if (!PHONE.test(trimmed)) throw new ApiError('auth.phone_invalid');
  return normalPhone(trimmed);
}

/** What a value typed into a sign-in or recovery form looks like. */
export function looksLikeEmail(value: string): boolean {
  return value.includes('@');
}
export function looksLikePhone(value: string): boolean {
  return PHONE.test(value.trim()) && /\d{4,}/.test(normalPhone(value));
}

/** An email address shown without giving it away: `a***@e***.com`. */
export function maskEmail(email: string): string {
  if (!email) return '';
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${host[0] ?? ''}***${tld}`;
}

/** A phone number shown without giving it away: its last two digits. */
export function maskPhone(phone: string): string {
  if (!phone) return '';
  const digits = normalPhone(phone);
  return `***${digits.slice(-2)}`;
}
