import { Envelope, Group } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { listObjects } from '../objects/read-service.ts';
import { ObjectListQuery, objectRoutes } from '../objects/routes.ts';
import { GroupTreeNode, groupKind, groupTree } from './kind.ts';

const GroupsAnswer = Envelope(
  T.Union([T.Array(Group), T.Array(GroupTreeNode)], { description: 'The groups, or with withTree=true their tree' }),
  T.Union([T.Integer({ description: 'The total count, when p and pageSize are given' }), T.Null()]),
);

/** Groups: the generic object routes; get-groups also answers the tree with withTree=true. */
export function groupRoutes(context: AppContext) {
  return new Elysia({ name: 'groups' })
    .use(objectRoutes(context, groupKind, { omit: ['list'] }))
    .use(auth(context))
    .get(
      '/api/get-groups',
      async ({ identity, query }) => {
        const result = await listObjects(context, groupKind, identity, { query });
        if (query.withTree !== 'true') return ok(result.data, result.data2);
        const owner = query.owner || identity.organization;
        return ok(groupTree(result.data, owner));
      },
      {
        admin: true,
        query: T.Composite([
          ObjectListQuery,
          T.Object({ withTree: T.Optional(T.String({ description: 'true: the groups as a tree' })) }),
        ]),
        response: GroupsAnswer,
        detail: { summary: 'List the groups of an organization, or their tree with withTree=true', tags: ['Groups'] },
      },
    );
}
