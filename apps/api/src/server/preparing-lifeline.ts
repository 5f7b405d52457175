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

/** Linux's prctl option that has the kernel send a signal to this process when its parent dies. */
const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;

/**
 * Asks Linux to SIGKILL this process as soon as its parent dies, and to end it with SIGALRM at
 * `deadlineMs`, whatever its JavaScript thread is doing then (SQLite waits for a lock without
 * giving the event loop a turn). False where that is not available (another system, another C
 * library): the event loop's checks of followServer remain.
 */
async function askTheKernel(deadlineMs: number): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  try {
    const { dlopen, FFIType } = await import('bun:ffi');
    const { u64, u32, i32 } = FFIType;
    const libc = dlopen('libc.so.6', {
      prctl: { args: [i32, u64, u64, u64, u64], returns: i32 },
      alarm: { args: [u32], returns: u32 },
    });
    const done = libc.symbols.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) === 0;
    libc.symbols.alarm(Math.ceil(deadlineMs / 1000));
    libc.close();
    return done;
  } catch {
    return false;
  }
}

/**
 * The preparing process's side, called before it does anything else: it ends at once when its
 * server dies, and at its deadline (the kernel ends it, askTheKernel), and exits (code 1) when its IPC channel closes,
 * when its server is no longer its parent (killed, even by SIGKILL, which leaves no time to say so:
 * the process is then adopted by another; this also covers a server that died before the kernel
 * was asked), or past its deadline. Whatever it is doing then (waiting for a lock, a query, or
 * sending its answer) does not matter: its database work is in transactions that end with it.
 */
export async function followServer(env: Record<string, string | undefined>): Promise<void> {
  const serverPid = Number(env[PREPARING_FOR_PID]);
  const given = Number(env[PREPARING_DEADLINE]);
  const deadline = (given > 0 ? given : PREPARING_DEADLINE_MS) + DEADLINE_MARGIN_MS;
  await askTheKernel(deadline);
  const leave = () => process.exit(1);
  process.on('disconnect', leave);
  const serverGone = () => !process.connected || process.ppid !== serverPid;
  if (serverGone()) leave();
  setInterval(() => serverGone() && leave(), LOOK_EVERY_MS).unref();
  setTimeout(leave, deadline).unref();
}
