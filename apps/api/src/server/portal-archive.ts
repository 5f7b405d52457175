import { createHash } from 'node:crypto';

/**
 * The single executable carries the portal's archive at its end, after everything Bun put there:
 * the tar.gz, then a trailer of 24 bytes (the archive's length as a little-endian 64-bit integer,
 * then a marker). A file embedded the ordinary way (`with { type: 'file' }`) is read through the
 * executable's own mapping, and the pages read stay counted in the process's resident memory for
 * as long as it runs (13 MB); reading the file instead goes through the page cache.
 */
const MARKER = 'latchkey-portal\n';
const TRAILER_BYTES = 8 + MARKER.length;

/** What scripts/build-binary.ts appends after the archive. */
export function portalArchiveTrailer(length: number): Uint8Array {
  const trailer = new Uint8Array(TRAILER_BYTES);
  new DataView(trailer.buffer).setBigUint64(0, BigInt(length), true);
  trailer.set(new TextEncoder().encode(MARKER), 8);
  return trailer;
}

/** The archive's version: the start of its SHA-256, in hex. */
export const portalArchiveHash = (archive: Uint8Array | ArrayBuffer) =>
  createHash('sha256')
    .update(archive instanceof ArrayBuffer ? new Uint8Array(archive) : archive)
    .digest('hex')
    .slice(0, 16);

/** Reads the archive at the end of `carrier` (the executable), checking that it is the version expected. */
export async function readPortalArchive(carrier: string, hash: string): Promise<ArrayBuffer> {
  const file = Bun.file(carrier);
  const size = file.size;
  const trailer =
    size >= TRAILER_BYTES ? new Uint8Array(await file.slice(size - TRAILER_BYTES).arrayBuffer()) : undefined;
  const length = trailer && Number(new DataView(trailer.buffer).getBigUint64(0, true));
  if (!trailer || new TextDecoder().decode(trailer.subarray(8)) !== MARKER || length! > size - TRAILER_BYTES)
    throw new Error(`${carrier} carries no portal archive at its end`);
  const archive = await file.slice(size - TRAILER_BYTES - length!, size - TRAILER_BYTES).arrayBuffer();
  if (portalArchiveHash(archive) !== hash)
    throw new Error(`the portal archive at the end of ${carrier} is not the one this binary was built with`);
  return archive;
}
