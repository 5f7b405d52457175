import { findRow, insertRow, isUniqueViolation, updateRows } from '@latchkey/db';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import { ADMIN_OWNER, accessTo, organizationNamedBy, organizationOf, refuseForeignId } from './access.ts';
import { mergeChanges, parseColumns, sameValue } from './fields.ts';
import { formatId, type ObjectId, parseId } from './id.ts';
import {
  type AfterWrite,
  type AnyObject,
  type Caller,
  fieldsOf,
  type ObjectKind,
  type OnCommit,
  type Trx,
} from './kind.ts';
import { checkName } from './names.ts';
import { checkPlacement, checkRenameOrMove } from './placement.ts';
import { checkReferences } from './reach.ts';
import { findObject } from './read-service.ts';
import { isReferenced, renameReferences } from './references.ts';

/**
 * Writing objects: add-, update- and delete-<object>. Each runs the generic checks and the kind's
 * hooks in the order ObjectHooks lists them.
 */

/** A write's outcome: whether anything changed, and which organization it concerned (for the audit log). */
export interface WriteResult {
  changed: boolean;
  organization: string;
}

const has = <O extends AnyObject>(kind: ObjectKind<O>, field: string) => Object.hasOwn(kind.schema.properties, field);

/** Stamps the times the server keeps: `createdTime` on an add, `updatedTime` on every write. */
function withTimes<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, object: O, created: boolean): O {
  const now = formatTime(context.clock.now());
  const out = object as Record<string, unknown>;
  if (created && has(kind, 'createdTime')) out.createdTime = now;
  if (has(kind, 'updatedTime')) out.updatedTime = now;
  return object;
}

const alreadyExists = (owner: string, name: string) =>
  new ApiError('object.already_exists', { id: formatId(owner, name) });

export async function inTransaction<T>(
  context: AppContext,
  owner: string,
  name: string,
  work: (trx: Trx) => Promise<T>,
): Promise<T> {
  try {
    return await context.db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(owner, name);
    throw error;
  }
}

/** A value a body really gives (not absent, null, empty text or an empty list). */
const isGiven = (value: unknown) =>
  value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export interface PreparedObject<O> {
  object: O;
  organization: string;
}

/**
 * A new object from a body, checked and ready to insert: unknown and read-only fields dropped, the
 * name and placement checked, the caller an administrator of where it goes, the kind's defaults,
 * hashes and seals applied.
 */
export async function prepareNewObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  caller: Caller,
  body: Record<string, unknown>,
): Promise<PreparedObject<O>> {
  const defaults = kind.codec.defaults() as Record<string, unknown>;
  const draft = structuredClone(defaults);
  const ignored = new Set<string>(kind.fields.readOnly.filter((field) => !(kind.fields.addOnly ?? []).includes(field)));
  for (const field of fieldsOf(kind)) {
    if (!Object.hasOwn(body, field) || ignored.has(field)) continue;
    draft[field] = body[field] === null ? structuredClone(defaults[field]) : body[field];
  }
  if (kind.placement === 'organization-itself' || (kind.placement === 'admin-with-organization' && !draft.owner))
    draft.owner = ADMIN_OWNER;
  checkName(draft.name);
  const object = withTimes(context, kind, draft as O, true);
  await checkPlacement(context, kind, object, caller.identity);
  const organization = organizationOf(kind, object);
  const ownObject = kind.selfMay?.add && kind.selfOf?.(caller.identity, object);
  if (!canAdminister(caller.identity, organization) && !ownObject) throw notAllowed();
  if (!caller.identity.isGlobalAdmin) {
    for (const field of kind.fields.globalOnly ?? []) {
      if (!sameValue(draft[field], defaults[field])) throw new ApiError('object.field_not_writable', { field });
    }
  }
  // Before the kind's hooks, which may hash a password or generate a key pair; the insert checks again.
  if (await findRow(context.db, kind.table, { owner: String(object.owner), name: String(object.name) }))
    throw alreadyExists(String(object.owner), String(object.name));
  const ready = await kind.hooks.prepareAdd(context, object, caller);
  // What the body named, as the hooks completed it; what the server filled in itself is its own.
  await checkReferences(context, kind, ready, caller, (column) => !ignored.has(column) && isGiven(body[column]));
  return { object: ready, organization };
}

