/**
 * What storing a client-credentials request's two rows costs SQLite alone: a token row and an audit
 * record, 50 of each per multi-row INSERT as the grouped inserts write them under load, into a fresh
 * database migrated to the latest schema (WAL, `synchronous = NORMAL`, as the server opens it).
 * Prints µs of CPU per request after 25,000, 45,000 and 65,000 rows. The variant changes one thing:
 *
 *   taskset -c 0 bun bench/token-endpoint/sqlite-rows.ts [default|token-only|record-only|hashidx|nocount|walcp|cache|mmap|both]
 *
 * `hashidx` adds back the index on the access token's hash that the server had until it found rows by
 * their `jti` (migration 0991), to see what it cost; `nocount` drops the triggers that count each
 * inserted token and record in `object_count` (migration 0201), to see what they cost; `walcp`
 * checkpoints every 10,000 pages instead of 1,000, `cache` a 64 MB page cache, `mmap` 256 MB mapped.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { codecs } from '@latchkey/db';
import { openMigratedSqlite } from './migrated-sqlite.ts';
import { tokenRequestRecord } from './token-request-record.ts';

const variant = process.argv[2] ?? 'default';
const { database: db, file } = await openMigratedSqlite('latchkey-sqlite-rows-');
if (variant === 'hashidx') db.exec('create index token_access_token_hash on token ("accessTokenHash")');
if (variant === 'nocount') db.exec('drop trigger "token_count_insert"; drop trigger "record_count_insert"');
if (variant === 'walcp') db.exec('PRAGMA wal_autocheckpoint = 10000');
if (variant === 'cache') db.exec('PRAGMA cache_size = -65536');
if (variant === 'mmap') db.exec('PRAGMA mmap_size = 268435456');
if (variant === 'both') {
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA mmap_size = 268435456');
}
const codec = codecs.token;
const rcodec = codecs.record;
const cols = codec.columns;
const rcols = rcodec.columns;
const tuple = (n: number) => `(${Array(n).fill('?').join(',')})`;
const stmt = db.prepare(
  `insert into "token" (${cols.map((c) => `"${c}"`).join(',')}) values ${Array(50).fill(tuple(cols.length)).join(',')}`,
);
const rstmt = db.prepare(
  `insert into "record" (${rcols.map((c) => `"${c}"`).join(',')}) values ${Array(50).fill(tuple(rcols.length)).join(',')}`,
);
const big = `enc:v1:${Buffer.alloc(560).toString('base64url')}`;
let n = 0;
function batch() {
  const p: unknown[] = [];
  const r: unknown[] = [];
  for (let i = 0; i < 50; i++) {
    n++;
    const name = Bun.randomUUIDv7();
    p.push(
      ...codec.encodeValues({
        owner: 'admin',
        name,
        createdTime: new Date().toISOString(),
        application: 'app',
        organization: 'org',
        accessToken: big,
        accessTokenHash: Bun.SHA256.hash(name, 'hex'),
        expiresIn: 3600,
        scope: 'read',
        tokenType: 'Bearer',
        grantType: 'client_credentials',
        familyId: name,
        clientAuthMethod: 'client_secret_basic',
      }),
    );
    r.push(...rcodec.encodeValues(tokenRequestRecord('org', new Date().toISOString(), '127.0.0.1')));
  }
  if (variant !== 'record-only') stmt.run(...(p as never[]));
  if (variant !== 'token-only') rstmt.run(...(r as never[]));
}
for (let i = 0; i < 100; i++) batch();
for (const rounds of [400, 400, 400]) {
  const t = process.cpuUsage();
  for (let i = 0; i < rounds; i++) batch();
  const u = process.cpuUsage(t);
  console.log(variant, 'rows so far', n, 'µs per token+record', ((u.user + u.system) / (rounds * 50)).toFixed(1));
}
db.close();
rmSync(dirname(file), { recursive: true, force: true });
