import { ApiError } from '../../core/errors/api-error.ts';

/** Characters Casdoor refuses in object names: they would break ids, paths and query strings. */
export const FORBIDDEN_NAME_CHARACTERS = /[/?:#&%=+;]/;

export const MAX_NAME_LENGTH = 100;

/** A name for a new or renamed object: not empty, at most 100 characters, none of `/ ? : # & % = + ;`. */
export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw new ApiError('object.name_required');
  if (FORBIDDEN_NAME_CHARACTERS.test(name)) throw new ApiError('general.forbidden_name_characters');
  if (name.length > MAX_NAME_LENGTH || name !== name.trim())
    throw new ApiError('object.name_invalid', { max: MAX_NAME_LENGTH });
  return name;
}
