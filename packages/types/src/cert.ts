import { type Static, Type as T } from '@sinclair/typebox';
import { text, whole } from './fields.ts';

export const Cert = T.Object({
  owner: text('"admin" for global certs, else the organization'),
  name: text(),
  createdTime: text(),
  displayName: text(),
  scope: text('JWT'),
  type: text('x509'),
  cryptoAlgorithm: text('RS256, RS512, ES256, ES384, ES512 or EdDSA'),
  bitSize: whole(),
  expireInYears: whole(),
  expireTime: text(),
  certificate: text('PEM'),
  privateKey: text('PEM; shown only to administrators'),
  authorityPublicKey: text(),
  authorityRootPublicKey: text(),
});

export type Cert = Static<typeof Cert>;
