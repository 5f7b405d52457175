import { countRows, findRow, insertRow, isUniqueViolation, selectRows, updateRows, type RowFilter, type RowKey } from '@latchkey/db';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import { formatTime, type AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { canAdminister, notAllowed } from '../../core/identity/privileges.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { accessTo, ADMIN_OWNER, listScope, organizationOf, type ScopeQuery } from './access.ts';
import { mergeChanges, parseColumns, sameValue } from './fields.ts';
import { formatId, parseId, type ObjectId } from './id.ts';
import type { AnyObject, Caller, ObjectKind, OnCommit, Trx, View } from './kind.ts';
import { parseListQuery, type ListQuery } from './list-query.ts';
import { checkName } from './names.ts';
import { checkReferences } from './reach.ts';
import { isReferenced, renameReferences } from './references.ts';

export interface ListResult<O> {
  data: O[];
  /** The total count when a page was asked for; null otherwise. */
  data2: number | null;
}

/** A write's outcome: whether anything changed, and which organization it concerned (for the audit log). */
export interface WriteResult {
  changed: boolean;
  organization: string;
}

const fieldsOf = <O extends AnyObject>(kind: ObjectKind<O>) => Object.keys(kind.schema.properties);
const has = <O extends AnyObject>(kind: ObjectKind<O>, field: string) => Object.hasOwn(kind.schema.properties, field);

/** The object as this caller may see it; refuses a caller who may not see it at all. */
export function presentTo<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  identity: Identity,
  object: O,
  options: { withSecret?: boolean; detail?: boolean } = {},
): O {
  const access = accessTo(kind, identity, object);
  if (access === 'none') throw notAllowed();
  const view: View = { access, identity, withSecret: (options.withSecret ?? false) && identity.isGlobalAdmin, detail: options.detail ?? false };
  const presented = kind.present(context, object, view) as Record<string, unknown>;
  // Only schema fields leave the server (tables may hold more, such as a token's hashes).
  return Object.fromEntries(fieldsOf(kind).map((field) => [field, presented[field]])) as O;
}

/** The organization an id names before anything is read, where the id alone tells it. */
function organizationNamedBy<O extends AnyObject>(kind: ObjectKind<O>, id: ObjectId): string | undefined {
  switch (kind.placement) {
    case 'organization':
      return id.owner;
    case 'organization-itself':
      return id.name;
    case 'global-or-organization':
      return id.owner === ADMIN_OWNER ? BUILT_IN_ORGANIZATION : id.owner;
    case 'admin-with-organization':
      return undefined;
  }
}

/**
 * An absent object is `null` for those who could see it; someone asking about another
 * organization's ids is refused either way, so that refusals do not tell what exists.
 */
function refuseForeignId<O extends AnyObject>(kind: ObjectKind<O>, identity: Identity, id: ObjectId): void {
  const organization = organizationNamedBy(kind, id);
  if (organization === undefined || canAdminister(identity, organization)) return;
  if (kind.selfOf?.(identity, { owner: id.owner, name: id.name } as unknown as Partial<O>)) return;
  if (kind.placement === 'organization-itself' && identity.kind !== 'anonymous' && identity.organization === id.name) return;
  throw notAllowed();
}

export async function findObject<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, key: RowKey): Promise<O | undefined> {
  const row = await findRow(context.db, kind.table, key);
  return row ? kind.codec.decode(row) : undefined;
}

export async function getObject<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  identity: Identity,
  id: string,
  withSecret = false,
): Promise<O | null> {
  const parsed = parseId(id);
  const stored = await findObject(context, kind, { owner: parsed.owner, name: parsed.name });
  if (!stored) {
    refuseForeignId(kind, identity, parsed);
    return null;
  }
  return presentTo(context, kind, identity, stored, { withSecret, detail: true });
}

export interface ListRequest {
  query: ListQuery & ScopeQuery;
  /** Conditions of the route itself (a user's group, say), on top of the caller's. */
  filters?: RowFilter[];
  /** get-global-<objects>: every organization (global administrators only). */
  global?: boolean;
  withSecret?: boolean;
}

/** A page (p + pageSize, with the total in data2) or every row the caller may see, filtered and sorted. */
export async function listObjects<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, identity: Identity, request: ListRequest): Promise<ListResult<O>> {
  const options = parseListQuery(request.query, kind.listing);
  const scope = request.global ? {} : listScope(kind, identity, request.query);
  const query = { table: kind.table, ...scope, filters: [...options.filters, ...(request.filters ?? [])], sort: options.sort };
  const [rows, total] = await Promise.all([
    selectRows(context.db, context.dialect, { ...query, page: options.page }),
    options.page ? countRows(context.db, context.dialect, query) : Promise.resolve(null),
  ]);
  return { data: rows.map((row) => presentTo(context, kind, identity, kind.codec.decode(row), { withSecret: request.withSecret })), data2: total };
}

