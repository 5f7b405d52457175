import { AuditRecord } from '@latchkey/types';
import { defineKind } from '../objects/kind.ts';

/**
 * The audit log, read-only over the API: one record per write (who, what, when, from where),
 * owned by the organization the write concerned. Administrators read their organization's.
 */
export const recordKind = defineKind<AuditRecord>({
  name: 'record',
  schema: AuditRecord,
  placement: 'organization',
  listing: {
    filterable: {
      user: 'text',
      organization: 'exact',
      action: 'exact',
      method: 'exact',
      clientIp: 'exact',
      requestUri: 'text',
      statusCode: 'number',
    },
    sortable: ['createdTime', 'user', 'action', 'organization'],
  },
});
