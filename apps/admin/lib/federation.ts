import 'server-only';
import { apiGet } from './api';

/** A provider button of a sign-in page (GET /api/get-login-providers). */
export interface LoginProvider {
  owner: string;
  name: string;
  displayName: string;
  type: string;
  customLogo: string;
  canSignIn: boolean;
  canSignUp: boolean;
  canUnlink: boolean;
  /** The application asks its users to link an account here (Casdoor's `prompted`). */
  prompted: boolean;
  rule: string;
}

/**
 * The providers an application offers: the named one's, or without a name the signed-in user's own
 * application (for linking) or, for a visitor, the portal's.
 */
export async function loginProviders(application?: string, options: { anonymous?: boolean } = {}) {
  const result = await apiGet<LoginProvider[]>('/api/get-login-providers', application ? { application } : undefined, {
    anonymous: options.anonymous,
  });
  return result.ok && Array.isArray(result.data) ? result.data : [];
}

/**
 * Whether the console's own application lets people sign in with a passkey alone (Casdoor's
 * `enableWebAuthn`, or its `WebAuthn` sign-in method), read from its public view.
 */
export async function consolePasskeySignIn(): Promise<boolean> {
  const result = await apiGet<{ enableWebAuthn?: boolean; signinMethods?: { name?: string }[] }>(
    '/api/get-application',
    { id: 'admin/app-built-in' },
    { anonymous: true },
  );
  if (!result.ok || !result.data) return false;
  const { enableWebAuthn, signinMethods } = result.data;
  return Boolean(enableWebAuthn) || (signinMethods ?? []).some((method) => method.name === 'WebAuthn');
}

/** Where a provider button goes: the API starts the sign-in there and redirects to the provider. */
export function providerLoginHref(provider: string, query: Record<string, string | undefined>): string {
  const parameters = new URLSearchParams({ provider });
  for (const [name, value] of Object.entries(query)) if (value) parameters.set(name, value);
  return `/api/provider-login?${parameters.toString()}`;
}

/** The user field that holds the id of a linked account of a provider type (Casdoor's names). */
export const linkField = (type: string) => type.toLowerCase();
