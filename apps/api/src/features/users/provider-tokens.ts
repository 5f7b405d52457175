import type { User } from '@latchkey/types';
import type { SecretBox } from '../../core/crypto/secret-box.ts';

/*
 * The tokens a provider gave when the user signed in there, as Casdoor keeps them: the last ones in
 * `originalToken` and `originalRefreshToken`, and each provider type's in the properties
 * `oauth_<Type>_accessToken` and `oauth_<Type>_refreshToken`. Latchkey seals them at rest; they
 * are shown to the user and their administrators only, as "***" to anyone else.
 */

const MASK = '***';
const TOKEN_PROPERTY = /^oauth_.+_(?:accessToken|refreshToken)$/;

export type ProviderTokenKind = 'accessToken' | 'refreshToken';

/** Casdoor's property name of one provider type's token. */
export const providerTokenProperty = (type: string, kind: ProviderTokenKind) => `oauth_${type}_${kind}`;
export const isProviderTokenProperty = (key: string) => TOKEN_PROPERTY.test(key);

/** The plain token, or nothing when it cannot be opened (sealed under another key, say). */
export function openProviderToken(secrets: SecretBox, stored: string): string {
  if (!stored) return '';
  try {
    return secrets.open(stored);
  } catch {
    return '';
  }
}

/** The user's provider tokens opened (`reveal`) or masked. */
export function presentProviderTokens(
  user: Readonly<User>,
  reveal: boolean,
  secrets: SecretBox,
): Pick<User, 'originalToken' | 'originalRefreshToken' | 'properties'> {
  const shown = (stored: string) => (!stored ? '' : reveal ? openProviderToken(secrets, stored) : MASK);
  const properties = { ...user.properties };
  for (const key of Object.keys(properties))
    if (isProviderTokenProperty(key)) properties[key] = shown(properties[key] ?? '');
  return {
    originalToken: shown(user.originalToken),
    originalRefreshToken: shown(user.originalRefreshToken),
    properties,
  };
}

/**
 * The provider tokens of a user being written, sealed: "***" keeps the stored token, a new value is
 * sealed, a sealed one is kept as it is.
 */
export function sealProviderTokens(next: User, stored: User | undefined, secrets: SecretBox): void {
  const seal = (value: string, before: string) =>
    value === MASK ? before : value && !secrets.isSealed(value) ? secrets.seal(value) : value;
  next.originalToken = seal(next.originalToken, stored?.originalToken ?? '');
  next.originalRefreshToken = seal(next.originalRefreshToken, stored?.originalRefreshToken ?? '');
  const properties = { ...next.properties };
  for (const key of Object.keys(properties))
    if (isProviderTokenProperty(key)) properties[key] = seal(properties[key] ?? '', stored?.properties[key] ?? '');
  next.properties = properties;
}
