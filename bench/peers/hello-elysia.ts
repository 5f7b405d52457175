/**
 * The reference for a request pipeline's cost: a bare Elysia app answering one small JSON body,
 * under the same runtime as Latchkey. Listens on 127.0.0.1 only.
 *   bun bench/peers/hello-elysia.ts <port>
 */
import { Elysia } from 'elysia';

const port = Number(process.argv[2]);
new Elysia().get('/', () => ({ status: 'ok' })).listen({ hostname: '127.0.0.1', port });
console.log(`hello-elysia listening on ${port}`);
