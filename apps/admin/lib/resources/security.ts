import { allRights, created, displayName, named, organizationField } from './common-fields';
import { providerCategories, providerTypeOnlyFields } from './provider-catalogue';
import type { ResourceSpec } from './types';

export const certs: ResourceSpec = {
  kind: 'certs',
  api: {
    list: 'get-certs',
    globalList: 'get-global-certs',
    get: 'get-cert',
    add: 'add-cert',
    update: 'update-cert',
    delete: 'delete-cert',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.owner', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'cryptoAlgorithm', label: 'fields.crypto_algorithm', sortable: true },
    { name: 'expireTime', label: 'fields.expire_time', sortable: true, render: 'time' },
  ],
  searchFields: ['name', 'displayName', 'cryptoAlgorithm'],
  fields: [
    organizationField,
    named,
    displayName,
    {
      name: 'cryptoAlgorithm',
      label: 'fields.crypto_algorithm',
      kind: 'select',
      options: ['RS256', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
      fixedAfterCreate: true,
      help: 'help.cert_generated',
    },
    {
      name: 'bitSize',
      label: 'fields.bit_size',
      kind: 'select',
      options: ['2048', '3072', '4096'],
      fixedAfterCreate: true,
    },
    { name: 'expireInYears', label: 'fields.expire_in_years', kind: 'number', fixedAfterCreate: true },
    // Once created, the certificate is shown with its public key, to copy or download.
    { name: 'certificate', label: 'fields.certificate', kind: 'code', wide: true, createOnly: true },
  ],
  defaults: { scope: 'JWT', type: 'x509', cryptoAlgorithm: 'RS256', bitSize: 2048, expireInYears: 20 },
  can: allRights,
};

export const providers: ResourceSpec = {
  kind: 'providers',
  api: {
    list: 'get-providers',
    globalList: 'get-global-providers',
    get: 'get-provider',
    add: 'add-provider',
    update: 'update-provider',
    delete: 'delete-provider',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.owner', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'category', label: 'fields.category', sortable: true },
    { name: 'type', label: 'fields.type', sortable: true },
    created,
  ],
  searchFields: ['name', 'displayName', 'category', 'type'],
  fields: [
    organizationField,
    named,
    displayName,
    {
      name: 'category',
      label: 'fields.category',
      kind: 'select',
      options: providerCategories,
      required: true,
    },
    { name: 'type', label: 'fields.type', kind: 'text', required: true },
    { name: 'clientId', label: 'fields.client_id', kind: 'text' },
    { name: 'clientSecret', label: 'fields.client_secret', kind: 'password' },
    { name: 'customAuthUrl', label: 'fields.custom_auth_url', kind: 'url' },
    { name: 'customTokenUrl', label: 'fields.custom_token_url', kind: 'url' },
    { name: 'customUserInfoUrl', label: 'fields.custom_user_info_url', kind: 'url' },
    { name: 'scopes', label: 'fields.scopes', kind: 'text' },
    { name: 'host', label: 'fields.host', kind: 'text' },
    { name: 'port', label: 'fields.port', kind: 'number' },
    { name: 'providerUrl', label: 'fields.provider_url', kind: 'url' },
    // The fields only some types use (see the catalogue): read and sent by the form of those types.
    ...providerTypeOnlyFields,
  ],
  defaults: { category: 'OAuth', type: 'GitHub', method: 'Normal' },
  can: allRights,
};

export const keys: ResourceSpec = {
  kind: 'keys',
  api: {
    list: 'get-keys',
    globalList: 'get-global-keys',
    get: 'get-key',
    add: 'add-key',
    update: 'update-key',
    delete: 'delete-key',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'user', label: 'fields.user', sortable: true },
    { name: 'application', label: 'fields.application', sortable: true },
    { name: 'accessKey', label: 'fields.access_key', render: 'mono' },
    { name: 'state', label: 'fields.state', sortable: true },
    { name: 'expireTime', label: 'fields.expire_time', sortable: true, render: 'time' },
  ],
  searchFields: ['name', 'displayName', 'user', 'application', 'accessKey'],
  fields: [
    organizationField,
    named,
    displayName,
    {
      name: 'user',
      label: 'fields.user',
      kind: 'select',
      optionsFrom: { kind: 'users', value: 'name' },
      help: 'help.key_generated',
    },
    {
      name: 'application',
      label: 'fields.application',
      kind: 'select',
      optionsFrom: { kind: 'applications', value: 'name' },
    },
    { name: 'expireTime', label: 'fields.expire_time', kind: 'datetime', help: 'help.key_expiry' },
    { name: 'state', label: 'fields.state', kind: 'select', options: ['Active', 'Inactive'] },
  ],
  defaults: { type: 'User', state: 'Active' },
  can: allRights,
};

export const tokens: ResourceSpec = {
  kind: 'tokens',
  api: { list: 'get-tokens', get: 'get-token', delete: 'delete-token' },
  ownership: 'site-with-organization',
  columns: [
    { name: 'application', label: 'fields.application', sortable: true },
    { name: 'user', label: 'fields.user', sortable: true },
    { name: 'organization', label: 'fields.organization', sortable: true },
    { name: 'scope', label: 'fields.scope' },
    { name: 'createdTime', label: 'fields.issued', sortable: true, render: 'time' },
    { name: 'expiresIn', label: 'fields.expires', sortable: true, render: 'expiry' },
  ],
  searchFields: ['application', 'user', 'scope', 'grantType'],
  fields: [],
  can: { open: false, create: false, edit: false, delete: true },
  deleteVerb: 'tokens.revoke',
};

export const sessions: ResourceSpec = {
  kind: 'sessions',
  api: { list: 'get-sessions', delete: 'delete-session' },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.user', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'application', label: 'fields.application', sortable: true },
    { name: 'createdTime', label: 'fields.created_time', sortable: true, render: 'time' },
    { name: 'sessionId', label: 'fields.session_ids', render: 'status' },
  ],
  searchFields: ['name', 'application'],
  fields: [],
  can: { open: false, create: false, edit: false, delete: true },
  deleteVerb: 'sessions.revoke',
};
