import { join } from 'node:path';
import { repositoryRoot } from './server.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `latchkey` command line (the same entry as the server) as its own process, with the
 * given environment on top of this one, and waits for it to end.
 */
export async function runLatchkey(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<CliResult> {
  const child = Bun.spawn(['bun', join(repositoryRoot, 'apps/api/src/index.ts'), ...args], {
    cwd: options.cwd,
    env: { ...(process.env as Record<string, string>), LATCHKEY_LOG_LEVEL: 'warn', ...options.env },
    stdin: options.stdin === undefined ? 'ignore' : new TextEncoder().encode(options.stdin),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, stdout, stderr };
}
