'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { apiGet, apiPost } from '../api';
import { failedForm } from '../api-failure';
import type { FormState } from '../form-state';
import { getT } from '../i18n/server';
import { type FieldSpec, isResourceKind, objectPath, ownerOf, type ResourceKind, resources } from '../resources';
import { fieldsFor } from '../resources/field-variants';
import { getAccount, requireAccount } from '../session';
import { coerceValues } from '../validate';

function parseValues(formData: FormData): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(String(formData.get('values') ?? '{}'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The names of the fields the form shows in this mode. */
const visibleFields = (fields: readonly FieldSpec[], mode: 'create' | 'edit') =>
  fields.filter((field) => !(field.createOnly && mode === 'edit')).map((field) => field.name);

/**
 * Creates an object (originalId empty) or updates one (originalId = its id before the change, so that
 * renames work as in Casdoor). Unchanged fields of the stored object are sent back as they are.
 */
export async function saveObject(
  kind: ResourceKind,
  originalId: string,
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const raw = parseValues(formData);
  if (!(await getAccount())) return { signedOut: true, values: raw };
  const t = await getT();
  if (!isResourceKind(kind)) return { formError: t('common.not_found_title') };
  const spec = resources[kind];
  const mode = originalId ? 'edit' : 'create';
  // Only the fields the form showed for these values (a provider's type's own) are read and sent.
  const fields = fieldsFor(kind, spec.fields, raw);
  const { values, errors } = coerceValues(fields, raw, mode, t);
  if (Object.keys(errors).length > 0) return { fieldErrors: errors, values: raw };

  let object: Record<string, unknown>;
  if (mode === 'edit') {
    const current = await apiGet<Record<string, unknown> | null>(`/api/${spec.api.get}`, { id: originalId });
    if (current.signedOut) return { signedOut: true, values: raw };
    if (!current.ok) return { formError: current.msg, values: raw };
    if (!current.data) return { formError: t('common.not_found_body'), values: raw };
    object = { ...current.data, ...values };
    const result = await apiPost<string>(`/api/${spec.api.update}`, { id: originalId }, object);
    if (!result.ok) return failedForm(result, raw, visibleFields(fields, mode));
  } else {
    object = { ...spec.defaults, ...values };
    if (spec.ownership !== 'organization') object.owner = 'admin';
    const result = await apiPost<string>(`/api/${spec.api.add}`, undefined, object);
    if (!result.ok) return failedForm(result, raw, visibleFields(fields, mode));
    if (result.data === 'Unaffected') return { formError: t('common.unaffected'), values: raw };
  }
  revalidatePath(`/${kind}`);
  const path = objectPath(spec, object);
  const originalPath = mode === 'edit' ? `/${kind}/${originalId.split('/').map(encodeURIComponent).join('/')}` : '';
  if (mode === 'create') redirect(`${path}?created=1`);
  if (path !== originalPath) redirect(`${path}?saved=1`);
  return { ok: true, savedAt: Date.now(), message: t('common.saved') };
}

export interface DeleteResult {
  ok: boolean;
  message: string;
}

/** Deletes (or revokes) one object, given the fields that identify it. */
export async function deleteObject(kind: ResourceKind, identity: Record<string, string>): Promise<DeleteResult> {
  await requireAccount();
  const t = await getT();
  if (!isResourceKind(kind) || !resources[kind].api.delete) return { ok: false, message: t('common.not_found_title') };
  const spec = resources[kind];
  const body: Record<string, unknown> = { owner: identity.owner ?? '', name: identity.name ?? '' };
  if (spec.ownership === 'site-with-organization') body.organization = identity.organization ?? '';
  if (kind === 'sessions') body.application = identity.application ?? '';
  if (kind === 'organizations') body.owner = 'admin';
  const result = await apiPost<string>(`/api/${spec.api.delete}`, { id: `${body.owner}/${body.name}` }, body);
  if (!result.ok) return { ok: false, message: result.msg };
  if (result.data === 'Unaffected') return { ok: false, message: t('common.unaffected') };
  revalidatePath(`/${kind}`);
  const label = identity.label ?? `${ownerOf(spec, body)}/${body.name}`;
  if (kind === 'tokens') return { ok: true, message: t('tokens.revoked') };
  if (kind === 'sessions')
    return {
      ok: true,
      message: t('sessions.revoked', { user: `${body.owner}/${body.name}`, application: String(body.application) }),
    };
  return { ok: true, message: t('common.deleted', { name: label }) };
}

/**
 * What deleting an organization takes with it, for its confirmation: everything in it goes, its
 * users and applications included, and this says how many there are.
 */
export async function organizationDeletionNotice(name: string): Promise<string | undefined> {
  if (!(await getAccount())) return undefined;
  const t = await getT();
  const counts = await apiGet<{ users: number; applications: number }>('/api/get-dashboard', { organization: name });
  if (!counts.ok || !counts.data) return undefined;
  return t('common.delete_organization_body', {
    name,
    users: counts.data.users,
    applications: counts.data.applications,
  });
}
