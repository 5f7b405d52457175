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
