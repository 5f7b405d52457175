/**
 * How long after the server listens it collects its start-up garbage: long enough for the start's
 * last asynchronous steps (the console's worker being created, the first jobs scheduled) to be done.
 */
const AFTER_LISTENING_MS = 1_000;

/**
 * Once, shortly after the server listens: a full garbage collection and Bun.shrink, so that what
 * the start-up alone needed (the code it ran once, compiled by JavaScriptCore, and the objects it
 * left) is given back instead of staying resident for the life of the server, about 5 MB
 * (bench/README.md, "Memory of the single binary"). The code requests run is compiled again on
 * their first few calls, as after any start. Answers how to call it off (a server stopped before).
 */
export function giveBackStartUpMemory(): () => void {
  const timer = setTimeout(() => {
    Bun.gc(true);
    Bun.shrink();
  }, AFTER_LISTENING_MS);
  timer.unref();
  return () => clearTimeout(timer);
}
