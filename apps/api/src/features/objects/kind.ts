import type { Database } from '@latchkey/db';
import { codecs, deleteRows, type StoredRow, type TableName } from '@latchkey/db';
import type { TObject } from '@sinclair/typebox';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../core/context.ts';
import type { Identity, SignedInIdentity } from '../../core/identity/identity.ts';
import type { Audience } from '../../core/identity/privileges.ts';
import type { FieldRules } from './fields.ts';
import type { Listing } from './list-query.ts';
import type { Reference } from './references.ts';

export type AnyObject = Record<string, unknown>;
export type Trx = Transaction<Database>;

/** Where an object lives, which decides who administers it and how its lists are narrowed. */
export type Placement =
  /** `owner` is its organization (users, roles, keys …). */
  | 'organization'
  /** The organization object itself: owner "admin", administered by the admins of that organization. */
  | 'organization-itself'
  /** owner "admin" and an `organization` field saying whose it is (applications, tokens, webhooks). */
  | 'admin-with-organization'
  /** owner "admin" for objects every organization may use (certs, providers), else its organization. */
  | 'global-or-organization';

/** Who may call a route at all (identity's audiences); what they may do with one object is decided per object. */
export type { Audience } from '../../core/identity/privileges.ts';

/** What a caller is to one object: its administrator, the user it describes, a reader of a public view, or nothing. */
export type Access = 'admin' | 'self' | 'viewer' | 'none';

export interface View {
  access: Exclude<Access, 'none'>;
  identity: Identity;
  /** `withSecret=1` asked by a global administrator. */
  withSecret: boolean;
  /** One object asked by id (get-<object>), rather than a list; some secrets show only there. */
  detail?: boolean;
}

export interface Caller {
  identity: SignedInIdentity;
  /** `organization/name` of a user, `app/name` of an application. */
  id: string;
}

/**
 * Work that must wait until a write has committed (notifying other systems), handed back by an
 * after-hook that ran inside the transaction. It runs only if the transaction commits, and must not
 * delay the answer (queue it in the background).
 */
export type OnCommit = (context: AppContext) => void;
/** What an after-write hook hands back: work for after the commit, or nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a hook with nothing to hand back end without a return statement.
export type AfterWrite = void | OnCommit;

/** An update as its hooks see it: who writes, the object as stored, and the fields the caller changed. */
export interface Update<O extends AnyObject> {
  caller: Caller;
  stored: O;
  changed: ReadonlySet<string>;
}

/**
 * An object's lifecycle: what a kind adds to the generic add, update and delete. The write service
 * (write-service.ts) runs these steps in this order, each step exactly one hook; defineKind fills
 * in those a kind leaves out. `[…]` is one transaction.
 *
 *   add:    generic checks → prepareAdd    → references → [insert, afterAdd]              → afterCommit
 *   update: generic checks → prepareUpdate → references → [update, renames, afterUpdate] → afterCommit
 *   delete: generic checks → checkDelete                → [remove, afterDelete]           → afterCommit
 *
 * The generic checks come first: the caller's rights, the name, the placement, a rename or move,
 * built-in objects and, for a delete, the objects that still use this one.
 */
export interface ObjectHooks<O extends AnyObject> {
  /** Completes a new object (defaults, generated keys, hashes, seals) and refuses what is invalid; before the transaction. */
  prepareAdd(context: AppContext, object: O, caller: Caller): Promise<O> | O;
  /** Same for an update: checks and completes what the caller changed (`update.changed`); before the transaction. */
  prepareUpdate(context: AppContext, next: O, update: Update<O>): Promise<O> | O;
  /** Refuses a delete (an object still in use, a caller who may not) before anything is written. */
  checkDelete(context: AppContext, object: O, caller: Caller): Promise<void> | void;
  /** Work that must commit with an add; may hand back work for after the commit. */
  afterAdd(trx: Trx, context: AppContext, object: O): Promise<AfterWrite>;
  /** Work that must commit with an update (references, sessions, policies); may hand back work for after the commit. */
  afterUpdate(trx: Trx, context: AppContext, next: O, update: Update<O>): Promise<AfterWrite>;
  /** Removes the stored object: deletes its row, unless the kind deletes softly; answers whether anything changed. */
  remove(trx: Trx, context: AppContext, object: O): Promise<boolean>;
  /** Work that must commit with a delete; may hand back work for after the commit. */
  afterDelete(trx: Trx, context: AppContext, object: O): Promise<AfterWrite>;
  /** After any write of this kind has committed: for this node's caches of such objects. */
  afterCommit(context: AppContext): void;
}

/** The hooks of a kind that adds nothing to a step: objects pass through unchanged, a delete removes the row. */
function plainHooks<O extends AnyObject>(table: TableName): ObjectHooks<O> {
  return {
    prepareAdd: (_context, object) => object,
    prepareUpdate: (_context, next) => next,
    checkDelete: () => undefined,
    afterAdd: async () => undefined,
    afterUpdate: async () => undefined,
    remove: async (trx, _context, object) =>
      (await deleteRows(trx, table, { owner: String(object.owner), name: String(object.name) })) > 0,
    afterDelete: async () => undefined,
    afterCommit: () => undefined,
  };
}

