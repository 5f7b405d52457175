import { existingNames, type TableName } from '@latchkey/db';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { parseId } from './id.ts';

/**
 * Checks a list of `organization/name` ids that an object of `owner` refers to (a role's users, a
 * permission's roles …): each must be of the same organization and exist; `organization/*` stands
 * for all of them where `wildcard` allows it. Another organization's objects are never accepted, so
 * that no organization's roles or permissions can reach into another's.
 */
export async function checkMembers(
  context: AppContext,
  owner: string,
  field: string,
  ids: readonly string[],
  table: TableName,
  options: { wildcard?: boolean; exclude?: string } = {},
): Promise<void> {
  const names = new Set<string>();
  for (const id of ids) {
    const { owner: memberOwner, name } = parseId(id);
    if (memberOwner !== owner) throw new ApiError('object.member_of_other_organization', { field, id });
    if (name === '*' && options.wildcard) continue;
    if (options.exclude && id === options.exclude) throw new ApiError('object.member_is_itself', { field });
    names.add(name);
  }
  if (names.size === 0) return;
  const found = await existingNames(context.db, table, owner, [...names]);
  const missing = [...names].find((name) => !found.has(name));
  if (missing !== undefined) throw new ApiError('object.member_not_found', { field, id: `${owner}/${missing}` });
}

/** A member list without its empty entries: Casdoor's Python SDK sends `[""]` for an empty list. */
export const withoutEmpty = (ids: readonly string[]): string[] => ids.filter((id) => id !== '');

/**
 * A reference to another object of the same organization, written as a bare name or as
 * `owner/name`; answers the id ('' stays ''). `shared` lists the ids of other organizations'
 * objects it may also name (the kind's shared built-ins).
 */
export function sameOrganizationId(
  owner: string,
  field: string,
  value: string,
  shared: readonly string[] = [],
): string {
  if (!value) return '';
  if (!value.includes('/')) return `${owner}/${value}`;
  const id = parseId(value);
  if (id.owner !== owner && !shared.includes(value))
    throw new ApiError('object.member_of_other_organization', { field, id: value });
  return value;
}
