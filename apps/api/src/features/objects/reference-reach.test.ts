import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { codecs, insertRow, organizationDefaultApplication, type TableName, updateRows } from '@latchkey/db';
import { ACL_MODEL, countStoredRows, storedRow } from '@latchkey/db/testing';
import { formatTime } from '../../core/context.ts';
import { type Caller, call, globalAdmin, organizationWithCallers } from '../../test/callers.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addUser, providerItem } from '../../test/fixtures.ts';
import { addCommerceReferenceTargets, commerceReferenceCases, type Side } from '../commerce/testing/reference-cases.ts';
import { everyKind } from './every-kind.ts';
import { columnsOf } from './reach.ts';

/**
 * Every reference field of every kind, as the kinds declare them (their `references`): an
 * organization's administrator may point it only at its own organization's objects, never at
 * another organization's or at `built-in`'s (but for a session in the portal's application, where
 * every organization's users sign in), and a refused write leaves nothing behind. A global
 * administrator may also point at `built-in`'s where that means something (the portal's
 * application). Casdoor's shared model and adapter have their own test (authorization/shared-built-ins.test.ts).
 * A new reference field fails the first test until it has a row here.
 */

let t: TestApp;
let root: Caller;
let xAdmin: Caller;

/** The organization whose object each side of a case points at. */
const ORGANIZATION: Record<Side, string> = {
  own: 'x-org',
  foreign: 'y-org',
  builtIn: 'built-in',
  ownNothing: 'x-org',
  foreignNothing: 'y-org',
  builtInNothing: 'built-in',
};
/** The `*Nothing` sides' prefixes name no object of any kind, in any organization. */
const PREFIX: Record<Side, string> = {
  own: 'x',
  foreign: 'y',
  builtIn: 'bi',
  ownNothing: 'xn',
  foreignNothing: 'yn',
  builtInNothing: 'bin',
};
const NOTHING_SIDES = ['ownNothing', 'foreignNothing', 'builtInNothing'] as const;
const isNothing = (side: Side) => (NOTHING_SIDES as readonly Side[]).includes(side);
/** `<prefix>-<kind>` in each organization; the portal's application and admin for built-in. */
const objectOf = (side: Side, kind: string) => `${PREFIX[side]}-${kind}`;
const idOf = (side: Side, kind: string) => `${ORGANIZATION[side]}/${objectOf(side, kind)}`;
const applicationOf = (side: Side) =>
  isNothing(side) ? objectOf(side, 'app') : side === 'builtIn' ? 'app-built-in' : `${ORGANIZATION[side]}-app`;
const userOf = (side: Side) =>
  isNothing(side) ? objectOf(side, 'user') : side === 'builtIn' ? 'admin' : `${ORGANIZATION[side]}-user`;

type Envelope = Awaited<ReturnType<typeof call>>;

const providerOf = (side: Side) => providerItem(ORGANIZATION[side], objectOf(side, 'provider'), { canSignIn: true });
const memberValue = (side: Side, kind: string) =>
  kind === 'user' ? `${ORGANIZATION[side]}/${userOf(side)}` : idOf(side, kind);

interface FieldCase {
  /** Writes an object of x-org whose field points at `side`'s object, as `caller`; `name` is new each time. */
  write(caller: Caller, side: Side, name: string): Promise<Envelope>;
  /** Whether that write left anything behind. */
  written(name: string, side: Side): Promise<boolean>;
  /** What a global administrator may point at besides its own organization's objects. */
  global: { foreign: boolean; builtIn: boolean };
  /** What an organization administrator may point at besides its own organization's objects (the portal's application, where every organization's users sign in). */
  organizationAdmin?: { builtIn: boolean };
  /**
   * A field that may name what does not exist (yet) (its reference's `mayNameNothingYet`): a name of
   * nothing in x-org is accepted; with `anySide` the name carries no organization (a bare name read
   * within x-org, an application's name), so every side's name of nothing is; with `globalBuiltIn` a
   * global administrator may also name nothing in built-in.
   */
  nothingYet?: { anySide?: boolean; globalBuiltIn?: boolean };
  /** The field holds a bare name read within x-org: another side's name there is x-org's, of nothing (yet). */
  bareName?: boolean;
  /**
   * update-<object> of the object the own-side write made, pointing the field at `side`'s object;
   * `readOnly` when the field never changes after the add. Absent where the add route is the only
   * writer (it replaces, as update-session and the policy routes do, or is already an update).
   */
  update?: {
    kind: string;
    id: (name: string) => string;
    body: (side: Side) => Record<string, unknown>;
    readOnly?: boolean;
  };
}

