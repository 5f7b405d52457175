import type { AppContext } from '../../core/context.ts';
import { ALLOWED_METHODS, corsHeaders, decideCors } from '../cors/cors-policy.ts';
import { originRefusal } from '../cors/origin-refusal.ts';
import { requestStateOf } from '../request-state.ts';
import type { AnswerSet, RequestStep } from './request-step.ts';

function selfOrigin(request: Request): string | undefined {
  try {
    return new URL(request.url).origin;
  } catch {
    return undefined;
  }
}

/**
 * CORS, before routing and before anything reads the body or changes state: an allowed Origin is
 * echoed with credentials; a preflight is answered here (methods GET, POST, OPTIONS, DELETE); a
 * request that carries a disallowed or malformed Origin gets 403 and goes no further. Since browsers
 * send Origin on every cross-site write, this is also the CSRF defence for cookie-authenticated writes.
 *
 * An origin that only some organizations' applications registered is trusted on behalf of those
 * organizations only: its preflights are answered here, its actual requests wait for their caller
 * (see corsForCaller, which must run later in the same request).
 */
export function corsOrigin(context: AppContext): RequestStep {
  async function decide(
    request: Request,
    origin: string | null,
    preflight: boolean,
    set: AnswerSet,
  ): Promise<Response | undefined> {
    const decision = await decideCors(context, {
      origin,
      method: request.method,
      requestedMethod: request.headers.get('access-control-request-method'),
      path: requestStateOf(request).routePath,
      selfOrigin: selfOrigin(request),
    });
    if (decision.kind === 'refuse') return originRefusal(request, decision.reason);
    if (decision.kind === 'ask_identity') {
      set.headers.vary = 'Origin';
      // The caller step (cors-caller.ts) takes it from the request's state.
      requestStateOf(request).corsAwaitingCaller = decision;
      return;
    }
    if (decision.kind === 'none') {
      set.headers.vary = 'Origin';
      if (preflight)
        return new Response(null, {
          status: 204,
          headers: { allow: ALLOWED_METHODS, vary: 'Origin', 'x-request-id': requestStateOf(request).id },
        });
      return;
    }
    const headers = corsHeaders(decision, preflight);
    if (preflight)
      return new Response(null, { status: 204, headers: { ...headers, 'x-request-id': requestStateOf(request).id } });
    Object.assign(set.headers, headers);
  }

  return (request, set) => {
    const preflight = request.method === 'OPTIONS';
    const origin = request.headers.get('origin');
    if (origin === null && !preflight) {
      // Not a cross-origin browser request: nothing to decide, and no need to wait for anything.
      set.headers.vary = 'Origin';
      return undefined;
    }
    return decide(request, origin, preflight, set);
  };
}
