/** Where the files of one storage provider go. Keys are path segments, checked already (object-key.ts). */
export interface FileStore {
  put(key: string[], bytes: Uint8Array, contentType: string): Promise<void>;
  /** Removes the file; a file that is not there is no error. */
  remove(key: string[]): Promise<void>;
  /** The URL the file is served at. */
  urlOf(key: string[]): string;
}

/** A key as a URL path, each part percent-encoded. */
export const encodedPath = (key: string[]) => key.map((segment) => encodeURIComponent(segment)).join('/');
