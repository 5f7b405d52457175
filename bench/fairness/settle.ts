import { PROBES, type Probe, probeOnce } from './probe.ts';
import type { Deployment } from './seed.ts';

/**
 * Waits until the server has worked off what an attack left behind (queued sign-ins, key
 * generation, deliveries): three rounds in a row of Y's requests, each answered and within
 * `limits`. Answers false when that does not happen before the deadline.
 */
export async function settle(
  deployment: Deployment,
  limits: Record<Probe, number>,
  withinMs: number,
): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  let quietRounds = 0;
  while (Date.now() < deadline) {
    let quiet = true;
    for (const probe of PROBES) {
      const sample = await probeOnce(deployment, probe);
      quiet &&= sample.ok && sample.ms <= limits[probe];
    }
    quietRounds = quiet ? quietRounds + 1 : 0;
    if (quietRounds === 3) return true;
    if (!quiet) await Bun.sleep(200);
  }
  return false;
}
