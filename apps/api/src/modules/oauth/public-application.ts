import type { Application } from '@latchkey/types';

/**
 * An application as a sign-in page may see it (Casdoor's masked application): what it needs to
 * draw the page, without the secret, the signing cert, the token settings or the redirect URIs.
 */
export function publicApplicationView(application: Application): Application {
  return {
    ...application,
    clientSecret: '***',
    cert: '***',
    grantTypes: [],
    redirectUris: [],
    tokenFormat: '***',
    tokenSigningMethod: '***',
    tokenFields: [],
    expireInHours: -1,
    refreshExpireInHours: -1,
    cookieExpireInHours: -1,
    failedSigninLimit: -1,
    failedSigninFrozenTime: -1,
    ipWhitelist: '***',
    backchannelLogoutUri: '***',
    samlReplyUrl: '***',
  };
}