/**
 * Inserts prepared objects in one transaction, each followed by the kind's afterAdd, then runs what
 * waits for the commit. An id that is taken is a clear error.
 */
export async function insertPrepared<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  prepared: readonly PreparedObject<O>[],
): Promise<void> {
  const [first] = prepared;
  if (!first) return;
  // One object's error names it; many (an upload, all of one organization) name their owner.
  const conflict = { owner: String(first.object.owner), name: prepared.length === 1 ? String(first.object.name) : '' };
  const onCommits = await inTransaction(context, conflict.owner, conflict.name, async (trx) => {
    const handed: OnCommit[] = [];
    for (const { object } of prepared) {
      const owner = String(object.owner);
      const name = String(object.name);
      if (await findRow(trx, kind.table, { owner, name })) throw alreadyExists(owner, name);
      await insertRow(trx, kind.table, kind.codec.encode(object));
      const onCommit = await kind.hooks.afterAdd(trx, context, object);
      if (onCommit) handed.push(onCommit);
    }
    return handed;
  });
  kind.hooks.afterCommit(context);
  for (const onCommit of onCommits) onCommit(context);
}

/** After a write has committed: the kind's own step, then what the write's after-hook handed back. */
function committed<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, onCommit: AfterWrite): void {
  kind.hooks.afterCommit(context);
  onCommit?.(context);
}

/** add-<object>: the whole object from the body, placed where the caller administers. */
export async function addObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  caller: Caller,
  body: Record<string, unknown>,
): Promise<WriteResult> {
  const prepared = await prepareNewObject(context, kind, caller, body);
  await insertPrepared(context, kind, [prepared]);
  return { changed: true, organization: prepared.organization };
}

/** The stored columns a write changes (updatedTime does not count as a change by itself). */
function changedColumns<O extends AnyObject>(kind: ObjectKind<O>, stored: O, next: O): Record<string, unknown> {
  const before = kind.codec.encode(stored);
  const after = kind.codec.encode(next);
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(after)) if (value !== before[column]) out[column] = value;
  return out;
}

/**
 * The object a write's `id` query names. An id with an empty owner (`/alice`, as some Casdoor
 * clients send it with the owner in the body) takes the body's owner, which must be within the
 * caller's reach as any owner named in an id is.
 */
function idOfWrite<O extends AnyObject>(
  kind: ObjectKind<O>,
  identity: Identity,
  id: string,
  body: Record<string, unknown>,
): ObjectId {
  if (!id.startsWith('/')) return parseId(id);
  const owner = typeof body.owner === 'string' ? body.owner : '';
  if (!owner) throw new ApiError('general.invalid_id', { id });
  const named = parseId(`${owner}${id}`);
  refuseForeignId(kind, identity, named);
  return named;
}

export interface UpdateRequest {
  id: string;
  body: Record<string, unknown>;
  columns?: string;
}

/**
 * update-<object>?id=<old id>: the id names the stored object and decides who may write it (never
 * the body); the body is the whole new object, or only the fields named by `columns=`.
 */
