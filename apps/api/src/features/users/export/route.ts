import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { noteAuditOrganization } from '../../objects/audit-target.ts';
import { callerOf } from '../../objects/routes.ts';
import { exportUsersCsv } from './export-users.ts';

const truthy = (value: string | undefined) => value === '1' || value === 'true';

/**
 * GET /api/export-users (a Latchkey addition): the users of the organization `owner` (the caller's
 * own by default) as a CSV file that upload-users reads back. Secrets (password hashes, access key
 * pairs) only for a global administrator who asks for them with `secrets=1`.
 */
export function exportUsersRoute(context: AppContext) {
  return new Elysia({ name: 'export-users' }).use(auth(context)).get(
    '/api/export-users',
    ({ identity, query, request }) => {
      const caller = callerOf(identity);
      const organization = query.owner || caller.identity.organization;
      requireAdminOf(identity, organization);
      const withSecrets = truthy(query.secrets);
      if (withSecrets && !identity.isGlobalAdmin) throw new ApiError('object.export_secrets_global_only');
      noteAuditOrganization(request, organization);
      const date = context.clock.now().toISOString().slice(0, 10);
      return new Response(exportUsersCsv(context, organization, withSecrets), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="users-${encodeURIComponent(organization)}-${date}.csv"`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
    {
      admin: true,
      query: T.Object({
        owner: T.Optional(T.String({ description: 'The organization whose users are exported' })),
        secrets: T.Optional(
          T.String({ description: '1: add password hashes and access key pairs (global administrators only)' }),
        ),
      }),
      detail: {
        summary: "Download an organization's users as CSV (upload-users reads the file back)",
        description:
          'No password hashes or other secrets unless a global administrator asks with secrets=1. Cells that a spreadsheet would run as a formula start with a quote.',
        tags: ['Users'],
        responses: {
          200: {
            description: 'The CSV file, or the error envelope',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/json': {
                schema: { $ref: '#/components/schemas/ErrorEnvelope' },
                example: { status: 'error', msg: 'You are not allowed to do this.', data: null, data2: null },
              },
            },
          },
        },
      },
    },
  );
}
