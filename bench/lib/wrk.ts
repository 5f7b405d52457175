import { join } from 'node:path';

/** Wall-clock and CPU figures of one load run against one server process. */
export interface Measurement {
  /** Requests per second of wall time: what users of the server see on the cores it has. */
  perSecond: number;
  /** Requests per CPU-second of the server process: its rate on a core of its own. */
  perCpuSecond: number;
}

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  /** Header name → value. */
  headers?: Record<string, string>;
  body?: string;
}

/** Runs a command to its end and answers its output; throws with the output when it fails. */
export async function run(command: string[], env: Record<string, string> = {}): Promise<string> {
  const child = Bun.spawn(command, {
    env: { ...(process.env as Record<string, string>), ...env },
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [out, err] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()]);
  if ((await child.exited) !== 0) throw new Error(`${command.join(' ')} failed:\n${out}${err}`);
  return out;
}

/** CPU seconds (user + system, every thread) a process has used so far, from /proc. */
export async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await Bun.file(`/proc/${pid}/stat`).text()).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * wrk (`-t1`, `connections` connections) on the load core against a server process for `seconds`;
 * fails on any answer that is not 2xx. The request is described to wrk's script through the
 * environment.
 */
export async function load(
  request: LoadRequest,
  options: { seconds: number; connections: number; core: string; serverPid: number },
): Promise<Measurement> {
  const cpuBefore = await cpuSeconds(options.serverPid);
  const output = await run(
    [
      'taskset',
      '-c',
      options.core,
      'wrk',
      '-t1',
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '-s',
      join(import.meta.dir, 'request.lua'),
      request.url,
    ],
    {
      BENCH_METHOD: request.method ?? 'GET',
      BENCH_BODY: request.body ?? '',
      BENCH_HEADERS: Object.entries(request.headers ?? {})
        .map(([name, value]) => `${name}: ${value}`)
        .join('\n'),
    },
  );
  const cpu = (await cpuSeconds(options.serverPid)) - cpuBefore;
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output);
  if (non2xx) throw new Error(`${non2xx[1]} failed responses from ${request.url}:\n${output}`);
  const errors = /Socket errors: (.*)/.exec(output);
  if (errors) throw new Error(`socket errors against ${request.url}: ${errors[1]}`);
  const requests = Number(/(\d+) requests in/.exec(output)![1]);
  return { perSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)![1]), perCpuSecond: requests / cpu };
}

/** Waits until a URL answers below 500, for at most 30 s. */
export async function waitFor(url: string, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 30 s`);
    await Bun.sleep(100);
  }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
