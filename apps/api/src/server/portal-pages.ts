/**
 * Pages of the portal that API routes show after their own checks (the OAuth sign-in page). The
 * route hands the portal a description of what to show (`view`, plain data); the portal renders it
 * in the console's look and language, and its forms post back to the route.
 */
export interface PortalPages {
  /** The portal's rendering of `path` for this request, or undefined when the portal cannot answer (the route shows its own page). */
  render(request: Request, path: string, view: unknown): Promise<Response | undefined>;
}

/** Header that carries the view, base64url JSON; believed by the portal only with its secret. */
export const PORTAL_VIEW_HEADER = 'x-latchkey-view';

/** Request headers of the browser that the portal needs to render a page for it. */
const passed = ['cookie', 'accept-language', 'user-agent'];

export function portalPageRequestHeaders(request: Request, secretHeader: [string, string], view: unknown): Headers {
  const headers = new Headers();
  for (const name of passed) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set(secretHeader[0], secretHeader[1]);
  headers.set(PORTAL_VIEW_HEADER, Buffer.from(JSON.stringify(view)).toString('base64url'));
  return headers;
}
