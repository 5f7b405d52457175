import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addUser } from '../../test/fixtures.ts';
import { authorizeQuery, hiddenInputs, REDIRECT_URI, seedAcme } from '../oauth/testing/flows.ts';

/** One statement sent to the database: its kind, its table and, for an update, the columns it sets. */
interface Statement {
  kind: 'select' | 'update' | 'insert' | 'delete' | 'other';
  table: string;
  columns: string[];
}

function tableOf(node: OperationNode | undefined): string {
  if (!node) return '';
  const value = node as unknown as Record<string, any>;
  if (node.kind === 'TableNode') return value.table.identifier.name;
  if (node.kind === 'AliasNode') return tableOf(value.node);
  if (node.kind === 'FromNode') return tableOf(value.froms[0]);
  return '';
}

function describeStatement(node: RootOperationNode): Statement {
  const value = node as unknown as Record<string, any>;
  switch (node.kind) {
    case 'SelectQueryNode':
      return { kind: 'select', table: tableOf(value.from), columns: [] };
    case 'UpdateQueryNode':
      return {
        kind: 'update',
        table: tableOf(value.table),
        columns: (value.updates ?? []).map((update: any) => update.column.column.name),
      };
    case 'InsertQueryNode':
      return { kind: 'insert', table: tableOf(value.into), columns: [] };
    case 'DeleteQueryNode':
      return { kind: 'delete', table: tableOf(value.from), columns: [] };
    default:
      return { kind: 'other', table: '', columns: [] };
  }
}

/** A statement given as SQL text (the prepared statements of packages/db): its kind, table and set columns. */
function describeText(text: string): Statement {
  const word = text.trimStart().split(/\s/)[0]!.toLowerCase();
  const kind = (['select', 'update', 'insert', 'delete'] as const).find((candidate) => candidate === word) ?? 'other';
  const table = /(?:from|update|into)\s+"?(\w+)"?/i.exec(text)?.[1] ?? '';
  const columns =
    kind === 'update'
      ? [...(/\bset\s+(.*?)(?:\swhere\s|$)/is.exec(text)?.[1] ?? '').matchAll(/"?(\w+)"?\s*=/g)].map(
          (match) => match[1]!,
        )
      : [];
  return { kind, table, columns };
}

/** Records every statement the query builder sends, untouched. */
class StatementRecorder implements KyselyPlugin {
  statements: Statement[] = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    this.statements.push(describeStatement(node));
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
  /** The statements sent while `work` runs. */
  async during(work: () => Promise<unknown>): Promise<Statement[]> {
    this.statements = [];
    await work();
    return this.statements;
  }
}

let t: TestApp;
let client: Awaited<ReturnType<typeof seedAcme>>['client'];
const recorder = new StatementRecorder();

const reads = (statements: Statement[], table: string) =>
  statements.filter((statement) => statement.kind === 'select' && statement.table === table).length;
const userWrites = (statements: Statement[]) =>
  statements.filter((statement) => statement.kind === 'update' && statement.table === 'user');
/** The write that counts an attempt before its password is checked (rate-limit/failed-credentials.ts, identity/password-signin.ts). */
const isAttemptCount = (write: Statement) =>
  write.columns.includes('signinWrongTimes') && !write.columns.includes('lastSigninTime');
/** The write that records a successful sign-in: the count reset, time and address together. */
const isSignInRecord = (write: Statement) =>
  ['signinWrongTimes', 'lastSigninWrongTime', 'lastSigninTime', 'lastSigninIp'].every((column) =>
    write.columns.includes(column),
  );

beforeAll(async () => {
  t = await createTestApp();
  ({ client } = await seedAcme(t, { enableSigninSession: true }));
  await addUser(t, 'acme', 'bob', 'bob-password', { signupApplication: 'acme-app' });
  await addApplication(t, 'acme-strict', 'acme', { failedSigninLimit: 2 });
  await addUser(t, 'acme', 'carol', 'carol-password', { signupApplication: 'acme-strict' });
  // Query-builder statements pass the plugin; prepared statements (fixed SQL text) are sent with
  // executeQuery, which the plugin does not see, so that call is recorded too.
  const observed = t.context.db.withPlugin(recorder);
  t.context.db = new Proxy(observed, {
    get(target, property) {
      // Kysely keeps its state in private fields: its methods must run on the instance itself.
      const value = Reflect.get(target, property, target);
      if (property !== 'executeQuery') return typeof value === 'function' ? value.bind(target) : value;
      return (compiled: { sql: string }, ...rest: unknown[]) => {
        recorder.statements.push(describeText(compiled.sql));
        return (target.executeQuery as (...args: unknown[]) => unknown).call(target, compiled, ...rest);
      };
    },
  });
});
afterAll(() => t.dispose());

const login = (body: Record<string, unknown>, query = '') => t.request(`/api/login${query}`, { body });

