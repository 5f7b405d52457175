import { lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { writePrivateFile } from '../../../core/secrets/private-file.ts';
import { encodedPath, type FileStore } from './store.ts';

/** The folder of stored files: `files` in the data folder. */
export const filesFolderOf = (context: AppContext) => join(context.config.dataDir, 'files');

type Entry = 'file' | 'directory' | 'missing';

/** What is at a path, without following a symbolic link: one there is refused, whoever put it there. */
function entryAt(path: string): Entry {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) throw new ApiError('resource.path_conflict');
    return stat.isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/**
 * The path of a key below the folder, each folder on the way checked (a symbolic link or a file
 * where a folder should be is refused) and, when `create`, made (only its owner may enter it).
 */
function pathOf(root: string, key: string[], create: boolean): string | undefined {
  if (create) mkdirSync(root, { recursive: true, mode: 0o700 });
  let path = root;
  for (const segment of key.slice(0, -1)) {
    path = join(path, segment);
    const entry = entryAt(path);
    if (entry === 'file') throw new ApiError('resource.path_conflict');
    if (entry === 'missing') {
      if (!create) return undefined;
      mkdirSync(path, { mode: 0o700 });
    }
  }
  return join(path, key.at(-1)!);
}

/** The stored file of a key, for serving: a regular file reached through no symbolic link, or undefined. */
export function storedFile(context: AppContext, key: string[]): string | undefined {
  const path = pathOf(filesFolderOf(context), key, false);
  return path && entryAt(path) === 'file' ? path : undefined;
}

/**
 * Latchkey's own storage (and Casdoor's "Local File System" providers): files in the data folder,
 * written whole through a temporary file (never through a symbolic link), served at
 * `<origin>/files/<organization>/<object key>`.
 */
export function localDiskStore(context: AppContext): FileStore {
  const root = filesFolderOf(context);
  return {
    async put(key, bytes) {
      const path = pathOf(root, key, true)!;
      if (entryAt(path) === 'directory') throw new ApiError('resource.path_conflict');
      writePrivateFile(path, bytes);
    },
    async remove(key) {
      const path = pathOf(root, key, false);
      if (!path || entryAt(path) !== 'file') return;
      try {
        unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    urlOf: (key) => `${context.config.origin}/files/${encodedPath(key)}`,
  };
}
