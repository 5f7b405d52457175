import type { AuditRecord } from '@latchkey/types';

/** The audit record Latchkey writes for a successful token request, for the benchmarks that store one. */
export function tokenRequestRecord(organization: string, createdTime: string, clientIp: string): Partial<AuditRecord> {
  return {
    owner: organization,
    name: Bun.randomUUIDv7(),
    createdTime,
    organization,
    clientIp,
    method: 'POST',
    requestUri: '/api/login/oauth/access_token',
    action: 'login/oauth/access_token',
    language: 'en',
    response: '{"status":"ok","msg":""}',
    statusCode: 200,
  };
}
