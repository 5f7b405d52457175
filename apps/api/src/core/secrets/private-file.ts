import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, linkSync, lstatSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A fresh, unguessable temporary name next to the file (same folder, so that a rename stays on one file system). */
const temporaryNameOf = (file: string) =>
  join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(8).toString('hex')}.tmp`);

/**
 * Writes the content to a new temporary file next to `file`. It is opened with O_CREAT|O_EXCL
 * ('wx'): a file or symbolic link already at that name is an error, never written through.
 */
function writeTemporary(file: string, content: string | Uint8Array): string {
  const temporary = temporaryNameOf(file);
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    fchmodSync(descriptor, 0o600);
    writeFileSync(descriptor, content);
  } catch (error) {
    closeSync(descriptor);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(descriptor);
  return temporary;
}

/** Refuses a destination that is a symbolic link: what it points to is not ours to replace. */
export function refuseSymbolicLink(file: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(file).isSymbolicLink();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (isLink) throw new Error(`${file} is a symbolic link; refusing to write through it`);
}

/**
 * Writes a file only its owner may read, whole or not at all: the content goes to a new temporary
 * file that is then renamed over it, so a process killed meanwhile never leaves it empty or cut
 * short. A destination that is a symbolic link is refused; a rename never follows one anyway, so a
 * link put there after the check is replaced, not written through.
 */
export function writePrivateFile(file: string, content: string | Uint8Array): void {
  refuseSymbolicLink(file);
  const temporary = writeTemporary(file, content);
  try {
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates a file only its owner may read, whole, unless it exists: answers false (and changes
 * nothing) when another process created it first. Anything at the name, a symbolic link included
 * (even one pointing nowhere), counts as existing.
 */
export function createPrivateFile(file: string, content: string): boolean {
  const temporary = writeTemporary(file, content);
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
