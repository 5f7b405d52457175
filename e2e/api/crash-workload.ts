/**
 * The writers of the crash test: concurrent clients that add, update and delete users, upload CSV
 * files of users, fetch tokens (client credentials, password, refresh), sign in and replace policy
 * lines, and write down in the ledger what the server confirmed and what was left unanswered.
 */

import { until } from '../support/until.ts';
import type { Ledger, RefreshChain, Target, Upload, UserEntry, UserFields, WriteKind } from './crash-ledger.ts';

interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

class Load {
  stopped = false;
  constructor(
    readonly target: Target,
    readonly ledger: Ledger,
  ) {}

  /** The answer, or undefined when the connection died first (the write may or may not have happened). */
  async send(path: string, init: RequestInit): Promise<Answer | undefined> {
    try {
      const response = await fetch(`${this.target.url}${path}`, init);
      return { status: response.status, body: await response.json(), headers: response.headers };
    } catch (error) {
      if (!this.stopped) this.ledger.refusals.push(`${path}: connection failed before the kill: ${String(error)}`);
      return undefined;
    }
  }

  admin(path: string, body: unknown): Promise<Answer | undefined> {
    const headers: Record<string, string> = { cookie: this.target.adminCookie };
    if (!(body instanceof FormData)) headers['content-type'] = 'application/json';
    return this.send(path, { method: 'POST', headers, body: body instanceof FormData ? body : JSON.stringify(body) });
  }