function withTimes<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, object: O, created: boolean): O {
  const now = formatTime(context.clock.now());
  const out = object as Record<string, unknown>;
  if (created && has(kind, 'createdTime')) out.createdTime = now;
  if (has(kind, 'updatedTime')) out.updatedTime = now;
  return object;
}

async function requireOrganization(context: AppContext, name: string): Promise<void> {
  if (!name) throw new ApiError('object.organization_required');
  const row = await findRow(context.db, 'organization', { owner: ADMIN_OWNER, name });
  if (!row) throw new ApiError('object.organization_not_found', { name });
}

/** Where a new or moved object may go: the owner and organization its placement allows, in an existing organization. */
async function checkPlacement<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, object: O): Promise<void> {
  const owner = String(object.owner ?? '');
  switch (kind.placement) {
    case 'organization':
      return requireOrganization(context, owner);
    case 'organization-itself':
      if (owner !== ADMIN_OWNER) throw new ApiError('object.owner_must_be_admin');
      return;
    case 'admin-with-organization': {
      const organization = organizationOf(kind, object);
      if (owner !== ADMIN_OWNER && !(kind.ownerMayBeOrganization && owner === organization)) throw new ApiError('object.owner_must_be_admin');
      return requireOrganization(context, organization);
    }
    case 'global-or-organization':
      if (owner !== ADMIN_OWNER) await requireOrganization(context, owner);
  }
}

const alreadyExists = (owner: string, name: string) => new ApiError('object.already_exists', { id: formatId(owner, name) });

export async function inTransaction<T>(context: AppContext, owner: string, name: string, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await context.db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyExists(owner, name);
    throw error;
  }
}

/** A value a body really gives (not absent, null, empty text or an empty list). */
const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);

export interface PreparedObject<O> {
  object: O;
  organization: string;
}

/**
 * A new object from a body, checked and ready to insert: unknown and read-only fields dropped, the
 * name and placement checked, the caller an administrator of where it goes, the kind's defaults,
 * hashes and seals applied.
 */
export async function prepareNewObject<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, caller: Caller, body: Record<string, unknown>): Promise<PreparedObject<O>> {
  const defaults = kind.codec.defaults() as Record<string, unknown>;
  const draft = structuredClone(defaults);
  const ignored = new Set<string>(kind.fields.readOnly.filter((field) => !(kind.fields.addOnly ?? []).includes(field)));
  for (const field of fieldsOf(kind)) {
    if (!Object.hasOwn(body, field) || ignored.has(field)) continue;
    draft[field] = body[field] === null ? structuredClone(defaults[field]) : body[field];
  }
  if (kind.placement === 'organization-itself' || (kind.placement === 'admin-with-organization' && !draft.owner)) draft.owner = ADMIN_OWNER;
  checkName(draft.name);
  const object = withTimes(context, kind, draft as O, true);
  await checkPlacement(context, kind, object);
  const organization = organizationOf(kind, object);
  const ownObject = kind.selfMay?.add && kind.selfOf?.(caller.identity, object);
  if (!canAdminister(caller.identity, organization) && !ownObject) throw notAllowed();
  if (!caller.identity.isGlobalAdmin) {
    for (const field of kind.fields.globalOnly ?? []) {
      if (!sameValue(draft[field], defaults[field])) throw new ApiError('object.field_not_writable', { field });
    }
  }
  // Before the kind's hooks, which may hash a password or generate a key pair; the insert checks again.
  if (await findRow(context.db, kind.table, { owner: String(object.owner), name: String(object.name) })) throw alreadyExists(String(object.owner), String(object.name));
  const ready = await kind.hooks.prepareAdd(context, object, caller);
  // What the body named, as the hooks completed it; what the server filled in itself is its own.
  await checkReferences(context, kind, ready, caller, (column) => !ignored.has(column) && isGiven(body[column]));
  return { object: ready, organization };
}

/**
 * Inserts prepared objects in one transaction, each followed by the kind's afterAdd, then runs what
 * waits for the commit. An id that is taken is a clear error.
 */
export async function insertPrepared<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, prepared: readonly PreparedObject<O>[]): Promise<void> {
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
function committed<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, onCommit: OnCommit | void): void {
  kind.hooks.afterCommit(context);
  onCommit?.(context);
}

