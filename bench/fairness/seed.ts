import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADDRESSES } from './addresses.ts';
import { api, signIn } from './http.ts';

const repository = join(import.meta.dir, '..', '..');

export const X = 'org-x';
export const Y = 'org-y';
export const COSTLY_USERS = Array.from({ length: 10 }, (_, index) => `slow-${String(index + 1).padStart(2, '0')}`);

/** Who takes part: X's administrator (the attacker), Y's user and Y's application. */
export interface Deployment {
  url: string;
  xAdmin: { organization: string; username: string; password: string };
  yUser: { organization: string; username: string; password: string };
  yClient: { id: string; secret: string };
  /** What `latchkey import-casdoor` said about the users with bcrypt cost 31. */
  importReport: string;
}

/** A bcrypt hash of cost 31 (2^31 rounds, days of CPU): a real cost-4 hash with its cost field raised. */
function bcryptCost31(): string {
  return Bun.password
    .hashSync(randomBytes(8).toString('hex'), { algorithm: 'bcrypt', cost: 4 })
    .replace(/^\$2b\$04\$/, '$2a$31$');
}

/**
 * Writes organization X and its users with bcrypt cost 31 hashes through `latchkey import-casdoor`
 * into a fresh data folder, before the server starts. The import refuses hashes above its ceiling,
 * so those users are expected in its report as rejected; the answer is the report.
 */
export async function importCostlyUsers(dataDir: string, env: Record<string, string>): Promise<string> {
  const createdTime = '2024-01-01T00:00:00Z';
  const file = join(dataDir, 'costly-users.json');
  writeFileSync(
    file,
    JSON.stringify({
      organizations: [{ owner: 'admin', name: X, createdTime, displayName: 'Organization X', passwordType: 'bcrypt' }],
      users: COSTLY_USERS.map((name) => ({
        owner: X,
        name,
        id: randomUUID(),
        createdTime,
        displayName: name,
        type: 'normal-user',
        password: bcryptCost31(),
        passwordType: 'bcrypt',
        passwordSalt: '',
      })),
    }),
  );
  const child = Bun.spawn(['bun', join(repository, 'apps/api/src/index.ts'), 'import-casdoor', file], {
    cwd: dataDir,
    env: { ...(process.env as Record<string, string>), ...env, LATCHKEY_LOG_LEVEL: 'warn' },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  clearTimeout(timer);
  if (code !== 0 && code !== 1) throw new Error(`import-casdoor failed (${code}):\n${out}${err}`);
  return `${out}${err}`.trim();
}

/** Through the API as the built-in administrator: organization Y, X's administrator, Y's user, and Y's application (ES256, client_credentials). */
export async function seedOrganizations(url: string, rootPassword: string, importReport: string): Promise<Deployment> {
  const from = ADDRESSES.setup;
  const root = await signIn(url, { organization: 'built-in', username: 'admin', password: rootPassword }, from);
  const as = (path: string, body?: unknown) => api(url, path, { from, cookie: root, body, timeoutMs: 30_000 });
  const secret = () => randomBytes(12).toString('base64url');
  const xAdmin = { organization: X, username: 'x-admin', password: `x-${secret()}` };
  const yUser = { organization: Y, username: 'y-user', password: `y-${secret()}` };
  await as('/api/add-organization', { owner: 'admin', name: Y, displayName: 'Organization Y' });
  await as('/api/add-user', {
    owner: X,
    name: xAdmin.username,
    displayName: 'X administrator',
    isAdmin: true,
    password: xAdmin.password,
  });
  await as('/api/add-user', { owner: Y, name: yUser.username, displayName: 'Y user', password: yUser.password });
  await as('/api/add-cert', { owner: Y, name: 'y-cert', cryptoAlgorithm: 'ES256' });
  await as('/api/add-application', {
    owner: 'admin',
    name: 'y-app',
    organization: Y,
    cert: 'y-cert',
    enablePassword: true,
    expireInHours: 1,
    tokenFormat: 'JWT',
    grantTypes: ['client_credentials', 'password'],
  });
  const application = await as('/api/get-application?id=admin/y-app');
  return { url, xAdmin, yUser, yClient: { id: application.clientId, secret: application.clientSecret }, importReport };
}
