import { allRights, created, displayName, named, organizationField } from './common-fields';
import type { ResourceSpec } from './types';

/** Codes that let people sign up to an organization (Casdoor's invitations). */
export const invitations: ResourceSpec = {
  kind: 'invitations',
  api: {
    list: 'get-invitations',
    get: 'get-invitation',
    add: 'add-invitation',
    update: 'update-invitation',
    delete: 'delete-invitation',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'code', label: 'fields.code', render: 'mono' },
    { name: 'quota', label: 'fields.quota', sortable: true },
    { name: 'usedCount', label: 'fields.used_count', sortable: true },
    { name: 'state', label: 'fields.state', sortable: true },
    created,
  ],
  searchFields: ['name', 'displayName', 'code', 'email', 'state'],
  fields: [
    organizationField,
    named,
    displayName,
    { name: 'code', label: 'fields.code', kind: 'text' },
    { name: 'defaultCode', label: 'fields.default_code', kind: 'text' },
    { name: 'quota', label: 'fields.quota', kind: 'number' },
    { name: 'state', label: 'fields.state', kind: 'select', options: ['Active', 'Suspended'] },
    { name: 'expireTime', label: 'fields.expire_time', kind: 'text' },
    {
      name: 'application',
      label: 'fields.application',
      kind: 'select',
      optionsFrom: { kind: 'applications', value: 'name' },
    },
    {
      name: 'signupGroup',
      label: 'fields.signup_group',
      kind: 'select',
      optionsFrom: { kind: 'groups', value: 'name' },
    },
    { name: 'username', label: 'fields.username', kind: 'text' },
    { name: 'email', label: 'fields.email', kind: 'email' },
    { name: 'phone', label: 'fields.phone', kind: 'text' },
  ],
  defaults: { quota: 1, state: 'Active' },
  defaultSort: { field: 'createdTime', order: 'descend' },
  can: allRights,
};
