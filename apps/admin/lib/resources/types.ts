import type { PortalKey } from '../i18n/messages';

/** The objects the console manages; each is also its URL segment. */
export const resourceKinds = [
  'organizations',
  'users',
  'groups',
  'invitations',
  'applications',
  'certs',
  'providers',
  'tokens',
  'sessions',
  'roles',
  'permissions',
  'models',
  'enforcers',
  'keys',
  'webhooks',
  'records',
] as const;

export type ResourceKind = (typeof resourceKinds)[number];

export function isResourceKind(value: string): value is ResourceKind {
  return (resourceKinds as readonly string[]).includes(value);
}

/**
 * How Casdoor owns an object:
 * - `site`: owner "admin" (organizations themselves);
 * - `organization`: owner is the organization (users, roles, …);
 * - `site-with-organization`: owner "admin" plus an `organization` field (applications, tokens, webhooks).
 */
export type Ownership = 'site' | 'organization' | 'site-with-organization';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'code'
  | 'password'
  | 'switch'
  | 'number'
  | 'select'
  | 'multiselect'
  | 'tags'
  | 'url'
  | 'email'
  | 'datetime';

export interface FieldSpec {
  /** The object's JSON property. */
  name: string;
  label: PortalKey;
  kind: FieldKind;
  required?: boolean;
  /** Fixed choices (select, multiselect, tags suggestions). */
  options?: readonly string[];
  /** Choices read from the API: objects of this kind in the object's organization, by name or by id (owner/name). */
  optionsFrom?: { kind: ResourceKind; value: 'name' | 'id' };
  /** Shown only when creating (an initial password). */
  createOnly?: boolean;
  /** Fixed once created. */
  fixedAfterCreate?: boolean;
  help?: PortalKey;
  /** One line of help under each fixed choice of a select or multiselect, by choice. */
  optionHelp?: Readonly<Record<string, PortalKey>>;
  /** Takes the whole row of the form. */
  wide?: boolean;
  /** Offers Casbin's model templates above the field (a model's text). */
  templates?: 'casbin-model';
  /** Shown only where a variant of the form asks for it (a provider type's own field), never in the general form. */
  variantOnly?: boolean;
}

export type ColumnRender =
  | 'text'
  | 'time'
  | 'flag'
  | 'tags'
  | 'mono'
  | 'status'
  | 'expiry'
  | 'caller'
  | 'outcome'
  /** A user's `isForbidden`: Blocked or Active. */
  | 'blocked';

export interface ColumnSpec {
  name: string;
  label: PortalKey;
  sortable?: boolean;
  render?: ColumnRender;
}

export interface ApiNames {
  list: string;
  /** All organizations at once (a global administrator with no organization chosen). */
  globalList?: string;
  get?: string;
  add?: string;
  update?: string;
  delete?: string;
}

export interface ResourceSpec {
  kind: ResourceKind;
  api: ApiNames;
  ownership: Ownership;
  /** Columns of the list; the first links to the object. */
  columns: readonly ColumnSpec[];
  /** Fields offered by the search box (Casdoor's `field`). */
  searchFields: readonly string[];
  /** Fields of the create and edit form. */
  fields: readonly FieldSpec[];
  /** Values a new object starts with. */
  defaults?: Record<string, unknown>;
  /** The list's default sort. */
  /** Filters of the list's own besides the search (the audit log's outcome, action and dates), kept in the URL. */
  listFilters?: readonly ListFilter[];
  defaultSort?: { field: string; order: 'ascend' | 'descend' };
  /** Objects can be opened, created, changed, deleted from the console. */
  can: { open: boolean; create: boolean; edit: boolean; delete: boolean };
  /** Delete is called "revoke" (tokens) or "sign out" (sessions). */
  deleteVerb?: PortalKey;
}

/** A list filter the API takes as a query parameter of the same name (get-records). */
export type ListFilter = 'outcome' | 'action' | 'from' | 'to';
