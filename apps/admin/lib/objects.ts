import 'server-only';
import { apiGet } from './api';
import type { ApiResult, Query } from './api-request';
import type { ListState } from './list-state';
import { type ResourceSpec, resources } from './resources';

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

/** Choices for the form fields that refer to other objects, read from the object's organization. */
export async function referenceOptions(
  spec: ResourceSpec,
  organization: string,
  organizations: string[],
): Promise<Record<string, string[]>> {
  const options: Record<string, string[]> = {};
  await Promise.all(
    spec.fields.map(async (field) => {
      if (!field.optionsFrom) return;
      if (field.optionsFrom.kind === 'organizations') {
        options[field.name] = organizations;
        return;
      }
      const target = resources[field.optionsFrom.kind];
      const query: Query = { p: 1, pageSize: 200 };
      if (target.ownership === 'organization') query.owner = organization;
      else Object.assign(query, { owner: 'admin', organization });
      const [own, shared] = await Promise.all([
        apiGet<ObjectRow[] | null>(`/api/${target.api.list}`, query),
        // Certs of the site (owner "admin", such as cert-built-in) serve every organization.
        field.optionsFrom.kind === 'certs'
          ? apiGet<ObjectRow[] | null>(`/api/${target.api.list}`, { owner: 'admin' })
          : Promise.resolve(undefined),
      ]);
      const rows = [...(own.data ?? []), ...(shared?.data ?? [])];
      const values = rows.map((row) => (field.optionsFrom!.value === 'id' ? `${row.owner}/${row.name}` : row.name));
      options[field.name] = [...new Set(values)];
    }),
  );
  return options;
}
