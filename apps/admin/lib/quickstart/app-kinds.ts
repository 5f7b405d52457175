/**
 * The kinds of application a quick start is written for, and what each needs of its settings.
 * Pure data and functions: the quick start renders them, the page picks the first kind to show.
 */

/** The settings of an application that its quick start reads. */
export interface QuickStartApplication {
  name: string;
  organization: string;
  clientId: string;
  redirectUris: string[];
  grantTypes: string[];
}

export const appKinds = ['spa', 'web', 'native', 'm2m'] as const;
export type AppKind = (typeof appKinds)[number];

export const libraries = ['casdoor-js-sdk', 'openid-client', 'authjs', 'go', 'authlib'] as const;
export type Library = (typeof libraries)[number];

export const libraryNames: Record<Library, string> = {
  'casdoor-js-sdk': 'casdoor-js-sdk',
  'openid-client': 'openid-client (Node.js)',
  authjs: 'Next.js + Auth.js',
  go: 'Go (x/oauth2 + go-oidc)',
  authlib: 'Python (Authlib)',
};

/** The libraries whose example fits a kind, in the order the tabs show them. */
export const librariesOf: Record<AppKind, readonly Library[]> = {
  spa: ['casdoor-js-sdk', 'openid-client'],
  web: ['openid-client', 'authjs', 'go', 'authlib'],
  native: ['openid-client', 'go', 'authlib'],
  m2m: ['openid-client', 'go', 'authlib'],
};

/** Confidential clients keep a secret (on a server); public ones cannot and prove themselves with PKCE. */
export const isConfidential = (kind: AppKind) => kind === 'web' || kind === 'm2m';

/** Kinds whose users sign in through the browser (the code flow). */
export const usesCodeFlow = (kind: AppKind) => kind !== 'm2m';

const loopbackHosts = new Set(['127.0.0.1', '[::1]', 'localhost']);
const forbiddenSchemes = new Set(['javascript:', 'data:', 'vbscript:', 'file:', 'blob:']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/** A registered redirect URI the server sends codes to: an absolute URL with no fragment and a harmless scheme. */
export function canReceiveCode(uri: string): boolean {
  if (!uri || uri.length > 2048 || uri.includes('#')) return false;
  const url = parse(uri);
  return Boolean(url && !forbiddenSchemes.has(url.protocol));
}

/** `http` to 127.0.0.1, [::1] or localhost: a native app may answer there on any port (RFC 8252 §7.3). */
export function isLoopback(uri: string): boolean {
  const url = parse(uri);
  return Boolean(url && url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

/** A redirect URI that suits a kind: a loopback one for native apps, a web address for the others. */
function suits(kind: AppKind, uri: string): boolean {
  if (!canReceiveCode(uri)) return false;
  const url = parse(uri)!;
  if (kind === 'native') return isLoopback(uri);
  return url.protocol === 'https:' || isLoopback(uri);
}

/** The registered redirect URI a kind's examples use: the first one that suits it. */
export function redirectUriFor(kind: AppKind, registered: readonly string[]): string | undefined {
  return registered.find((uri) => suits(kind, uri));
}

/** What the examples use when the application has no suitable redirect URI yet. */
export const placeholderRedirectUri: Record<AppKind, string> = {
  spa: 'http://localhost:3000/callback',
  web: 'http://localhost:3000/callback',
  native: 'http://127.0.0.1/callback',
  m2m: '',
};

/** The kind an application most likely is, from its settings: a first guess the administrator can change. */
export function likelyKind(application: { grantTypes: readonly string[]; redirectUris: readonly string[] }): AppKind {
  if (application.grantTypes.includes('client_credentials') && application.redirectUris.length === 0) return 'm2m';
  const first = application.redirectUris[0];
  if (first && isLoopback(first) && !parse(first)?.port) return 'native';
  return 'web';
}
