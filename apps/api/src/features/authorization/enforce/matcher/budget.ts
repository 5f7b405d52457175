import { EvaluationLimit } from './refusal.ts';

/** At most this many request × policy line evaluations in one enforce or batch-enforce call. */
export const MAX_EVALUATIONS = 20_000;
/** At most this many evaluation steps (expression nodes, plus one per character a built-in reads) in one call. */
export const MAX_STEPS = 2_000_000;
/** At most this much wall-clock time, in milliseconds, in one call (LATCHKEY_ENFORCE_CALL_LIMIT on a server). */
export const MAX_MILLISECONDS = 200;

const CLOCK_EVERY = 1024;

/**
 * What one enforcement call may spend. Every evaluation step is charged here; passing a limit throws
 * EvaluationLimit, so an evaluation always ends within a bounded number of steps and time.
 */
export class Budget {
  private steps = 0;
  private evaluations = 0;
  private nextClockCheck = CLOCK_EVERY;
  private readonly deadline: number;

  constructor(
    private readonly maxSteps = MAX_STEPS,
    private readonly milliseconds = MAX_MILLISECONDS,
    private readonly maxEvaluations = MAX_EVALUATIONS,
  ) {
    this.deadline = performance.now() + milliseconds;
  }

  charge(steps: number): void {
    this.steps += steps;
    if (this.steps > this.maxSteps) throw new EvaluationLimit(`more than ${this.maxSteps} evaluation steps`);
    if (this.steps >= this.nextClockCheck) {
      this.nextClockCheck = this.steps + CLOCK_EVERY;
      this.checkClock();
    }
  }

  checkClock(): void {
    if (performance.now() > this.deadline) throw new EvaluationLimit(`more than ${this.milliseconds} ms`);
  }

  /** Claims request × policy line pairs before they are evaluated: past the cap, nothing is evaluated. */
  reserveEvaluations(count: number): void {
    this.evaluations += count;
    if (this.evaluations > this.maxEvaluations)
      throw new EvaluationLimit(`more than ${this.maxEvaluations} request × policy line evaluations`);
  }
}
