import { ApiError } from '../../core/errors/api-error.ts';

export interface ObjectId {
  owner: string;
  name: string;
}

/** `owner/name` → its parts. Exactly one slash with text on both sides, else a translated error naming the id. */
export function parseId(id: string): ObjectId {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1 || id.indexOf('/', slash + 1) >= 0)
    throw new ApiError('general.invalid_id', { id });
  return { owner: id.slice(0, slash), name: id.slice(slash + 1) };
}

export const formatId = (owner: string, name: string) => `${owner}/${name}`;

/** A required query parameter; a missing or empty one is a translated error naming it. */
export function requireParameter(value: string | undefined, name: string): string {
  if (!value) throw new ApiError('general.missing_parameter', { name });
  return value;
}
