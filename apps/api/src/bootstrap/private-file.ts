import { chmodSync, linkSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** A temporary name next to the file, of this process. */
const temporaryNameOf = (file: string) => `${file}.${process.pid}.tmp`;

function writeTemporary(file: string, content: string): string {
  const temporary = temporaryNameOf(file);
  writeFileSync(temporary, content, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  return temporary;
}

/**
 * Writes a file only its owner may read, whole or not at all: the content goes to a temporary file
 * that is then renamed over it, so a process killed meanwhile never leaves it empty or cut short.
 */
export function writePrivateFile(file: string, content: string): void {
  renameSync(writeTemporary(file, content), file);
}

/**
 * Creates a file only its owner may read, whole, unless it exists: answers false (and changes
 * nothing) when another process created it first.
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