  refused(what: string, answer: Answer): void {
    this.ledger.refusals.push(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Many fields of a user, different at every write. */
export function userFields(name: string, version: number): UserFields {
  return {
    displayName: `${name} v${version}`,
    firstName: `First ${version}`,
    lastName: `Last-${name}`,
    email: `${name}.${version}@example.com`,
    emailVerified: version % 2 === 0,
    phone: `555${String(version).padStart(7, '0')}`,
    countryCode: 'US',
    region: `Region ${version % 7}`,
    location: `Street ${version}, Town`,
    address: [`${version} Main Street`, `Floor ${version % 9}`],
    affiliation: `Team ${version % 5}`,
    title: `Title ${version}`,
    homepage: `https://example.com/${name}/${version}`,
    bio: `Bio of ${name}, "version" ${version}; with, commas`,
    tag: `tag-${version % 3}`,
    language: 'en',
    gender: version % 2 ? 'Female' : 'Male',
    birthday: `19${String(50 + (version % 50))}-01-02`,
    education: 'Bachelor',
    score: version * 3,
    karma: version + 1,
    ranking: version % 100,
    currency: 'EUR',
    properties: { version: String(version), writer: name },
  };
}

/** Columns of an upload file and the fields each row becomes (the CSV carries the same values). */
const uploadColumns = [
  'name',
  'displayName',
  'email',
  'phone',
  'affiliation',
  'title',
  'tag',
  'score',
  'karma',
  'bio',
  'address',
] as const;

function uploadRow(name: string, version: number): UserFields {
  const fields = userFields(name, version);
  return Object.fromEntries(
    uploadColumns.filter((column) => column !== 'name').map((column) => [column, fields[column]]),
  );
}

const csvCell = (value: unknown) => {
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return /[",;\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

async function userWriter(load: Load, worker: string, cycle: number): Promise<void> {
  const { ledger, target } = load;
  let sequence = 0;
  while (!load.stopped) {
    const mine = [...ledger.users.entries()].filter(
      ([name, entry]) => name.startsWith(`${worker}-`) && entry.confirmed && !entry.pending,
    );
    const roll = Math.random();
    if (mine.length < 3 || roll < 0.5) {
      const name = `${worker}-c${cycle}-${sequence++}`;
      const fields = userFields(name, 0);
      const entry: UserEntry = { confirmed: null, pending: { state: fields } };
      ledger.users.set(name, entry);
      const answer = await load.admin('/api/add-user', { owner: target.organization, name, ...fields });
      settle(load, entry, answer, `add-user ${name}`);
    } else if (roll < 0.8) {
      const [name, entry] = pick(mine);
      const version = Number((entry.confirmed!.properties as Record<string, string>).version) + 1;
      const fields = userFields(name, version);
      entry.pending = { state: fields };
      const columns = Object.keys(fields).join(',');
      const answer = await load.admin(`/api/update-user?id=${target.organization}/${name}&columns=${columns}`, {
        owner: target.organization,
        name,
        ...fields,
      });
      settle(load, entry, answer, `update-user ${name}`);
    } else {
      const [name, entry] = pick(mine);
      entry.pending = { state: null };
      const answer = await load.admin('/api/delete-user', { owner: target.organization, name });
      settle(load, entry, answer, `delete-user ${name}`);
    }
  }
}

function settle(load: Load, entry: UserEntry, answer: Answer | undefined, what: string): void {
  if (!answer) return;
  if (answer.body?.status === 'ok' && answer.body.data === 'Affected') {
    entry.confirmed = entry.pending!.state;
    load.ledger.confirm('user');
  } else load.refused(what, answer);
  entry.pending = undefined;
}

async function uploader(load: Load, prefix: string, rows: number): Promise<void> {
  const { ledger, target } = load;
  while (!load.stopped) {
    const id = ledger.uploads.length;
    const names = Array.from({ length: rows }, (_, row) => `${prefix}-${id}-${row}`);
    const upload: Upload = { id, names, outcome: 'in flight' };
    ledger.uploads.push(upload);
    const lines = [uploadColumns.join(',')];
    for (const name of names) {
      const fields = uploadRow(name, 0);
      ledger.users.set(name, { confirmed: null, pending: { state: fields, upload: id } });
      lines.push([name, ...uploadColumns.slice(1).map((column) => csvCell(fields[column]))].join(','));
    }
    const form = new FormData();
    form.append('file', new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv' }), 'users.csv');
    const answer = await load.admin(`/api/upload-users?owner=${target.organization}`, form);
    if (!answer) return;
    const added = answer.body?.status === 'ok' ? (answer.body.data?.added as string[]) : undefined;
    upload.outcome = added?.length === rows ? 'confirmed' : 'refused';
    if (upload.outcome === 'confirmed') ledger.confirm('upload');
    else load.refused(`upload-users ${prefix}-${id}`, answer);
    for (const name of names) {
      const entry = ledger.users.get(name)!;
      if (upload.outcome === 'confirmed') entry.confirmed = entry.pending!.state;
      entry.pending = undefined;
    }
  }
}

async function tokenClient(load: Load): Promise<void> {
  while (!load.stopped) {
    const answer = await tokenRequest(load, { grant_type: 'client_credentials', scope: 'read' });
    if (!answer) return;
    if (answer.status === 200 && typeof answer.body.access_token === 'string') {
      load.ledger.tokens.push(answer.body.access_token);
      load.ledger.confirm('token');
    } else load.refused('client_credentials', answer);
  }
}

/** A policy line of the enforcer (an ACL: subject, object, action). */
export const policyLine = (subject: string, action: string) => ({
  ptype: 'p',
  v0: subject,
  v1: 'document',
  v2: action,
  v3: '',
  v4: '',
  v5: '',
});

/** Replaces its own policy line again and again (update-policy: the old line out, the new one in). */
async function policyWriter(load: Load, subject: string): Promise<void> {
  const { ledger, target } = load;
  while (!load.stopped) {
    const entry = ledger.policies.get(subject)!;
    const next = `act-${Number(entry.confirmed.slice(4)) + 1}`;
    entry.pending = next;
    const answer = await load.admin(`/api/update-policy?id=${target.enforcer}`, [
      policyLine(subject, entry.confirmed),
      policyLine(subject, next),
    ]);
    if (!answer) return;
    if (answer.body?.status === 'ok' && answer.body.data === 'Affected') {
      entry.confirmed = next;
      ledger.confirm('policy');
    } else load.refused(`update-policy ${subject}`, answer);
    entry.pending = undefined;
  }
}

function tokenRequest(load: Load, parameters: Record<string, string>): Promise<Answer | undefined> {
  const { clientId, clientSecret } = load.target.application;
  return load.send('/api/login/oauth/access_token', {
    method: 'POST',
    headers: {
      authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(parameters),
  });
}

/** Starts refresh-token chains with a password grant and rotates each refresh token a number of times. */
async function refresher(load: Load): Promise<void> {
  const { ledger, target } = load;
  while (!load.stopped) {
    const user = pick(target.signInUsers);
    const scope = `chain${Math.random().toString(36).slice(2, 12)}`;
    const granted = await tokenRequest(load, {
      grant_type: 'password',
      username: user.name,
      password: user.password,
      scope,
    });
    if (!granted) return;
    if (granted.status !== 200 || typeof granted.body.refresh_token !== 'string') {
      load.refused('password grant', granted);
      continue;
    }
    const chain: RefreshChain = {
      scope,
      refreshToken: granted.body.refresh_token,
      rows: 1,
      pending: false,
      lost: false,
    };
    ledger.chains.push(chain);
    ledger.confirm('signIn');
    for (let rotation = 0; rotation < 20 && !load.stopped; rotation++) {
      chain.pending = true;
      const answer = await tokenRequest(load, { grant_type: 'refresh_token', refresh_token: chain.refreshToken });
      if (!answer) return;
      chain.pending = false;
      if (answer.status !== 200 || typeof answer.body.refresh_token !== 'string') {
        load.refused('refresh_token grant', answer);
        break;
      }
      chain.refreshToken = answer.body.refresh_token;
      chain.rows++;
      ledger.confirm('refresh');
    }
  }
}

/** The value of the session cookie a response sets. */
function sessionCookieOf(headers: Headers): string | undefined {
  const header = headers.getSetCookie().find((cookie) => cookie.startsWith('casdoor_session_id='));
  return header?.split(';')[0];
}

async function signInClient(load: Load): Promise<void> {
  const { target } = load;
  while (!load.stopped) {
    const user = pick(target.signInUsers);
    const answer = await load.send('/api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: target.application.name,
        organization: target.organization,
        username: user.name,
        password: user.password,
        type: 'login',
      }),
    });
    if (!answer) return;
    const cookie = sessionCookieOf(answer.headers);
    if (answer.body?.status === 'ok' && cookie) {
      load.ledger.sessions.push({ cookie, user: user.name });
      load.ledger.confirm('signIn');
    } else load.refused(`login ${user.name}`, answer);
  }
}

export interface RunningLoad {
  /**
   * Resolves once every kind of write has been confirmed at least once since the load started,
   * and then this many more writes (or when every writer gave up).
   */
  confirmed(count: number): Promise<void>;
  /** Tells the writers to stop sending (after the kill, their requests in flight fail). */
  stop(): void;
  finished: Promise<void>;
}

/** Starts the writers against a target; they run until stopped. */
export function startLoad(target: Target, ledger: Ledger, cycle: number): RunningLoad {
  const load = new Load(target, ledger);
  const writers = [
    ...[0, 1, 2, 3, 4, 5].map((worker) => userWriter(load, `w${worker}`, cycle)),
    uploader(load, `up-c${cycle}-a`, 40),
    uploader(load, `up-c${cycle}-b`, 25),
    tokenClient(load),
    tokenClient(load),
    tokenClient(load),
    signInClient(load),
    refresher(load),
    refresher(load),
    ...[...ledger.policies.keys()].map((subject) => policyWriter(load, subject)),
  ];
  const finished = Promise.all(writers).then(() => undefined);
  let done = false;
  void finished.then(() => (done = true));
  return {
    async confirmed(count) {
      const start = { ...ledger.confirmed };
      const kinds = Object.keys(start) as WriteKind[];
      const total = () => kinds.reduce((sum, kind) => sum + ledger.confirmed[kind], 0);
      await until(
        () => done || kinds.every((kind) => ledger.confirmed[kind] !== start[kind]),
        'every kind of write has gone through once more',
        30_000,
        5,
      );
      const goal = total() + count;
      await until(() => done || total() >= goal, `${count} more writes are confirmed`, 30_000, 5);
    },
    stop: () => (load.stopped = true),
    finished,
  };
}
