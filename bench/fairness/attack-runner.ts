import { join } from 'node:path';
import type { AttackConfig } from './attack.ts';
import type { AttackSummary } from './attack-process.ts';

/** Longest an attack may take to set up, and to clean up after its time, before it is killed. */
const PREPARE_MS = 60_000;
const CLEANUP_MS = 30_000;

export interface RunningAttack {
  /** Resolves when the attack is set up and sending; rejects when it failed to start. */
  ready: Promise<void>;
  /** Its summary once it ended, or why there is none (killed, or failed). */
  finished: Promise<{ summary?: AttackSummary; failure?: string }>;
}

/** Starts an attack's process under `prefix` (taskset, nice); it is killed when it outlives its deadlines. */
export function startAttack(config: AttackConfig, prefix: string[]): RunningAttack {
  const child = Bun.spawn([...prefix, 'bun', join(import.meta.dir, 'attack-process.ts'), JSON.stringify(config)], {
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), PREPARE_MS + config.seconds * 1000 + CLEANUP_MS);
  const { promise: ready, resolve: markReady, reject: markFailed } = Promise.withResolvers<void>();
  const stderr = new Response(child.stderr).text();
  const finished = (async () => {
    let summary: AttackSummary | undefined;
    let buffer = '';
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line === 'ready') markReady();
        else if (line.startsWith('{')) summary = JSON.parse(line) as AttackSummary;
      }
    }
    const code = await child.exited;
    clearTimeout(killer);
    if (code === 0) {
      markReady();
      return { summary };
    }
    const failure = `the attack's process ended with ${code ?? child.signalCode}: ${(await stderr).trim().slice(-300)}`;
    markFailed(new Error(failure));
    return { summary, failure };
  })();
  return { ready, finished };
}
