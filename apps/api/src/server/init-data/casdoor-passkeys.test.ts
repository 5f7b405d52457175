import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { storedRows } from '@latchkey/db/testing';
import { passwordStep } from '../../features/mfa/testing/mfa.ts';
import { SoftwareAuthenticator } from '../../features/passkeys/testing/authenticator.ts';
import { createTestApp, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, signIn } from '../../test/fixtures.ts';
import { importInitData } from './import-init-data.ts';

/**
 * Users imported from Casdoor keep their passkeys. The credential is a real one: registered through
 * Latchkey's webauthn routes (verified by @simplewebauthn), then written out as Casdoor stores it
 * (go-webauthn's Credential: standard base64, COSE public key, the authenticator's signCount) with
 * Casdoor's user handle (`owner/name`), imported into another server of the same origin, and used
 * there to sign in.
 */
const ORIGIN = 'https://login.example.com';
const RP_ID = 'login.example.com';
const password = 'correct-horse-1';
let source: TestApp;
let target: TestApp;

type Json = Record<string, any>;
const base64 = (text: string) => Buffer.from(text, 'base64url').toString('base64');

/** A passkey registered on the source server for a user; answers the authenticator and the stored credential. */
async function registeredPasskey(owner: string, name: string) {
  await addUser(source, owner, name, password);
  const cookie = await signIn(source, owner, name, password);
  const authenticator = new SoftwareAuthenticator(RP_ID, ORIGIN);
  const begun = await source.request('/api/webauthn/signup/begin', { headers: { cookie } });
  const finished = await source.request('/api/webauthn/signup/finish', {
    headers: { cookie },
    body: authenticator.register(begun.json.publicKey),
  });
  expect(finished.json.status).toBe('ok');
  // Casdoor registers `owner/name` as the user handle, which the authenticator keeps.
  authenticator.userHandle = Buffer.from(`${owner}/${name}`).toString('base64url');
  const stored = (await storedRows(source.context.db, 'webauthn_credential', { id: authenticator.id }))[0]!;
  return { authenticator, stored };
}

/** A credential as Casdoor's current go-webauthn writes it. */
const goWebauthnCredential = (stored: Json) => ({
  id: base64(String(stored.id)),
  publicKey: base64(String(stored.publicKey)),
  attestationType: 'none',
  transport: ['internal'],
  flags: { userPresent: true, userVerified: true, backupEligible: false, backupState: false },
  authenticator: {
    AAGUID: Buffer.alloc(16).toString('base64'),
    signCount: Number(stored.counter),
    cloneWarning: false,
    attachment: 'platform',
  },
});

/** The same as an older Casdoor (duo-labs/webauthn, no JSON names) writes it. */
const duoLabsCredential = (stored: Json) => ({
  ID: base64(String(stored.id)),
  PublicKey: base64(String(stored.publicKey)),
  AttestationType: 'none',
  Authenticator: {
    AAGUID: Buffer.alloc(16).toString('base64'),
    SignCount: Number(stored.counter),
    CloneWarning: false,
  },
});

const casdoorUser = (name: string, webauthnCredentials: unknown[]) => ({
  owner: 'acme',
  name,
  id: randomUUID(),
  password,
  passwordType: 'plain',
  signupApplication: 'acme-app',
  webauthnCredentials,
});

let alice: Awaited<ReturnType<typeof registeredPasskey>>;
let bob: Awaited<ReturnType<typeof registeredPasskey>>;
let report: Awaited<ReturnType<typeof importInitData>>;

beforeAll(async () => {
  source = await createTestApp({ config: { origin: ORIGIN } });
  await addOrganization(source, 'acme');
  alice = await registeredPasskey('acme', 'alice');
  bob = await registeredPasskey('acme', 'bob');
  target = await createTestApp({ config: { origin: ORIGIN } });
  await addOrganization(target, 'acme');
  await addApplication(target, 'acme-app', 'acme', { enableWebAuthn: true });
  report = await importInitData(target.context, {
    users: [
      casdoorUser('alice', [goWebauthnCredential(alice.stored), { id: 'AAEC', publicKey: 'bm90IGEga2V5' }]),
      casdoorUser('bob', [duoLabsCredential(bob.stored)]),
    ],
  });
});
afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
});

const signInWith = async (authenticator: SoftwareAuthenticator) => {
  const begun = await target.request('/api/webauthn/signin/begin');
  return target.request('/api/webauthn/signin/finish?application=acme-app', {
    body: authenticator.assert(begun.json.publicKey),
  });
};

describe("Casdoor's passkeys on import", () => {
  test('the report names what was imported and the credential that could not be', () => {
    expect(report.rejected).toEqual([]);
    const notes = report.notes.filter((note) => note.entry.includes('alice')).map((note) => note.note);
    expect(notes).toContainEqual(expect.stringContaining('passkey #2 is not imported'));
    expect(notes).toContainEqual(expect.stringContaining('has 1 passkey(s), imported'));
  });

  test('the passkey signs in alone (discoverable, with the user handle Casdoor registered), with its counter kept', async () => {
    const signedIn = await signInWith(alice.authenticator);
    expect(signedIn.json).toMatchObject({ status: 'ok', data: 'acme/alice' });
    const stored = (await storedRows(target.context.db, 'webauthn_credential', { id: alice.authenticator.id }))[0]!;
    expect(Number(stored.counter)).toBe(alice.authenticator.counter);
    // A clone that replays an older counter is refused.
    const clone = alice.authenticator.clone();
    clone.counter = 0;
    expect((await signInWith(clone)).json.status).toBe('error');
  });

  test("an older Casdoor's credential (capitalised fields) signs in too", async () => {
    expect((await signInWith(bob.authenticator)).json).toMatchObject({ status: 'ok', data: 'acme/bob' });
  });

  test('the user lists the passkey, and a password sign-in offers it as the second factor', async () => {
    const first = await passwordStep(target, {
      organization: 'acme',
      username: 'alice',
      password,
      application: 'acme-app',
    });
    expect(first.json).toMatchObject({ status: 'ok', data: 'NextMfa' });
    expect((first.json.data2 as Json[]).map((props) => props.mfaType)).toEqual(['webauthn']);
    const users = await storedRows(target.context.db, 'user', { name: 'alice' });
    expect(JSON.stringify(users[0]!.webauthnCredentials)).toContain(alice.authenticator.id);
  });

  test('importing the same passkey for another user is refused for that user', async () => {
    const again = await importInitData(target.context, {
      users: [casdoorUser('mallory', [goWebauthnCredential(alice.stored)])],
    });
    expect(again.rejected).toEqual([
      { entry: expect.stringContaining('mallory'), reason: expect.stringContaining('already registered') },
    ]);
  });
});
