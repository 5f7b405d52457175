import { translate } from '@latchkey/i18n';
import { Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { requireAdminOf } from '../../../core/identity/privileges.ts';
import { ok } from '../../../http/envelope.ts';
import { auth } from '../../../http/plugins/auth.ts';
import { requestStateOf } from '../../../http/request-state.ts';
import { noteAuditOrganization } from '../../objects/audit-target.ts';
import { callerOf } from '../../objects/routes.ts';
import { toJsonSchema } from '../../openapi/named-schemas.ts';
import { readTableFile } from './table-file.ts';
import { uploadUsers } from './upload-users.ts';

/** The form the route reads (itself, to answer a missing file with its own message). */
const UploadForm = T.Object({
  file: T.String({
    contentMediaType: 'application/octet-stream',
    description: 'A CSV or XLSX file: a header row of User field names, then one user per row',
  }),
});
const UploadAnswer = Envelope(
  T.Object({
    added: T.Array(T.String(), { description: 'Names of the users added' }),
    skipped: T.Array(T.String(), { description: 'Names of users that exist already' }),
    ignoredColumns: T.Array(T.String(), { description: 'Header cells that are no User field' }),
  }),
);

/**
 * POST /api/upload-users: a multipart `file` (CSV or XLSX) of users for the organization `owner`
 * (the caller's own by default). All or nothing: a file with bad rows writes nothing and the
 * answer lists every row, good and bad.
 */
export function uploadUsersRoute(context: AppContext) {
  return new Elysia({ name: 'upload-users' }).use(auth(context)).post(
    '/api/upload-users',
    async ({ identity, body, query, request }) => {
      const caller = callerOf(identity);
      const organization = query.owner || caller.identity.organization;
      requireAdminOf(identity, organization);
      noteAuditOrganization(request, organization);
      const file = (body as { file?: unknown } | undefined)?.file;
      if (!(file instanceof Blob)) throw new ApiError('object.upload_file_required');
      const table = await readTableFile(new Uint8Array(await file.arrayBuffer()));
      const outcome = await uploadUsers(context, caller, organization, table.rows, table.lines);
      if (outcome.problems.length > 0) {
        const { language } = requestStateOf(request);
        throw new ApiError(
          'object.upload_rejected',
          { count: outcome.problems.length },
          {
            accepted: outcome.accepted,
            rejected: outcome.problems.map((problem) => ({
              row: problem.row,
              name: problem.name,
              msg: translate(language, problem.code, problem.params),
            })),
          },
        );
      }
      return ok({ added: outcome.added, skipped: outcome.skipped, ignoredColumns: outcome.ignoredColumns });
    },
    {
      admin: true,
      query: T.Object({ owner: T.Optional(T.String({ description: 'The organization to add the users to' })) }),
      response: UploadAnswer,
      detail: {
        summary: 'Add users from a CSV or XLSX file (multipart field "file"); a file with bad rows adds nothing',
        description:
          'When any row is bad, nothing is added and the error envelope lists every row in data: {accepted, rejected: [{row, name, msg}]}; row is the line a row starts on in a CSV file (the header is line 1), the row number in a sheet.',
        tags: ['Users'],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: toJsonSchema(UploadForm) } } },
      },
    },
  );
}
