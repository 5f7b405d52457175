/**
 * One attack, in a process of its own (on the load core, below the measuring client's priority):
 *   bun bench/fairness/attack-process.ts '<AttackConfig as JSON>'
 * Prints "ready" once set up, attacks for `seconds`, cleans up, prints its summary as one JSON line
 * and exits, whatever requests are still open.
 */
import { type AttackConfig, AttackContext } from './attack.ts';
import { ATTACKS } from './attacks/index.ts';

export interface AttackSummary {
  requests: number;
  seconds: number;
  outcomes: Record<string, number>;
  notes: string[];
}

const config = JSON.parse(process.argv[2]!) as AttackConfig;
const attack = ATTACKS.find((candidate) => candidate.name === config.attack);
if (!attack) throw new Error(`no attack named ${config.attack}`);
const context = new AttackContext(config);
// X's administrator signs in before the attack is reported ready, so that a refused sign-in is a failed start.
await context.xAdmin();
await attack.prepare?.(context);
await Bun.write(Bun.stdout, 'ready\n');
const started = Date.now();
await attack.run(context, started + config.seconds * 1000);
const seconds = (Date.now() - started) / 1000;
await attack.cleanup?.(context);
const summary: AttackSummary = {
  requests: context.tally.requests,
  seconds,
  outcomes: Object.fromEntries(context.tally.outcomes),
  notes: context.notes,
};
// Written out before exiting (console.log to a pipe may still be buffered at process.exit).
await Bun.write(Bun.stdout, `${JSON.stringify(summary)}\n`);
process.exit(0);
