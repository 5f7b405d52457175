import {
  appliedMigrations,
  openServerDatabase,
  type ServerDatabaseLocation,
  sqliteIntegrity,
} from '@latchkey/db/testing';
import type { Ledger, Target, UserFields } from './crash-ledger.ts';

/**
 * What the crash test checks after each restart: everything the server confirmed is there as
 * confirmed, nothing it never confirmed appeared (unless its answer was lost in the kill), uploads
 * are whole or absent, the kept counts equal the rows, and the built-in objects are as they were.
 * Each check adds a line to `problems`; a clean recovery answers none.
 */

async function getJson(
  target: Target,
  path: string,
  headers: Record<string, string> = { cookie: target.adminCookie },
): Promise<any> {
  const response = await fetch(`${target.url}${path}`, { headers });
  return response.json();
}

/** Every row of a list, page by page, and whether each page's data2 agreed with the rows there are. */
async function listAll(target: Target, path: string, problems: string[], pageSize = 100): Promise<any[]> {
  const rows: any[] = [];
  const totals = new Set<number>();
  for (let page = 1; ; page++) {
    const answer = await getJson(target, `${path}&p=${page}&pageSize=${pageSize}`);
    if (answer.status !== 'ok') {
      problems.push(`${path} page ${page}: ${answer.msg}`);
      return rows;
    }
    totals.add(answer.data2);
    rows.push(...answer.data);
    if (answer.data.length < pageSize) break;
  }
  if (totals.size !== 1 || !totals.has(rows.length))
    problems.push(`${path}: data2 said ${[...totals].join(', ')} but ${rows.length} rows were listed`);
  return rows;
}

const fieldsMatch = (actual: Record<string, unknown>, expected: UserFields) =>
  Object.entries(expected).every(([field, value]) => JSON.stringify(actual[field]) === JSON.stringify(value));

const differences = (actual: Record<string, unknown>, expected: UserFields) =>
  Object.entries(expected)
    .filter(([field, value]) => JSON.stringify(actual[field]) !== JSON.stringify(value))
    .map(([field, value]) => `${field}: ${JSON.stringify(actual[field])} instead of ${JSON.stringify(value)}`)
    .join('; ');

/** Users: compared with the ledger, which then takes the state found for writes whose answer was lost. */
async function checkUsers(target: Target, ledger: Ledger, problems: string[]): Promise<void> {
  const listed = await listAll(
    target,
    `/api/get-users?owner=${target.organization}&sortField=name&sortOrder=ascend`,
    problems,
  );
  const count = await getJson(target, `/api/get-user-count?owner=${target.organization}`);
  if (count.data !== listed.length)
    problems.push(`get-user-count said ${count.data}, ${listed.length} users are listed`);
  const found = new Map(listed.map((user) => [user.name as string, user as Record<string, unknown>]));
  for (const name of found.keys())
    if (!ledger.users.has(name)) problems.push(`user ${name} exists, but no request ever added it`);
  for (const [name, entry] of ledger.users) {
    const actual = found.get(name);
    const states = entry.pending ? [entry.confirmed, entry.pending.state] : [entry.confirmed];
    const match = states.find((state) =>
      state === null ? actual === undefined : actual !== undefined && fieldsMatch(actual, state),
    );
    if (match === undefined) {
      const expected = entry.confirmed;
      const detail = !actual
        ? 'is missing'
        : expected === null
          ? 'exists though never confirmed'
          : differences(actual, expected);
      problems.push(`user ${name} ${detail}${entry.pending ? ' (a write was in flight)' : ''}`);
      continue;
    }
    entry.confirmed = match;
    entry.pending = undefined;
  }
  for (const upload of ledger.uploads.filter((each) => each.outcome !== 'refused')) {
    const present = upload.names.filter((name) => found.has(name)).length;
    if (present !== 0 && present !== upload.names.length)
      problems.push(
        `upload ${upload.id} (${upload.outcome}) is half there: ${present} of ${upload.names.length} users`,
      );
    if (upload.outcome === 'in flight') upload.outcome = present === 0 ? 'refused' : 'confirmed';
  }
}