const rowNamed = async (table: TableName, name: string) =>
  (await countStoredRows(t.context.db, table as 'user', { name })) > 0;
const added = (table: TableName) => (name: string) => rowNamed(table, name);
const NOWHERE = { foreign: false, builtIn: false };

const addRole = (field: string, kind: string): FieldCase => ({
  write: (caller: Caller, side: Side, name: string) =>
    call(t, caller, '/api/add-role', { owner: 'x-org', name, [field]: [memberValue(side, kind)] }),
  written: added('role'),
  global: NOWHERE,
  update: { kind: 'role', id: (name) => `x-org/${name}`, body: (side) => ({ [field]: [memberValue(side, kind)] }) },
});
const permissionField = (field: string, kind: string, side: Side) => ({
  [field]: field === 'model' || field === 'adapter' ? memberValue(side, kind) : [memberValue(side, kind)],
});
const addPermission = (field: string, kind: string): FieldCase => ({
  write: (caller: Caller, side: Side, name: string) =>
    call(t, caller, '/api/add-permission', {
      owner: 'x-org',
      name,
      resources: ['r'],
      actions: ['read'],
      ...permissionField(field, kind, side),
    }),
  written: added('permission'),
  global: NOWHERE,
  update: { kind: 'permission', id: (name) => `x-org/${name}`, body: (side) => permissionField(field, kind, side) },
});
const addEnforcer = (field: 'model' | 'adapter'): FieldCase => ({
  write: (caller: Caller, side: Side, name: string) =>
    call(t, caller, '/api/add-enforcer', {
      owner: 'x-org',
      name,
      model: idOf('own', 'model'),
      adapter: idOf('own', 'adapter'),
      [field]: idOf(side, field),
    }),
  written: added('enforcer'),
  global: NOWHERE,
  // An id of nothing in built-in is never used: an enforcer evaluates only its organization's model or the shared one.
  nothingYet: { globalBuiltIn: true },
  update: { kind: 'enforcer', id: (name) => `x-org/${name}`, body: (side) => ({ [field]: idOf(side, field) }) },
});

