import type { ColumnSpec, FieldSpec, ResourceSpec } from './types';

/** Fields, columns and rights that many kinds of object share. */
export const organizationField: FieldSpec = {
  name: 'owner',
  label: 'fields.organization',
  kind: 'select',
  required: true,
  fixedAfterCreate: true,
  optionsFrom: { kind: 'organizations', value: 'name' },
};
export const named: FieldSpec = { name: 'name', label: 'fields.name', kind: 'text', required: true };
export const displayName: FieldSpec = { name: 'displayName', label: 'fields.display_name', kind: 'text' };
export const description: FieldSpec = {
  name: 'description',
  label: 'fields.description',
  kind: 'textarea',
  wide: true,
};
export const enabled: FieldSpec = { name: 'isEnabled', label: 'fields.is_enabled', kind: 'switch' };
export const created: ColumnSpec = {
  name: 'createdTime',
  label: 'fields.created_time',
  sortable: true,
  render: 'time',
};
/** Opened, created, edited and deleted from the console. */
export const allRights: ResourceSpec['can'] = { open: true, create: true, edit: true, delete: true };
