import type { Application } from '@latchkey/types';
import type { SecretBox } from '../../core/crypto/secret-box.ts';
import { MASK } from '../objects/fields.ts';

/** An application as its organization's administrators see it: everything, the client secret opened. */
export const adminApplication = (application: Application, secrets: SecretBox): Application => ({
  ...application,
  clientSecret: secrets.open(application.clientSecret),
});

/**
 * What a sign-in page needs and anyone may read: names, looks and sign-in options. Secrets, the
 * cert, redirect URIs, grant types and token settings are hidden, as Casdoor hides them.
 */
export const publicApplication = (application: Application): Application => ({
  ...application,
  clientSecret: MASK,
  cert: '',
  redirectUris: [],
  grantTypes: [],
  tags: [],
  tokenFormat: '',
  tokenSigningMethod: '',
  tokenFields: [],
  expireInHours: -1,
  refreshExpireInHours: -1,
  cookieExpireInHours: -1,
  failedSigninLimit: -1,
  failedSigninFrozenTime: -1,
  ipWhitelist: '',
  backchannelLogoutUri: '',
  samlReplyUrl: '',
});
