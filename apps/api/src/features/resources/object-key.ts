import type { Provider } from '@latchkey/types';
import { ApiError } from '../../core/errors/api-error.ts';

/** Longest file path and resource name, in characters (Casdoor cuts object keys at 450). */
export const MAX_PATH_LENGTH = 400;
const MAX_SEGMENT_BYTES = 255;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds and refuses.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The parts of a path within a storage: separated by slashes (empty parts dropped), none of them
 * `.` or `..`, no backslash or control character, each a valid file name. Anything else is refused
 * rather than cleaned, so a name never lands anywhere but where it says.
 */
export function pathSegments(raw: string, field: string): string[] {
  const invalid = () => new ApiError('resource.path_invalid', { field, max: MAX_PATH_LENGTH });
  if (raw.length > MAX_PATH_LENGTH || raw.includes('\\') || CONTROL.test(raw)) throw invalid();
  const segments = raw.split('/').filter((segment) => segment !== '');
  if (segments.length === 0) throw invalid();
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) throw invalid();
  }
  return segments;
}

/** The path of a URL's address (`/casdoor` of https://cdn.example.com/casdoor/), as parts. */
function urlPathSegments(domain: string): string[] {
  if (!domain) return [];
  try {
    const url = new URL(/^https?:\/\//i.test(domain) ? domain : `https://${domain}`);
    return url.pathname
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return [];
  }
}

/**
 * Casdoor's object key of an upload: the path of the provider's domain, its path prefix and the
 * file's path, joined with slashes after a leading one (`/casdoor/avatars/alice.png`).
 */
export function objectKeyOf(provider: Provider | undefined, fullFilePath: string): string {
  const prefix = provider
    ? [
        ...urlPathSegments(provider.domain),
        ...(provider.pathPrefix ? pathSegments(provider.pathPrefix, 'pathPrefix') : []),
      ]
    : [];
  const segments = [...prefix, ...pathSegments(fullFilePath, 'fullFilePath')];
  const key = `/${segments.join('/')}`;
  if (key.length > MAX_PATH_LENGTH)
    throw new ApiError('resource.path_invalid', { field: 'fullFilePath', max: MAX_PATH_LENGTH });
  return key;
}

/** `/a/b-1.png` for the `index`th other name of `/a/b.png` (Casdoor's way of keeping two uploads of one name apart). */
export function numberedKey(key: string, index: number): string {
  const slash = key.lastIndexOf('/');
  const dot = key.lastIndexOf('.');
  const cut = dot > slash + 1 ? dot : key.length;
  return `${key.slice(0, cut)}-${index}${key.slice(cut)}`;
}

/**
 * Where a resource's file is kept in its storage: under its organization, so that no
 * organization's names can reach another's files, in a shared storage or on the local disk.
 */
export function storageKeyOf(owner: string, name: string): string[] {
  return [...pathSegments(owner, 'owner'), ...pathSegments(name, 'name')];
}
