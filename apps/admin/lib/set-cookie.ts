/** The parts of a Set-Cookie header the portal copies onto its own answer. */
export interface ParsedCookie {
  name: string;
  value: string;
  maxAge?: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  path: string;
}

export function parseSetCookie(header: string): ParsedCookie | undefined {
  const [pair, ...attributes] = header.split(';');
  const equals = pair?.indexOf('=') ?? -1;
  if (!pair || equals <= 0) return undefined;
  const cookie: ParsedCookie = {
    name: pair.slice(0, equals).trim(),
    value: pair.slice(equals + 1).trim(),
    httpOnly: false,
    secure: false,
    path: '/',
  };
  for (const attribute of attributes) {
    const [rawKey, ...rest] = attribute.split('=');
    const key = rawKey?.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'max-age') cookie.maxAge = Number(value);
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'path') cookie.path = value || '/';
    else if (key === 'samesite') {
      const lower = value.toLowerCase();
      if (lower === 'lax' || lower === 'strict' || lower === 'none') cookie.sameSite = lower;
    }
  }
  return cookie;
}
