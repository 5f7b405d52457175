import type { TokenRecord } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { type AppContext, formatTime } from '../context.ts';
import { sha256Hex } from '../crypto/compare.ts';
import { randomToken } from '../crypto/random.ts';
import { ACR_MFA, ACR_PASSWORD } from '../identity/second-factors.ts';
import { metrics } from '../metrics/metrics.ts';
import { applicationClaims, claimsNeedGrants, tokenFormatOf, userClaims } from './claims.ts';
import { leftHalfHash, signCompact } from './jws.ts';
import { accessTokenLifetime, refreshTokenLifetime } from './lifetimes.ts';
import { applicationSigningKey, type SigningKey } from './signing-keys.ts';
import { newTokenName } from './token-name.ts';
import { writeTokenRow } from './token-writer.ts';
import { grantsOf, type UserGrants } from './user-grants.ts';

/** The `acr` of a sign-in from its `amr`: multi-factor when it passed more than one factor. */
const acrOfAmr = (amr: readonly string[]) => (amr.includes('mfa') ? ACR_MFA : ACR_PASSWORD);

/** How the client proved itself at the token endpoint (RFC 8414 names). */
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'client_secret_post';

export interface TokenGrant {
  application: Application;
  /** The end-user; absent for client credentials. */
  user?: User;
  scope: string;
  grantType: string;
  withRefreshToken: boolean;
  /** An ID token comes with every grant that has an end-user, unless this is false. */
  withIdToken?: boolean;
  nonce?: string;
  /** Unix seconds of the sign-in this grant descends from. */
  authTime?: number;
  /** How the user signed in, RFC 8176 values (`pwd`, `otp`, `mfa`); the ID token's `amr`, from which its `acr` follows. */
  amr?: readonly string[];
  sessionId?: string;
  /** The grant's first row; a new grant starts a family of its own. */
  familyId?: string;
  /** Keeps a rotated refresh token at its family's absolute expiry. */
  refreshExpiresAt?: number;
  clientAuthMethod?: ClientAuthMethod;
}

export interface IssuedTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
  /** The token row to store (the access token in it sealed, both tokens as hashes). */
  token: TokenRecord;
}

function accessTokenClaims(
  grant: TokenGrant,
  grants: UserGrants | undefined,
  issuer: string,
  name: string,
  createdTime: string,
  issuedAt: number,
  expiresIn: number,
) {
  const { application, user } = grant;
  const custom = tokenFormatOf(application) === 'JWT-Custom';
  // Built by assignment, in the order of the claims (an assignment to a claim the user claims
  // already hold keeps its place, as a spread would): one object instead of a spread per part.
  const claims: Record<string, unknown> = user
    ? { ...userClaims(application, user, grant.scope, grants) }
    : applicationClaims(application, createdTime);
  claims.tokenType = 'access-token';
  if (grant.nonce || custom) claims.nonce = grant.nonce ?? '';
  if (grant.scope || custom) claims.scope = grant.scope;
  claims.azp = application.clientId;
  claims.iss = issuer;
  claims.sub = user ? user.id : `${application.owner}/${application.name}`;
  claims.aud = [application.clientId];
  claims.exp = issuedAt + expiresIn;
  claims.nbf = issuedAt;
  claims.iat = issuedAt;
  claims.jti = `admin/${name}`;
  return claims;
}

/**
 * An OpenID Connect ID token (Core 2, 3.1.3.6): audience the client, `nonce` when the request had
 * one, `at_hash` of the access token, `auth_time` of the sign-in, `amr` and `acr` of how the user
 * signed in, `sid` of its sign-in session. It also carries the user claims of
 * the application's token format, so code written for Casdoor's id_token still finds them.
 */
