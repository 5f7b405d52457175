/** Something that counts what it has read: a socket, or the TLS socket a driver put over it. */
interface Counted {
  bytesRead?: number;
}

/**
 * Calls `exceeded` once the streams have read more than `max` bytes, looking every few
 * milliseconds. Drivers replace their stream with a TLS one (and drop listeners on the old) when
 * they start TLS; the count of each stream still says what came in. Answers the function that stops watching.
 */
export function watchBytes(streams: () => (Counted | undefined)[], max: number, exceeded: () => void): () => void {
  const timer = setInterval(() => {
    const read = Math.max(0, ...streams().map((stream) => stream?.bytesRead ?? 0));
    if (read > max) {
      clearInterval(timer);
      exceeded();
    }
  }, 25);
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
