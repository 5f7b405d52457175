import { NextResponse, type NextRequest } from 'next/server';
import { rememberLanguage } from '../../../lib/preferences';

/**
 * POST {language}: the language switcher. A route rather than a server action, so that it also
 * works on pages whose own address belongs to the API (the OAuth sign-in page).
 */
export async function POST(request: NextRequest) {
  // Only this site's own pages may change it (the cookie is SameSite=Lax, this checks the rest).
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (origin && host && new URL(origin).host !== host) return new NextResponse(null, { status: 403 });
  const body = (await request.json().catch(() => ({}))) as { language?: unknown };
  const ok = await rememberLanguage(String(body.language ?? ''));
  return new NextResponse(null, { status: ok ? 204 : 400 });
}
