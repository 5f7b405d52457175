import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { codecs, createDb } from '@latchkey/db';

/**
 * An application allowed the client-credentials grant, signing with a fresh key of the given
 * algorithm, written into a running Latchkey's SQLite database. The benchmark serves no JWKS, so
 * the cert row holds the key without a certificate.
 */
export async function seedBenchApplication(dataDir: string, alg: 'RS256' | 'ES256') {
  const { privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientId = randomBytes(10).toString('hex');
  const clientSecret = randomBytes(20).toString('hex');
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const database = createDb({ dialect: 'sqlite', file: join(dataDir, 'latchkey.db') });
  try {
    await database.db
      .insertInto('organization')
      .values(codecs.organization.encode({ owner: 'admin', name: 'bench', createdTime: now }))
      .execute();
    await database.db
      .insertInto('cert')
      .values(
        codecs.cert.encode({
          owner: 'bench',
          name: `bench-${alg.toLowerCase()}`,
          createdTime: now,
          scope: 'JWT',
          type: 'x509',
          cryptoAlgorithm: alg,
          privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
        }),
      )
      .execute();
    await database.db
      .insertInto('application')
      .values(
        codecs.application.encode({
          owner: 'admin',
          name: 'bench-app',
          createdTime: now,
          organization: 'bench',
          cert: `bench-${alg.toLowerCase()}`,
          clientId,
          clientSecret,
          grantTypes: ['client_credentials'],
          expireInHours: 1,
          tokenFormat: 'JWT',
        }),
      )
      .execute();
  } finally {
    await database.close();
  }
  return { clientId, clientSecret };
}
