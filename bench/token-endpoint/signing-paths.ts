/**
 * The three ways Bun can sign a JWT, on one core, for RS256 and ES256: node:crypto sign() over a
 * prepared signing input (what Latchkey uses), WebCrypto subtle.sign(), and jose's SignJWT (which
 * also builds and encodes the token).
 *   taskset -c 0 bun bench/token-endpoint/signing-paths.ts
 */
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { SignJWT } from 'jose';

const seconds = 1.5;
const payload = {
  iss: 'http://127.0.0.1:8000',
  sub: 'admin/bench-app',
  aud: ['0123456789abcdef0123'],
  scope: 'read',
  tokenType: 'access-token',
  name: 'bench-app',
  type: 'application',
};
const input = Buffer.from(
  `eyJhbGciOiJFUzI1NiIsImtpZCI6ImJlbmNoIiwidHlwIjoiSldUIn0.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`,
);

async function rate(run: () => unknown): Promise<number> {
  for (let i = 0; i < 50; i++) await run();
  let count = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    await run();
    count++;
  }
  return Math.round(count / seconds);
}

console.log('| key | node:crypto sign() | WebCrypto subtle.sign() | jose SignJWT |');
console.log('|---|---|---|---|');
for (const alg of ['RS256', 'ES256'] as const) {
  const { privateKey } =
    alg === 'ES256'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const nodeKey: KeyObject | { key: KeyObject; dsaEncoding: 'ieee-p1363' } =
    alg === 'ES256' ? { key: privateKey, dsaEncoding: 'ieee-p1363' } : privateKey;
  const webAlgorithm =
    alg === 'ES256'
      ? { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }
      : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const cryptoKey = await crypto.subtle.importKey(
    'pkcs8',
    privateKey.export({ format: 'der', type: 'pkcs8' }),
    webAlgorithm,
    false,
    ['sign'],
  );
  const node = await rate(() => sign('sha256', input, nodeKey));
  const web = await rate(() => crypto.subtle.sign(webAlgorithm, cryptoKey, input));
  const jose = await rate(() =>
    new SignJWT(payload).setProtectedHeader({ alg, kid: 'bench', typ: 'JWT' }).sign(privateKey),
  );
  console.log(`| ${alg} | ${node}/s | ${web}/s | ${jose}/s |`);
}