/** One row per declared reference field: `<referring table>.<column(s)>`. */
const CASES: Record<string, FieldCase> = {
  'token.application': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-token', {
        owner: 'admin',
        name,
        organization: 'x-org',
        application: applicationOf(side),
        user: 'x-org-user',
      }),
    written: added('token'),
    global: { foreign: false, builtIn: true },
    update: {
      kind: 'token',
      id: (name) => `admin/${name}`,
      body: (side) => ({ application: applicationOf(side) }),
      readOnly: true,
    },
  },
  'token.organization+user': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-token', {
        owner: 'admin',
        name,
        organization: ORGANIZATION[side],
        user: userOf(side),
        application: ORGANIZATION[side] === 'built-in' ? 'app-built-in' : 'x-org-app',
      }),
    written: added('token'),
    global: { foreign: false, builtIn: true },
    update: {
      kind: 'token',
      id: (name) => `admin/${name}`,
      body: (side) => ({ organization: ORGANIZATION[side], user: userOf(side) }),
      readOnly: true,
    },
  },
  'session.application': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-session', {
        owner: 'x-org',
        name: 'x-org-user',
        application: applicationOf(side),
        sessionId: [name],
      }),
    written: async (name) => (await countStoredRows(t.context.db, 'session', { sessionId: name })) > 0,
    global: { foreign: false, builtIn: true },
    organizationAdmin: { builtIn: true },
  },
  // A Session object recorded without session ids, for a user who need not exist (as Casdoor records it).
  'session_group.application': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-session', { owner: 'x-org', name, application: applicationOf(side), sessionId: [] }),
    written: added('session_group'),
    global: { foreign: false, builtIn: true },
    organizationAdmin: { builtIn: true },
  },
  'session_group.owner+name': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-session', {
        owner: ORGANIZATION[side],
        name,
        application: ORGANIZATION[side] === 'built-in' ? 'app-built-in' : 'x-org-app',
        sessionId: [],
      }),
    written: added('session_group'),
    global: { foreign: false, builtIn: true },
    // A Session object is recorded for a user not added yet (its name is new on every side here): see add-session.
    nothingYet: { globalBuiltIn: true },
  },
  'session.owner+name': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-session', {
        owner: ORGANIZATION[side],
        name: userOf(side),
        application: ORGANIZATION[side] === 'built-in' ? 'app-built-in' : 'x-org-app',
        sessionId: [name],
      }),
    written: async (name) => (await countStoredRows(t.context.db, 'session', { sessionId: name })) > 0,
    global: { foreign: false, builtIn: true },
  },
  'key.application': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-key', {
        owner: 'x-org',
        name,
        organization: 'x-org',
        application: applicationOf(side),
      }),
    written: added('key'),
    global: NOWHERE,
    update: { kind: 'key', id: (name) => `x-org/${name}`, body: (side) => ({ application: applicationOf(side) }) },
  },
  'key.organization+user': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-key', { owner: 'x-org', name, organization: ORGANIZATION[side], user: userOf(side) }),
    written: added('key'),
    global: NOWHERE,
    update: {
      kind: 'key',
      id: (name) => `x-org/${name}`,
      body: (side) => ({ organization: ORGANIZATION[side], user: userOf(side) }),
    },
  },
  'user.signupApplication': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-user', { owner: 'x-org', name, signupApplication: applicationOf(side) }),
    written: added('user'),
    global: { foreign: false, builtIn: true },
    update: {
      kind: 'user',
      id: (name) => `x-org/${name}`,
      body: (side) => ({ signupApplication: applicationOf(side) }),
    },
  },
  'user.groups': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-user', { owner: 'x-org', name, groups: [idOf(side, 'group')] }),
    written: added('user'),
    global: NOWHERE,
    update: { kind: 'user', id: (name) => `x-org/${name}`, body: (side) => ({ groups: [idOf(side, 'group')] }) },
  },
  'organization.defaultApplication': {
    write: async (caller, side) => {
      await updateRows(t.context.db, 'organization', { name: 'x-org' }, { defaultApplication: '' });
      return call(t, caller, '/api/update-organization?id=admin/x-org&columns=defaultApplication', {
        owner: 'admin',
        name: 'x-org',
        defaultApplication: applicationOf(side),
      });
    },
    written: async (_name, side) =>
      (await organizationDefaultApplication(t.context.db, 'x-org')) === applicationOf(side),
    global: { foreign: false, builtIn: true },
  },
  'application.cert': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-application', {
        owner: 'admin',
        name,
        organization: 'x-org',
        cert: objectOf(side, 'cert'),
      }),
    written: added('application'),
    global: NOWHERE,
    update: { kind: 'application', id: (name) => `admin/${name}`, body: (side) => ({ cert: objectOf(side, 'cert') }) },
  },
  'application.providers': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-application', {
        owner: 'admin',
        name,
        organization: 'x-org',
        providers: [providerOf(side)],
      }),
    written: added('application'),
    global: { foreign: false, builtIn: true },
    update: {
      kind: 'application',
      id: (name) => `admin/${name}`,
      body: (side) => ({ providers: [providerOf(side)] }),
    },
  },
  'group.parentId': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-group', { owner: 'x-org', name, parentId: objectOf(side, 'group') }),
    written: added('group'),
    global: NOWHERE,
    update: { kind: 'group', id: (name) => `x-org/${name}`, body: (side) => ({ parentId: objectOf(side, 'group') }) },
  },
  // An invitation signs people up only through its organization's applications and into its groups.
  'invitation.application': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-invitation', { owner: 'x-org', name, application: applicationOf(side) }),
    written: added('invitation'),
    global: NOWHERE,
    update: {
      kind: 'invitation',
      id: (name) => `x-org/${name}`,
      body: (side) => ({ application: applicationOf(side) }),
    },
  },
  // A group named before it is added: sign-up joins it once it exists (invitations.test.ts).
  'invitation.signupGroup': {
    write: (caller, side, name) =>
      call(t, caller, '/api/add-invitation', { owner: 'x-org', name, signupGroup: objectOf(side, 'group') }),
    written: added('invitation'),
    global: NOWHERE,
    nothingYet: { anySide: true },
    bareName: true,
    update: {
      kind: 'invitation',
      id: (name) => `x-org/${name}`,
      body: (side) => ({ signupGroup: objectOf(side, 'group') }),
    },
  },
  'role.users': addRole('users', 'user'),
  'role.groups': addRole('groups', 'group'),
  'role.roles': addRole('roles', 'role'),
  'permission.users': addPermission('users', 'user'),
  'permission.groups': addPermission('groups', 'group'),
  'permission.roles': addPermission('roles', 'role'),
  'permission.model': addPermission('model', 'model'),
  'permission.adapter': addPermission('adapter', 'adapter'),
  'enforcer.model': addEnforcer('model'),
  'enforcer.adapter': addEnforcer('adapter'),
  // Written only by the policy routes, from the enforcer named in the id, which the caller must administer.
  'casbin_rule.adapter': {
    write: (caller, side, name) =>
      call(t, caller, `/api/add-policy?id=${idOf(side, 'enforcer')}`, { ptype: 'p', v0: name, v1: 'data', v2: 'read' }),
    written: async (name) => (await countStoredRows(t.context.db, 'casbin_rule', { v0: name })) > 0,
    global: { foreign: true, builtIn: true },
  },
  ...commerceReferenceCases({
    call: (caller, path, body) => call(t, caller, path, body),
    objectOf,
    userOf,
    applicationOf,
    added,
  }),
};

