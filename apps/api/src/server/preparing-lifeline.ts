/*
 * The preparing process (prepare-database.ts) lives only as long as the server that started it: it
 * must never outlive a server that was killed, or a test that ended, and it must never wait forever.
 * The server tells it, in its environment, which process it works for and how long it may take.
 */

/** How long a database may take to prepare (migrations, built-in objects) before the start fails. */
export const PREPARING_DEADLINE_MS = 10 * 60_000;

/** The environment variable naming the process id of the server the preparing process works for. */
export const PREPARING_FOR_PID = 'LATCHKEY_PREPARING_FOR_PID';

/** The environment variable holding the preparing process's deadline, in milliseconds. */
export const PREPARING_DEADLINE = 'LATCHKEY_PREPARING_DEADLINE_MS';

/** How often the preparing process looks whether its server is still there. */
const LOOK_EVERY_MS = 200;

/** The extra time the preparing process allows itself beyond its deadline: the server kills it first. */
const DEADLINE_MARGIN_MS = 2_000;

/**
 * The preparing process's side, called before it does anything else: it exits at once (code 1)
 * when its IPC channel closes, when its server is no longer its parent (killed, even by SIGKILL,
 * which leaves no time to say so: the process is then adopted by another), or past its deadline.
 * Whatever it is doing then (waiting for a lock, a query, or sending its answer) does not matter:
 * its database work is in transactions that end with the process.
 */
export function followServer(env: Record<string, string | undefined>): void {
  const serverPid = Number(env[PREPARING_FOR_PID]);
  const deadline = Number(env[PREPARING_DEADLINE]);
  const leave = () => process.exit(1);
  process.on('disconnect', leave);
  const serverGone = () => !process.connected || process.ppid !== serverPid;
  if (serverGone()) leave();
  setInterval(() => serverGone() && leave(), LOOK_EVERY_MS).unref();
  setTimeout(leave, (deadline > 0 ? deadline : PREPARING_DEADLINE_MS) + DEADLINE_MARGIN_MS).unref();
}