async function introspect(target: Target, token: string, hint?: 'refresh_token'): Promise<any> {
  const { clientId, clientSecret } = target.application;
  const response = await fetch(`${target.url}/api/login/oauth/introspect`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ token, ...(hint ? { token_type_hint: hint } : {}) }),
  });
  return response.json();
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}

/** Every confirmed token still introspects active and is listed; the token totals equal the rows. */
async function checkTokens(target: Target, ledger: Ledger, problems: string[]): Promise<void> {
  const listed = await listAll(target, `/api/get-tokens?owner=admin&organization=${target.organization}`, problems);
  await listAll(target, '/api/get-tokens?owner=admin', problems);
  const names = new Set(listed.map((token) => `admin/${token.name}`));
  await inBatches(ledger.tokens, 8, async (token) => {
    const answer = await introspect(target, token);
    if (answer.active !== true)
      problems.push(`a confirmed token no longer introspects active: ${JSON.stringify(answer)}`);
    else if (!names.has(answer.jti)) problems.push(`token ${answer.jti} is active but not listed by get-tokens`);
  });
}

/**
 * Refresh-token chains: the last confirmed refresh token of each is still active and the chain has
 * its confirmed rows. A rotation left unanswered happened whole (the presented token retired and
 * one more row) or not at all (still active, no new row); never the token retired without a successor.
 */
async function checkRefreshChains(target: Target, ledger: Ledger, problems: string[]): Promise<void> {
  await inBatches(ledger.chains, 4, async (chain) => {
    const rows = (
      await listAll(
        target,
        `/api/get-tokens?owner=admin&organization=${target.organization}&field=scope&value=${chain.scope}`,
        problems,
      )
    ).length;
    if (chain.lost) {
      if (rows !== chain.rows) problems.push(`refresh chain ${chain.scope} has ${rows} rows instead of ${chain.rows}`);
      return;
    }
    const active = (await introspect(target, chain.refreshToken, 'refresh_token')).active === true;
    if (!chain.pending) {
      if (!active || rows !== chain.rows)
        problems.push(
          `refresh chain ${chain.scope}: its confirmed refresh token is ${active ? 'active' : 'not active'}, ${rows} rows instead of ${chain.rows}`,
        );
      return;
    }
    if (!active && rows === chain.rows + 1) {
      chain.rows = rows;
      chain.lost = true;
    } else if (!(active && rows === chain.rows)) {
      problems.push(
        `refresh chain ${chain.scope}: a rotation in flight left the presented token ${active ? 'active' : 'retired'} with ${rows} rows (${chain.rows} confirmed)`,
      );
    }
    chain.pending = false;
  });
}

/** The audit log's kept count (records are written in groups, after the answers) equals its rows. */
async function checkRecords(target: Target, problems: string[]): Promise<void> {
  await listAll(target, `/api/get-records?owner=${target.organization}`, problems, 1000);
}

/** Every confirmed sign-in's session still signs its user in. */
async function checkSessions(target: Target, ledger: Ledger, problems: string[]): Promise<void> {
  await inBatches(ledger.sessions, 8, async ({ cookie, user }) => {
    const account = await getJson(target, '/api/get-account', { cookie });
    if (account.data?.name !== user)
      problems.push(`the session of a confirmed sign-in of ${user} is gone: ${JSON.stringify(account).slice(0, 200)}`);
  });
}

