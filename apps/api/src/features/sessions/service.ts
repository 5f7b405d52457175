import {
  deleteSessionGroupRecord,
  deleteSessionsOfGroup,
  findApplication,
  findLiveSessionsOfGroup,
  findOrganization,
  findSessionsWithIds,
  findUser,
  insertSessions,
  recordSessionGroup,
  type SessionRecord,
  setSessionGroupCreatedTime,
} from '@latchkey/db';
import type { Session } from '@latchkey/types';
import { BUILT_IN_APPLICATION, BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import { type AppContext, formatTime, nowSeconds } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { sessionLifetimeSeconds } from '../../core/identity/browser-sessions.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { requireAdminOf } from '../../core/identity/privileges.ts';
import { applicationKind } from '../applications/kind.ts';
import type { Caller } from '../objects/kind.ts';
import { mayName } from '../objects/reach.ts';
import { findSessionGroup, type SessionGroupKey } from './aggregate.ts';

const MAX_SESSION_IDS = 100;

/** `organization/user/application` → its parts; exactly two slashes. */
export function parseSessionPkId(id: string): SessionGroupKey {
  const parts = id.split('/');
  if (parts.length !== 3 || parts.some((part) => part === '')) throw new ApiError('object.session_id_invalid', { id });
  return { owner: parts[0]!, name: parts[1]!, application: parts[2]! };
}

export function groupKeyOf(body: Partial<Session>): SessionGroupKey {
  const key = {
    owner: String(body.owner ?? ''),
    name: String(body.name ?? ''),
    application: String(body.application ?? ''),
  };
  if (!key.owner || !key.name || !key.application)
    throw new ApiError('general.missing_parameter', {
      name: !key.owner ? 'owner' : !key.name ? 'name' : 'application',
    });
  return key;
}

export async function getSessionGroup(context: AppContext, identity: Identity, id: string): Promise<Session | null> {
  const key = parseSessionPkId(id);
  requireAdminOf(identity, key.owner);
  return findSessionGroup(context, key);
}

/** The session ids of a body: empty ones (Python's default `[""]`) dropped, repeats merged. */
function checkSessionIds(ids: unknown): string[] {
  if (!Array.isArray(ids)) return [];
  const given = ids.filter((id) => id !== '');
  if (given.length > MAX_SESSION_IDS || given.some((id) => typeof id !== 'string' || id.length > 256))
    throw new ApiError('general.invalid_field', { field: 'sessionId' });
  return [...new Set(given as string[])];
}

/**
 * The application of a Session object, within the caller's reach: one of the organization's own,
 * the portal's `app-built-in` (where users of every organization sign in), or for a global
 * administrator any application of `built-in` (reach.ts).
 */
async function sessionApplication(context: AppContext, caller: Caller, key: SessionGroupKey) {
  const application = await findApplication(context.db, key.application);
  if (!application) throw new ApiError('object.application_not_found', { name: key.application });
  const portal = application.name === BUILT_IN_APPLICATION && application.organization === BUILT_IN_ORGANIZATION;
  if (!portal && !mayName(caller.identity, key.owner, applicationKind, application))
    throw new ApiError('object.application_not_found', { name: key.application });
  return application;
}

/**
 * add-session / update-session, as in Casdoor: add-session records the Session object of a user
 * and application (kept even with no session ids, and for a user that does not exist yet) and adds
 * the given session ids to it; update-session changes a recorded one: its `createdTime`, and when
 * `sessionId` is given, makes those ids its only ones. The organization must be the caller's to
 * administer, the application one it may use. Session ids are recorded only for an existing user,
 * and one that another user's session holds is refused; nothing is half-written.
 */
export async function writeSessionGroup(
  context: AppContext,
  caller: Caller,
  body: Partial<Session>,
  mode: 'add' | 'replace',
): Promise<boolean> {
  const key = groupKeyOf(body);
  requireAdminOf(caller.identity, key.owner);
  if (!(await findOrganization(context.db, key.owner)))
    throw new ApiError('object.organization_not_found', { name: key.owner });
  const application = await sessionApplication(context, caller, key);
  const idsGiven = Array.isArray(body.sessionId);
  const wanted = checkSessionIds(body.sessionId);
  if (wanted.length > 0 && !(await findUser(context.db, key.owner, key.name)))
    throw new ApiError('object.user_not_found', { id: `${key.owner}/${key.name}` });
  const createdTime = typeof body.createdTime === 'string' ? body.createdTime : '';
  if (createdTime.length > 100) throw new ApiError('general.invalid_field', { field: 'createdTime' });
  const group = await findSessionGroup(context, key);
  // Casdoor's update-session changes only what exists.
  if (mode === 'replace' && !group) return false;
  const now = context.clock.now();
  return context.db.transaction().execute(async (trx) => {
    let changed = false;
    if (mode === 'add') changed = (await recordSessionGroup(trx, key, group?.createdTime ?? formatTime(now))) && !group;
    else if (createdTime && createdTime !== group?.createdTime)
      changed = await setSessionGroupCreatedTime(trx, key, createdTime);
    if (!idsGiven) return changed;
    const existing = await findSessionsWithIds(trx, wanted);
    const foreign = existing.find(
      (row) => row.owner !== key.owner || row.name !== key.name || row.application !== key.application,
    );
    if (foreign) throw new ApiError('object.session_id_taken');
    if (mode === 'replace') {
      changed = (await deleteSessionsOfGroup(trx, key, { keep: wanted })) > 0 || changed;
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
 * delete-session: ends one session (`sessionId`) or every session of the group and forgets the
 * Session object; one whose last session ended is forgotten too, as in Casdoor. As in Casdoor, the
 * caller's own current session cannot be ended this way (use logout).
 */
export async function deleteSessionGroup(
  context: AppContext,
  caller: Caller,
  body: Partial<Session>,
  sessionId: string | undefined,
): Promise<boolean> {
  const key = groupKeyOf(body);
  requireAdminOf(caller.identity, key.owner);
  const current = caller.identity.kind === 'user' ? caller.identity.sessionId : undefined;
  if (sessionId) {
    if (sessionId === current) throw new ApiError('object.session_is_current');
  } else if (current) {
    const group = await findSessionGroup(context, key);
    if (group?.sessionId.includes(current)) throw new ApiError('object.session_is_current');
  }
  return context.db.transaction().execute(async (trx) => {
    const ended = (await deleteSessionsOfGroup(trx, key, { sessionId })) > 0;
    if (sessionId && (await findLiveSessionsOfGroup(trx, context.dialect, nowSeconds(context), key)).length > 0)
      return ended;
    return (await deleteSessionGroupRecord(trx, key)) || ended;
  });
}

/** is-session-duplicated: whether the group holds a session other than the given one. */
export async function isSessionDuplicated(
  context: AppContext,
  key: SessionGroupKey,
  sessionId: string,
): Promise<boolean> {
  const group = await findSessionGroup(context, key);
  if (!group) return false;
  return group.sessionId.length > 1 || (group.sessionId.length === 1 && group.sessionId[0] !== sessionId);
}
