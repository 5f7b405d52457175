/**
 * Lets other work run: waits for the next turn of the event loop, after the requests and timers
 * already waiting. Long loops (clean-up batches, uploads) call it between pieces of work.
 */
export const pause = () => new Promise<void>((resolve) => setImmediate(resolve));
