import { findRow, type StoredRow, selectRows, type TableName, updateRows } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import type { ObjectId } from './id.ts';
import { formatId } from './id.ts';
import type { Trx } from './kind.ts';

/**
 * A place where other rows name an object, so that a rename can follow it there. With
 * `mayNameNothingYet`, the field may also name an object that does not exist (yet) where that name
 * can only ever name an object of the referring row's own organization (see checkReferences).
 */
export type Reference =
  /**
   * A column holding the bare name; `within` names a column that must equal the object's owner (same
   * organization). With `organizationMeansNone`, the organization's own name there names no object
   * (a top group's parent). For objects whose names are one namespace for every organization
   * (applications), `organizationColumn` names the column holding the referring row's organization:
   * only an object of that organization is named there, and a rename follows only into its rows.
   */
  | {
      table: TableName;
      column: string;
      holds: 'name';
      within?: string;
      organizationMeansNone?: boolean;
      organizationColumn?: string;
      mayNameNothingYet?: boolean;
    }
  /** Two columns holding the owner and the name (a session's owner and name, a token's organization and user). */
  | { table: TableName; ownerColumn: string; nameColumn: string; holds: 'owner-and-name' }
  /**
   * A column holding the `owner/name` id; `namesNothing` lists ids that stand for no object (a
   * permission's `admin/user-model-built-in`, Casdoor's default model).
   */
  | { table: TableName; column: string; holds: 'id'; namesNothing?: readonly string[]; mayNameNothingYet?: boolean }
  /** A JSON list of `owner/name` ids. */
  | { table: TableName; column: string; holds: 'id-list' }
  /** A JSON list of items `{owner, name}` (an application's providers); an empty owner means the `within` column's organization. */
  | { table: TableName; column: string; holds: 'item-list'; within: string }
  /** A JSON list of bare names of objects of the `within` column's organization (a product's payment providers). */
  | { table: TableName; column: string; holds: 'name-list'; within: string };

/** Rows are addressed by owner and name everywhere but in the audit log, which only renames never reach. */
const rowKey = (row: StoredRow) => ({ owner: String(row.owner), name: String(row.name) });

async function renameInLists(
  trx: Trx,
  context: AppContext,
  table: TableName,
  column: string,
  from: string,
  to: string,
) {
  const rows = await selectRows(trx, context.dialect, {
    table,
    filters: [{ column, match: 'contains', value: JSON.stringify(from) }],
  });
  for (const row of rows) {
    const list = JSON.parse(String(row[column] || '[]')) as unknown;
    if (!Array.isArray(list) || !list.includes(from)) continue;
    await updateRows(trx, table, rowKey(row), {
      [column]: JSON.stringify(list.map((item) => (item === from ? to : item))),
    });
  }
}

interface NamedItem {
  owner?: string;
  name?: string;
}

/** Whether a list item names the object: its name, and its owner (or, when empty, the row's organization). */
const itemNames = (item: NamedItem, row: StoredRow, within: string, id: ObjectId) =>
  item?.name === id.name &&
  (item.owner ? item.owner === id.owner : id.owner === 'admin' || String(row[within]) === id.owner);

async function rowsWithItem(
  db: Trx | AppContext['db'],
  context: AppContext,
  reference: { table: TableName; column: string; within: string },
  id: ObjectId,
) {
  const rows = await selectRows(db, context.dialect, {
    table: reference.table,
    filters: [{ column: reference.column, match: 'contains', value: JSON.stringify(id.name) }],
  });
  return rows.filter((row) => {
    const list = JSON.parse(String(row[reference.column] || '[]')) as unknown;
    return Array.isArray(list) && list.some((item: NamedItem) => itemNames(item, row, reference.within, id));
  });
}

async function renameInItems(
  trx: Trx,
  context: AppContext,
  reference: { table: TableName; column: string; within: string },
  from: ObjectId,
  to: ObjectId,
) {
  for (const row of await rowsWithItem(trx, context, reference, from)) {
    const list = JSON.parse(String(row[reference.column])) as NamedItem[];
    const renamed = list.map((item) =>
      itemNames(item, row, reference.within, from)
        ? { ...item, name: to.name, ...(item.owner ? { owner: to.owner } : {}) }
        : item,
    );
    await updateRows(trx, reference.table, rowKey(row), { [reference.column]: JSON.stringify(renamed) });
  }
}