/** The objects each organization's side points at. */
async function addObjects(organization: string, prefix: string) {
  const now = formatTime(t.clock.now());
  const base = { owner: organization, createdTime: now };
  const db = t.context.db;
  await insertRow(
    db,
    'group',
    codecs.group.encode({
      ...base,
      name: `${prefix}-group`,
      displayName: `${prefix}-group`,
      parentId: organization,
      isTopGroup: true,
    }),
  );
  await insertRow(db, 'role', codecs.role.encode({ ...base, name: `${prefix}-role`, isEnabled: true }));
  await insertRow(db, 'model', codecs.model.encode({ ...base, name: `${prefix}-model`, modelText: ACL_MODEL }));
  await insertRow(
    db,
    'adapter',
    codecs.adapter.encode({ ...base, name: `${prefix}-adapter`, table: 'casbin_rule', useSameDb: true }),
  );
  await insertRow(
    db,
    'enforcer',
    codecs.enforcer.encode({
      ...base,
      name: `${prefix}-enforcer`,
      model: `${organization}/${prefix}-model`,
      adapter: `${organization}/${prefix}-adapter`,
    }),
  );
  await insertRow(
    db,
    'cert',
    codecs.cert.encode({ ...base, name: `${prefix}-cert`, type: 'x509', scope: 'JWT', cryptoAlgorithm: 'RS256' }),
  );
  await insertRow(
    db,
    'provider',
    codecs.provider.encode({ ...base, name: `${prefix}-provider`, category: 'Notification', type: 'Custom HTTP' }),
  );
  await addCommerceReferenceTargets(t, organization, prefix, now);
}

beforeAll(async () => {
  t = await createTestApp();
  root = await globalAdmin(t);
  xAdmin = (await organizationWithCallers(t, 'x-org')).admin;
  await organizationWithCallers(t, 'y-org');
  await addUser(t, 'built-in', 'bi-user', 'a-good-password');
  for (const side of ['own', 'foreign', 'builtIn'] as const) await addObjects(ORGANIZATION[side], PREFIX[side]);
});
afterAll(() => t.dispose());

/** `<referring table>.<column(s)>` of every reference the kinds declare. */
const declaredFields = () =>
  [
    ...new Set(
      everyKind.flatMap((kind) =>
        (kind.references ?? []).map((reference) => `${reference.table}.${columnsOf(reference).join('+')}`),
      ),
    ),
  ].sort();

let counter = 0;
const freshName = () => `ref-case-${++counter}`;

async function attempt(caller: Caller, field: string, side: Side) {
  const name = freshName();
  const answer = await CASES[field]!.write(caller, side, name);
  return { status: answer.status, written: await CASES[field]!.written(name, side), msg: answer.msg };
}

