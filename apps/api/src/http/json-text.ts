import { ApiError } from '../core/errors/api-error.ts';
import { MAX_BODY_DEPTH } from './body-depth.ts';

/** How many values (object members and array items) one JSON body may hold; Casdoor's largest objects hold a few hundred. */
export const MAX_JSON_VALUES = 20_000;

/**
 * Parses a JSON text after one pass over it that counts its values and nesting outside strings, so
 * that a body built to be costly (hundreds of thousands of keys, millions of `[`) is refused before
 * JSON.parse builds it.
 */
export function parseJsonText(text: string): unknown {
  let depth = 0;
  let values = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++;
      else if (code === 0x22) inString = false;
      continue;
    }
    if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_BODY_DEPTH) throw new ApiError('general.body_too_deep');
    } else if (code === 0x7d || code === 0x5d) depth--;
    else if (code === 0x2c && ++values > MAX_JSON_VALUES) throw new ApiError('general.body_too_large');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('general.malformed_json');
  }
}
