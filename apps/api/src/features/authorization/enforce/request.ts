import { ApiError } from '../../../core/errors/api-error.ts';

export type RequestValue = string | number | boolean | Record<string, unknown>;

const MAX_VALUES = 12;
const MAX_REQUESTS = 100;
const MAX_TEXT = 2000;

/**
 * One Casbin request, as Casdoor's SDKs send it: an array of strings, where an object (or a string
 * holding a JSON object) stands for an attribute-based subject or object.
 */
export function enforceRequest(value: unknown): RequestValue[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_VALUES)
    throw new ApiError('object.enforce_request_invalid');
  return value.map((item) => {
    if (typeof item === 'string') {
      if (item.length > MAX_TEXT) throw new ApiError('object.enforce_request_invalid');
      if (item.startsWith('{')) {
        try {
          const parsed = JSON.parse(item) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
        } catch {
          // a plain string that starts with a brace
        }
      }
      return item;
    }
    if (typeof item === 'number' || typeof item === 'boolean') return item;
    if (item && typeof item === 'object' && !Array.isArray(item)) return item as Record<string, unknown>;
    throw new ApiError('object.enforce_request_invalid');
  });
}

export function batchEnforceRequests(value: unknown): RequestValue[][] {
  if (!Array.isArray(value) || value.length > MAX_REQUESTS) throw new ApiError('object.enforce_request_invalid');
  return value.map(enforceRequest);
}

/** The subjects (first values) of some requests, as text. */
export const subjectsOf = (requests: readonly RequestValue[][]) =>
  requests.map((request) => request[0]).filter((subject): subject is string => typeof subject === 'string');
