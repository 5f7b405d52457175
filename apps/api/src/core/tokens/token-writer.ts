import { codecs, groupedInsert, type TokenRecord } from '@latchkey/db';
import type { AppContext } from '../context.ts';

const tokens = groupedInsert<TokenRecord>('token', codecs.token);

/**
 * Stores a token row, grouped with the other rows of this turn of the event loop (one INSERT, one
 * commit). Its promise settles when the row is stored, so a token is never handed out before it
 * can be checked.
 */
export function writeTokenRow(context: AppContext, token: TokenRecord): Promise<void> {
  return tokens.write(context, token);
}
