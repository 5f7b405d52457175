import { ADDRESSES } from './addresses.ts';
import { type CallOptions, call, signIn } from './http.ts';

/** What an attack's process is told: the server, X's administrator, and how long to attack. */
export interface AttackConfig {
  attack: string;
  url: string;
  xAdmin: { organization: string; username: string; password: string };
  seconds: number;
  /** At most this many attacking requests a second, all senders together; 0 for no limit. */
  rate: number;
  /** The anonymous attacker's one address (each attack its own, so that none starts behind another's rate limit). */
  attacker: string;
}

/** Counts the attacker's requests by outcome ("200 ok", "200 error: <message>", "413", "timeout", …). */
export class Tally {
  readonly outcomes = new Map<string, number>();
  requests = 0;

  add(outcome: string) {
    this.requests += 1;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }
}

export class AttackContext {
  readonly tally = new Tally();
  /** Set-up steps the server refused, and what else the report should say. */
  readonly notes: string[] = [];
  #cookie: string | undefined;
  /** When the next attacking request may be sent (the pace of `rate`). */
  #nextSlot = 0;

  constructor(readonly config: AttackConfig) {}

  get url() {
    return this.config.url;
  }

  get attacker() {
    return this.config.attacker;
  }

  /** X's administrator's session (signed in once). */
  async xAdmin(): Promise<string> {
    this.#cookie ??= await signIn(this.url, this.config.xAdmin, ADDRESSES.xAdmin);
    return this.#cookie;
  }

  /** A set-up request as X's administrator; a refusal is noted, not thrown (the fix may be the refusal). */
  async setUp(path: string, body: unknown): Promise<boolean> {
    try {
      const answer = await call(this.url, path, {
        from: ADDRESSES.xAdmin,
        cookie: await this.xAdmin(),
        body,
        timeoutMs: 10_000,
      });
      if (answer.json?.status === 'ok') return true;
      this.notes.push(`${path} refused: ${String(answer.json?.msg ?? answer.status).slice(0, 120)}`);
    } catch (error) {
      this.notes.push(`${path} failed: ${(error as Error).message.slice(0, 120)}`);
    }
    return false;
  }

  /** One attacking request, ended at `until` at the latest; its outcome is counted. */
  async hit(path: string, options: Omit<CallOptions, 'timeoutMs'>, until: number): Promise<void> {
    if (this.config.rate > 0) {
      const now = Date.now();
      this.#nextSlot = Math.max(now, this.#nextSlot + 1000 / this.config.rate);
      if (this.#nextSlot > now) await Bun.sleep(this.#nextSlot - now);
    }
    const remaining = until - Date.now();
    if (remaining <= 0) return;
    try {
      const answer = await call(this.url, path, { ...options, timeoutMs: remaining });
      const envelope = answer.json?.status;
      this.tally.add(
        envelope === 'ok'
          ? `${answer.status} ok`
          : envelope === 'error'
            ? `${answer.status} error: ${String(answer.json.msg).slice(0, 70)}`
            : String(answer.status),
      );
    } catch (error) {
      const name = (error as Error).name;
      this.tally.add(
        name === 'TimeoutError' || name === 'AbortError'
          ? 'no answer before the end of the attack'
          : `connection error`,
      );
    }
  }
}

/** One attack: set up (not measured), then sent until the deadline, then cleaned up. */
export interface Attack {
  /** Its name on the command line. */
  name: string;
  /** What it does, for the report. */
  title: string;
  prepare?(context: AttackContext): Promise<void>;
  run(context: AttackContext, until: number): Promise<void>;
  cleanup?(context: AttackContext): Promise<void>;
}

/** `count` loops of `step` until the deadline. */
export async function inParallel(
  count: number,
  until: number,
  step: (worker: number, round: number) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, worker) => {
      for (let round = 0; Date.now() < until; round++) await step(worker, round);
    }),
  );
}
