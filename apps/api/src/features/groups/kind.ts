import { findRow, selectRows } from '@latchkey/db';
import { Group } from '@latchkey/types';
import { type Static, Type as T } from '@sinclair/typebox';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { defineKind } from '../objects/kind.ts';
import { isReferenced } from '../objects/references.ts';

/** A group's parent is its organization (a top group) or another group of it; never itself or below itself. */
async function placeInTree(context: AppContext, group: Group): Promise<Group> {
  if (group.name === group.owner) throw new ApiError('object.group_named_like_organization');
  group.parentId ||= group.owner;
  group.isTopGroup = group.parentId === group.owner;
  group.key = group.name;
  group.title = group.displayName || group.name;
  const seen = new Set<string>([group.name]);
  for (let parent = group.parentId; parent !== group.owner; ) {
    if (seen.has(parent)) throw new ApiError('object.group_cycle');
    seen.add(parent);
    const row = await findRow(context.db, 'group', { owner: group.owner, name: parent });
    if (!row) throw new ApiError('object.group_not_found', { id: `${group.owner}/${parent}` });
    parent = String(row.parentId || group.owner);
  }
  return group;
}

/**
 * Groups: a tree per organization (parentId is the parent group's name, or the organization's for a
 * top group). Users name their groups in `groups`; a group with members or subgroups cannot be
 * deleted, and a renamed group is renamed in its members, subgroups, roles and permissions.
 */
export const groupKind = defineKind<Group>({
  name: 'group',
  schema: Group,
  placement: 'organization',
  listing: {
    filterable: { name: 'text', displayName: 'text', type: 'exact', parentId: 'exact', manager: 'text' },
    sortable: ['createdTime', 'updatedTime', 'name', 'displayName'],
  },
  fields: { readOnly: ['isTopGroup', 'key', 'title'] },
  hooks: {
    prepareAdd: (context, group) => placeInTree(context, group),
    prepareUpdate: (context, group) => placeInTree(context, group),
    checkDelete: async (context, group) => {
      const children = await selectRows(context.db, context.dialect, {
        table: 'group',
        key: { owner: group.owner, parentId: group.name },
        page: { offset: 0, limit: 1 },
      });
      if (children.length > 0) throw new ApiError('object.group_has_subgroups');
      if (await isReferenced(context, { table: 'user', column: 'groups', holds: 'id-list' }, group))
        throw new ApiError('object.group_has_members');
    },
  },
  references: [
    { table: 'user', column: 'groups', holds: 'id-list' },
    { table: 'role', column: 'groups', holds: 'id-list' },
    { table: 'permission', column: 'groups', holds: 'id-list' },
    { table: 'group', column: 'parentId', holds: 'name', within: 'owner', organizationMeansNone: true },
    // Sign-up joins the group only once it exists, and only in the invitation's organization.
    { table: 'invitation', column: 'signupGroup', holds: 'name', within: 'owner', mayNameNothingYet: true },
  ],
});

/** One node of get-groups?withTree=true; `children` are nodes of the same shape. */
export const GroupTreeNode = T.Object({
  owner: T.String(),
  key: T.String({ description: 'The group name' }),
  title: T.String({ description: 'The display name (else the name)' }),
  type: T.String(),
  children: T.Optional(T.Array(T.Unknown({ description: 'A node of the same shape' }))),
});
export interface GroupTreeNode extends Static<typeof GroupTreeNode> {
  children?: GroupTreeNode[];
}

/** Casdoor's withTree=true shape: nested nodes {owner, key, title, type, children} from the top groups down. */
export function groupTree(groups: readonly Group[], parent: string): GroupTreeNode[] {
  return groups
    .filter((group) => (group.parentId || group.owner) === parent)
    .map((group) => {
      const children = groupTree(groups, group.name);
      return {
        owner: group.owner,
        key: group.name,
        title: group.displayName || group.name,
        type: group.type,
        ...(children.length > 0 ? { children } : {}),
      };
    });
}