describe('the database work of one sign-in', () => {
  test('POST /api/login: one read of the organization and of the application; after the attempt is counted, one write of the user', async () => {
    const statements = await recorder.during(async () => {
      const response = await login({
        application: 'acme-app',
        organization: 'acme',
        username: 'bob',
        password: 'bob-password',
        type: 'login',
      });
      expect(response.json).toMatchObject({ status: 'ok', data: 'acme/bob' });
    });
    expect(reads(statements, 'organization')).toBe(1);
    expect(reads(statements, 'application')).toBe(1);
    const writes = userWrites(statements);
    expect(writes.length).toBe(2);
    expect(isAttemptCount(writes[0]!)).toBe(true);
    expect(isSignInRecord(writes[1]!)).toBe(true);
  });

  test('the portal application (none named) and a user without a sign-up application: the same', async () => {
    const statements = await recorder.during(async () => {
      expect(
        (await login({ organization: 'acme', username: 'alice', password: 'alice-password', type: 'login' })).json
          .status,
      ).toBe('ok');
    });
    expect(reads(statements, 'organization')).toBe(1);
    expect(reads(statements, 'application')).toBe(1);
    expect(userWrites(statements).filter((write) => !isAttemptCount(write)).length).toBe(1);
  });

  test('a wrong password: one read of each, and only the attempt is written', async () => {
    const statements = await recorder.during(async () => {
      const response = await login({
        application: 'acme-app',
        organization: 'acme',
        username: 'bob',
        password: 'wrong-password',
        type: 'login',
      });
      expect(response.json.msg).toBe('The username or password is wrong.');
    });
    expect(reads(statements, 'organization')).toBe(1);
    expect(reads(statements, 'application')).toBe(1);
    const writes = userWrites(statements);
    expect(writes.length).toBe(1);
    expect(isAttemptCount(writes[0]!)).toBe(true);
    // Positive control: the right password still signs in afterwards.
    expect(
      (
        await login({
          application: 'acme-app',
          organization: 'acme',
          username: 'bob',
          password: 'bob-password',
          type: 'login',
        })
      ).json.status,
    ).toBe('ok');
  });

  test("the lockout policy still comes from the user's own application, which is then read too", async () => {
    const wrong = () =>
      login({
        application: 'acme-app',
        organization: 'acme',
        username: 'carol',
        password: 'wrong-password',
        type: 'login',
      });
    const statements = await recorder.during(async () => {
      expect((await wrong()).json.msg).toBe('The username or password is wrong.');
    });
    expect(reads(statements, 'application')).toBe(2);
    // acme-strict allows two wrong passwords, where acme-app would allow five.
    expect((await wrong()).json.msg).toContain('locked');
    const right = await login({
      application: 'acme-app',
      organization: 'acme',
      username: 'carol',
      password: 'carol-password',
      type: 'login',
    });
    expect(right.json.status).toBe('error');
  });

  test('type=code (Casdoor sign-in page): one read of each, one sign-in write, a session and a code', async () => {
    const query = `?clientId=${client.clientId}&responseType=code&redirectUri=${encodeURIComponent(REDIRECT_URI)}&scope=openid&state=s`;
    let cookie: string | null = null;
    const statements = await recorder.during(async () => {
      const response = await login(
        { application: 'acme-app', organization: 'acme', username: 'bob', password: 'bob-password', type: 'code' },
        query,
      );
      expect(response.json.status).toBe('ok');
      expect(response.json.data).toMatch(/^[\w-]{20,}$/);
      cookie = response.headers.get('set-cookie');
    });
    expect(cookie).toMatch(/^casdoor_session_id=/);
    expect(reads(statements, 'organization')).toBe(1);
    expect(reads(statements, 'application')).toBe(1);
    expect(
      userWrites(statements)
        .filter((write) => !isAttemptCount(write))
        .map(isSignInRecord),
    ).toEqual([true]);
  });

  test('the sign-in form of the authorization endpoint: one read of each, one sign-in write', async () => {
    const page = await t.request(
      `/login/oauth/authorize?${authorizeQuery({ clientId: client.clientId, state: 'st' })}`,
    );
    const csrf = /latchkey_authorize_csrf=([^;]*)/.exec(page.headers.get('set-cookie') ?? '')?.[1];
    const form = new URLSearchParams(Object.fromEntries(hiddenInputs(page.text)));
    form.set('username', 'bob');
    form.set('password', 'bob-password');
    let location = '';
    const statements = await recorder.during(async () => {
      const response = await t.request('/login/oauth/authorize', {
        method: 'POST',
        body: form,
        headers: { cookie: `latchkey_authorize_csrf=${csrf}` },
      });
      expect(response.status).toBe(303);
      location = response.headers.get('location') ?? '';
    });
    expect(new URL(location).searchParams.get('code')).toBeTruthy();
    expect(reads(statements, 'organization')).toBe(1);
    expect(reads(statements, 'application')).toBe(1);
    expect(
      userWrites(statements)
        .filter((write) => !isAttemptCount(write))
        .map(isSignInRecord),
    ).toEqual([true]);
  });
});
