import { updateRows } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';

/**
 * What to do once a receiver has accepted a message, stored with the delivery as data, so that
 * whichever server delivers it (after a restart, another node) can do it.
 */
export type AfterDelivery = { markRecordTriggered: { owner: string; name: string } };

export async function runAfterDelivery(context: AppContext, action: AfterDelivery): Promise<void> {
  if ('markRecordTriggered' in action) {
    const { owner, name } = action.markRecordTriggered;
    await updateRows(context.db, 'record', { owner, name }, { isTriggered: 1 });
    return;
  }
  throw new Error(`unknown after-delivery action: ${Object.keys(action as object).join(', ')}`);
}
