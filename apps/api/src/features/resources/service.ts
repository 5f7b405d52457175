import { deleteRows, findApplication, findRow, insertRow, updateRows } from '@latchkey/db';
import type { Provider, Resource } from '@latchkey/types';
import { type AppContext, formatTime } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { errorMessage } from '../../core/errors/error-message.ts';
import type { Identity, SignedInIdentity } from '../../core/identity/identity.ts';
import { canAdminister, notAllowed, requireAdminOf } from '../../core/identity/privileges.ts';
import { applicationOfCaller, applicationProvider, namedProvider } from '../integrations/caller-provider.ts';
import { ADMIN_OWNER } from '../objects/access.ts';
import { extensionOf, fileTypeOf, mediaTypeOf } from './file-types.ts';
import { resourceKind } from './kind.ts';
import { MAX_PATH_LENGTH, numberedKey, objectKeyOf, pathSegments, storageKeyOf } from './object-key.ts';
import { storeOf } from './storage/index.ts';

/** Fields of a resource an administrator writes; the others describe the stored file. */
const WRITABLE = ['user', 'application', 'tag', 'parent', 'fileName', 'description'] as const;
type Writable = (typeof WRITABLE)[number];
const MAX_TEXT = 1000;
/** Tags whose upload replaces the file of the same name (Casdoor's), instead of adding a numbered one. */
const REPLACING_TAGS = /^(avatar|termsOfUse|idCard.*)$/;
/** Numbered names tried for an upload whose name is taken. */
const MAX_NUMBERED = 1000;

/** `owner/name`, cut at the first slash: a resource's name is an object key with slashes of its own. */
export function parseResourceId(id: string): { owner: string; name: string } {
  const slash = id.indexOf('/');
  if (slash <= 0 || slash === id.length - 1) throw new ApiError('general.invalid_id', { id: id.slice(0, 200) });
  return { owner: id.slice(0, slash), name: id.slice(slash + 1) };
}

function textOf(value: unknown, field: string, max = MAX_TEXT): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ApiError('general.invalid_field', { field });
  if (value.length > max) throw new ApiError('general.invalid_field', { field });
  return value;
}

/** A resource name: an object key that stays inside its organization's storage. */
function checkResourceName(name: unknown): string {
  const text = textOf(name, 'name', MAX_PATH_LENGTH);
  if (!text) throw new ApiError('object.name_required');
  pathSegments(text, 'name');
  return text;
}

async function requireOrganization(context: AppContext, name: string): Promise<void> {
  if (!(await findRow(context.db, 'organization', { owner: ADMIN_OWNER, name })))
    throw new ApiError('object.organization_not_found', { name });
}

async function findResource(context: AppContext, owner: string, name: string): Promise<Resource | undefined> {
  const row = await findRow(context.db, 'resource', { owner, name });
  return row ? (resourceKind.codec.decode(row) as Resource) : undefined;
}

/** The stored resource an id names, for an administrator of its organization; refused for anyone else, whether it exists or not. */
async function resourceFor(
  context: AppContext,
  identity: Identity,
  id: { owner: string; name: string },
): Promise<Resource | undefined> {
  if (!canAdminister(identity, id.owner)) throw notAllowed();
  return findResource(context, id.owner, id.name);
}

/** get-resource: the resource, or null. */
/**
 * get-resource: the resource of an id, or null. An id without an owner (`/casdoor/file.go`, as
 * Casdoor's Go SDK asks with a bare object key) names no resource, as in Casdoor: null.
 */
export async function getResource(context: AppContext, identity: Identity, id: string): Promise<Resource | null> {
  if (id.startsWith('/')) return null;
  return (await resourceFor(context, identity, parseResourceId(id))) ?? null;
}

export interface UploadRequest {
  owner?: string;
  user?: string;
  application?: string;
  tag?: string;
  parent?: string;
  fullFilePath?: string;
  createdTime?: string;
  description?: string;
  provider?: string;
  file: { bytes: Uint8Array; type: string };
}

