import { createServer, type Socket } from 'node:net';

export interface SlowCall {
  path: string;
  /** Bytes written to this connection so far. */
  sent: number;
  /** Whether the caller has closed the connection. */
  closed: boolean;
}

/**
 * What the receiver does with a request: `drip` sends the response a byte every `everyMs`
 * (`headers: false` sends the status line and headers at once first, so only the body drips),
 * `flood` sends headers then as much body as the connection takes, `hold` sends nothing, `quick`
 * answers at once with a short body, `raw` writes the given bytes and keeps the connection open.
 */
export type SlowAnswer =
  | { drip: { everyMs: number; headers?: boolean } }
  | { flood: true }
  | { hold: true }
  | { quick: true }
  | { raw: string };

/**
 * A real HTTP/1.1 receiver on 127.0.0.1 (a plain TCP server, so that it sees every connection):
 * it answers slowly and counts the connections open at once, overall and per path prefix.
 */
export function startSlowReceiver(answer: (path: string) => SlowAnswer) {
  const calls: SlowCall[] = [];
  const open = new Set<Socket>();
  /** Connections with a request received and not yet closed by the caller. */
  let active = 0;
  let maxOpen = 0;
  const openByGroup = new Map<string, number>();
  const maxByGroup = new Map<string, number>();
  const groupOf = (path: string) => path.split('/')[1] ?? '';
  const timers = new Set<ReturnType<typeof setInterval>>();

  const server = createServer((socket) => {
    open.add(socket);
    let buffered = '';
    let call: SlowCall | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let ended = false;
    /** The caller has gone (its FIN, a reset or the close, whichever is seen first). */
    const gone = () => {
      if (ended) return;
      ended = true;
      open.delete(socket);
      if (timer) clearInterval(timer);
      if (timer) timers.delete(timer);
      if (call) {
        call.closed = true;
        const group = groupOf(call.path);
        openByGroup.set(group, (openByGroup.get(group) ?? 1) - 1);
        active -= 1;
      }
    };
    socket.on('error', gone);
    socket.on('end', gone);
    socket.on('close', gone);
    socket.on('data', (chunk) => {
      if (call) return;
      buffered += chunk.toString('latin1');
      if (!buffered.includes('\r\n\r\n')) return;
      const path = buffered.split(' ')[1] ?? '/';
      call = { path, sent: 0, closed: false };
      calls.push(call);
      active += 1;
      maxOpen = Math.max(maxOpen, active);
      const group = groupOf(path);
      openByGroup.set(group, (openByGroup.get(group) ?? 0) + 1);
      maxByGroup.set(group, Math.max(maxByGroup.get(group) ?? 0, openByGroup.get(group)!));
      const current = call;
      const write = (text: string | Buffer) => {
        if (socket.destroyed) return false;
        current.sent += Buffer.byteLength(text);
        return socket.write(text);
      };
      const head = 'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n';
      const plan = answer(path);
      if ('hold' in plan) return;
      if ('raw' in plan) {
        write(Buffer.from(plan.raw, 'latin1'));
        return;
      }
      if ('quick' in plan) {
        write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
        socket.end();
        return;
      }
      if ('flood' in plan) {
        const block = Buffer.alloc(64 * 1024, 120);
        write(head);
        const pump = () => {
          while (!socket.destroyed && write(block));
        };
        socket.on('drain', pump);
        pump();
        return;
      }
      let pending = plan.drip.headers === false ? '' : head;
      if (plan.drip.headers === false) write(head);
      timer = setInterval(() => {
        if (pending === '') pending = 'x';
        write(pending.slice(0, 1));
        pending = pending.slice(1);
      }, plan.drip.everyMs);
      timers.add(timer);
    });
  });
  const ready = new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ready,
    url: (path: string) => {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('the receiver is not listening yet');
      return `http://127.0.0.1:${address.port}${path}`;
    },
    calls,
    /** Connections open now. */
    openConnections: () => open.size,
    /** The most connections with a request that were open at once, overall or for paths starting with `/<group>/`. */
    maxOpen: (group?: string) => (group === undefined ? maxOpen : (maxByGroup.get(group) ?? 0)),
    openIn: (group: string) => openByGroup.get(group) ?? 0,
    resetCounts: () => {
      maxOpen = active;
      maxByGroup.clear();
    },
    stop: () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of open) socket.destroy();
      server.close();
    },
  };
}
