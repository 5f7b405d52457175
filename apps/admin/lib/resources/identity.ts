import { languageCodes } from '@latchkey/i18n';
import type { PortalKey } from '../i18n/messages';
import { allRights, created, displayName, named } from './common-fields';
import type { ResourceSpec } from './types';

export const grantTypes = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
  'password',
  'token',
  'id_token',
  'urn:ietf:params:oauth:grant-type:device_code',
] as const;

export const tokenFormats = ['JWT', 'JWT-Empty', 'JWT-Standard', 'JWT-Custom'] as const;

const grantTypeHelp: Record<(typeof grantTypes)[number], PortalKey> = {
  authorization_code: 'grant_type_help.authorization_code',
  refresh_token: 'grant_type_help.refresh_token',
  client_credentials: 'grant_type_help.client_credentials',
  password: 'grant_type_help.password',
  token: 'grant_type_help.token',
  id_token: 'grant_type_help.id_token',
  'urn:ietf:params:oauth:grant-type:device_code': 'grant_type_help.device_code',
};

const tokenFormatHelp: Record<(typeof tokenFormats)[number], PortalKey> = {
  JWT: 'token_format_help.jwt',
  'JWT-Empty': 'token_format_help.jwt_empty',
  'JWT-Standard': 'token_format_help.jwt_standard',
  'JWT-Custom': 'token_format_help.jwt_custom',
};

export const organizations: ResourceSpec = {
  kind: 'organizations',
  api: {
    list: 'get-organizations',
    get: 'get-organization',
    add: 'add-organization',
    update: 'update-organization',
    delete: 'delete-organization',
  },
  ownership: 'site',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'websiteUrl', label: 'fields.website_url' },
    created,
  ],
  searchFields: ['name', 'displayName', 'websiteUrl'],
  fields: [
    named,
    displayName,
    // After creation, logo, website, favicon, colour and languages are edited in the page's sign-in experience section.
    { name: 'websiteUrl', label: 'fields.website_url', kind: 'url', createOnly: true },
    { name: 'logo', label: 'fields.logo', kind: 'url', createOnly: true },
    {
      name: 'defaultApplication',
      label: 'fields.default_application',
      kind: 'select',
      optionsFrom: { kind: 'applications', value: 'name' },
    },
    { name: 'tags', label: 'fields.tags', kind: 'tags', help: 'help.tags' },
    { name: 'initScore', label: 'fields.init_score', kind: 'number' },
    { name: 'enableSoftDeletion', label: 'fields.enable_soft_deletion', kind: 'switch' },
    { name: 'isProfilePublic', label: 'fields.is_profile_public', kind: 'switch' },
    { name: 'disableSignin', label: 'fields.disable_signin', kind: 'switch' },
  ],
  defaults: { passwordType: 'argon2id', languages: [...languageCodes], isProfilePublic: false },
  can: allRights,
};

export const users: ResourceSpec = {
  kind: 'users',
  api: {
    list: 'get-users',
    globalList: 'get-global-users',
    get: 'get-user',
    add: 'add-user',
    update: 'update-user',
    delete: 'delete-user',
  },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'email', label: 'fields.email', sortable: true },
    { name: 'isAdmin', label: 'fields.is_admin', render: 'flag' },
    { name: 'isForbidden', label: 'users.status', render: 'blocked' },
    { name: 'lastSigninTime', label: 'users.last_signin', sortable: true, render: 'time' },
    created,
  ],
  searchFields: ['name', 'displayName', 'email', 'phone', 'tag'],
  fields: [
    {
      name: 'owner',
      label: 'fields.organization',
      kind: 'select',
      required: true,
      fixedAfterCreate: true,
      optionsFrom: { kind: 'organizations', value: 'name' },
    },
    named,
    displayName,
    {
      name: 'password',
      label: 'fields.password',
      kind: 'password',
      required: true,
      createOnly: true,
      help: 'help.password_new_user',
    },
    { name: 'email', label: 'fields.email', kind: 'email' },
    { name: 'phone', label: 'fields.phone', kind: 'text' },
    { name: 'firstName', label: 'fields.first_name', kind: 'text' },
    { name: 'lastName', label: 'fields.last_name', kind: 'text' },
    { name: 'affiliation', label: 'fields.affiliation', kind: 'text' },
    { name: 'title', label: 'fields.title', kind: 'text' },
    { name: 'avatar', label: 'fields.avatar', kind: 'url' },
    { name: 'tag', label: 'fields.tag', kind: 'text' },
    { name: 'language', label: 'fields.language', kind: 'select', options: languageCodes },
    { name: 'groups', label: 'fields.groups', kind: 'tags', optionsFrom: { kind: 'groups', value: 'id' } },
    { name: 'isAdmin', label: 'fields.is_admin', kind: 'switch' },
    // Blocking an existing user is the Security section's, with its confirmation.
    { name: 'isForbidden', label: 'fields.is_forbidden', kind: 'switch', createOnly: true },
  ],
  defaults: { type: 'normal-user' },
  can: allRights,
};

