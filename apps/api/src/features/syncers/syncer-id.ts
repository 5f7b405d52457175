import type { Syncer } from '@latchkey/types';

/** A syncer's id, `owner/name`: how its runs are named and claimed. */
export const syncerId = (syncer: Pick<Syncer, 'owner' | 'name'>) => `${syncer.owner}/${syncer.name}`;
