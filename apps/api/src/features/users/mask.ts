import type { User } from '@latchkey/types';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import { presentProviderTokens } from './provider-tokens.ts';

/**
 * A user as the API shows it: the password is always "***" (when one is set), second factors and
 * hashes never leave, and the access secret and the tokens of the user's providers are shown only
 * to the user and their administrators (`revealAccessSecret`), as "***" to anyone else.
 */
export function maskUser(user: Readonly<User>, options: { revealAccessSecret: boolean; secrets: SecretBox }): User {
  return {
    ...user,
    password: user.password ? '***' : '',
    passwordSalt: '',
    totpSecret: '',
    recoveryCodes: [],
    hash: '',
    preHash: '',
    accessSecret: user.accessSecret
      ? options.revealAccessSecret
        ? options.secrets.open(user.accessSecret)
        : '***'
      : '',
    ...presentProviderTokens(user, options.revealAccessSecret, options.secrets),
  };
}
