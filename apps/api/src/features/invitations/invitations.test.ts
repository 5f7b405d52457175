import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { findUser } from '@latchkey/db';
import { countStoredRows, storedRow } from '@latchkey/db/testing';
import { translate } from '@latchkey/i18n';
import {
  type Caller,
  call,
  type OrganizationCallers,
  organizationWithCallers,
  startObjectTest,
} from '../../test/callers.ts';
import type { TestApp } from '../../test/create-test-app.ts';
import { addApplication, providerItem } from '../../test/fixtures.ts';
import { until } from '../../test/until.ts';
import { type SmtpReceiver, startSmtpReceiver } from '../notifications/testing/smtp-receiver.ts';

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

let t: TestApp;
let root: Caller;
let acme: OrganizationCallers;
let other: OrganizationCallers;
let smtp: SmtpReceiver;
let serial = 0;

const INVITE_ONLY = 'invite-only';
const OPEN = 'open-signup';

/** An invitation of acme, added by its administrator; answers it as stored. */
async function addInvitation(fields: Record<string, unknown> = {}) {
  const name = `invitation-${++serial}`;
  const answer = await call(t, acme.admin, '/api/add-invitation', { owner: 'acme', name, ...fields });
  expect(answer).toMatchObject({ status: 'ok', data: 'Affected' });
  return (await call(t, acme.admin, `/api/get-invitation?id=acme/${name}`)).data;
}

const signup = (fields: Record<string, unknown>, application = INVITE_ONLY) =>
  t.request('/api/signup', {
    body: { application, password: 'Invited-pass-1', username: `newcomer${++serial}`, ...fields },
  });

const usedCount = async (name: string) =>
  Number((await storedRow(t.context.db, 'invitation', { owner: 'acme', name }))?.usedCount);

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  ({
    t,
    root,
    org: acme,
  } = await startObjectTest('acme', {
    config: { allowPrivateCallbackUrls: true, outboundTimeout: 5, messageRateLimit: 1_000 },
  }));
  other = await organizationWithCallers(t, 'other');
  await addApplication(t, INVITE_ONLY, 'acme', {
    enableSignUp: true,
    signupItems: [
      {
        name: 'Invitation code',
        visible: true,
        required: true,
        prompted: false,
        label: '',
        placeholder: '',
        rule: '',
        type: '',
        customCss: '',
        regex: '',
        options: [],
      } as never,
    ],
  });
  await addApplication(t, OPEN, 'acme', { enableSignUp: true });
  expect((await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'newcomers' })).status).toBe('ok');
});

afterAll(async () => {
  await smtp.stop();
  await t.dispose();
});

describe('invitation objects', () => {
  test('add-invitation fills in a random code, Active and a quota of 1; the count is the server’s', async () => {
    const invitation = await addInvitation({ usedCount: 7, isRegexp: true });
    expect(invitation).toMatchObject({ owner: 'acme', state: 'Active', quota: 1, usedCount: 0, isRegexp: false });
    expect(invitation.code).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(invitation.defaultCode).toBe(invitation.code);
    const updated = await call(t, acme.admin, `/api/update-invitation?id=acme/${invitation.name}`, {
      ...invitation,
      usedCount: 5,
      quota: 3,
    });
    expect(updated.data).toBe('Affected');
    expect(await usedCount(invitation.name)).toBe(0);
  });

  test('refuses a bad state, a negative quota or a foreign application', async () => {
    const add = (fields: Record<string, unknown>) =>
      call(t, acme.admin, '/api/add-invitation', { owner: 'acme', name: `bad-${++serial}`, ...fields });
    expect((await add({ state: 'Open' })).msg).toBe(en('invitation.state_invalid', { state: 'Open' }));
    expect((await add({ quota: -1 })).msg).toBe(en('invitation.quota_invalid'));
    expect((await add({ application: other.application.name })).msg).toBe(
      en('invitation.application_not_found', { name: other.application.name, organization: 'acme' }),
    );
    expect((await add({ expireTime: 'tomorrow' })).msg).toBe(en('invitation.expire_time_invalid'));
    expect((await add({ code: 'team-[0-9]+', defaultCode: 'nope' })).msg).toBe(en('invitation.default_code_mismatch'));
  });

  test("an organization's administrator reaches only its own invitations", async () => {
    const invitation = await addInvitation();
    const id = `acme/${invitation.name}`;
    expect((await call(t, other.admin, `/api/get-invitation?id=${id}`)).status).toBe('error');
    expect((await call(t, other.admin, '/api/get-invitations?owner=acme')).status).toBe('error');
    expect((await call(t, other.admin, `/api/update-invitation?id=${id}`, { ...invitation, quota: 99 })).status).toBe(
      'error',
    );
    expect((await call(t, other.admin, '/api/delete-invitation', invitation)).status).toBe('error');
    expect((await call(t, other.admin, `/api/verify-invitation?id=${id}`)).status).toBe('error');
    expect((await call(t, other.admin, `/api/send-invitation?id=${id}`, ['eve@example.com'])).status).toBe('error');
    expect((await call(t, other.admin, '/api/add-invitation', { owner: 'acme', name: 'planted' })).status).toBe(
      'error',
    );
    expect(await countStoredRows(t.context.db, 'invitation', { owner: 'acme', name: 'planted' })).toBe(0);
    // Positive control: acme's own administrator and the global administrator reach it.
    expect((await call(t, acme.admin, `/api/get-invitation?id=${id}`)).data.name).toBe(invitation.name);
    expect((await call(t, root, `/api/verify-invitation?id=${id}`)).status).toBe('ok');
    expect((await call(t, acme.user, `/api/get-invitation?id=${id}`)).status).toBe('error');
  });
});