/**
 * The Storage provider of an upload, as Casdoor picks it: the one named, else the first on the
 * caller's application, else on the application named, as long as the organization may use it (an
 * application of the organization, or a global provider of any application: a global
 * administrator's application uploading into an organization); undefined for Latchkey's own
 * storage in the data folder.
 */
async function storageProviderFor(
  context: AppContext,
  identity: SignedInIdentity,
  owner: string,
  request: UploadRequest,
): Promise<Provider | undefined> {
  if (request.provider) return namedProvider(context, owner, request.provider, 'Storage');
  const candidates = [
    await applicationOfCaller(context, identity),
    request.application ? await findApplication(context.db, request.application) : undefined,
  ];
  for (const application of candidates) {
    if (!application) continue;
    const provider = await applicationProvider(context, application, 'Storage');
    if (provider && (application.organization === owner || provider.owner === ADMIN_OWNER)) return provider;
  }
  return undefined;
}

/** The object key the upload gets: its own, or with -1, -2 … when a resource has it already. */
async function freeKey(context: AppContext, owner: string, key: string, tag: string): Promise<string> {
  if (REPLACING_TAGS.test(tag)) return key;
  for (let index = 0; index <= MAX_NUMBERED; index++) {
    const candidate = index === 0 ? key : numberedKey(key, index);
    if (!(await findResource(context, owner, candidate))) return candidate;
  }
  throw new ApiError('object.already_exists', { id: `${owner}/${key}` });
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * upload-resource: stores the file with the organization's storage and records it as a resource
 * named by its object key; answers the file's URL and the object key.
 */
export async function uploadResource(
  context: AppContext,
  identity: SignedInIdentity,
  request: UploadRequest,
): Promise<{ url: string; name: string; organization: string }> {
  const owner = request.owner || identity.organization;
  requireAdminOf(identity, owner);
  await requireOrganization(context, owner);
  const user = textOf(request.user, 'user');
  if (!user || !request.fullFilePath) throw new ApiError('resource.user_and_path_required');
  if (request.file.bytes.byteLength > context.config.uploadLimit) throw new ApiError('general.body_too_large');
  const tag = textOf(request.tag, 'tag');
  const provider = await storageProviderFor(context, identity, owner, request);
  const store = storeOf(context, owner, provider);
  const name = await freeKey(context, owner, objectKeyOf(provider, request.fullFilePath), tag);
  const key = storageKeyOf(owner, name);
  await store.put(key, request.file.bytes, mediaTypeOf(name));
  const fileName = pathSegments(request.fullFilePath, 'fullFilePath').at(-1)!;
  const resource: Resource = {
    ...(resourceKind.codec.defaults() as Resource),
    owner,
    name,
    createdTime:
      request.createdTime && TIME.test(request.createdTime) ? request.createdTime : formatTime(context.clock.now()),
    user,
    provider: provider?.name ?? '',
    application: textOf(request.application, 'application'),
    tag,
    parent: textOf(request.parent, 'parent'),
    fileName,
    fileType: fileTypeOf(fileName, request.file.type),
    fileFormat: extensionOf(name),
    fileSize: request.file.bytes.byteLength,
    url: store.urlOf(key),
    description: textOf(request.description, 'description', 10 * MAX_TEXT),
  };
  const row = resourceKind.codec.encode(resource);
  await context.db.transaction().execute(async (trx) => {
    if (await findRow(trx, 'resource', { owner, name })) await updateRows(trx, 'resource', { owner, name }, row);
    else await insertRow(trx, 'resource', row);
  });
  return { url: resource.url, name, organization: owner };
}

/** add-resource: a resource recorded without a file (Casdoor's); the file fields stay empty. */
export async function addResource(
  context: AppContext,
  identity: SignedInIdentity,
  body: Record<string, unknown>,
): Promise<{ changed: boolean; organization: string }> {
  const owner = textOf(body.owner, 'owner') || identity.organization;
  requireAdminOf(identity, owner);
  await requireOrganization(context, owner);
  const name = checkResourceName(body.name);
  if (await findResource(context, owner, name)) throw new ApiError('object.already_exists', { id: `${owner}/${name}` });
  const resource = {
    ...(resourceKind.codec.defaults() as Resource),
    owner,
    name,
    createdTime: formatTime(context.clock.now()),
  };
  for (const field of WRITABLE)
    resource[field] = textOf(body[field], field, field === 'description' ? 10 * MAX_TEXT : MAX_TEXT);
  await insertRow(context.db, 'resource', resourceKind.codec.encode(resource));
  return { changed: true, organization: owner };
}

/**
 * update-resource?id=: the fields an administrator writes (user, application, tag, parent,
 * fileName, description). A resource is its file: it can be neither renamed nor moved.
 */
export async function updateResource(
  context: AppContext,
  identity: SignedInIdentity,
  id: string,
  body: Record<string, unknown>,
  columns?: string,
): Promise<{ changed: boolean; organization: string }> {
  const target = parseResourceId(id);
  const stored = await resourceFor(context, identity, target);
  if (!stored) return { changed: false, organization: target.owner };
  if (body.owner !== undefined && body.owner !== stored.owner) throw new ApiError('object.cannot_move');
  if (body.name !== undefined && body.name !== stored.name)
    throw new ApiError('object.field_not_writable', { field: 'name' });
  const only = columns
    ? new Set(
        columns
          .split(',')
          .map((column) => column.trim())
          .filter(Boolean),
      )
    : undefined;
  const changes: Partial<Record<Writable, string>> = {};
  for (const field of WRITABLE) {
    if (!Object.hasOwn(body, field) || (only && !only.has(field))) continue;
    const value = textOf(body[field], field, field === 'description' ? 10 * MAX_TEXT : MAX_TEXT);
    if (value !== stored[field]) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return { changed: false, organization: stored.owner };
  // Text columns only: stored as they are.
  const count = await updateRows(context.db, 'resource', { owner: stored.owner, name: stored.name }, changes);
  return { changed: count > 0, organization: stored.owner };
}

/** The store a resource's file is in; undefined when its provider is gone (nothing left to delete there). */
async function storeOfResource(context: AppContext, resource: Resource) {
  if (!resource.provider) return storeOf(context, resource.owner, undefined);
  try {
    return storeOf(context, resource.owner, await namedProvider(context, resource.owner, resource.provider, 'Storage'));
  } catch (error) {
    context.log.warn('the storage provider of a resource is gone; its file is left', {
      resource: `${resource.owner}/${resource.name}`,
      error: errorMessage(error),
    });
    return undefined;
  }
}

/** delete-resource: the file from its storage, then the resource; by the `id` query, or the body's owner and name. */
export async function deleteResource(
  context: AppContext,
  identity: SignedInIdentity,
  request: { id?: string; body: Record<string, unknown> },
): Promise<{ changed: boolean; organization: string }> {
  const target = request.id
    ? parseResourceId(request.id)
    : {
        owner: textOf(request.body.owner, 'owner') || identity.organization,
        name: textOf(request.body.name, 'name', MAX_PATH_LENGTH),
      };
  if (!target.name) throw new ApiError('general.missing_parameter', { name: 'id' });
  const stored = await resourceFor(context, identity, target);
  if (!stored) return { changed: false, organization: target.owner };
  // A resource added without a file (add-resource) has no URL, and no file to delete.
  const store = stored.url ? await storeOfResource(context, stored) : undefined;
  await store?.remove(storageKeyOf(stored.owner, stored.name));
  const count = await deleteRows(context.db, 'resource', { owner: stored.owner, name: stored.name });
  return { changed: count > 0, organization: stored.owner };
}