export const groups: ResourceSpec = {
  kind: 'groups',
  api: { list: 'get-groups', get: 'get-group', add: 'add-group', update: 'update-group', delete: 'delete-group' },
  ownership: 'organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'owner', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'type', label: 'fields.type', sortable: true },
    { name: 'isEnabled', label: 'fields.is_enabled', render: 'flag' },
    created,
  ],
  searchFields: ['name', 'displayName', 'type'],
  fields: [
    {
      name: 'owner',
      label: 'fields.organization',
      kind: 'select',
      required: true,
      fixedAfterCreate: true,
      optionsFrom: { kind: 'organizations', value: 'name' },
    },
    named,
    displayName,
    { name: 'type', label: 'fields.type', kind: 'select', options: ['Virtual', 'Physical'] },
    { name: 'parentId', label: 'fields.parent_id', kind: 'select', optionsFrom: { kind: 'groups', value: 'name' } },
    { name: 'manager', label: 'fields.manager', kind: 'text' },
    { name: 'contactEmail', label: 'fields.contact_email', kind: 'email' },
    { name: 'isEnabled', label: 'fields.is_enabled', kind: 'switch' },
  ],
  defaults: { type: 'Virtual', isEnabled: true, isTopGroup: true },
  can: allRights,
};

export const applications: ResourceSpec = {
  kind: 'applications',
  api: {
    list: 'get-applications',
    get: 'get-application',
    add: 'add-application',
    update: 'update-application',
    delete: 'delete-application',
  },
  ownership: 'site-with-organization',
  columns: [
    { name: 'name', label: 'fields.name', sortable: true },
    { name: 'organization', label: 'fields.organization', sortable: true },
    { name: 'displayName', label: 'fields.display_name', sortable: true },
    { name: 'clientId', label: 'fields.client_id', render: 'mono' },
    created,
  ],
  searchFields: ['name', 'displayName', 'organization', 'clientId'],
  fields: [
    {
      name: 'organization',
      label: 'fields.organization',
      kind: 'select',
      required: true,
      fixedAfterCreate: true,
      optionsFrom: { kind: 'organizations', value: 'name' },
    },
    named,
    displayName,
    { name: 'description', label: 'fields.description', kind: 'textarea', wide: true },
    { name: 'homepageUrl', label: 'fields.homepage_url', kind: 'url' },
    { name: 'logo', label: 'fields.logo', kind: 'url' },
    { name: 'termsOfUse', label: 'fields.terms_of_use', kind: 'url', help: 'help.terms_of_use' },
    { name: 'redirectUris', label: 'fields.redirect_uris', kind: 'tags', help: 'help.redirect_uris', wide: true },
    {
      name: 'grantTypes',
      label: 'fields.grant_types',
      kind: 'multiselect',
      options: grantTypes,
      optionHelp: grantTypeHelp,
      help: 'help.grant_types',
      wide: true,
    },
    {
      name: 'tokenFormat',
      label: 'fields.token_format',
      kind: 'select',
      options: tokenFormats,
      optionHelp: tokenFormatHelp,
    },
    { name: 'cert', label: 'fields.cert', kind: 'select', optionsFrom: { kind: 'certs', value: 'name' } },
    { name: 'expireInHours', label: 'fields.expire_in_hours', kind: 'number' },
    { name: 'refreshExpireInHours', label: 'fields.refresh_expire_in_hours', kind: 'number' },
    { name: 'cookieExpireInHours', label: 'fields.cookie_expire_in_hours', kind: 'number' },
    { name: 'failedSigninLimit', label: 'fields.failed_signin_limit', kind: 'number' },
    { name: 'failedSigninFrozenTime', label: 'fields.failed_signin_frozen_time', kind: 'number' },
    { name: 'enablePassword', label: 'fields.enable_password', kind: 'switch' },
    { name: 'enableSignUp', label: 'fields.enable_sign_up', kind: 'switch' },
    { name: 'disableSignin', label: 'fields.disable_signin', kind: 'switch' },
    { name: 'requireMfa', label: 'security.require_mfa', kind: 'switch', help: 'security.require_mfa_help' },
  ],
  defaults: {
    owner: 'admin',
    cert: 'cert-built-in',
    enablePassword: true,
    enableSignUp: false,
    grantTypes: ['authorization_code', 'refresh_token'],
    tokenFormat: 'JWT',
    expireInHours: 168,
    refreshExpireInHours: 168,
    cookieExpireInHours: 720,
    failedSigninLimit: 5,
    failedSigninFrozenTime: 15,
    redirectUris: [],
  },
  can: allRights,
};
