'use server';

import { apiGet } from '../api';
import type { Query } from '../api-request';
import type { ObjectRow } from '../objects';
import { isResourceKind, type ResourceKind, resources } from '../resources';
import { getAccount } from '../session';

/** How many choices one search offers: a person types more to narrow them. */
const CHOICES = 20;

/**
 * The objects of one kind a form field may refer to, searched on the server by the text typed so
 * far: those of the form's organization (and, for certs, the site's shared ones), by name or by id
 * (owner/name). Empty when signed out or refused: a picker offers nothing rather than failing.
 */
export async function searchChoices(
  kind: ResourceKind,
  value: 'name' | 'id',
  organization: string,
  text: string,
): Promise<string[]> {
  if (!isResourceKind(kind) || !(await getAccount())) return [];
  const target = resources[kind];
  // An id typed in full ("acme/alice") is searched by its name.
  const name = value === 'id' ? text.slice(text.lastIndexOf('/') + 1) : text;
  const query: Query = { p: 1, pageSize: CHOICES, sortField: 'name', sortOrder: 'ascend' };
  if (name.trim()) Object.assign(query, { field: 'name', value: name.trim() });
  const lists: Query[] = [];
  if (target.ownership === 'site') lists.push({ ...query, owner: 'admin' });
  else if (target.ownership === 'site-with-organization') lists.push({ ...query, owner: 'admin', organization });
  else {
    if (!organization) return [];
    lists.push({ ...query, owner: organization });
    // Certs of the site (owner "admin", such as cert-built-in) serve every organization.
    if (kind === 'certs') lists.push({ ...query, owner: 'admin' });
  }
  const results = await Promise.all(lists.map((list) => apiGet<ObjectRow[] | null>(`/api/${target.api.list}`, list)));
  const rows = results.flatMap((result) => (result.ok ? (result.data ?? []) : []));
  return [...new Set(rows.map((row) => (value === 'id' ? `${row.owner}/${row.name}` : row.name)))];
}
