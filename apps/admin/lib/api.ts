import 'server-only';
import { type ApiResult, type Query, type RequestOptions, requestApi } from './api-request';
import { getLanguage } from './i18n/server';

export interface CallOptions extends Omit<RequestOptions, 'language'> {
  /** The language of messages; the request's language by default. */
  language?: RequestOptions['language'];
}

/** Calls the public API as the signed-in user (their cookie, their language). Never cached. */
export async function callApi<D = unknown, D2 = unknown>(
  method: 'GET' | 'POST',
  path: string,
  options: CallOptions = {},
): Promise<ApiResult<D, D2>> {
  return requestApi<D, D2>(method, path, { ...options, language: options.language ?? (await getLanguage()) });
}

export const apiGet = <D = unknown, D2 = unknown>(
  path: string,
  query?: Query,
  options: Omit<CallOptions, 'query'> = {},
) => callApi<D, D2>('GET', path, { ...options, query });

export const apiPost = <D = unknown, D2 = unknown>(
  path: string,
  query: Query | undefined,
  json: unknown,
  options: Omit<CallOptions, 'query' | 'json'> = {},
) => callApi<D, D2>('POST', path, { ...options, query, json });
