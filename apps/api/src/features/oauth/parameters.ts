import { OAuthError } from '../../core/errors/oauth-error.ts';

/** Request parameters of an OAuth endpoint by name; a parameter sent empty counts as absent (RFC 6749 §3.1). */
export type OAuthParameters = ReadonlyMap<string, string>;

const duplicate = (name: string) => new OAuthError('invalid_request', 'oauth.duplicate_parameter', { name });

function addParameter(target: Map<string, string>, seen: Set<string>, name: string, value: string) {
  if (name.includes('\u0000') || value.includes('\u0000'))
    throw new OAuthError('invalid_request', 'general.nul_character');
  if (seen.has(name)) throw duplicate(name);
  seen.add(name);
  if (value === '') return;
  const existing = target.get(name);
  // The same parameter in the query and in the body is accepted only with the same value.
  if (existing !== undefined && existing !== value) throw duplicate(name);
  target.set(name, value);
}

function addSearchParameters(target: Map<string, string>, search: URLSearchParams) {
  const seen = new Set<string>();
  for (const [name, value] of search) addParameter(target, seen, name, value);
}

const needsDecoding = /[%+]|^\?/;

/**
 * The parameters of an `application/x-www-form-urlencoded` text, as URLSearchParams reads them. A
 * text with no `%` and no `+` (nor a leading `?`, which URLSearchParams drops) decodes to itself, so
 * it is only split (the usual token request).
 */
function addFormParameters(target: Map<string, string>, text: string) {
  if (needsDecoding.test(text)) return addSearchParameters(target, new URLSearchParams(text));
  const seen = new Set<string>();
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals < 0) addParameter(target, seen, pair, '');
    else addParameter(target, seen, pair.slice(0, equals), pair.slice(equals + 1));
  }
}

function addJsonParameters(target: Map<string, string>, text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new OAuthError('invalid_request', 'general.malformed_json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new OAuthError('invalid_request', 'oauth.body_not_object');
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') addParameter(target, seen, name, value);
    else if (typeof value === 'number' || typeof value === 'boolean') addParameter(target, seen, name, String(value));
    else throw new OAuthError('invalid_request', 'oauth.parameter_not_text', { name });
  }
}

/**
 * The parameters of a request to an OAuth endpoint: from the query string and from a form, JSON or
 * multipart body, as Casdoor reads them. A parameter given twice is refused, in one place or with
 * different values in two (RFC 6749 §3.2).
 */
export async function readOAuthParameters(request: Request): Promise<OAuthParameters> {
  const parameters = new Map<string, string>();
  const url = request.url;
  const queryStart = url.indexOf('?');
  if (queryStart >= 0) addFormParameters(parameters, url.slice(queryStart + 1));
  if (request.method === 'GET' || request.method === 'HEAD') return parameters;

  // A missing body reads as empty text; asking `request.body` instead would make a stream of it.
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('multipart/form-data')) {
    if (!request.body) return parameters;
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new OAuthError('invalid_request', 'general.malformed_body');
    }
    const search = new URLSearchParams();
    for (const [name, value] of form) if (typeof value === 'string') search.append(name, value);
    addSearchParameters(parameters, search);
    return parameters;
  }
  const text = await request.text();
  if (text.trim() === '') return parameters;
  if (
    contentType.includes('json') ||
    (!contentType.includes('x-www-form-urlencoded') && text.trimStart().startsWith('{'))
  ) {
    addJsonParameters(parameters, text);
  } else {
    addFormParameters(parameters, text);
  }
  return parameters;
}
