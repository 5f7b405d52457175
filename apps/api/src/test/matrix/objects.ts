import { everyKind } from '../../features/objects/every-kind.ts';
import type { ObjectKind } from '../../features/objects/kind.ts';
import type { Probe } from './route.ts';
import type { Tenant } from './world.ts';

/** Every object kind (sessions have routes of their own, in special-routes.ts). */
export const KINDS: readonly ObjectKind<any>[] = everyKind;

/** owner/name of a tenant's object of a kind, as the kind's placement addresses it. */
export function idOf(kind: ObjectKind<any>, tenant: Tenant): { owner: string; name: string } {
  switch (kind.name) {
    case 'organization':
      return { owner: 'admin', name: tenant.organization };
    case 'user':
      return { owner: tenant.organization, name: tenant.target };
    case 'application':
      return { owner: 'admin', name: tenant.application.name };
    case 'token':
      return { owner: 'admin', name: tenant.token.name };
    case 'record':
      return { owner: tenant.organization, name: tenant.record ?? 'none' };
  }
  const owner = kind.placement === 'admin-with-organization' ? 'admin' : tenant.organization;
  return { owner, name: `${tenant.prefix}-${kind.name}` };
}

/** The least body naming an object: owner, name, and its organization where the placement keeps one. */
export const idBody = (kind: ObjectKind<any>, tenant: Tenant, id: { owner: string; name: string }) =>
  kind.placement === 'admin-with-organization' ? { ...id, organization: tenant.organization } : { ...id };

/** The body of an object with its organization replaced by `tenant`'s (undefined for organizations themselves). */
export function claiming(
  kind: ObjectKind<any>,
  id: { owner: string; name: string },
  tenant: Tenant,
): Record<string, unknown> | undefined {
  switch (kind.placement) {
    case 'organization':
    case 'global-or-organization':
      return { owner: tenant.organization, name: id.name };
    case 'admin-with-organization':
      return { owner: 'admin', name: id.name, organization: tenant.organization };
    case 'organization-itself':
      return undefined;
  }
}

/** The list parameters that name a tenant. */
export function listQuery(kind: ObjectKind<any>, tenant: Tenant): Record<string, string> {
  if (kind.placement === 'organization' || kind.placement === 'global-or-organization')
    return { owner: tenant.organization };
  return { owner: 'admin', organization: tenant.organization };
}

let serial = 0;
export const freshName = (prefix: string, what: string) => `${prefix}-${what}-${++serial}`;

export const get = (path: string, query: Record<string, string> = {}): Probe => ({ method: 'GET', path, query });
export const post = (path: string, query: Record<string, string>, body: () => unknown): Probe => ({
  method: 'POST',
  path,
  query,
  body,
});
export const form = (fields: Record<string, string>) => () => new URLSearchParams(fields);