describe('references stay inside the caller’s reach', () => {
  test('every declared reference field has a case', () => {
    expect(declaredFields()).toEqual(Object.keys(CASES).sort());
  });

  test.each(Object.keys(CASES).sort())(
    '%s: an organization administrator points only at its own organization',
    async (field) => {
      for (const side of ['foreign', 'builtIn'] as const) {
        const allowed =
          (side === 'builtIn' && CASES[field]!.organizationAdmin?.builtIn === true) || CASES[field]!.bareName === true;
        const result = await attempt(xAdmin, field, side);
        expect({ field, side, status: result.status, written: result.written }).toEqual({
          field,
          side,
          status: allowed ? 'ok' : 'error',
          written: allowed,
        });
      }
      // Positive control: the same write pointing at x-org's own object works.
      const own = await attempt(xAdmin, field, 'own');
      expect({ field, status: own.status, written: own.written, msg: own.msg }).toEqual({
        field,
        status: 'ok',
        written: true,
        msg: '',
      });
    },
  );

  test.each(Object.keys(CASES).sort())(
    '%s: an update by an organization administrator cannot point it elsewhere either',
    async (field) => {
      const update = CASES[field]!.update;
      if (!update) return;
      const name = freshName();
      expect((await CASES[field]!.write(xAdmin, 'own', name)).status).toBe('ok');
      const table = update.kind as TableName;
      const stored = () => storedRow(t.context.db, table as 'user', { name });
      const before = await stored();
      for (const side of ['foreign', 'builtIn'] as const) {
        const body = update.body(side);
        const answer = await call(
          t,
          xAdmin,
          `/api/update-${update.kind}?id=${update.id(name)}&columns=${Object.keys(body).join(',')}`,
          body,
        );
        // A read-only field is refused or left as it was; any other is refused (a bare name is x-org's, of nothing yet).
        const refused = answer.status === 'error' || (update.readOnly === true && answer.data === 'Unaffected');
        if (CASES[field]!.bareName) {
          expect({ field, side, refused }).toEqual({ field, side, refused: false });
          continue;
        }
        expect({ field, side, refused }).toEqual({ field, side, refused: true });
        expect(await stored()).toEqual(before);
      }
      // Positive control: the same update naming x-org's own object is accepted.
      const own = update.body('own');
      const answer = await call(
        t,
        xAdmin,
        `/api/update-${update.kind}?id=${update.id(name)}&columns=${Object.keys(own).join(',')}`,
        own,
      );
      expect({ field, status: answer.status }).toEqual({ field, status: 'ok' });
    },
  );

  test.each(Object.keys(CASES).sort())('%s: a global administrator points where it is meaningful', async (field) => {
    const expected = CASES[field]!.global;
    for (const side of ['own', 'foreign', 'builtIn'] as const) {
      const allowed = side === 'own' || expected[side] || CASES[field]!.bareName === true;
      const result = await attempt(root, field, side);
      expect({ field, side, status: result.status, written: result.written }).toEqual({
        field,
        side,
        status: allowed ? 'ok' : 'error',
        written: allowed,
      });
    }
  });
});

/** Whether a name of nothing on `side` is accepted from `caller` (see FieldCase.nothingYet). */
function nothingAccepted(field: string, caller: 'organization admin' | 'global admin', side: Side): boolean {
  const rule = CASES[field]!.nothingYet;
  if (!rule) return false;
  return (
    side === 'ownNothing' ||
    rule.anySide === true ||
    (side === 'builtInNothing' && caller === 'global admin' && rule.globalBuiltIn === true)
  );
}

