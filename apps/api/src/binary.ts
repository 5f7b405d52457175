// First, before any module that uses decorators' metadata (@peculiar/x509) is evaluated: in one
// bundle, modules are laid out in dependency order, not in the order a module imports them.
import 'reflect-metadata';
import { type EmbeddedPortal, useEmbeddedPortal } from './server/portal-server.ts';

/**
 * The single binary's entry (scripts/build-binary.ts generates the file that calls it, and appends
 * the portal archive to the executable): the same command line as `bun apps/api/src/index.ts`, with
 * the portal taken from the binary itself.
 */
export async function runBinary(portal: EmbeddedPortal): Promise<number> {
  useEmbeddedPortal(portal);
  const { runCli } = await import('./server/cli/main.ts');
  return runCli(process.argv.slice(2));
}
