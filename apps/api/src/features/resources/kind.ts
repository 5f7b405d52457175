import { Resource } from '@latchkey/types';
import { defineKind } from '../objects/kind.ts';

/** What the server sets from the stored file; a body's values for these are ignored. */
export const FILE_FIELDS = ['provider', 'url', 'fileSize', 'fileType', 'fileFormat'] as const;

/**
 * Stored files (Casdoor's resources), one per organization and object key. Their routes are their
 * own (resources/routes.ts): names are object keys with slashes, and deleting one deletes its file.
 */
export const resourceKind = defineKind<Resource>({
  name: 'resource',
  schema: Resource,
  placement: 'organization',
  listing: {
    filterable: {
      name: 'text',
      user: 'exact',
      application: 'exact',
      tag: 'exact',
      parent: 'exact',
      provider: 'exact',
      fileName: 'text',
      fileType: 'exact',
      fileFormat: 'exact',
    },
    sortable: ['createdTime', 'name', 'user', 'tag', 'fileName', 'fileType', 'fileSize'],
  },
  fields: { readOnly: [...FILE_FIELDS] },
});
