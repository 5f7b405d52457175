import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { localDiskStore } from './local-disk.ts';
import { s3SettingsOf, s3Store } from './s3.ts';
import type { FileStore } from './store.ts';

/** Casdoor's storage provider types that Latchkey stores files with. */
export const STORAGE_TYPES = ['Local File System', 'AWS S3', 'MinIO'] as const;

/**
 * The store of a Storage provider, for files of `organization`: no provider is Latchkey's own
 * storage in the data folder, as is a "Local File System" provider; "AWS S3" and "MinIO" are S3
 * buckets. Any other type is refused.
 */
export function storeOf(context: AppContext, organization: string, provider: Provider | undefined): FileStore {
  if (!provider || provider.type === 'Local File System') return localDiskStore(context);
  if (provider.type === 'AWS S3' || provider.type === 'MinIO')
    return s3Store(context, organization, s3SettingsOf(provider, context.secrets.open(provider.clientSecret)));
  throw new ApiError('resource.storage_type_not_supported', { type: provider.type });
}
