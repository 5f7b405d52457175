import type { LinkColumn } from '@latchkey/db';
import type { Provider } from '@latchkey/types';

/** The category of providers people sign in with. */
export const OAUTH_CATEGORY = 'OAuth';

/** How Latchkey talks to one kind of provider. */
export type Protocol =
  /** OpenID Connect: the issuer's discovery document, an ID token verified against its key set. */
  | { kind: 'oidc'; issuer: (provider: Provider) => string | undefined }
  /** Plain OAuth 2: fixed endpoints, then the account read from a user-info endpoint. */
  | {
      kind: 'oauth2';
      authorizationEndpoint: string;
      tokenEndpoint: string;
      userInfoEndpoint: string;
      /** Reads the account from the user-info answer (and, for GitHub, its e-mail list). */
      profile: ProfileReader;
    };

/** What a provider says about the person, as Latchkey keeps it. */
export interface ExternalAccount {
  /** The stable id of the account at the provider (never the e-mail). */
  id: string;
  username: string;
  displayName: string;
  email: string;
  /** Only true when the provider says it has verified this address. */
  emailVerified: boolean;
  avatarUrl: string;
  /** The tokens the provider gave for the account at this sign-in (kept, sealed, as Casdoor keeps them). */
  tokens?: { accessToken: string; refreshToken: string };
}

export type ProfileReader = 'github' | 'discord' | 'mapped';

export interface ProviderType {
  /** Casdoor's `type` of the provider. */
  type: string;
  /** The user column that holds the linked account's id. */
  column: LinkColumn;
  /** Scopes asked for when the provider names none. */
  defaultScopes: string;
  protocol: (provider: Provider) => Protocol;
  /** Whether the provider's word that an e-mail is verified can be believed (Microsoft's `email` is not). */
  trustsEmailVerification: boolean;
  /**
   * Apple's way: the provider POSTs its answer (`response_mode=form_post`) to `<origin>/api/callback`,
   * and the client secret is a short-lived JWT the server signs with the provider's key.
   */
  apple?: true;
  /** Microsoft's authorities: a multi-tenant one's issuer is a `{tenantid}` template (microsoft.ts). */
  microsoftTenants?: true;
}

const oidcAt = (defaultIssuer: (provider: Provider) => string | undefined) => (): Protocol => ({
  kind: 'oidc',
  issuer: (provider) => provider.issuerUrl || defaultIssuer(provider),
});

/**
 * The OAuth provider types Latchkey signs people in with. Each known endpoint is a default that the
 * provider object overrides (`customAuthUrl`, `customTokenUrl`, `customUserInfoUrl`, `issuerUrl`),
 * for GitHub Enterprise, a self-hosted GitLab or a test server.
 */
export const providerTypes: Record<string, ProviderType> = {
  GitHub: {
    type: 'GitHub',
    column: 'github',
    defaultScopes: 'read:user user:email',
    trustsEmailVerification: true,
    protocol: (provider) => ({
      kind: 'oauth2',
      authorizationEndpoint: provider.customAuthUrl || 'https://github.com/login/oauth/authorize',
      tokenEndpoint: provider.customTokenUrl || 'https://github.com/login/oauth/access_token',
      userInfoEndpoint: provider.customUserInfoUrl || 'https://api.github.com/user',
      profile: 'github',
    }),
  },
  Google: {
    type: 'Google',
    column: 'google',
    defaultScopes: 'openid email profile',
    trustsEmailVerification: true,
    protocol: oidcAt(() => 'https://accounts.google.com'),
  },
  AzureAD: {
    type: 'AzureAD',
    column: 'azuread',
    defaultScopes: 'openid email profile',
    // Microsoft's `email` claim is whatever the tenant's administrator typed: never proof of an address.
    trustsEmailVerification: false,
    microsoftTenants: true,
    // Without a tenant, any Microsoft account's (`common`), as Casdoor.
    protocol: oidcAt(
      (provider) => `https://login.microsoftonline.com/${encodeURIComponent(provider.domain || 'common')}/v2.0`,
    ),
  },
  Apple: {
    type: 'Apple',
    column: 'apple',
    defaultScopes: 'name email',
    trustsEmailVerification: true,
    protocol: oidcAt(() => 'https://appleid.apple.com'),
    apple: true,
  },
  GitLab: {
    type: 'GitLab',
    column: 'gitlab',
    defaultScopes: 'openid email profile',
    trustsEmailVerification: true,
    protocol: oidcAt(() => 'https://gitlab.com'),
  },
  Discord: {
    type: 'Discord',
    column: 'discord',
    defaultScopes: 'identify email',
    trustsEmailVerification: true,
    protocol: (provider) => ({
      kind: 'oauth2',
      authorizationEndpoint: provider.customAuthUrl || 'https://discord.com/oauth2/authorize',
      tokenEndpoint: provider.customTokenUrl || 'https://discord.com/api/oauth2/token',
      userInfoEndpoint: provider.customUserInfoUrl || 'https://discord.com/api/users/@me',
      profile: 'discord',
    }),
  },
  Custom: {
    type: 'Custom',
    column: 'custom',
    defaultScopes: 'openid email profile',
    trustsEmailVerification: true,
    // With an issuer, OpenID Connect by discovery; otherwise OAuth 2 with the configured endpoints and claim mapping.
    protocol: (provider) =>
      provider.issuerUrl
        ? { kind: 'oidc', issuer: () => provider.issuerUrl }
        : {
            kind: 'oauth2',
            authorizationEndpoint: provider.customAuthUrl,
            tokenEndpoint: provider.customTokenUrl,
            userInfoEndpoint: provider.customUserInfoUrl,
            profile: 'mapped',
          },
  },
};

/** The provider type of a provider people sign in with, or undefined for any other. */
export function signInProviderType(provider: Provider): ProviderType | undefined {
  if (provider.category !== OAUTH_CATEGORY) return undefined;
  return Object.hasOwn(providerTypes, provider.type) ? providerTypes[provider.type] : undefined;
}

/** The provider type whose user column is `type` (Casdoor's unlink names the type). */
export function providerTypeNamed(type: string): ProviderType | undefined {
  const match = Object.values(providerTypes).find((candidate) => candidate.type.toLowerCase() === type.toLowerCase());
  return match;
}

/** The scopes to ask for: the provider's own (space- or comma-separated), else the type's. */
export function scopesOf(provider: Provider, type: ProviderType): string {
  const scopes = provider.scopes.split(/[\s,]+/).filter(Boolean);
  return scopes.length > 0 ? scopes.join(' ') : type.defaultScopes;
}
