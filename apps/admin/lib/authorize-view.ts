import 'server-only';
import { headers } from 'next/headers';
import { timingSafeEqual } from 'node:crypto';
import { portalSecret } from './env';

/**
 * What the API's authorization endpoint asks the portal to show, after its own checks: the sign-in
 * form (whose fields post back to the endpoint) or an error that must not be sent to the client.
 */
export interface AuthorizeSignInView {
  kind: 'sign-in';
  application: { name: string; displayName: string; logo: string };
  /** The authorization request's parameters, carried in hidden fields. */
  parameters: Record<string, string>;
  /** Double-submit token of the form. */
  csrfToken: string;
  /** A user already signed in whom the request may continue as. */
  sessionUserName?: string;
  askOrganization: boolean;
  organization?: string;
  username?: string;
  /** A translated error of the previous attempt. */
  errorText?: string;
}

export interface AuthorizeErrorView {
  kind: 'error';
  /** Translated by the API. */
  message: string;
}

export type AuthorizeView = AuthorizeSignInView | AuthorizeErrorView;

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
    return view.kind === 'sign-in' || view.kind === 'error' ? view : undefined;
  } catch {
    return undefined;
  }
}
