/**
 * The floor of a client-credentials request on Latchkey's stack: a bare `Bun.serve` that does only
 * the work every such request needs, and nothing of what Latchkey adds around it (no Elysia, no
 * request pipeline, limits, metrics or remembered rows). It decodes HTTP Basic, reads the form,
 * compares the secret, signs an ES256 JWT with the claims Latchkey puts in it, seals the token with
 * AES-256-GCM, and stores the token row (before it answers) and the audit record with Latchkey's
 * codecs in a database migrated to Latchkey's schema (its indexes and count triggers), grouped per
 * turn of the event loop as Latchkey does.
 *
 *   bun bench/token-endpoint/floor-server.ts <port> <client id> <client secret>
 */
import type { Database } from 'bun:sqlite';
import { createCipheriv, generateKeyPairSync, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { codecs } from '@latchkey/db';
import { openMigratedSqlite } from './migrated-sqlite.ts';
import { tokenRequestRecord } from './token-request-record.ts';

const [port, clientId, clientSecret] = process.argv.slice(2) as [string, string, string];
const issuer = `http://127.0.0.1:${port}`;

const { database, file } = await openMigratedSqlite('latchkey-floor-');
process.on('SIGTERM', () => {
  database.close();
  rmSync(dirname(file), { recursive: true, force: true });
  process.exit(0);
});

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signingKey = { key: privateKey, dsaEncoding: 'ieee-p1363' as const };
const headerSegment = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'bench/bench-es256', typ: 'JWT' })).toString(
  'base64url',
);
const sealingKey = randomBytes(32);
const secretHash = Bun.SHA256.hash(clientSecret) as Uint8Array;

/** Rows of one table written in the same turn of the event loop, as one multi-row INSERT. */
function groupedRows(table: 'token' | 'record', columns: readonly string[]) {
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const statements = new Map<number, ReturnType<Database['prepare']>>();
  const statementFor = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      const list = columns.map((column) => `"${column}"`).join(',');
      statement = database.prepare(`insert into "${table}" (${list}) values ${Array(rows).fill(tuple).join(',')}`);
      statements.set(rows, statement);
    }
    return statement;
  };
  let pending: unknown[][] = [];
  let waiting: { resolve(): void; reject(error: unknown): void }[] = [];
  return (values: unknown[]): Promise<void> =>
    new Promise((resolve, reject) => {
      if (pending.length === 0)
        setImmediate(() => {
          const rows = pending;
          const writers = waiting;
          pending = [];
          waiting = [];
          try {
            statementFor(rows.length).run(...(rows.flat() as never[]));
            for (const writer of writers) writer.resolve();
          } catch (error) {
            for (const writer of writers) writer.reject(error);
          }
        });
      pending.push(values);
      waiting.push({ resolve, reject });
    });
}

const storeToken = groupedRows('token', codecs.token.columns);
const storeRecord = groupedRows('record', codecs.record.columns);

function seal(text: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey, nonce);
  const sealed = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `enc:v1:${sealed.toString('base64url')}`;
}

const answer = (status: number, body: object) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      vary: 'Origin',
      'x-request-id': crypto.randomUUID(),
    },
  });

Bun.serve({
  hostname: '127.0.0.1',
  port: Number(port),
  async fetch(request, server) {
    const authorization = request.headers.get('authorization') ?? '';
    const [id, secret] = Buffer.from(authorization.slice('Basic '.length), 'base64').toString().split(':');
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'client_credentials') return answer(400, { error: 'unsupported_grant_type' });
    const clientIp = server.requestIP(request)?.address ?? '';
    if (id !== clientId || !timingSafeEqual(Bun.SHA256.hash(secret ?? '') as Uint8Array, secretHash))
      return answer(401, { error: 'invalid_client' });
    const name = Bun.randomUUIDv7();
    const issuedAt = Math.floor(Date.now() / 1000);
    const createdTime = `${new Date(issuedAt * 1000).toISOString().slice(0, 19)}Z`;
    const claims = {
      owner: 'admin',
      name: 'bench-app',
      createdTime,
      id: 'admin/bench-app',
      type: 'application',
      displayName: '',
      tokenType: 'access-token',
      azp: clientId,
      iss: issuer,
      sub: 'admin/bench-app',
      aud: [clientId],
      exp: issuedAt + 3600,
      nbf: issuedAt,
      iat: issuedAt,
      jti: `admin/${name}`,
    };
    const signingInput = `${headerSegment}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const accessToken = `${signingInput}.${sign('sha256', Buffer.from(signingInput), signingKey).toString('base64url')}`;
    const scope = form.get('scope') ?? '';
    const tokenStored = storeToken(
      codecs.token.encodeValues({
        owner: 'admin',
        name,
        createdTime,
        application: 'bench-app',
        organization: 'bench',
        accessToken: seal(accessToken),
        accessTokenHash: Bun.SHA256.hash(accessToken, 'hex') as string,
        expiresIn: 3600,
        scope,
        tokenType: 'Bearer',
        grantType: 'client_credentials',
        authTime: issuedAt,
        familyId: name,
        clientAuthMethod: 'client_secret_basic',
      }),
    );
    // As in Latchkey, the answer waits for the token row; the audit record is written beside it.
    storeRecord(codecs.record.encodeValues(tokenRequestRecord('', createdTime, clientIp))).catch((error: unknown) =>
      process.stderr.write(`audit record not written: ${String(error)}\n`),
    );
    await tokenStored;
    return answer(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope });
  },
});
process.stdout.write('listening\n');
