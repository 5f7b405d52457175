import { allRights } from './common-fields';
import type { ResourceSpec } from './types';

export const webhookEvents = [
  'signup',
  'new-user',
  'login',
  'logout',
  'add-user',
  'update-user',
  'delete-user',
  'add-organization',
  'update-organization',
  'delete-organization',
  'add-application',
  'update-application',
  'delete-application',
] as const;

export const webhooks: ResourceSpec = {
  kind: 'webhooks',
  api: {
    list: 'get-webhooks',
    get: 'get-webhook',
    add: 'add-webhook',
    update: 'update-webhook',
    delete: 'delete-webhook',
  },
  ownership: 'site-with-organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'organization', label: 'fields.organization', sortable: true },
    { name: 'url', label: 'fields.url', sortable: true, render: 'mono' },
    { name: 'events', label: 'fields.events', render: 'tags' },
    { name: 'isEnabled', label: 'fields.is_enabled', render: 'flag' },
  ],
  searchFields: ['name', 'url', 'organization'],
  fields: [
    {
      name: 'organization',
      label: 'fields.organization',
      kind: 'select',
      required: true,
      fixedAfterCreate: true,
      optionsFrom: { kind: 'organizations', value: 'name' },
    },
    { name: 'name', label: 'fields.name', kind: 'text', required: true },
    { name: 'url', label: 'fields.url', kind: 'url', required: true, wide: true },
    { name: 'method', label: 'fields.method', kind: 'select', options: ['POST', 'GET', 'PUT', 'DELETE'] },
    {
      name: 'contentType',
      label: 'fields.content_type',
      kind: 'select',
      options: ['application/json', 'application/x-www-form-urlencoded'],
    },
    { name: 'events', label: 'fields.events', kind: 'multiselect', options: webhookEvents, wide: true },
    { name: 'isUserExtended', label: 'fields.is_user_extended', kind: 'switch' },
    { name: 'singleOrgOnly', label: 'fields.single_org_only', kind: 'switch' },
    { name: 'isEnabled', label: 'fields.is_enabled', kind: 'switch' },
  ],
  defaults: {
    owner: 'admin',
    method: 'POST',
    contentType: 'application/json',
    events: ['signup', 'login'],
    isEnabled: true,
    headers: [],
  },
  can: allRights,
};

export const records: ResourceSpec = {
  kind: 'records',
  api: { list: 'get-records' },
  ownership: 'organization',
  columns: [
    { name: 'createdTime', label: 'records.time', sortable: true, render: 'time' },
    { name: 'user', label: 'records.caller', sortable: true, render: 'caller' },
    { name: 'method', label: 'fields.method', sortable: true },
    { name: 'action', label: 'fields.action', sortable: true },
    { name: 'requestUri', label: 'fields.request_uri', render: 'mono' },
    { name: 'response', label: 'records.outcome', render: 'outcome' },
    { name: 'statusCode', label: 'fields.status_code', sortable: true },
    { name: 'clientIp', label: 'fields.client_ip', sortable: true },
  ],
  searchFields: ['user', 'action', 'requestUri', 'clientIp'],
  listFilters: ['outcome', 'action', 'from', 'to'],
  fields: [],
  defaultSort: { field: 'createdTime', order: 'descend' },
  can: { open: false, create: false, edit: false, delete: false },
};