function idTokenClaims(
  grant: TokenGrant & { user: User },
  grants: UserGrants | undefined,
  key: SigningKey,
  issuer: string,
  accessToken: string,
  issuedAt: number,
  expiresIn: number,
) {
  const { application, user } = grant;
  return {
    ...userClaims(application, user, grant.scope, grants),
    tokenType: 'id-token',
    ...(grant.scope ? { scope: grant.scope } : {}),
    iss: issuer,
    sub: user.id,
    aud: application.clientId,
    azp: application.clientId,
    exp: issuedAt + expiresIn,
    iat: issuedAt,
    auth_time: grant.authTime ?? issuedAt,
    ...(grant.amr && grant.amr.length > 0 ? { amr: [...grant.amr], acr: acrOfAmr(grant.amr) } : {}),
    ...(grant.nonce ? { nonce: grant.nonce } : {}),
    // The sign-in session, as back-channel logout tokens name it (OpenID Connect Back-Channel Logout §2.1).
    ...(grant.sessionId ? { sid: grant.sessionId } : {}),
    at_hash: leftHalfHash(key.alg, accessToken),
  };
}

/**
 * Signs the tokens of a grant with the application's cert and builds the row that records them,
 * without storing it. `base` is the row being completed (a redeemed authorization code).
 */
export async function mintTokens(context: AppContext, grant: TokenGrant, base?: TokenRecord): Promise<IssuedTokens> {
  const { application, user } = grant;
  const key = await applicationSigningKey(context, application);
  const now = context.clock.now();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const createdTime = formatTime(now);
  const expiresIn = accessTokenLifetime(application);
  const name = base?.name ?? newTokenName();
  const issuer = context.config.origin;
  const grants = user && claimsNeedGrants(application) ? await grantsOf(context, user) : undefined;

  const accessToken = signCompact(
    key.headerSegment,
    accessTokenClaims(grant, grants, issuer, name, createdTime, issuedAt, expiresIn),
    key.sign,
  );
  const idToken =
    user && grant.withIdToken !== false
      ? signCompact(
          key.headerSegment,
          idTokenClaims({ ...grant, user }, grants, key, issuer, accessToken, issuedAt, expiresIn),
          key.sign,
        )
      : undefined;
  const refreshToken = grant.withRefreshToken ? randomToken() : undefined;

  const token: TokenRecord = {
    ...(base ?? emptyTokenRow()),
    owner: 'admin',
    name,
    createdTime,
    application: application.name,
    organization: user ? user.owner : application.organization,
    user: user ? user.name : '',
    accessToken: context.secrets.seal(accessToken),
    refreshToken: '',
    accessTokenHash: sha256Hex(accessToken),
    refreshTokenHash: refreshToken ? sha256Hex(refreshToken) : '',
    expiresIn,
    scope: grant.scope,
    tokenType: 'Bearer',
    grantType: grant.grantType,
    nonce: grant.nonce ?? '',
    authTime: grant.authTime ?? issuedAt,
    familyId: grant.familyId ?? base?.familyId ?? name,
    sessionId: grant.sessionId ?? '',
    refreshExpiresAt: refreshToken ? (grant.refreshExpiresAt ?? issuedAt + refreshTokenLifetime(application)) : 0,
    userId: user?.id ?? '',
    clientAuthMethod: grant.clientAuthMethod ?? '',
    amr: (grant.amr ?? []).join(' '),
  };
  return { accessToken, idToken, refreshToken, expiresIn, scope: grant.scope, token };
}

/** Mints the tokens of a new grant step and stores its row. */
export async function issueTokens(context: AppContext, grant: TokenGrant): Promise<IssuedTokens> {
  const issued = await mintTokens(context, grant);
  await writeTokenRow(context, issued.token);
  metrics.recordTokenIssued(grant.grantType);
  return issued;
}

/** A token row with every column at its zero value. */
export function emptyTokenRow(): TokenRecord {
  return {
    owner: 'admin',
    name: '',
    createdTime: '',
    application: '',
    organization: '',
    user: '',
    code: '',
    accessToken: '',
    refreshToken: '',
    accessTokenHash: '',
    refreshTokenHash: '',
    expiresIn: 0,
    scope: '',
    tokenType: '',
    grantType: '',
    codeChallenge: '',
    codeIsUsed: false,
    codeExpireIn: 0,
    resource: '',
    codeHash: '',
    redirectUri: '',
    nonce: '',
    authTime: 0,
    familyId: '',
    sessionId: '',
    refreshExpiresAt: 0,
    userId: '',
    clientAuthMethod: '',
    amr: '',
  };
}