/** Each subject has exactly one policy line, with its confirmed action or the one of an unanswered replacement. */
async function checkPolicies(target: Target, ledger: Ledger, problems: string[]): Promise<void> {
  const answer = await getJson(target, `/api/get-policies?id=${target.enforcer}`);
  const lines = (answer.data ?? []) as { v0: string; v2: string }[];
  for (const [subject, entry] of ledger.policies) {
    const actions = lines.filter((line) => line.v0 === subject).map((line) => line.v2);
    const allowed = entry.pending ? [entry.confirmed, entry.pending] : [entry.confirmed];
    if (actions.length !== 1 || !allowed.includes(actions[0]!)) {
      problems.push(
        `policy lines of ${subject}: ${JSON.stringify(actions)}, expected one of ${JSON.stringify(allowed)}`,
      );
      continue;
    }
    entry.confirmed = actions[0]!;
    entry.pending = undefined;
  }
  if (lines.length !== ledger.policies.size)
    problems.push(`${lines.length} policy lines for ${ledger.policies.size} subjects`);
}

/** Fields that a sign-in of the administrator may change. */
const signInFields = new Set([
  'updatedTime',
  'lastSigninTime',
  'lastSigninIp',
  'lastSigninWrongTime',
  'signinWrongTimes',
  'isOnline',
]);

/** The built-in objects as the API shows them, and the administrator's password at work. */
export async function builtInObjects(target: Target): Promise<unknown> {
  const paths = [
    '/api/get-organization?id=admin/built-in',
    '/api/get-application?id=admin/app-built-in',
    '/api/get-cert?id=admin/cert-built-in',
    '/api/get-user?id=built-in/admin',
  ];
  const objects = await Promise.all(
    paths.map(async (path) => (await getJson(target, path)).data as Record<string, unknown>),
  );
  const builtInUsers = (await getJson(target, '/api/get-users?owner=built-in')).data.map(
    (user: { name: string }) => user.name,
  );
  const organizations = (await getJson(target, '/api/get-organizations?owner=admin')).data
    .map((organization: { name: string }) => organization.name)
    .sort();
  const applications = (await getJson(target, '/api/get-applications?owner=admin')).data
    .map((application: { name: string }) => application.name)
    .sort();
  const kept = objects.map(
    (object) => object && Object.fromEntries(Object.entries(object).filter(([field]) => !signInFields.has(field))),
  );
  return { objects: kept, builtInUsers, organizations, applications };
}

async function checkBuiltIns(
  target: Target,
  adminPassword: string,
  builtIns: unknown,
  problems: string[],
): Promise<void> {
  const account = await getJson(
    target,
    `/api/get-account?username=built-in/admin&password=${encodeURIComponent(adminPassword)}`,
    {},
  );
  if (account.data?.name !== 'admin') problems.push(`the administrator's password no longer works: ${account.msg}`);
  const now = await builtInObjects(target);
  if (JSON.stringify(now) !== JSON.stringify(builtIns))
    problems.push(`the built-in objects changed:\n${JSON.stringify(builtIns)}\n${JSON.stringify(now)}`);
}

/** Checks a restarted server against the ledger; answers what is wrong. */
export async function checkRecovered(
  target: Target,
  ledger: Ledger,
  options: { adminPassword: string; builtIns: unknown },
): Promise<string[]> {
  const problems = [...ledger.refusals.map((refusal) => `refused before the kill: ${refusal}`)];
  ledger.refusals = [];
  const health = await getJson(target, '/api/health', {});
  if (health.status !== 'ok') problems.push(`/api/health answered ${JSON.stringify(health)}`);
  await checkBuiltIns(target, options.adminPassword, options.builtIns, problems);
  await checkUsers(target, ledger, problems);
  await checkTokens(target, ledger, problems);
  await checkSessions(target, ledger, problems);
  await checkPolicies(target, ledger, problems);
  await checkRefreshChains(target, ledger, problems);
  await checkRecords(target, problems);
  return problems;
}

/** The database as the files or server hold it: SQLite's integrity check (undefined on Postgres) and the migrations applied. */
export async function inspectDatabase(
  location: ServerDatabaseLocation,
): Promise<{ integrity?: string; migrations: string[] }> {
  const database = openServerDatabase(location, { readonly: true });
  try {
    const migrations = await appliedMigrations(database.db);
    return database.dialect === 'sqlite'
      ? { integrity: await sqliteIntegrity(database.db), migrations }
      : { migrations };
  } finally {
    await database.close();
  }
}
