import { SDK } from 'casdoor-nodejs-sdk';
import { databaseEnvironment, type RunningLatchkey, startLatchkey } from './server.ts';

export interface SdkWorld {
  server: RunningLatchkey;
  /** An application of `organization`: the SDK as an app calls the API (HTTP Basic with its client id and secret). */
  sdk: SDK;
  /** The same for app-built-in, which administers every organization. */
  globalSdk: SDK;
  organization: string;
  application: { name: string; clientId: string; clientSecret: string };
  /** Calls the API as the global administrator (username and password), for set-up and checks. */
  admin(path: string, body?: unknown): Promise<{ status: string; msg: string; data: any; data2: any }>;
  dispose(): Promise<void>;
}

/**
 * A real Latchkey process (on the test run's Postgres when there is one) with an organization and
 * an application in it, and Casdoor's Node SDK configured for that application exactly as an app
 * would configure it.
 */
export async function startSdkWorld(organization = 'sdk-org'): Promise<SdkWorld> {
  const database = await databaseEnvironment();
  const server = await startLatchkey({ env: database.env });
  const credentials = `username=built-in/admin&password=${encodeURIComponent(server.adminPassword)}`;
  const admin = async (path: string, body?: unknown) => {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${server.url}${path}${separator}${credentials}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return response.json() as Promise<{ status: string; msg: string; data: any; data2: any }>;
  };
  const expectOk = async (path: string, body?: unknown) => {
    const answer = await admin(path, body);
    if (answer.status !== 'ok') throw new Error(`${path}: ${answer.msg}`);
    return answer;
  };
  await expectOk('/api/add-organization', { owner: 'admin', name: organization, displayName: 'SDK Org' });
  await expectOk('/api/add-application', {
    owner: 'admin',
    name: `${organization}-app`,
    organization,
    enablePassword: true,
  });
  const application = (await expectOk(`/api/get-application?id=admin/${organization}-app`)).data;
  const builtIn = (await expectOk('/api/get-application?id=admin/app-built-in')).data;
  const certificate = (await expectOk('/api/get-cert?id=admin/cert-built-in')).data.certificate;
  const config = (clientId: string, clientSecret: string, appName: string) => ({
    endpoint: server.url,
    clientId,
    clientSecret,
    certificate,
    orgName: organization,
    appName,
  });
  return {
    server,
    sdk: new SDK(config(application.clientId, application.clientSecret, application.name)),
    globalSdk: new SDK(config(builtIn.clientId, builtIn.clientSecret, 'app-built-in')),
    organization,
    application: { name: application.name, clientId: application.clientId, clientSecret: application.clientSecret },
    admin,
    async dispose() {
      await server.stop();
      await database.dispose();
    },
  };
}
