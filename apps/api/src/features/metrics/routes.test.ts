import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { translate } from '@latchkey/i18n';
import { metrics } from '../../core/metrics/metrics.ts';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../../test/create-test-app.ts';
import { addApplication, addOrganization, addUser, basic, signInAsAdmin, tokenFor } from '../../test/fixtures.ts';
import { PROMETHEUS_CONTENT_TYPE } from './routes.ts';

describe('GET /api/metrics', () => {
  let t: TestApp;
  let adminCookie: string;
  beforeAll(async () => {
    t = await createTestApp();
    adminCookie = await signInAsAdmin(t);
    await addOrganization(t, 'acme');
    await addUser(t, 'acme', 'alice', 'alice-password', { isAdmin: true });
  });
  afterAll(() => t.dispose());

  const scrape = () => t.request('/api/metrics', { headers: { cookie: adminCookie } });
  /** Elysia runs after-response hooks with setImmediate; one queued after them runs once they are done. */
  const afterResponses = () => new Promise<void>((resolve) => setImmediate(resolve));

  test('a global administrator reads Prometheus text', async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
    expect(response.text).toContain('# TYPE latchkey_http_request_duration_seconds histogram');
    expect(response.text).toContain('latchkey_build_info{version="');
  });

  test('requests are counted by route pattern and status, with their latency', async () => {
    const before = metrics.requestCount('GET', '/api/get-version-info', 200);
    const latencyBefore = metrics.latencyCount('GET', '/api/get-version-info');
    await t.request('/api/get-version-info');
    await t.request('/api/get-version-info');
    await t.request('/api/no-such-route-at-all');
    await afterResponses();
    const text = (await scrape()).text;
    expect(metrics.requestCount('GET', '/api/get-version-info', 200)).toBe(before + 2);
    expect(metrics.latencyCount('GET', '/api/get-version-info')).toBe(latencyBefore + 2);
    expect(text).toContain(
      `latchkey_http_requests_total{method="GET",route="/api/get-version-info",status="200"} ${before + 2}`,
    );
    expect(text).toMatch(
      /latchkey_http_request_duration_seconds_bucket\{method="GET",route="\/api\/get-version-info",le="\+Inf"\} \d+/,
    );
    expect(text).toMatch(/latchkey_http_requests_total\{method="GET",route="unmatched",status="\d+"\} \d+/);
    expect(text).not.toContain('no-such-route-at-all');
  });

  test('refused sign-ins are counted by reason, and issued tokens by grant type', async () => {
    const wrong = metrics.signinFailures('wrong_credentials');
    const forbidden = metrics.signinFailures('forbidden');
    await t.request('/api/login', {
      body: { organization: 'acme', username: 'alice', password: 'not-it', type: 'login' },
    });
    await t.request('/api/login', {
      body: { organization: 'acme', username: 'nobody', password: 'not-it', type: 'login' },
    });
    await addUser(t, 'acme', 'banned', 'banned-password', { isForbidden: true });
    await t.request('/api/login', {
      body: { organization: 'acme', username: 'banned', password: 'banned-password', type: 'login' },
    });
    expect(metrics.signinFailures('wrong_credentials')).toBe(wrong + 2);
    expect(metrics.signinFailures('forbidden')).toBe(forbidden + 1);

    await addApplication(t, 'acme-app', 'acme');
    const issued = metrics.tokensIssued('authorization_code');
    await tokenFor(t, 'acme-app', 'acme', 'alice');
    expect(metrics.tokensIssued('authorization_code')).toBe(issued + 1);
    const text = (await scrape()).text;
    expect(text).toContain(`latchkey_signin_failures_total{reason="wrong_credentials"} ${wrong + 2}`);
    expect(text).toContain(`latchkey_tokens_issued_total{grant_type="authorization_code"} ${issued + 1}`);
  });

  test('from elsewhere than this machine: anonymous callers and organization administrators are refused', async () => {
    const anonymous = await t.request('/api/metrics');
    expect(anonymous.json).toMatchObject({ status: 'error', msg: translate('en', 'general.please_login_first') });
    const alice = await t.request(`/api/metrics?username=acme/alice&password=alice-password`);
    expect(alice.json).toMatchObject({ status: 'error', msg: translate('en', 'general.unauthorized_operation') });
    const acmeApp = await addApplication(t, 'acme-metrics', 'acme');
    const application = await t.request('/api/metrics', {
      headers: { authorization: basic(acmeApp.clientId, acmeApp.plainClientSecret) },
    });
    expect(application.json.msg).toBe(translate('en', 'general.unauthorized_operation'));
  });

  test('an application of built-in may scrape with HTTP Basic; the admin with a password', async () => {
    const monitoring = await addApplication(t, 'app-monitoring', 'built-in');
    const response = await t.request('/api/metrics', {
      headers: { authorization: basic(monitoring.clientId, monitoring.plainClientSecret) },
    });
    expect(response.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
    const admin = await t.request(`/api/metrics?username=built-in/admin&password=${TEST_ADMIN_PASSWORD}`);
    expect(admin.text).toContain('latchkey_http_requests_total');
  });
});
