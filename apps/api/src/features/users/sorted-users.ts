import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { MAX_PAGE_SIZE } from '../objects/list-query.ts';
import { listObjects } from '../objects/read-service.ts';
import { ListEnvelope } from '../objects/routes.ts';
import { userKind } from './kind.ts';

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** `sorter` as Casdoor takes it (a column, such as created_time) or as a field (createdTime); only sortable fields. */
function sortFieldOf(sorter: string | undefined): string {
  const field = camelCase((sorter ?? '').trim()) || 'createdTime';
  if (!userKind.listing.sortable.includes(field))
    throw new ApiError('object.unknown_sort_field', { field: (sorter ?? '').slice(0, 100) });
  return field;
}

function limitOf(limit: string | undefined): number {
  const raw = (limit ?? '').trim();
  if (raw === '' || raw === '0') return MAX_PAGE_SIZE;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) > MAX_PAGE_SIZE)
    throw new ApiError('general.invalid_parameter', { name: 'limit' });
  return Number(raw);
}

/**
 * GET /api/get-sorted-users?owner=&sorter=&limit=: the first `limit` users of an organization by
 * `sorter`, highest first, as Casdoor answers them (masked as in get-users).
 */
export function sortedUsersRoute(context: AppContext) {
  return new Elysia({ name: 'sorted-users' }).use(auth(context)).get(
    '/api/get-sorted-users',
    async ({ identity, query }) => {
      const sortField = sortFieldOf(query.sorter);
      const limit = limitOf(query.limit);
      const owner = query.owner || identity.organization;
      const result = await listObjects(context, userKind, identity, {
        query: { owner, p: '1', pageSize: String(limit), sortField, sortOrder: 'descend' },
      });
      return ok(result.data);
    },
    {
      admin: true,
      query: T.Object({
        owner: T.Optional(T.String({ description: "The organization (the caller's own by default)" })),
        sorter: T.Optional(
          T.String({
            description:
              'The field to sort by, highest first: created_time (the default), updated_time, name, display_name, email, phone, last_signin_time or score',
            examples: ['created_time'],
          }),
        ),
        limit: T.Optional(
          T.String({
            description: `How many users (1 to ${MAX_PAGE_SIZE}; empty for ${MAX_PAGE_SIZE})`,
            examples: ['25'],
          }),
        ),
      }),
      response: ListEnvelope(userKind.schema),
      detail: { summary: 'The first users of an organization by one field, highest first', tags: ['Users'] },
    },
  );
}
