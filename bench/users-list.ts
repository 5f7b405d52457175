/**
 * How the cost of listing and counting users grows with the organization: the same requests against
 * an organization of 1,000 users and one of 100,000, in one run.
 *
 *   bun bench/users-list.ts [--small 1000] [--large 100000] [--requests 300]
 *
 * Each size gets its own SQLite database (seeded directly) and its own server process; the requests
 * go over loopback HTTP with an application's client id and secret, one at a time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLatchkeyProcess } from './lib/latchkey-process.ts';
import { measure, type Timing } from './lib/measure.ts';
import { BENCH_APPLICATION, BENCH_ORGANIZATION, seedUsers } from './lib/seed-users.ts';

const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const sizes = [option('small', 1_000), option('large', 100_000)] as const;
const requests = option('requests', 300);

/** Each query, and how many users its page holds (undefined: the answer is the organization's size). */
const queries: Record<string, { path: string; pageLength?: number }> = {
  // A search for a few users: the same 10 at any size (user-000420 … user-000429), so its cost should not grow.
  'get-users (substring search: 10 of them, sorted, with total)': {
    path: `/api/get-users?owner=${BENCH_ORGANIZATION}&p=1&pageSize=20&field=email&value=er-00042&sortField=createdTime&sortOrder=descend`,
    pageLength: 10,
  },
  // A wide filter: one user in ten matches, so its total grows with the organization.
  'get-users (page of 20, filtered to 1 in 10, sorted, with total)': {
    path: `/api/get-users?owner=${BENCH_ORGANIZATION}&p=1&pageSize=20&field=email&value=7%40&sortField=createdTime&sortOrder=descend`,
    pageLength: 20,
  },
  'get-users (page of 20, sorted, with total)': {
    path: `/api/get-users?owner=${BENCH_ORGANIZATION}&p=1&pageSize=20&sortField=name&sortOrder=ascend`,
    pageLength: 20,
  },
  'get-user-count': { path: `/api/get-user-count?owner=${BENCH_ORGANIZATION}` },
};

const headers = {
  authorization: `Basic ${Buffer.from(`${BENCH_APPLICATION.clientId}:${BENCH_APPLICATION.clientSecret}`).toString('base64')}`,
};
const results: Record<string, Record<number, Timing>> = {};

for (const size of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), `latchkey-bench-${size}-`));
  try {
    const seeding = performance.now();
    await seedUsers(join(dataDir, 'latchkey.db'), size);
    process.stdout.write(`seeded ${size} users in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`);
    const server = await startLatchkeyProcess(dataDir);
    try {
      for (const [label, { path, pageLength }] of Object.entries(queries)) {
        const timing = await measure(`${server.url}${path}`, headers, {
          requests,
          warmup: 50,
          check: (body) => {
            if (pageLength === undefined ? body.data !== size : body.data.length !== pageLength)
              throw new Error(`${label}: unexpected answer`);
          },
        });
        const bySize = results[label] ?? {};
        bySize[size] = timing;
        results[label] = bySize;
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const [small, large] = sizes;
const lines = [
  `users: ${small} and ${large}; ${requests} sequential requests each over loopback HTTP (mean / median / p95 ms)`,
  '',
];
const report: Record<string, unknown> = { sizes, requests, results: {} };
for (const [label, bySize] of Object.entries(results)) {
  const ratio = Math.round((bySize[large]!.meanMs / bySize[small]!.meanMs) * 100) / 100;
  const show = (timing: Timing) => `${timing.meanMs} / ${timing.medianMs} / ${timing.p95Ms}`;
  lines.push(
    `${label}\n  ${String(small).padStart(7)}: ${show(bySize[small]!)}\n  ${String(large).padStart(7)}: ${show(bySize[large]!)}\n  ratio large/small (mean): ${ratio}`,
  );
  (report.results as Record<string, unknown>)[label] = { ...bySize, ratio };
}
process.stdout.write(`\n${lines.join('\n')}\n`);
mkdirSync(join(import.meta.dir, 'results'), { recursive: true });
writeFileSync(join(import.meta.dir, 'results', 'users-list.json'), `${JSON.stringify(report, null, 2)}\n`);
