import { translate } from '@latchkey/i18n';
import { requestStateOf } from '../request-state.ts';

/** The 403 of a refused origin: the Casdoor envelope, in the caller's language, without CORS headers. */
export function originRefusal(request: Request, reason: 'malformed' | 'not_allowed'): Response {
  const info = requestStateOf(request);
  const code = reason === 'malformed' ? 'auth.origin_malformed' : 'auth.origin_not_allowed';
  const body = { status: 'error', msg: translate(info.language, code), data: null, data2: null };
  return new Response(JSON.stringify(body), {
    status: 403,
    headers: { 'content-type': 'application/json; charset=utf-8', vary: 'Origin', 'x-request-id': info.id },
  });
}