/** add-<object>: the whole object from the body, placed where the caller administers. */
export async function addObject<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, caller: Caller, body: Record<string, unknown>): Promise<WriteResult> {
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

function checkIdentityChange<O extends AnyObject>(kind: ObjectKind<O>, caller: Caller, stored: O, next: O, changed: Set<string>): void {
  const renamed = changed.has('name');
  const moved = organizationOf(kind, next) !== organizationOf(kind, stored) || next.owner !== stored.owner;
  if (!renamed && !moved) return;
  if (kind.builtIns?.includes(formatId(String(stored.owner), String(stored.name)))) throw new ApiError('object.built_in_protected', { id: formatId(String(stored.owner), String(stored.name)) });
  if (renamed) checkName(next.name);
  if (!moved) return;
  if (!kind.movable) throw new ApiError('object.cannot_move');
  if (!canAdminister(caller.identity, organizationOf(kind, next))) throw notAllowed();
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
export async function updateObject<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, caller: Caller, request: UpdateRequest): Promise<WriteResult> {
  const id = parseId(request.id);
  const stored = await findObject(context, kind, { owner: id.owner, name: id.name });
  if (!stored) {
    refuseForeignId(kind, caller.identity, id);
    return { changed: false, organization: organizationNamedBy(kind, id) ?? '' };
  }
  const access = accessTo(kind, caller.identity, stored);
  if (access !== 'admin' && access !== 'self') throw notAllowed();
  // As get-<object> showed it to this caller: sending that back unchanged changes nothing (secrets included).
  const presented = kind.present(context, stored, { access, identity: caller.identity, withSecret: false, detail: true });
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
  checkIdentityChange(kind, caller, stored, merged, changed);
  if (changed.has('owner') || changed.has('organization')) await checkPlacement(context, kind, merged);
  const update = { caller, stored, changed };
  const next = await kind.hooks.prepareUpdate(context, merged, update);
  await checkReferences(context, kind, next, caller, (column) => changed.has(column));
  const organization = organizationOf(kind, stored);
  if (Object.keys(changedColumns(kind, stored, next)).length === 0) return { changed: false, organization };
  const values = changedColumns(kind, stored, withTimes(context, kind, next, false));
  const target = { owner: String(next.owner), name: String(next.name) };
  let onCommit: OnCommit | void = undefined;
  const updated = await inTransaction(context, target.owner, target.name, async (trx) => {
    if (values.owner !== undefined || values.name !== undefined) {
      if (await findRow(trx, kind.table, target)) throw alreadyExists(target.owner, target.name);
    }
    const count = await updateRows(trx, kind.table, { owner: id.owner, name: id.name }, values);
    if (count === 0) return false;
    if (target.owner !== id.owner || target.name !== id.name) await renameReferences(trx, context, kind.references ?? [], id, target);
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

/** delete-<object>: by the `id` query, or by the body's owner and name as Casdoor's clients send them. */
export async function deleteObject<O extends AnyObject>(context: AppContext, kind: ObjectKind<O>, caller: Caller, request: DeleteRequest): Promise<WriteResult> {
  const id = request.id
    ? parseId(request.id)
    : { owner: String(request.body.owner || (kind.placement === 'organization' || kind.placement === 'global-or-organization' ? '' : ADMIN_OWNER)), name: String(request.body.name ?? '') };
  if (!id.owner || !id.name) throw new ApiError('general.missing_parameter', { name: 'id' });
  const stored = await findObject(context, kind, { owner: id.owner, name: id.name });
  if (!stored) {
    refuseForeignId(kind, caller.identity, id);
    return { changed: false, organization: organizationNamedBy(kind, id) ?? '' };
  }
  const access = accessTo(kind, caller.identity, stored);
  if (access !== 'admin' && !(access === 'self' && kind.selfMay?.delete)) throw notAllowed();
  const organization = organizationOf(kind, stored);
  if (kind.builtIns?.includes(formatId(id.owner, id.name))) throw new ApiError('object.built_in_protected', { id: formatId(id.owner, id.name) });
  for (const reference of kind.usedBy ?? []) {
    if (await isReferenced(context, reference, id)) throw new ApiError('object.in_use', { id: formatId(id.owner, id.name) });
  }
  await kind.hooks.checkDelete(context, stored, caller);
  let onCommit: OnCommit | void = undefined;
  const changed = await context.db.transaction().execute(async (trx) => {
    const removed = await kind.hooks.remove(trx, context, stored);
    if (removed) onCommit = await kind.hooks.afterDelete(trx, context, stored);
    return removed;
  });
  if (changed) committed(context, kind, onCommit);
  return { changed, organization };
}
