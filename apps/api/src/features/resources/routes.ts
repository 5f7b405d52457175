import { AffectedEnvelope, Envelope } from '@latchkey/types';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { ok } from '../../http/envelope.ts';
import { auth } from '../../http/plugins/auth.ts';
import { noteAuditOrganization } from '../objects/audit-target.ts';
import { parseObjectBody } from '../objects/body.ts';
import { requireParameter } from '../objects/id.ts';
import { listObjects } from '../objects/read-service.ts';
import { ListEnvelope, ObjectListQuery, OneEnvelope, writeAnswer } from '../objects/routes.ts';
import { writeSchema } from '../objects/write-schema.ts';
import { toJsonSchema } from '../openapi/named-schemas.ts';
import { resourceKind } from './kind.ts';
import { addResource, deleteResource, getResource, updateResource, uploadResource } from './service.ts';

const tags = ['Resources'];
const IdQuery = T.Object({
  id: T.Optional(
    T.String({
      description: 'owner/name; the name is the object key and may hold slashes',
      examples: ['acme//avatars/alice.png'],
    }),
  ),
});
const ResourceBody = writeSchema(resourceKind.schema);

const UploadQuery = T.Object({
  owner: T.Optional(T.String({ description: "The organization (the caller's own by default)" })),
  user: T.Optional(T.String({ description: 'The user the file belongs to', examples: ['alice'] })),
  application: T.Optional(T.String()),
  tag: T.Optional(
    T.String({
      description: 'avatar, termsOfUse and idCard… replace a file of the same name; others get a numbered name',
    }),
  ),
  parent: T.Optional(T.String()),
  fullFilePath: T.Optional(
    T.String({
      description: 'The path of the file in the storage, such as avatars/alice.png',
      examples: ['avatars/alice.png'],
    }),
  ),
  createdTime: T.Optional(T.String()),
  description: T.Optional(T.String()),
  provider: T.Optional(
    T.String({ description: "The Storage provider (by name); default: the application's, else the data folder" }),
  ),
});
const UploadForm = T.Object({
  file: T.String({ contentMediaType: 'application/octet-stream', description: 'The file' }),
});

/**
 * Resources (stored files), for administrators of their organization: upload-resource stores a
 * file with the organization's Storage provider (the data folder by default) and records it;
 * the other routes list, read, record, update and delete the records, delete also the file.
 */
export function resourceRoutes(context: AppContext) {
  return new Elysia({ name: 'resources' })
    .use(auth(context))
    .get(
      '/api/get-resources',
      async ({ identity, query }) => {
        const result = await listObjects(context, resourceKind, identity, { query });
        return ok(result.data, result.data2);
      },
      {
        admin: true,
        query: T.Composite([
          ObjectListQuery,
          T.Object({
            user: T.Optional(
              T.String({
                description: "Ignored: an administrator sees every resource of the organization (Casdoor's rule)",
              }),
            ),
          }),
        ]),
        response: ListEnvelope(resourceKind.schema),
        detail: {
          summary: 'List the resources of an organization (p, pageSize, field, value, sortField, sortOrder)',
          tags,
        },
      },
    )
    .get(
      '/api/get-resource',
      async ({ identity, query }) => ok(await getResource(context, identity, requireParameter(query.id, 'id'))),
      {
        admin: true,
        query: IdQuery,
        response: OneEnvelope(resourceKind.schema),
        detail: { summary: 'One resource by id (owner/name); data is null when there is none', tags },
      },
    )
    .post(
      '/api/add-resource',
      async ({ identity, body, request }) => writeAnswer(request, await addResource(context, identity, body)),
      {
        admin: true,
        parse: parseObjectBody,
        body: ResourceBody,
        response: AffectedEnvelope,
        detail: { summary: 'Record a resource without a file (the file fields stay empty)', tags },
      },
    )
    .post(
      '/api/update-resource',
      async ({ identity, body, query, request }) =>
        writeAnswer(
          request,
          await updateResource(context, identity, requireParameter(query.id, 'id'), body, query.columns),
        ),
      {
        admin: true,
        parse: parseObjectBody,
        body: ResourceBody,
        query: T.Composite([
          IdQuery,
          T.Object({ columns: T.Optional(T.String({ description: 'Comma-separated fields to take from the body' })) }),
        ]),
        response: AffectedEnvelope,
        detail: { summary: "Update a resource's user, application, tag, parent, fileName or description", tags },
      },
    )
    .post(
      '/api/delete-resource',
      async ({ identity, body, query, request }) =>
        writeAnswer(request, await deleteResource(context, identity, { id: query.id, body })),
      {
        admin: true,
        parse: parseObjectBody,
        body: ResourceBody,
        query: IdQuery,
        response: AffectedEnvelope,
        detail: { summary: "Delete a resource and its file (by the id query, or the body's owner and name)", tags },
      },
    )
    .post(
      '/api/upload-resource',
      async ({ identity, body, query, request }) => {
        const file = (body as { file?: unknown } | undefined)?.file;
        if (!(file instanceof Blob)) throw new ApiError('resource.file_required');
        const stored = await uploadResource(context, identity, {
          ...query,
          file: { bytes: new Uint8Array(await file.arrayBuffer()), type: file.type },
        });
        noteAuditOrganization(request, stored.organization);
        return ok(stored.url, stored.name);
      },
      {
        admin: true,
        query: UploadQuery,
        response: Envelope(
          T.String({ description: 'The URL of the file' }),
          T.String({ description: 'The object key: the name of the resource' }),
        ),
        detail: {
          summary:
            'Store a file (multipart field "file") and record it as a resource; data is its URL, data2 its object key',
          description: `At most LATCHKEY_UPLOAD_LIMIT bytes. Files in the data folder are served at /files/<organization>/<object key>, as downloads unless they are pictures or media.`,
          tags,
          requestBody: { required: true, content: { 'multipart/form-data': { schema: toJsonSchema(UploadForm) } } },
        },
      },
    );
}