describe('signing up with an invitation code', () => {
  test('the application requires a code; a right one signs up into the sign-up group and is counted', async () => {
    const invitation = await addInvitation({ quota: 2, signupGroup: 'newcomers' });
    expect((await signup({})).json.msg).toBe(en('invitation.code_required'));
    expect((await signup({ invitationCode: 'not-a-code' })).json.msg).toBe(en('invitation.code_not_valid'));
    const answer = await signup({ invitationCode: invitation.code, username: 'invited1' });
    expect(answer.json).toMatchObject({ status: 'ok', data: 'acme/invited1' });
    expect((await findUser(t.context.db, 'acme', 'invited1'))?.groups).toEqual(['acme/newcomers']);
    expect(await usedCount(invitation.name)).toBe(1);
    // An application that does not require one signs up without, and counts nothing.
    expect((await signup({ username: 'uninvited1' }, OPEN)).json.status).toBe('ok');
    expect(await usedCount(invitation.name)).toBe(1);
  });

  test("a sign-up group not added yet is joined once it exists, and never another organization's of that name", async () => {
    // other has a group of the name acme's invitation names before acme has one (Casdoor's Go SDK test names "test-group" without adding it).
    expect((await call(t, other.admin, '/api/add-group', { owner: 'other', name: 'later-group' })).status).toBe('ok');
    const invitation = await addInvitation({ quota: 2, signupGroup: 'later-group' });
    expect(invitation.signupGroup).toBe('later-group');
    expect((await signup({ invitationCode: invitation.code, username: 'early1' })).json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'early1'))?.groups).toEqual([]);
    expect((await call(t, other.admin, '/api/get-group?id=other/later-group')).data.name).toBe('later-group');

    expect((await call(t, acme.admin, '/api/add-group', { owner: 'acme', name: 'later-group' })).status).toBe('ok');
    expect((await signup({ invitationCode: invitation.code, username: 'late1' })).json.status).toBe('ok');
    expect((await findUser(t.context.db, 'acme', 'late1'))?.groups).toEqual(['acme/later-group']);
  });

  test('the quota runs out', async () => {
    const invitation = await addInvitation({ quota: 1 });
    expect((await signup({ invitationCode: invitation.code })).json.status).toBe('ok');
    const second = await signup({ invitationCode: invitation.code, username: 'toolate1' });
    expect(second.json.msg).toBe(en('invitation.exhausted'));
    expect(await findUser(t.context.db, 'acme', 'toolate1')).toBeUndefined();
    expect((await call(t, acme.admin, `/api/verify-invitation?id=acme/${invitation.name}`)).msg).toBe(
      en('invitation.exhausted'),
    );
  });

  test('an expired or suspended code is refused', async () => {
    const expireTime = new Date(t.clock.now().getTime() + 60 * 60_000).toISOString();
    const invitation = await addInvitation({ quota: 5, expireTime });
    expect((await signup({ invitationCode: invitation.code })).json.status).toBe('ok');
    t.clock.advance(2 * 60 * 60_000);
    expect((await signup({ invitationCode: invitation.code })).json.msg).toBe(en('invitation.expired'));
    const suspended = await addInvitation({ state: 'Suspended' });
    expect((await signup({ invitationCode: suspended.code })).json.msg).toBe(en('invitation.suspended'));
  });

  test('a fixed email address (or phone, or username) must be the sign-up’s', async () => {
    const invitation = await addInvitation({ email: 'Invitee@Example.com', quota: 3 });
    const wrong = await signup({
      invitationCode: invitation.code,
      email: 'someone@example.com',
      username: 'wrongmail',
    });
    expect(wrong.json.msg).toBe(en('invitation.email_mismatch'));
    expect((await signup({ invitationCode: invitation.code, username: 'nomail' })).json.msg).toBe(
      en('invitation.email_mismatch'),
    );
    expect(await usedCount(invitation.name)).toBe(0);
    expect(
      (await signup({ invitationCode: invitation.code, email: 'invitee@example.com', username: 'rightmail' })).json
        .status,
    ).toBe('ok');
    const phoned = await addInvitation({ phone: '+15555550123' });
    expect((await signup({ invitationCode: phoned.code, phone: '+15555550999' })).json.msg).toBe(
      en('invitation.phone_mismatch'),
    );
    expect((await signup({ invitationCode: phoned.code, phone: '+15555550123' })).json.status).toBe('ok');
    const named = await addInvitation({ username: 'chosen' });
    expect((await signup({ invitationCode: named.code, username: 'impostor' })).json.msg).toBe(
      en('invitation.username_mismatch'),
    );
    expect((await signup({ invitationCode: named.code, username: 'chosen' })).json.status).toBe('ok');
  });

  test('two sign-ups at once cannot both use the last unit of the quota', async () => {
    for (let round = 0; round < 3; round++) {
      const invitation = await addInvitation({ quota: 1 });
      const names = [`racer${round}a`, `racer${round}b`];
      const answers = await Promise.all(names.map((username) => signup({ invitationCode: invitation.code, username })));
      const statuses = answers.map((answer) => answer.json.status).sort();
      expect(statuses).toEqual(['error', 'ok']);
      expect(answers.find((answer) => answer.json.status === 'error')!.json.msg).toBe(en('invitation.exhausted'));
      expect(await usedCount(invitation.name)).toBe(1);
      const created = await Promise.all(names.map((name) => findUser(t.context.db, 'acme', name)));
      expect(created.filter(Boolean)).toHaveLength(1);
    }
  });

  test('a regular-expression code accepts every code it matches, within its quota', async () => {
    const invitation = await addInvitation({ code: 'team-[0-9]+', defaultCode: 'team-1', quota: 2 });
    expect(invitation.isRegexp).toBe(true);
    expect((await signup({ invitationCode: 'team-42' })).json.status).toBe('ok');
    expect((await signup({ invitationCode: 'team-x' })).json.msg).toBe(en('invitation.code_not_valid'));
    expect((await signup({ invitationCode: 'team-7' })).json.status).toBe('ok');
    expect((await signup({ invitationCode: 'team-8' })).json.msg).toBe(en('invitation.exhausted'));
  });
});

