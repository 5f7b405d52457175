/** How long `until` waits when not told: well under the e2e test timeout (60 s), so its message is the one reported. */
export const UNTIL_DEFAULT_MS = 30_000;

const POLL_MS = 20;

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
  pollMs = POLL_MS,
): Promise<Truthy<T>> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    const answer = await condition();
    if (answer) return answer as Truthy<T>;
    if (performance.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting until ${what}`);
    await Bun.sleep(pollMs);
  }
}
