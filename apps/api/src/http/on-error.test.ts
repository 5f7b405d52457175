import { describe, expect, test } from 'bun:test';
import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import { createMemoryLogger } from '../core/logging/logger.ts';
import { errorMapper } from './on-error.ts';

describe('the error mapper and response schemas', () => {
  const memory = createMemoryLogger('debug');
  const app = new Elysia()
    .use(errorMapper(memory.logger))
    .get('/api/wrong-answer', () => ({ status: 'ok', msg: '', data: 'not a number', data2: null }) as never, {
      response: Envelope(T.Integer()),
    })
    .get('/api/needs-number', ({ query }) => ({ status: 'ok' as const, msg: '', data: Number(query.n), data2: null }), {
      query: T.Object({ n: T.String({ pattern: '^[0-9]+$' }) }),
      response: Envelope(T.Integer()),
    });

  test("an answer that does not match its route's response schema is an internal error, logged, not the client's mistake", async () => {
    const response = await app.handle(new Request('http://localhost/api/wrong-answer'));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { status: string; msg: string };
    expect(body.status).toBe('error');
    expect(body.msg).not.toContain('not a number');
    expect(memory.entries().some((entry) => entry.msg === 'internal error')).toBe(true);
  });

  test('a request that does not match its schema is still the client’s mistake (HTTP 200 envelope)', async () => {
    const response = await app.handle(new Request('http://localhost/api/needs-number?n=abc'));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('error');
    const fine = await app.handle(new Request('http://localhost/api/needs-number?n=7'));
    expect(await fine.json()).toEqual({ status: 'ok', msg: '', data: 7, data2: null });
  });
});
