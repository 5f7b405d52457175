import 'server-only';
import { apiGet } from './api';
import type { ApiResult, Query } from './api-request';
import type { ListState } from './list-state';
import type { ResourceSpec } from './resources';

export type ObjectRow = Record<string, unknown> & { owner: string; name: string };

/** One page of a list, scoped to an organization ('' = all, for a global administrator). */
export async function listObjects(
  spec: ResourceSpec,
  organization: string,
  state: ListState,
): Promise<ApiResult<ObjectRow[] | null, number | null>> {
  const query: Query = { p: state.page, pageSize: state.pageSize };
  if (state.value) Object.assign(query, { field: state.field, value: state.value });
  if (state.sortField && state.sortOrder)
    Object.assign(query, { sortField: state.sortField, sortOrder: state.sortOrder });
  Object.assign(query, state.filters);
  let endpoint = spec.api.list;
  switch (spec.ownership) {
    case 'site':
      query.owner = 'admin';
      break;
    case 'site-with-organization':
      query.owner = 'admin';
      query.organization = organization;
      break;
    case 'organization':
      if (!organization && spec.api.globalList) endpoint = spec.api.globalList;
      else query.owner = organization;
      if (spec.kind === 'records') query.organization = organization;
      break;
  }
  return apiGet<ObjectRow[] | null, number | null>(`/api/${endpoint}`, query);
}

export async function getObject(spec: ResourceSpec, owner: string, name: string): Promise<ApiResult<ObjectRow | null>> {
  if (!spec.api.get) return { ok: true, msg: '', data: null, data2: null, signedOut: false, setCookies: [] };
  return apiGet<ObjectRow | null>(`/api/${spec.api.get}`, { id: `${owner}/${name}` });
}

/** Names of the organizations the signed-in user may work on. */
export async function organizationNames(account: {
  isGlobalAdmin: boolean;
  user: { owner: string };
}): Promise<string[]> {
  if (!account.isGlobalAdmin) return [account.user.owner];
  const result = await apiGet<ObjectRow[] | null>('/api/get-organizations', { owner: 'admin' });
  const names = (result.data ?? []).map((organization) => organization.name);
  return names.length > 0 ? names : [account.user.owner];
}

/**
 * Choices of the fields that name an organization. The fields that refer to other objects search
 * the server as the person types, in the form's organization (components/objects/reference-select).
 */
export function referenceOptions(spec: ResourceSpec, organizations: string[]): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  for (const field of spec.fields) if (field.optionsFrom?.kind === 'organizations') options[field.name] = organizations;
  return options;
}
