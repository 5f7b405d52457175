import { ApiError } from '../../core/errors/api-error.ts';

/** At most this many receivers in one request. */
export const MAX_RECEIVERS = 100;
/** Longest title and sender name (a mail header line), and longest content, in characters. */
export const MAX_TITLE_LENGTH = 500;
export const MAX_SENDER_LENGTH = 200;
export const MAX_CONTENT_LENGTH = 100_000;

/** Line breaks and other control characters, which would end a mail header and start another. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds and refuses.
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
/** A refused value as it may be quoted back: short, on one line. */
const quoted = (value: string) => value.slice(0, 100).replace(CONTROLS, '?');

/**
 * An email address that can only be one address: no display name, no quotes, angle brackets,
 * commas, spaces or control characters, and a host name of letters, digits and hyphens.
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A phone number: digits with an optional leading +, and the spaces, hyphens and brackets people write. */
const PHONE = /^\+?[0-9][0-9 ()-]{2,30}$/;

/** A header-bound value: text on one line, not too long. */
export function oneLine(value: unknown, field: string, max: number): string {
  const text = value === undefined || value === null ? '' : value;
  if (typeof text !== 'string') throw new ApiError('general.invalid_field', { field });
  if (CONTROL.test(text)) throw new ApiError('service.line_break_not_allowed', { field });
  if (text.length > max) throw new ApiError('service.content_too_long', { field, max });
  return text;
}

/** The content of a message: any text, not too long. */
export function contentOf(value: unknown, field = 'content'): string {
  const text = value === undefined || value === null ? '' : value;
  if (typeof text !== 'string') throw new ApiError('general.invalid_field', { field });
  if (text.length > MAX_CONTENT_LENGTH)
    throw new ApiError('service.content_too_long', { field, max: MAX_CONTENT_LENGTH });
  return text;
}

function receiversOf(value: unknown): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
    throw new ApiError('general.invalid_field', { field: 'receivers' });
  const receivers = (value as string[]).map((item) => item.trim()).filter(Boolean);
  if (receivers.length === 0) throw new ApiError('service.receivers_required');
  if (receivers.length > MAX_RECEIVERS) throw new ApiError('service.too_many_receivers', { max: MAX_RECEIVERS });
  return [...new Set(receivers)];
}

/** Email receivers: one plain address each (a header-injection attempt is not an address). */
export function emailReceiversOf(value: unknown): string[] {
  const receivers = receiversOf(value);
  for (const receiver of receivers) {
    if (!EMAIL.test(receiver)) throw new ApiError('service.invalid_email_receiver', { receiver: quoted(receiver) });
  }
  return receivers;
}

/** Text-message receivers: phone numbers. */
export function phoneReceiversOf(value: unknown): string[] {
  const receivers = receiversOf(value);
  for (const receiver of receivers) {
    if (!PHONE.test(receiver)) throw new ApiError('service.invalid_phone_receiver', { receiver: quoted(receiver) });
  }
  return receivers;
}
