/**
 * Headers of every page the portal answers: it cannot be framed (clickjacking), its scripts are only
 * the ones the server wrote for this response (a fresh nonce each time; Next.js puts it on its own
 * scripts), the browser never guesses content types, and no address is sent to other sites.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** A new unpredictable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of a page rendered with `nonce`. Styles may be inline (Mantine writes
 * style attributes); scripts may not. `'strict-dynamic'` lets the nonced scripts load the chunks they
 * need. React needs `eval` only in development. Pictures may also come from http(s) addresses: the
 * logos of organizations and applications, which the API accepts only as such.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
