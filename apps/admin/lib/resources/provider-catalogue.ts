import type { FieldSpec } from './types';

/**
 * The provider categories and types the console offers (Casdoor's names, those Latchkey sends,
 * checks or signs in with), and the fields each type uses, with its own label and help.
 */
export interface ProviderTypeSpec {
  /** Casdoor's `type`. */
  type: string;
  fields: readonly FieldSpec[];
}

const secret = { kind: 'password' } as const;

const clientId: FieldSpec = {
  name: 'clientId',
  label: 'fields.client_id',
  kind: 'text',
  help: 'provider_form.client_id_help',
};
const clientSecret: FieldSpec = {
  name: 'clientSecret',
  label: 'fields.client_secret',
  ...secret,
  help: 'provider_form.secret_help',
};
const scopes: FieldSpec = { name: 'scopes', label: 'fields.scopes', kind: 'text', help: 'provider_form.scopes_help' };
const oauth = (type: string, ...more: FieldSpec[]): ProviderTypeSpec => ({
  type,
  fields: [clientId, clientSecret, ...more, scopes],
});

const fromAddress: FieldSpec = {
  name: 'clientId2',
  label: 'provider_form.from_address',
  kind: 'email',
  help: 'provider_form.from_address_help',
};
const fromName: FieldSpec = {
  name: 'clientSecret2',
  label: 'provider_form.from_name',
  ...secret,
  help: 'provider_form.from_name_help',
};
const method: FieldSpec = {
  name: 'method',
  label: 'fields.method',
  kind: 'select',
  options: ['POST', 'GET', 'PUT', 'DELETE'],
  help: 'provider_form.method_help',
};
const contentType: FieldSpec = {
  name: 'issuerUrl',
  label: 'fields.content_type',
  kind: 'select',
  options: ['application/x-www-form-urlencoded', 'application/json'],
  help: 'provider_form.content_type_help',
};

const siteKeys = (type: string): ProviderTypeSpec => ({
  type,
  fields: [
    { name: 'clientId', label: 'provider_form.site_key', kind: 'text', help: 'provider_form.site_key_help' },
    { name: 'clientSecret', label: 'provider_form.secret_key', ...secret, help: 'provider_form.secret_help' },
  ],
});

