import type { PortalKey } from '../i18n/messages';
import { records, webhooks } from './audit';
import { enforcers, models, permissions, roles } from './authorization';
import { applications, groups, organizations, users } from './identity';
import { invitations } from './invitations';
import { certs, keys, providers, sessions, tokens } from './security';
import type { ResourceKind, ResourceSpec } from './types';

export * from './types';

export const resources: Record<ResourceKind, ResourceSpec> = {
  organizations,
  users,
  groups,
  invitations,
  applications,
  certs,
  providers,
  tokens,
  sessions,
  roles,
  permissions,
  models,
  enforcers,
  keys,
  webhooks,
  records,
};

/** The id owner of an object in the URL: "admin" for organizations, applications, tokens, webhooks. */
export function ownerOf(spec: ResourceSpec, object: Record<string, unknown>): string {
  return spec.ownership === 'organization' ? String(object.owner ?? '') : 'admin';
}

/** The organization an object belongs to. */
export function organizationOf(spec: ResourceSpec, object: Record<string, unknown>): string {
  if (spec.kind === 'organizations') return String(object.name ?? '');
  return String((spec.ownership === 'site-with-organization' ? object.organization : object.owner) ?? '');
}

/** The form field that holds the organization an object belongs to (its name, for an organization). */
export function organizationFieldOf(spec: ResourceSpec): string {
  if (spec.kind === 'organizations') return 'name';
  return spec.ownership === 'site-with-organization' ? 'organization' : 'owner';
}

export function objectPath(spec: ResourceSpec, object: Record<string, unknown>): string {
  return `/${spec.kind}/${encodeURIComponent(ownerOf(spec, object))}/${encodeURIComponent(String(object.name ?? ''))}`;
}

/** The label of an object property: `displayName` → `fields.display_name`. */
export function fieldLabel(name: string): PortalKey {
  return `fields.${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}` as PortalKey;
}

/** Whether the console offers to create this kind: new organizations are the global administrators' alone. */
export function offersCreate(spec: ResourceSpec, account: { isGlobalAdmin: boolean }): boolean {
  return spec.can.create && (spec.kind !== 'organizations' || account.isGlobalAdmin);
}