/** A refusal as it reads without the names in it (quoted, or holding a `-` or `/` as every name here does but `admin`). */
const withoutNames = (msg: string) => msg.replace(/"[^"]*"/g, '<name>').replace(/[^\s"]*[-/][^\s"]*/g, '<name>');

/**
 * The kind a reference field names. Application names are one namespace for the whole server, which
 * add-application ("already exists") and the sign-up pages tell anyone: a refusal naming one tells nothing new.
 */
const targetOf = (field: string) =>
  everyKind.find((kind) =>
    (kind.references ?? []).some((reference) => `${reference.table}.${columnsOf(reference).join('+')}` === field),
  )!.name;

describe('names of nothing (yet)', () => {
  test.each(Object.keys(CASES).sort())(
    '%s: refused but where the name can only ever be of the organization’s own object',
    async (field) => {
      for (const [who, caller] of [
        ['organization admin', xAdmin],
        ['global admin', root],
      ] as const) {
        for (const side of NOTHING_SIDES) {
          const allowed = nothingAccepted(field, who, side);
          const result = await attempt(caller, field, side);
          expect({ field, who, side, status: result.status, written: result.written }).toEqual({
            field,
            who,
            side,
            status: allowed ? 'ok' : 'error',
            written: allowed,
          });
        }
      }
    },
  );

  test.each(Object.keys(CASES).sort())(
    '%s: an update naming nothing follows the same rule, and a refused one changes nothing',
    async (field) => {
      const update = CASES[field]!.update;
      if (!update || update.readOnly) return;
      const name = freshName();
      expect((await CASES[field]!.write(xAdmin, 'own', name)).status).toBe('ok');
      const stored = () => storedRow(t.context.db, update.kind as 'user', { name });
      for (const side of NOTHING_SIDES) {
        const before = await stored();
        const body = update.body(side);
        const answer = await call(
          t,
          xAdmin,
          `/api/update-${update.kind}?id=${update.id(name)}&columns=${Object.keys(body).join(',')}`,
          body,
        );
        const allowed = nothingAccepted(field, 'organization admin', side);
        expect({ field, side, status: answer.status }).toEqual({ field, side, status: allowed ? 'ok' : 'error' });
        if (!allowed) expect(await stored()).toEqual(before);
      }
    },
  );

  test.each(Object.keys(CASES).sort())(
    '%s: an organization administrator is told the same about another organization’s object and about nothing there',
    async (field) => {
      for (const [existing, nothing] of [
        ['foreign', 'foreignNothing'],
        ['builtIn', 'builtInNothing'],
      ] as const) {
        if (targetOf(field) === 'application') continue;
        const there = await attempt(xAdmin, field, existing);
        const none = await attempt(xAdmin, field, nothing);
        if (there.status === 'ok' || none.status === 'ok') {
          // Only where the name carries no organization: it is read within x-org.
          expect({ field, bareName: CASES[field]!.bareName === true }).toEqual({ field, bareName: true });
          continue;
        }
        expect({ field, existing, msg: withoutNames(there.msg) }).toEqual({
          field,
          existing,
          msg: withoutNames(none.msg),
        });
      }
    },
  );
});

describe('renaming a provider follows it into the applications that list it', () => {
  test('the item keeps naming it under its new name; items naming another owner’s provider of that name stay', async () => {
    const now = formatTime(t.clock.now());
    await insertRow(
      t.context.db,
      'provider',
      codecs.provider.encode({
        owner: 'x-org',
        name: 'x-renamed',
        createdTime: now,
        category: 'OAuth',
        type: 'GitHub',
      }),
    );
    await insertRow(
      t.context.db,
      'provider',
      codecs.provider.encode({
        owner: 'y-org',
        name: 'x-renamed',
        createdTime: now,
        category: 'OAuth',
        type: 'GitHub',
      }),
    );
    const item = (owner: string) => providerItem(owner, 'x-renamed', { canSignIn: true });
    expect(
      (
        await call(t, xAdmin, '/api/add-application', {
          owner: 'admin',
          name: 'x-lists',
          organization: 'x-org',
          providers: [item('x-org'), { ...item(''), name: 'x-provider' }],
        })
      ).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, root, '/api/add-application', {
          owner: 'admin',
          name: 'y-lists',
          organization: 'y-org',
          providers: [item('y-org')],
        })
      ).data,
    ).toBe('Affected');
    expect(
      (
        await call(t, xAdmin, '/api/update-provider?id=x-org/x-renamed&columns=name', {
          owner: 'x-org',
          name: 'x-new-name',
        })
      ).data,
    ).toBe('Affected');
    const providersOf = async (name: string) =>
      (await call(t, root, `/api/get-application?id=admin/${name}`)).data.providers.map(
        (p: { owner: string; name: string }) => `${p.owner}/${p.name}`,
      );
    expect(await providersOf('x-lists')).toEqual(['x-org/x-new-name', '/x-provider']);
    expect(await providersOf('y-lists')).toEqual(['y-org/x-renamed']);
  });
});
