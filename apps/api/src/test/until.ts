/**
 * How long `until` waits when not told: seconds more than anything takes on a loaded machine, and
 * under the 60 s test timeout every run uses (scripts/test.ts), so its message is the one reported.
 */
export const UNTIL_DEFAULT_MS = 15_000;

const POLL_MS = 5;

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Waits until `condition` answers something truthy (a boolean, or a found value, which it
 * returns), asking again every few milliseconds. Fails naming `what` once `withinMs` have passed
 * without it.
 */
export async function until<T>(
  condition: () => T | Promise<T>,
  what: string,
  withinMs = UNTIL_DEFAULT_MS,
): Promise<Truthy<T>> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const answer = await condition();
    if (answer) return answer as Truthy<T>;
    if (performance.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting until ${what}`);
    await Bun.sleep(POLL_MS);
  }
}

/** `until`, answering how many milliseconds the wait took (for a test that reports how fast something arrived). */
export async function timedUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  withinMs = UNTIL_DEFAULT_MS,
) {
  const started = performance.now();
  await until(condition, what, withinMs);
  return performance.now() - started;
}
