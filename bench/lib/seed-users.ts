import { randomUUID } from 'node:crypto';
import { codecs, createDb, migrateToLatest } from '@latchkey/db';

export const BENCH_ORGANIZATION = 'bench';
export const BENCH_APPLICATION = {
  name: 'bench-app',
  clientId: 'bench-client-id',
  clientSecret: 'bench-client-secret',
};

const time = (seconds: number) =>
  new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A Latchkey SQLite database with an organization of `count` users, written directly (the API would
 * spend hours hashing passwords): names user-000001…, one created per second, tags team-0…team-9,
 * and an application of the organization to call the API with.
 */
export async function seedUsers(file: string, count: number): Promise<void> {
  const { db, close } = createDb({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(db);
    await db
      .insertInto('organization')
      .values(
        codecs.organization.encode({
          owner: 'admin',
          name: BENCH_ORGANIZATION,
          createdTime: time(0),
          displayName: 'Bench',
        }),
      )
      .execute();
    await db
      .insertInto('application')
      .values(
        codecs.application.encode({
          owner: 'admin',
          ...BENCH_APPLICATION,
          organization: BENCH_ORGANIZATION,
          createdTime: time(0),
          cert: 'cert-built-in',
        }),
      )
      .execute();
    const batch = 200;
    await db.transaction().execute(async (trx) => {
      for (let first = 1; first <= count; first += batch) {
        const rows = [];
        for (let n = first; n < Math.min(first + batch, count + 1); n++) {
          const name = `user-${String(n).padStart(6, '0')}`;
          rows.push(
            codecs.user.encode({
              owner: BENCH_ORGANIZATION,
              name,
              id: randomUUID(),
              createdTime: time(n),
              updatedTime: time(n),
              type: 'normal-user',
              displayName: `User ${n}`,
              email: `${name}@example.com`,
              tag: `team-${n % 10}`,
              score: n % 1000,
            }),
          );
        }
        await trx.insertInto('user').values(rows).execute();
      }
    });
  } finally {
    await close();
  }
}
