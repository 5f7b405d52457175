/** JSON responses of the OAuth endpoints: never cached (RFC 6749 §5.1). */
export const noStoreJsonHeaders: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  pragma: 'no-cache',
};

export function jsonResponse(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: headers ? { ...noStoreJsonHeaders, ...headers } : noStoreJsonHeaders,
  });
}
