import { readFileSync } from 'node:fs';

/** A SQLite file's WAL: frames written since it last started over, and how many of them are in the database file. */
export interface WalProgress {
  frames: number;
  backfilled: number;
}

/**
 * Read from the wal-index (the -shm file beside the database: `mxFrame` of its header at byte 16,
 * `nBackfill` of its checkpoint record at byte 96, little-endian on the machines we run on), which
 * looking does not change: asking SQLite with `PRAGMA wal_checkpoint` would checkpoint.
 */
export function walProgress(file: string): WalProgress {
  const index = readFileSync(`${file}-shm`);
  return { frames: index.readUInt32LE(16), backfilled: index.readUInt32LE(96) };
}
