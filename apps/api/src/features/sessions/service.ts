import { deleteSessionsOfGroup, findApplication, findSessionsWithIds, findUser, insertSessions, type SessionRecord } from '@latchkey/db';
import type { Session } from '@latchkey/types';
import { formatTime, nowSeconds, type AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { requireAdminOf } from '../../core/identity/privileges.ts';
import type { Identity } from '../../core/identity/identity.ts';
import type { Caller } from '../objects/kind.ts';
import { mayName } from '../objects/reach.ts';
import { applicationKind } from '../applications/kind.ts';
import { sessionLifetimeSeconds } from '../../core/identity/browser-sessions.ts';
import { findSessionGroup, type SessionGroupKey } from './aggregate.ts';

const MAX_SESSION_IDS = 100;

/** `organization/user/application` → its parts; exactly two slashes. */
export function parseSessionPkId(id: string): SessionGroupKey {
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) throw new ApiError('object.session_id_invalid', { id });
  return { owner: parts[0]!, name: parts[1]!, application: parts[2]! };
}

export function groupKeyOf(body: Partial<Session>): SessionGroupKey {
  const key = { owner: String(body.owner ?? ''), name: String(body.name ?? ''), application: String(body.application ?? '') };
  if (!key.owner || !key.name || !key.application) throw new ApiError('general.missing_parameter', { name: !key.owner ? 'owner' : !key.name ? 'name' : 'application' });
  return key;
}

export async function getSessionGroup(context: AppContext, identity: Identity, id: string): Promise<Session | null> {
  const key = parseSessionPkId(id);
  requireAdminOf(identity, key.owner);
  return findSessionGroup(context, key);
}

function checkSessionIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) return [];
  if (ids.length > MAX_SESSION_IDS || ids.some((id) => typeof id !== 'string' || id.length === 0 || id.length > 256)) throw new ApiError('general.invalid_field', { field: 'sessionId' });
  return [...new Set(ids as string[])];
}

/**
 * add-session / update-session: records the given session ids for a user of the organization in an
 * application (update-session makes them the group's only ones). A session id another user
 * already holds is refused; nothing is half-written.
 */
export async function writeSessionGroup(context: AppContext, caller: Caller, body: Partial<Session>, mode: 'add' | 'replace'): Promise<boolean> {
  const key = groupKeyOf(body);
  requireAdminOf(caller.identity, key.owner);
  if (!(await findUser(context.db, key.owner, key.name))) throw new ApiError('object.user_not_found', { id: `${key.owner}/${key.name}` });
  const application = await findApplication(context.db, key.application);
  // A user's sessions are in their organization's applications; only a global administrator records
  // one in the portal's application (which serves every organization), as for any reference (reach.ts).
  if (!application || !mayName(caller.identity, key.owner, applicationKind, application)) {
    throw new ApiError('object.application_not_found', { name: key.application });
  }
  const wanted = checkSessionIds(body.sessionId);
  const now = context.clock.now();
  return context.db.transaction().execute(async (trx) => {
    const existing = await findSessionsWithIds(trx, wanted);
    const foreign = existing.find((row) => row.owner !== key.owner || row.name !== key.name || row.application !== key.application);
    if (foreign) throw new ApiError('object.session_id_taken');
    let changed = false;
    if (mode === 'replace') {
      changed = (await deleteSessionsOfGroup(trx, key, { keep: wanted })) > 0;
    }
    const known = new Set(existing.map((row) => row.sessionId));
    const fresh: SessionRecord[] = wanted
      .filter((id) => !known.has(id))
      .map((sessionId) => ({
        sessionId,
        ...key,
        createdTime: formatTime(now),
        expireTime: nowSeconds(context) + sessionLifetimeSeconds(application, true),
        clientIp: '',
        userAgent: '',
        factors: '',
        authTime: 0,
      }));
    await insertSessions(trx, fresh);
    return changed || fresh.length > 0;
  });
}

/**
 * delete-session: ends one session (`sessionId`) or every session of the group. As in Casdoor,
 * the caller's own current session cannot be ended this way (use logout).
 */
export async function deleteSessionGroup(context: AppContext, caller: Caller, body: Partial<Session>, sessionId: string | undefined): Promise<boolean> {
  const key = groupKeyOf(body);
  requireAdminOf(caller.identity, key.owner);
  const current = caller.identity.kind === 'user' ? caller.identity.sessionId : undefined;
  if (sessionId) {
    if (sessionId === current) throw new ApiError('object.session_is_current');
  } else if (current) {
    const group = await findSessionGroup(context, key);
    if (group?.sessionId.includes(current)) throw new ApiError('object.session_is_current');
  }
  return (await deleteSessionsOfGroup(context.db, key, { sessionId })) > 0;
}

/** is-session-duplicated: whether the group holds a session other than the given one. */
export async function isSessionDuplicated(context: AppContext, key: SessionGroupKey, sessionId: string): Promise<boolean> {
  const group = await findSessionGroup(context, key);
  if (!group) return false;
  return group.sessionId.length > 1 || (group.sessionId.length === 1 && group.sessionId[0] !== sessionId);
}
