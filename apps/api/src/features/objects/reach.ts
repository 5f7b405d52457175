import { findRow, type TableName } from '@latchkey/db';
import { BUILT_IN_ORGANIZATION } from '../../core/built-in-names.ts';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import type { Identity } from '../../core/identity/identity.ts';
import { ADMIN_OWNER, organizationNamedBy, organizationOf } from './access.ts';
import { everyKind } from './every-kind.ts';
import { formatId, parseId } from './id.ts';
import type { AnyObject, Caller, ObjectKind } from './kind.ts';
import type { Reference } from './references.ts';

/** A field of one table that names objects of another kind, as that kind declares it (its `references`). */
export interface ReferenceField {
  target: ObjectKind<AnyObject>;
  reference: Reference;
}

/** Every field of `table` that names another object, whichever kind declares it. */
export function referenceFieldsOf(
  table: TableName,
  kinds: readonly ObjectKind<AnyObject>[] = everyKind,
): ReferenceField[] {
  return kinds.flatMap((target) =>
    (target.references ?? [])
      .filter((reference) => reference.table === table)
      .map((reference) => ({ target, reference })),
  );
}

/** The columns a reference is written in. */
export function columnsOf(reference: Reference): string[] {
  return reference.holds === 'owner-and-name' ? [reference.ownerColumn, reference.nameColumn] : [reference.column];
}

/**
 * Whether an object of `organization` may name `target`: an object of the same organization, a
 * global object every organization may use (a cert or provider owned by "admin", a shared object
 * of `built-in` such as Casdoor's default model), or — for a global administrator only — any other
 * object of `built-in` (the portal's application, say). Never another organization's.
 */
export function mayName<O extends AnyObject>(
  identity: Identity,
  organization: string,
  kind: ObjectKind<O>,
  target: O,
): boolean {
  if (kind.placement === 'global-or-organization' && target.owner === ADMIN_OWNER) return true;
  if (kind.sharedBuiltIns?.includes(formatId(String(target.owner), String(target.name)))) return true;
  const owner = organizationOf(kind, target);
  if (owner === organization) return true;
  return identity.isGlobalAdmin && owner === BUILT_IN_ORGANIZATION;
}

interface Named {
  /** As written in the field, for the error. */
  value: string;
  /** The object it names, if any; undefined for a wildcard that names a whole organization. */
  find?: () => Promise<AnyObject | undefined>;
  /** For a wildcard (`organization/*`): the organization it stands for. */
  organization?: string;
  /** The one organization whose object the name can ever stand for, where the field alone tells it. */
  onlyIn?: string;
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' && value ? (JSON.parse(value) as unknown[]) : [];

async function findObject(
  context: AppContext,
  kind: ObjectKind<AnyObject>,
  key: Record<string, string>,
): Promise<AnyObject | undefined> {
  const row = await findRow(context.db, kind.table, key);
  return row ? (kind.codec.decode(row) as AnyObject) : undefined;
}

/** The objects one field of `object` names. */
function namedBy(context: AppContext, { target, reference }: ReferenceField, object: AnyObject): Named[] {
  const shared = target.placement === 'global-or-organization';
  switch (reference.holds) {
    case 'name': {
      const value = text(object[reference.column]);
      if (!value) return [];
      const within = reference.within ? text(object[reference.within]) : undefined;
      if (reference.organizationMeansNone && value === within) return [];
      const find = async () =>
        within === undefined
          ? findObject(context, target, { name: value })
          : ((await findObject(context, target, { owner: within, name: value })) ??
            (shared ? findObject(context, target, { owner: ADMIN_OWNER, name: value }) : undefined));
      // A name within the owner of an organization's objects, or of a namespace that a rename follows only within its organization.
      const onlyIn = reference.organizationColumn
        ? text(object[reference.organizationColumn])
        : target.placement === 'organization'
          ? within
          : undefined;
      return [{ value, find, onlyIn }];
    }
    case 'owner-and-name': {
      const owner = text(object[reference.ownerColumn]);
      const name = text(object[reference.nameColumn]);
      return name ? [{ value: `${owner}/${name}`, find: () => findObject(context, target, { owner, name }) }] : [];
    }
    case 'id':
    case 'id-list': {
      const nothing = reference.holds === 'id' ? (reference.namesNothing ?? []) : [];
      const values = (reference.holds === 'id' ? [object[reference.column]] : listOf(object[reference.column]))
        .map(text)
        .filter((value) => value && !nothing.includes(value));
      return values.map((value) => {
        const { owner, name } = parseId(value);
        return name === '*'
          ? { value, organization: owner }
          : {
              value,
              find: () => findObject(context, target, { owner, name }),
              onlyIn: organizationNamedBy(target, { owner, name }),
            };
      });
    }
    case 'item-list': {
      const within = text(object[reference.within]);
      return listOf(object[reference.column]).flatMap((item) => {
        const { owner = '', name = '' } = (item ?? {}) as { owner?: string; name?: string };
        if (!name) return [];
        const find = async () =>
          owner
            ? findObject(context, target, { owner, name })
            : ((await findObject(context, target, { owner: within, name })) ??
              (shared ? findObject(context, target, { owner: ADMIN_OWNER, name }) : undefined));
        return [{ value: owner ? `${owner}/${name}` : name, find }];
      });
    }
    case 'name-list': {
      const within = text(object[reference.within]);
      return listOf(object[reference.column])
        .map(text)
        .filter(Boolean)
        .map((name) => ({
          value: name,
          find: async () =>
            (await findObject(context, target, { owner: within, name })) ??
            (shared ? findObject(context, target, { owner: ADMIN_OWNER, name }) : undefined),
        }));
    }
  }
}

/**
 * Whether a field may name an object that does not exist (yet): only a field that allows it, and
 * only where the name can never stand for anything but an object of the referring object's own
 * organization (or, for a global administrator, of `built-in`, as mayName lets them name). A name
 * that could stand for another organization's object is refused exactly as naming that object is,
 * so that a refusal never tells whether another organization has an object of that name.
 */
function mayNameNothingYet(identity: Identity, organization: string, reference: Reference, named: Named): boolean {
  if (!('mayNameNothingYet' in reference) || !reference.mayNameNothingYet || named.onlyIn === undefined) return false;
  return named.onlyIn === organization || (identity.isGlobalAdmin && named.onlyIn === BUILT_IN_ORGANIZATION);
}

/**
 * Refuses an object whose reference fields name anything outside its organization (see mayName),
 * or nothing at all (a dangling name could later be taken by another organization's object), but
 * where the field allows a name that can only ever stand for its own organization's object (see
 * mayNameNothingYet). `touched` says which columns the caller wrote; the others are the server's and
 * are not checked.
 */
export async function checkReferences<O extends AnyObject>(
  context: AppContext,
  kind: ObjectKind<O>,
  object: O,
  caller: Caller,
  touched: (column: string) => boolean,
): Promise<void> {
  const organization = organizationOf(kind, object);
  for (const field of referenceFieldsOf(kind.table)) {
    if (!columnsOf(field.reference).some(touched)) continue;
    const column = field.reference.holds === 'owner-and-name' ? field.reference.nameColumn : field.reference.column;
    for (const named of namedBy(context, field, object)) {
      const refuse = () =>
        new ApiError('object.reference_out_of_reach', { field: column, value: named.value }, { field: column });
      if (!named.find) {
        if (named.organization !== organization) throw refuse();
        continue;
      }
      const target = await named.find();
      if (
        target
          ? !mayName(caller.identity, organization, field.target, target)
          : !mayNameNothingYet(caller.identity, organization, field.reference, named)
      )
        throw refuse();
    }
  }
}