export async function updateObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  caller: Caller,
  request: UpdateRequest,
): Promise<WriteResult> {
  const id = idOfWrite(kind, caller.identity, request.id, request.body);
  const stored = await findObject(context, kind, { owner: id.owner, name: id.name });
  if (!stored) {
    refuseForeignId(kind, caller.identity, id);
    return { changed: false, organization: organizationNamedBy(kind, id) ?? '' };
  }
  const access = accessTo(kind, caller.identity, stored);
  if (access !== 'admin' && access !== 'self') throw notAllowed();
  // As get-<object> showed it to this caller: sending that back unchanged changes nothing (secrets included).
  const presented = kind.present(context, stored, {
    access,
    identity: caller.identity,
    withSecret: false,
    detail: true,
  });
  const { next: merged, changed } = mergeChanges({
    rules: kind.fields,
    known: fieldsOf(kind),
    defaults: kind.codec.defaults(),
    stored,
    presented,
    body: request.body,
    columns: parseColumns(request.columns, fieldsOf(kind)),
    access,
    isGlobalAdmin: caller.identity.isGlobalAdmin,
  });
  checkRenameOrMove(kind, caller, stored, merged, changed);
  if (changed.has('owner') || changed.has('organization')) await checkPlacement(context, kind, merged, caller.identity);
  const update = { caller, stored, changed };
  const next = await kind.hooks.prepareUpdate(context, merged, update);
  await checkReferences(context, kind, next, caller, (column) => changed.has(column));
  const organization = organizationOf(kind, stored);
  if (Object.keys(changedColumns(kind, stored, next)).length === 0) return { changed: false, organization };
  const values = changedColumns(kind, stored, withTimes(context, kind, next, false));
  const target = { owner: String(next.owner), name: String(next.name) };
  let onCommit: AfterWrite | undefined;
  const updated = await inTransaction(context, target.owner, target.name, async (trx) => {
    if (values.owner !== undefined || values.name !== undefined) {
      if (await findRow(trx, kind.table, target)) throw alreadyExists(target.owner, target.name);
    }
    const count = await updateRows(trx, kind.table, { owner: id.owner, name: id.name }, values);
    if (count === 0) return false;
    if (target.owner !== id.owner || target.name !== id.name)
      await renameReferences(trx, context, kind.references ?? [], id, target, organization);
    onCommit = await kind.hooks.afterUpdate(trx, context, next, update);
    return true;
  });
  if (updated) committed(context, kind, onCommit);
  return { changed: updated, organization };
}

export interface DeleteRequest {
  /** The `id` query; when present it names the object, whatever the body says. */
  id?: string;
  body: Record<string, unknown>;
}

/** delete-<object>: by the `id` query (its owner may come from the body, see idOfWrite), or by the body's owner and name as Casdoor's clients send them. */
export async function deleteObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  caller: Caller,
  request: DeleteRequest,
): Promise<WriteResult> {
  const id = request.id
    ? idOfWrite(kind, caller.identity, request.id, request.body)
    : {
        owner: String(
          request.body.owner ||
            (kind.placement === 'organization' || kind.placement === 'global-or-organization' ? '' : ADMIN_OWNER),
        ),
        name: String(request.body.name ?? ''),
      };
  if (!id.owner || !id.name) throw new ApiError('general.missing_parameter', { name: 'id' });
  const stored = await findObject(context, kind, { owner: id.owner, name: id.name });
  if (!stored) {
    refuseForeignId(kind, caller.identity, id);
    return { changed: false, organization: organizationNamedBy(kind, id) ?? '' };
  }
  const access = accessTo(kind, caller.identity, stored);
  if (access !== 'admin' && !(access === 'self' && kind.selfMay?.delete)) throw notAllowed();
  const organization = organizationOf(kind, stored);
  if (kind.builtIns?.includes(formatId(id.owner, id.name)))
    throw new ApiError('object.built_in_protected', { id: formatId(id.owner, id.name) });
  for (const reference of kind.usedBy ?? []) {
    if (await isReferenced(context, reference, id))
      throw new ApiError('object.in_use', { id: formatId(id.owner, id.name) });
  }
  await kind.hooks.checkDelete(context, stored, caller);
  let onCommit: AfterWrite | undefined;
  const changed = await context.db.transaction().execute(async (trx) => {
    const removed = await kind.hooks.remove(trx, context, stored);
    if (removed) onCommit = await kind.hooks.afterDelete(trx, context, stored);
    return removed;
  });
  if (changed) committed(context, kind, onCommit);
  return { changed, organization };
}
