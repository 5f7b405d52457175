import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/index.ts';
import { createPrivateFile } from './private-file.ts';

/**
 * The key that encrypts secrets at rest: LATCHKEY_SECRET_KEY, else `secret.key` in the data folder,
 * made on first start (mode 0600), whole or not at all. Every node of one deployment needs the same key.
 */
export function loadSecretKey(config: Pick<Config, 'secretKey' | 'dataDir'>): { key: Buffer; created: boolean } {
  if (config.secretKey) return { key: config.secretKey, created: false };
  const file = join(config.dataDir, 'secret.key');
  if (!existsSync(file)) {
    const key = randomBytes(32);
    if (createPrivateFile(file, `${key.toString('hex')}\n`)) return { key, created: true };
    // Another process on this data folder made it first: its key it is.
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== 32)
    throw new Error(`${file} does not hold 64 hex characters; restore it or set LATCHKEY_SECRET_KEY`);
  return { key, created: false };
}
