import { createHash, createHmac } from 'node:crypto';

/** RFC 3986: every character but the unreserved ones percent-encoded, as SigV4 wants names and values. */
export const encodeRfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

export const sha256Hex = (content: string | Uint8Array) => createHash('sha256').update(content).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();

export interface SigningRequest {
  method: string;
  /** The URL as it will be sent: its path already percent-encoded part by part (S3 does not encode it again). */
  url: URL;
  /** Headers to sign (the host is added); x-amz-date and x-amz-content-sha256 are added here. */
  headers: Record<string, string>;
  /** The SHA-256 of the payload, in hex (of nothing for a request without a body). */
  payloadHash: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  date: Date;
}

/** `20130524T000000Z` */
const amzDateOf = (date: Date) => date.toISOString().replace(/[:-]|\.\d{3}/g, '');

/** The query as SigV4 canonicalizes it: names and values encoded, sorted by name, then value. */
function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams].map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const);
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/**
 * AWS Signature Version 4 for one request, sent with headers (not a presigned URL): answers the
 * headers to send, the signed ones and `Authorization`. Checked against AWS's published examples
 * (sigv4.test.ts).
 */
export function signRequest(request: SigningRequest): Record<string, string> {
  const amzDate = amzDateOf(request.date);
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': request.payloadHash,
  };
  const canonical = new Map<string, string>();
  for (const [name, value] of Object.entries(headers))
    canonical.set(name.toLowerCase(), String(value).trim().replace(/\s+/g, ' '));
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.url.pathname || '/',
    canonicalQuery(request.url),
    names.map((name) => `${name}:${canonical.get(name)}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${request.secretAccessKey}`, day), request.region), request.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${request.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
