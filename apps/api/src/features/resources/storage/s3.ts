import type { Provider } from '@latchkey/types';
import type { AppContext } from '../../../core/context.ts';
import { ApiError } from '../../../core/errors/api-error.ts';
import { errorMessage } from '../../../core/errors/error-message.ts';
import { RateLimitedError } from '../../../http/rate-limit/rate-limited-error.ts';
import { RefusedAddressError } from '../../../jobs/outbound/address-guard.ts';
import { OutboundDeadlineError, type OutboundMethod, sendRequest } from '../../../jobs/outbound/http-send.ts';
import { NoSendingSlotError, withSendingSlot } from '../../../jobs/outbound/sending-slot.ts';
import { encodeRfc3986 as encodePart, sha256Hex, signRequest } from './sigv4.ts';
import type { FileStore } from './store.ts';

/** An S3 bucket and the keys to it, from a Storage provider. */
export interface S3Settings {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://minio.internal:9000` … */
  endpoint: URL;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Where the files are served from (the provider's domain), else the bucket's own address. */
  publicBase?: string;
}

/** Casdoor's S3 settings of a provider: endpoint, bucket, regionId, clientId (access key), clientSecret (secret key), domain. */
export function s3SettingsOf(provider: Provider, secretAccessKey: string): S3Settings {
  const raw = provider.endpoint.trim();
  let endpoint: URL;
  try {
    endpoint = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ApiError('resource.storage_settings_incomplete');
  }
  if (!raw || !provider.bucket || !provider.clientId || !secretAccessKey || endpoint.username || endpoint.password)
    throw new ApiError('resource.storage_settings_incomplete');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(provider.bucket))
    throw new ApiError('resource.storage_settings_incomplete');
  return {
    endpoint,
    bucket: provider.bucket,
    region: provider.regionId || 'us-east-1',
    accessKeyId: provider.clientId,
    secretAccessKey,
    publicBase: provider.domain
      ? (/^https?:\/\//i.test(provider.domain) ? provider.domain : `https://${provider.domain}`).replace(/\/+$/, '')
      : undefined,
  };
}

/** The URL of an object: the bucket as a host name on AWS, as the first part of the path elsewhere (MinIO and the like). */
export function objectUrl(settings: S3Settings, key: string[]): URL {
  const url = new URL(settings.endpoint.origin);
  const path = key.map(encodePart).join('/');
  if (settings.endpoint.hostname.endsWith('.amazonaws.com')) {
    url.hostname = `${settings.bucket}.${settings.endpoint.hostname}`;
    url.pathname = `/${path}`;
  } else {
    url.pathname = `/${encodePart(settings.bucket)}/${path}`;
  }
  return url;
}

/** A request signed with AWS Signature Version 4 (the payload's SHA-256 signed too): the headers to send. */
export function signedHeaders(
  settings: S3Settings,
  method: string,
  url: URL,
  body?: { bytes: Uint8Array; contentType: string },
  date = new Date(),
): Record<string, string> {
  return signRequest({
    method,
    url,
    headers: body ? { 'content-type': body.contentType } : {},
    payloadHash: sha256Hex(body?.bytes ?? ''),
    region: settings.region,
    service: 's3',
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    date,
  });
}

/** The headers to give the outbound sender: it writes the host, the length and the content type itself (the same values that were signed). */
const sentHeaders = (signed: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(signed)
      .filter(([name]) => !['host', 'content-length', 'content-type'].includes(name.toLowerCase()))
      .map(([name, value]) => [name, String(value)]),
  );

/**
 * Casdoor's "AWS S3" and "MinIO" storage providers: each file is one object, written and deleted
 * with requests signed with SigV4, sent through the outbound guards (public addresses only unless
 * allowed, one deadline, the organization's slots).
 */
export function s3Store(context: AppContext, organization: string, settings: S3Settings): FileStore {
  async function call(
    method: OutboundMethod,
    key: string[],
    body?: { bytes: Uint8Array; contentType: string },
  ): Promise<number> {
    const url = objectUrl(settings, key);
    const headers = sentHeaders(signedHeaders(settings, method, url, body));
    try {
      return await withSendingSlot(context, organization, (limits) =>
        sendRequest({
          url: url.toString(),
          method,
          headers,
          body: body && { contentType: body.contentType, content: body.bytes },
          ...limits,
        }),
      );
    } catch (error) {
      if (error instanceof NoSendingSlotError) throw new RateLimitedError(1);
      context.log.warn('storage request failed', { method, host: url.host, error: errorMessage(error).slice(0, 300) });
      if (error instanceof RefusedAddressError) throw new ApiError('service.address_refused');
      if (error instanceof OutboundDeadlineError) throw new ApiError('service.delivery_timeout');
      throw new ApiError('resource.storage_unreachable');
    }
  }
  return {
    async put(key, bytes, contentType) {
      const status = await call('PUT', key, { bytes, contentType });
      if (status < 200 || status > 299) throw new ApiError('resource.storage_failed', { status });
    },
    async remove(key) {
      const status = await call('DELETE', key);
      if ((status < 200 || status > 299) && status !== 404) throw new ApiError('resource.storage_failed', { status });
    },
    urlOf: (key) =>
      settings.publicBase
        ? `${settings.publicBase}/${key.map(encodePart).join('/')}`
        : objectUrl(settings, key).toString(),
  };
}
