import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { codecs, createDb } from '@latchkey/db';

/** A user of the benchmark's organization, with a password kept as Casdoor's `plain` type (no hashing cost). */
export const BENCH_USER = { name: 'bench-user', password: 'bench-user-password' };

/**
 * An application allowed the client-credentials and password grants, signing with a fresh key of
 * the given algorithm, and a user of its organization, written into a running Latchkey's SQLite
 * database. The benchmark serves no JWKS, so the cert row holds the key without a certificate.
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
          grantTypes: ['client_credentials', 'password'],
          enablePassword: true,
          expireInHours: 1,
          tokenFormat: 'JWT',
        }),
      )
      .execute();
    await database.db
      .insertInto('user')
      .values(
        codecs.user.encode({
          owner: 'bench',
          name: BENCH_USER.name,
          id: randomBytes(8).toString('hex'),
          createdTime: now,
          type: 'normal-user',
          displayName: 'Bench User',
          email: `${BENCH_USER.name}@example.com`,
          emailVerified: true,
          password: BENCH_USER.password,
          passwordType: 'plain',
          signupApplication: 'bench-app',
        }),
      )
      .execute();
  } finally {
    await database.close();
  }
  return { clientId, clientSecret };
}
