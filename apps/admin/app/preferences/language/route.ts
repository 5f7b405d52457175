import { type NextRequest, NextResponse } from 'next/server';
import { publicOrigin } from '@/lib/origin';
import { rememberLanguage } from '@/lib/preferences';

/** The origin an `Origin` header names, or undefined when it names none (`null`, garbage). */
function originOf(value: string): string | undefined {
  try {
    return new URL(value).origin;
  } catch {
    return undefined;
  }
}

/**
 * POST {language}: the language switcher. A route rather than a server action, so that it also
 * works on pages whose own address belongs to the API (the OAuth sign-in page).
 */
export async function POST(request: NextRequest) {
  // Only this site's own pages may change it (the cookie is SameSite=Lax, this checks the rest): the
  // origin the browser names must be the configured public origin, never whatever Host claims.
  const origin = request.headers.get('origin');
  if (origin !== null && originOf(origin) !== publicOrigin) return new NextResponse(null, { status: 403 });
  const body = (await request.json().catch(() => ({}))) as { language?: unknown };
  const ok = await rememberLanguage(String(body.language ?? ''));
  return new NextResponse(null, { status: ok ? 204 : 400 });
}
