import { allRights, created, description, displayName, enabled, named, organizationField } from './common-fields';
import type { ColumnSpec, FieldSpec, ResourceSpec } from './types';

const members: FieldSpec[] = [
  { name: 'users', label: 'fields.users', kind: 'tags', optionsFrom: { kind: 'users', value: 'id' }, wide: true },
  { name: 'groups', label: 'fields.groups', kind: 'tags', optionsFrom: { kind: 'groups', value: 'id' } },
  { name: 'roles', label: 'fields.roles', kind: 'tags', optionsFrom: { kind: 'roles', value: 'id' } },
  { name: 'domains', label: 'fields.domains', kind: 'tags', help: 'help.tags' },
];
const columns: ColumnSpec[] = [
  { name: 'name', label: 'fields.name', sortable: true },
  { name: 'owner', label: 'fields.organization', sortable: true },
  { name: 'displayName', label: 'fields.display_name', sortable: true },
  { name: 'isEnabled', label: 'fields.is_enabled', render: 'flag' },
  created,
];

export const roles: ResourceSpec = {
  kind: 'roles',
  api: { list: 'get-roles', get: 'get-role', add: 'add-role', update: 'update-role', delete: 'delete-role' },
  ownership: 'organization',
  columns,
  searchFields: ['name', 'displayName', 'description'],
  fields: [organizationField, named, displayName, description, ...members, enabled],
  defaults: { isEnabled: true },
  can: allRights,
};

export const permissions: ResourceSpec = {
  kind: 'permissions',
  api: {
    list: 'get-permissions',
    get: 'get-permission',
    add: 'add-permission',
    update: 'update-permission',
    delete: 'delete-permission',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'effect', label: 'fields.effect', sortable: true },
    { name: 'actions', label: 'fields.actions', render: 'tags' },
    { name: 'state', label: 'fields.state', sortable: true },
    { name: 'isEnabled', label: 'fields.is_enabled', render: 'flag' },
  ],
  searchFields: ['name', 'displayName', 'description', 'resourceType'],
  fields: [
    organizationField,
    named,
    displayName,
    description,
    ...members,
    { name: 'model', label: 'fields.model', kind: 'select', optionsFrom: { kind: 'models', value: 'name' } },
    { name: 'adapter', label: 'fields.adapter', kind: 'text' },
    {
      name: 'resourceType',
      label: 'fields.resource_type',
      kind: 'select',
      options: ['Application', 'TreeNode', 'Custom', 'API'],
    },
    { name: 'resources', label: 'fields.resources', kind: 'tags', help: 'help.tags' },
    { name: 'actions', label: 'fields.actions', kind: 'tags', options: ['Read', 'Write', 'Admin'], help: 'help.tags' },
    { name: 'effect', label: 'fields.effect', kind: 'select', options: ['Allow', 'Deny'] },
    { name: 'state', label: 'fields.state', kind: 'select', options: ['Approved', 'Pending'] },
    enabled,
  ],
  defaults: { resourceType: 'Application', actions: ['Read'], effect: 'Allow', state: 'Approved', isEnabled: true },
  can: allRights,
};

export const models: ResourceSpec = {
  kind: 'models',
  api: { list: 'get-models', get: 'get-model', add: 'add-model', update: 'update-model', delete: 'delete-model' },
  ownership: 'organization',
  columns,
  searchFields: ['name', 'displayName', 'description'],
  fields: [
    organizationField,
    named,
    displayName,
    description,
    {
      name: 'modelText',
      label: 'fields.model_text',
      kind: 'code',
      required: true,
      wide: true,
      templates: 'casbin-model',
    },
    enabled,
  ],
  defaults: {
    isEnabled: true,
    modelText: [
      '[request_definition]',
      'r = sub, obj, act',
      '',
      '[policy_definition]',
      'p = sub, obj, act',
      '',
      '[role_definition]',
      'g = _, _',
      '',
      '[policy_effect]',
      'e = some(where (p.eft == allow))',
      '',
      '[matchers]',
      'm = g(r.sub, p.sub) && r.obj == p.obj && r.act == p.act',
    ].join('\n'),
  },
  can: allRights,
};

export const enforcers: ResourceSpec = {
  kind: 'enforcers',
  api: {
    list: 'get-enforcers',
    get: 'get-enforcer',
    add: 'add-enforcer',
    update: 'update-enforcer',
    delete: 'delete-enforcer',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'model', label: 'fields.model', sortable: true },
    { name: 'adapter', label: 'fields.adapter', sortable: true },
    { name: 'createdTime', label: 'fields.created_time', sortable: true, render: 'time' },
  ],
  searchFields: ['name', 'displayName', 'model', 'adapter'],
  fields: [
    organizationField,
    named,
    displayName,
    description,
    {
      name: 'model',
      label: 'fields.model',
      kind: 'select',
      required: true,
      optionsFrom: { kind: 'models', value: 'id' },
    },
    { name: 'adapter', label: 'fields.adapter', kind: 'text' },
    enabled,
  ],
  defaults: { isEnabled: true },
  can: allRights,
};
