import { type Static, Type as T } from '@sinclair/typebox';
import { flag, text, whole } from './fields.ts';

export const Token = T.Object({
  owner: text('Always "admin"'),
  name: text(),
  createdTime: text(),
  application: text(),
  organization: text(),
  user: text(),
  code: text(),
  accessToken: text(),
  refreshToken: text(),
  accessTokenHash: text('Lower-case hex SHA-256 of the access token'),
  refreshTokenHash: text(),
  expiresIn: whole(0, 'Seconds; 0 means revoked'),
  scope: text(),
  tokenType: text(),
  grantType: text(),
  codeChallenge: text(),
  codeIsUsed: flag(),
  codeExpireIn: whole(0, 'Unix seconds'),
  resource: text(),
});

export type Token = Static<typeof Token>;