export const providerCatalogue: Record<string, readonly ProviderTypeSpec[]> = {
  OAuth: [
    oauth('GitHub'),
    oauth('Google'),
    oauth('AzureAD', {
      name: 'domain',
      label: 'provider_form.tenant',
      kind: 'text',
      help: 'provider_form.tenant_help',
    }),
    oauth('GitLab'),
    oauth('Discord'),
    // Casdoor's fields for Apple: the Services ID, the Team ID (sealed), the Key ID and the key's text (sealed).
    {
      type: 'Apple',
      fields: [
        {
          name: 'clientId',
          label: 'provider_form.apple_services_id',
          kind: 'text',
          help: 'provider_form.apple_services_id_help',
        },
        {
          name: 'clientSecret',
          label: 'provider_form.apple_team_id',
          ...secret,
          help: 'provider_form.apple_team_id_help',
        },
        {
          name: 'clientId2',
          label: 'provider_form.apple_key_id',
          kind: 'text',
          help: 'provider_form.apple_key_id_help',
        },
        { name: 'clientSecret2', label: 'provider_form.apple_key', ...secret, help: 'provider_form.apple_key_help' },
        scopes,
      ],
    },
    oauth(
      'Custom',
      { name: 'issuerUrl', label: 'provider_form.issuer_url', kind: 'url', help: 'provider_form.issuer_url_help' },
      {
        name: 'customAuthUrl',
        label: 'fields.custom_auth_url',
        kind: 'url',
        help: 'provider_form.custom_urls_help',
      },
      {
        name: 'customTokenUrl',
        label: 'fields.custom_token_url',
        kind: 'url',
        help: 'provider_form.custom_urls_help',
      },
      {
        name: 'customUserInfoUrl',
        label: 'fields.custom_user_info_url',
        kind: 'url',
        help: 'provider_form.custom_urls_help',
      },
    ),
  ],
  Email: [
    {
      type: 'Default',
      fields: [
        { name: 'host', label: 'fields.host', kind: 'text', required: true, help: 'provider_form.smtp_host_help' },
        { name: 'port', label: 'fields.port', kind: 'number', help: 'provider_form.smtp_port_help' },
        {
          name: 'disableSsl',
          label: 'provider_form.disable_ssl',
          kind: 'switch',
          help: 'provider_form.disable_ssl_help',
        },
        {
          name: 'clientId',
          label: 'provider_form.smtp_username',
          kind: 'text',
          help: 'provider_form.smtp_username_help',
        },
        { name: 'clientSecret', label: 'fields.password', ...secret, help: 'provider_form.secret_help' },
        fromAddress,
        fromName,
      ],
    },
    {
      type: 'SendGrid',
      fields: [
        { name: 'clientSecret', label: 'provider_form.api_key', ...secret, help: 'provider_form.secret_help' },
        fromAddress,
        fromName,
        { name: 'host', label: 'provider_form.api_base_url', kind: 'url', help: 'provider_form.sendgrid_url_help' },
      ],
    },
    {
      type: 'Custom HTTP Email',
      fields: [
        {
          name: 'endpoint',
          label: 'provider_form.endpoint',
          kind: 'url',
          required: true,
          help: 'provider_form.email_endpoint_help',
        },
        method,
        contentType,
        fromAddress,
        fromName,
      ],
    },
  ],
  SMS: [
    {
      type: 'Twilio',
      fields: [
        { name: 'clientId', label: 'provider_form.account_sid', kind: 'text', help: 'provider_form.account_sid_help' },
        { name: 'clientSecret', label: 'provider_form.auth_token', ...secret, help: 'provider_form.secret_help' },
        { name: 'appId', label: 'provider_form.sender_number', kind: 'text', help: 'provider_form.sender_number_help' },
        {
          name: 'templateCode',
          label: 'provider_form.template',
          kind: 'text',
          help: 'provider_form.template_help',
        },
      ],
    },
    {
      type: 'Custom HTTP SMS',
      fields: [
        {
          name: 'endpoint',
          label: 'provider_form.endpoint',
          kind: 'url',
          required: true,
          help: 'provider_form.sms_endpoint_help',
        },
        method,
        contentType,
        { name: 'title', label: 'provider_form.text_field', kind: 'text', help: 'provider_form.text_field_help' },
        {
          name: 'templateCode',
          label: 'provider_form.template',
          kind: 'text',
          help: 'provider_form.template_help',
        },
      ],
    },
  ],
  Captcha: [
    { type: 'Default', fields: [] },
    siteKeys('reCAPTCHA v2'),
    siteKeys('reCAPTCHA v3'),
    siteKeys('hCaptcha'),
    siteKeys('Cloudflare Turnstile'),
  ],
};

export const providerCategories = Object.keys(providerCatalogue);

/** The types of a category the console offers; none for a category it does not know. */
export const providerTypesOf = (category: string): string[] =>
  (providerCatalogue[category] ?? []).map((entry) => entry.type);

/** The fields a type uses; undefined for a category or type the console does not know. */
export function providerTypeFields(category: string, type: string): readonly FieldSpec[] | undefined {
  return providerCatalogue[category]?.find((entry) => entry.type === type)?.fields;
}

/** Categories whose providers can be sent a test message from the console. */
export const testableCategories = new Set(['Email', 'SMS']);

/** The general form's fields, which every type's own fields may reuse. */
const generalFields = new Set([
  'clientId',
  'clientSecret',
  'customAuthUrl',
  'customTokenUrl',
  'customUserInfoUrl',
  'scopes',
  'host',
  'port',
  'providerUrl',
]);

/** The fields some types use and the general form does not show, once each. */
export const providerTypeOnlyFields: FieldSpec[] = [
  ...new Map(
    Object.values(providerCatalogue)
      .flatMap((types) => types.flatMap((entry) => entry.fields))
      .filter((field) => !generalFields.has(field.name))
      .map((field) => [field.name, { ...field, required: false, variantOnly: true }] as const),
  ).values(),
];
