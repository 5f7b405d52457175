import { SignJWT } from 'jose';
import { insertToken, type TokenRecord } from '@latchkey/db';
import type { Application, User } from '@latchkey/types';
import { formatTime, type AppContext } from '../context.ts';
import { sha256Hex } from '../crypto/compare.ts';
import { newId, randomToken } from '../crypto/random.ts';
import { metrics } from '../metrics/metrics.ts';
import { applicationClaims, casdoorUserClaims } from './claims.ts';
import { applicationSigningKey } from './signing-keys.ts';

export interface IssueTokensRequest {
  application: Application;
  /** Absent for client credentials. */
  user?: User;
  scope: string;
  grantType: string;
  nonce?: string;
  sessionId?: string;
  authTime?: number;
  familyId?: string;
  withRefreshToken: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken?: string;
  expiresIn: number;
  scope: string;
  token: TokenRecord;
}

/** Access-token lifetime in seconds: expireInHours × 3600. */
export function accessTokenLifetime(application: Application): number {
  return Math.max(0, Math.round(application.expireInHours * 3600));
}

/**
 * Signs an access token with the application's cert, makes an opaque refresh token, and stores the
 * token row: the access token only encrypted, both looked up by SHA-256.
 */
export async function issueTokens(context: AppContext, request: IssueTokensRequest): Promise<IssuedTokens> {
  const { application, user } = request;
  const key = await applicationSigningKey(context, application);
  const now = context.clock.now();
  const issuedAt = Math.floor(now.getTime() / 1000);
  const createdTime = formatTime(now);
  const expiresIn = accessTokenLifetime(application);
  const name = newId();
  const subjectClaims = user ? casdoorUserClaims(user) : applicationClaims(application, createdTime);
  const accessToken = await new SignJWT({
    ...subjectClaims,
    tokenType: 'access-token',
    scope: request.scope,
    azp: application.clientId,
    ...(request.nonce ? { nonce: request.nonce } : {}),
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuer(context.config.origin)
    .setSubject(user ? user.id : `${application.owner}/${application.name}`)
    .setAudience([application.clientId])
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + expiresIn)
    .setJti(`admin/${name}`)
    .sign(key.privateKey);
  const refreshToken = request.withRefreshToken ? randomToken() : undefined;
  const refreshLifetime = Math.round((application.refreshExpireInHours || application.expireInHours) * 3600);
  const token: TokenRecord = {
    owner: 'admin',
    name,
    createdTime,
    application: application.name,
    organization: user ? user.owner : application.organization,
    user: user ? user.name : '',
    code: '',
    accessToken: context.secrets.seal(accessToken),
    refreshToken: '',
    accessTokenHash: sha256Hex(accessToken),
    refreshTokenHash: refreshToken ? sha256Hex(refreshToken) : '',
    expiresIn,
    scope: request.scope,
    tokenType: 'Bearer',
    grantType: request.grantType,
    codeChallenge: '',
    codeIsUsed: false,
    codeExpireIn: 0,
    resource: '',
    codeHash: '',
    redirectUri: '',
    nonce: request.nonce ?? '',
    authTime: request.authTime ?? issuedAt,
    familyId: request.familyId ?? name,
    sessionId: request.sessionId ?? '',
    refreshExpiresAt: refreshToken ? issuedAt + refreshLifetime : 0,
    userId: user?.id ?? '',
  };
  await insertToken(context.db, token);
  metrics.recordTokenIssued(request.grantType);
  return { accessToken, refreshToken, expiresIn, scope: request.scope, token };
}