describe('get-invitation-info', () => {
  test('answers anyone what a sign-up page needs, nothing more', async () => {
    const invitation = await addInvitation({ email: 'info@example.com', signupGroup: 'newcomers', quota: 4 });
    const answer = (
      await t.request(`/api/get-invitation-info?applicationId=admin/${INVITE_ONLY}&code=${invitation.code}`)
    ).json;
    expect(answer.status).toBe('ok');
    expect(answer.data).toMatchObject({
      owner: 'acme',
      name: invitation.name,
      email: 'info@example.com',
      code: '***',
      defaultCode: '***',
      quota: -1,
      usedCount: -1,
      signupGroup: '',
    });
    const unknown = (await t.request(`/api/get-invitation-info?applicationId=admin/${INVITE_ONLY}&code=nope`)).json;
    expect(unknown).toMatchObject({ status: 'error', msg: en('invitation.code_not_valid') });
    // Another organization's application does not find acme's codes.
    const elsewhere = (
      await t.request(`/api/get-invitation-info?applicationId=admin/${other.application.name}&code=${invitation.code}`)
    ).json;
    expect(elsewhere.status).toBe('error');
  });
});

describe('send-invitation', () => {
  test('without an Email provider the answer says to add one', async () => {
    const invitation = await addInvitation({ application: OPEN });
    const answer = await call(t, acme.admin, `/api/send-invitation?id=acme/${invitation.name}`, ['bob@example.com']);
    expect(answer.msg).toBe(en('invitation.no_email_provider', { organization: 'acme', application: OPEN }));
  });

  test("emails the code and the sign-up link through the application's Email provider", async () => {
    const added = await call(t, acme.admin, '/api/add-provider', {
      owner: 'acme',
      name: 'acme-mail',
      category: 'Email',
      type: 'Default',
      host: '127.0.0.1',
      port: smtp.port,
      clientId: 'mailer@acme.test',
      clientSecret: 'smtp-password-123',
      disableSsl: true,
    });
    expect(added.data).toBe('Affected');
    const item = providerItem('acme', 'acme-mail');
    const updated = await call(t, root, `/api/update-application?id=admin/${INVITE_ONLY}&columns=providers`, {
      owner: 'admin',
      name: INVITE_ONLY,
      providers: [item],
    });
    expect(updated.data).toBe('Affected');
    const invitation = await addInvitation({ application: INVITE_ONLY });
    const before = smtp.mails.length;
    const answer = await call(t, acme.admin, `/api/send-invitation?id=acme/${invitation.name}`, ['carol@example.com']);
    expect(answer.status).toBe('ok');
    const mail = await until(() => smtp.mails[before], 'the invitation email arrived', 15_000);
    expect(mail.to).toEqual(['carol@example.com']);
    expect(String(mail.parsed.html)).toContain(`/signup/${INVITE_ONLY}?invitationCode=${invitation.code}`);
    expect(String(mail.parsed.html)).toContain(invitation.code);
    // A body that is not a list of addresses is refused.
    expect(
      (await call(t, acme.admin, `/api/send-invitation?id=acme/${invitation.name}`, ['not an address'])).status,
    ).toBe('error');
  });
});
