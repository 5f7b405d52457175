import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import type { AuthorizeView } from '@latchkey/types';
import { headers } from 'next/headers';
import { portalSecret } from './env';

/** What the API's authorization endpoint asks the portal to show (the shape lives in @latchkey/types). */
export type {
  AuthorizeErrorView,
  AuthorizeSecondFactorView,
  AuthorizeSignInView,
  AuthorizeView,
} from '@latchkey/types';

function sameSecret(claimed: string | null): boolean {
  if (!claimed || !portalSecret) return false;
  const a = Buffer.from(claimed);
  const b = Buffer.from(portalSecret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The view the API sent with this request; undefined unless it came from the API (with the portal's secret). */
export async function readAuthorizeView(): Promise<AuthorizeView | undefined> {
  const incoming = await headers();
  if (!sameSecret(incoming.get('x-latchkey-portal'))) return undefined;
  const encoded = incoming.get('x-latchkey-view');
  if (!encoded) return undefined;
  try {
    const view = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as AuthorizeView;
    return view.kind === 'sign-in' || view.kind === 'second-factor' || view.kind === 'error' ? view : undefined;
  } catch {
    return undefined;
  }
}