export interface Codec<O> {
  encode(object: Partial<O>): StoredRow;
  decode(row: StoredRow): O;
  defaults(): O;
}

/** One kind of Casdoor object, described once; the generic services and routes do the rest. */
export interface ObjectKind<O extends AnyObject = AnyObject> {
  /** Singular route noun: get-user, add-user … */
  name: string;
  /** Plural route noun: get-users. */
  plural: string;
  /** OpenAPI tag. */
  tag: string;
  table: TableName;
  /** The public shape (also the route schema); its properties are the fields the API reads and writes. */
  schema: TObject;
  codec: Codec<O>;
  placement: Placement;
  /** Who may call get-<objects>, get-<object> and the write routes (update-<object> may differ, for self-service). */
  audience: { list: Audience; get: Audience; write: Audience; update?: Audience };
  listing: Listing;
  fields: FieldRules<AnyObject>;
  /** `owner/name` ids that can be neither deleted, renamed nor moved. */
  builtIns?: readonly string[];
  /**
   * `owner/name` ids of `built-in` objects that every organization may name in its references, to
   * use them as they are (Casdoor's default model and adapter): only global administrators change them.
   */
  sharedBuiltIns?: readonly string[];
  /** Whether an object is the caller's own (a user's record, a user's key): they may read it and update `selfWritable` fields. */
  selfOf?(identity: Identity, object: O): boolean;
  /** What else a caller may do with their own objects (`list`: a user who administers nothing lists their own). */
  selfMay?: { add?: boolean; delete?: boolean; list?: boolean };
  /** Webhooks and syncers: owner may be "admin" or the organization itself (Casdoor's SDKs send the latter). */
  ownerMayBeOrganization?: boolean;
  /**
   * Webhooks: a global administrator may give any organization name, also one that is no organization
   * (yet), and any organization as owner, as Casdoor stores them. Everyone else places such an
   * object as `placement` says, in an organization they administer.
   */
  globalAdminPlacesFreely?: boolean;
  /** Whether an admin may give an object another owner or organization. */
  movable: boolean;
  /** Which organization administers an object, when it is not what the placement says. */
  organizationOf?(object: O): string;
  /** Non-administrators who may read an object, as `viewer`. */
  viewableBy?(identity: Identity, object: O): boolean;
  /** The object as a caller with this view sees it (secrets masked or opened). */
  present(context: AppContext, object: O, view: View): O;
  /** Its lifecycle (see ObjectHooks): every hook is there, those the kind did not write do nothing. */
  hooks: ObjectHooks<O>;
  /** Other objects that name this one, kept in step when it is renamed. */
  references?: readonly Reference[];
  /** Objects that use this one: while any does, it cannot be deleted. */
  usedBy?: readonly Reference[];
}

/** The fields the API reads and writes: the schema's properties. */
export const fieldsOf = <O extends AnyObject>(kind: ObjectKind<O>) => Object.keys(kind.schema.properties);

/** A kind as modules write it: the usual choices may be left out (see defineKind). */
export type KindSpec<O extends AnyObject> = Omit<
  ObjectKind<O>,
  'plural' | 'tag' | 'table' | 'codec' | 'audience' | 'movable' | 'present' | 'fields' | 'hooks'
> &
  Partial<Pick<ObjectKind<O>, 'plural' | 'tag' | 'table' | 'audience' | 'movable' | 'present'>> & {
    fields?: Partial<FieldRules<O>>;
    hooks?: Partial<ObjectHooks<O>>;
  };

const TIMESTAMPS = ['createdTime', 'updatedTime'];

/**
 * A kind with the usual choices filled in: plural `<name>s`, table `<name>` (and its codec),
 * administrators only, not movable, shown as stored, its timestamps read-only (the server sets them),
 * and the plain hooks for the steps it adds nothing to.
 */
export function defineKind<O extends AnyObject>(spec: KindSpec<O>): ObjectKind<O> {
  const plural = spec.plural ?? `${spec.name}s`;
  const table = spec.table ?? (spec.name as TableName);
  const timestamps = TIMESTAMPS.filter((field) => Object.hasOwn(spec.schema.properties, field)) as (keyof O & string)[];
  return {
    ...spec,
    plural,
    tag: spec.tag ?? plural.charAt(0).toUpperCase() + plural.slice(1),
    table,
    // The cast: each table's codec reads and writes exactly its schema's rows, which are this kind's objects (TypeScript cannot tie a table name to O).
    codec: codecs[table] as unknown as Codec<O>,
    audience: spec.audience ?? { list: 'admin', get: 'admin', write: 'admin' },
    movable: spec.movable ?? false,
    present: spec.present ?? ((_context, object) => object),
    fields: { ...spec.fields, readOnly: [...timestamps, ...(spec.fields?.readOnly ?? [])] },
    hooks: { ...plainHooks<O>(table), ...spec.hooks },
  };
}