/** Rows of the object's organization (any, for an object owned by "admin") whose list names it. */
async function rowsWithName(
  db: Trx | AppContext['db'],
  context: AppContext,
  reference: { table: TableName; column: string; within: string },
  id: ObjectId,
) {
  const rows = await selectRows(db, context.dialect, {
    table: reference.table,
    ...(id.owner === 'admin' ? {} : { key: { [reference.within]: id.owner } }),
    filters: [{ column: reference.column, match: 'contains', value: JSON.stringify(id.name) }],
  });
  return rows.filter((row) => {
    const list = JSON.parse(String(row[reference.column] || '[]')) as unknown;
    return Array.isArray(list) && list.includes(id.name);
  });
}

async function renameInNames(
  trx: Trx,
  context: AppContext,
  reference: { table: TableName; column: string; within: string },
  from: ObjectId,
  to: ObjectId,
) {
  for (const row of await rowsWithName(trx, context, reference, from)) {
    const list = JSON.parse(String(row[reference.column])) as unknown[];
    await updateRows(trx, reference.table, rowKey(row), {
      [reference.column]: JSON.stringify(list.map((item) => (item === from.name ? to.name : item))),
    });
  }
}

/** Points every reference to `from` (an object of `organization`) at `to`, inside the transaction of the rename. */
export async function renameReferences(
  trx: Trx,
  context: AppContext,
  references: readonly Reference[],
  from: ObjectId,
  to: ObjectId,
  organization: string,
) {
  for (const reference of references) {
    switch (reference.holds) {
      case 'name': {
        const key: Record<string, string> = { [reference.column]: from.name };
        if (reference.within && from.owner !== 'admin') key[reference.within] = from.owner;
        if (reference.organizationColumn) key[reference.organizationColumn] = organization;
        await updateRows(trx, reference.table, key, { [reference.column]: to.name });
        break;
      }
      case 'owner-and-name':
        await updateRows(
          trx,
          reference.table,
          { [reference.ownerColumn]: from.owner, [reference.nameColumn]: from.name },
          { [reference.ownerColumn]: to.owner, [reference.nameColumn]: to.name },
        );
        break;
      case 'id':
        await updateRows(
          trx,
          reference.table,
          { [reference.column]: formatId(from.owner, from.name) },
          { [reference.column]: formatId(to.owner, to.name) },
        );
        break;
      case 'id-list':
        await renameInLists(
          trx,
          context,
          reference.table,
          reference.column,
          formatId(from.owner, from.name),
          formatId(to.owner, to.name),
        );
        break;
      case 'item-list':
        await renameInItems(trx, context, reference, from, to);
        break;
      case 'name-list':
        await renameInNames(trx, context, reference, from, to);
        break;
    }
  }
}

/** Whether any row still names the object (used to refuse deleting what is in use). */
export async function isReferenced(context: AppContext, reference: Reference, id: ObjectId): Promise<boolean> {
  switch (reference.holds) {
    case 'name': {
      const key: Record<string, string> = { [reference.column]: id.name };
      if (reference.within && id.owner !== 'admin') key[reference.within] = id.owner;
      return (await findRow(context.db, reference.table, key)) !== undefined;
    }
    case 'owner-and-name':
      return (
        (await findRow(context.db, reference.table, {
          [reference.ownerColumn]: id.owner,
          [reference.nameColumn]: id.name,
        })) !== undefined
      );
    case 'id':
      return (
        (await findRow(context.db, reference.table, { [reference.column]: formatId(id.owner, id.name) })) !== undefined
      );
    case 'id-list': {
      const rows = await selectRows(context.db, context.dialect, {
        table: reference.table,
        filters: [{ column: reference.column, match: 'contains', value: JSON.stringify(formatId(id.owner, id.name)) }],
        page: { offset: 0, limit: 1 },
      });
      return rows.length > 0;
    }
    case 'item-list':
      // Every matching row is read: a name may appear in rows that name another owner's object.
      return (await rowsWithItem(context.db, context, reference, id)).length > 0;
    case 'name-list':
      return (await rowsWithName(context.db, context, reference, id)).length > 0;
  }
}
