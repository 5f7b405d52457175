import { createTestApp, type TestApp, type TestAppOptions } from './create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signIn, signInAsAdmin } from './fixtures.ts';

export interface Caller {
  headers: Record<string, string>;
}

/** The global administrator built-in/admin, signed in by cookie. */
export async function globalAdmin(t: TestApp): Promise<Caller> {
  return { headers: { cookie: await signInAsAdmin(t) } };
}

/**
 * An organization with an administrator (`<org>-admin`, signed in by cookie), a plain user
 * (`<org>-user`) and an application (`<org>-app`, whose client id and secret give `app`).
 */
export async function organizationWithCallers(t: TestApp, organization: string) {
  await addOrganization(t, organization);
  await addUser(t, organization, `${organization}-admin`, 'admin-password', { isAdmin: true });
  await addUser(t, organization, `${organization}-user`, 'user-password');
  const application = await addApplication(t, `${organization}-app`, organization);
  return {
    admin: {
      headers: {
        cookie: await signIn(t, organization, `${organization}-admin`, 'admin-password', `${organization}-app`),
      },
    } as Caller,
    user: {
      headers: {
        cookie: await signIn(t, organization, `${organization}-user`, 'user-password', `${organization}-app`),
      },
    } as Caller,
    app: { headers: { authorization: basic(application.clientId, application.plainClientSecret) } } as Caller,
    application,
  };
}

/** A request as a caller; answers the JSON envelope. */
export async function call(t: TestApp, caller: Caller | undefined, path: string, body?: unknown) {
  const response = await t.request(path, { headers: caller?.headers, ...(body === undefined ? {} : { body }) });
  return response.json as { status: 'ok' | 'error'; msg: string; data: any; data2: any };
}

/** A test app with the global administrator and one organization's callers (see organizationWithCallers). */
export async function startObjectTest(organization = 'acme', options: TestAppOptions = {}) {
  const t = await createTestApp(options);
  return { t, root: await globalAdmin(t), org: await organizationWithCallers(t, organization) };
}

export type OrganizationCallers = Awaited<ReturnType<typeof organizationWithCallers>>;
