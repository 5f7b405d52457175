import { describe, expect, test } from 'bun:test';
import { sha256Hex, signRequest } from './sigv4.ts';

/**
 * The examples of the Amazon S3 API reference ("Signature Calculations for the Authorization
 * Header: Transferring Payload in a Single Chunk"): bucket examplebucket, us-east-1, 24 May 2013,
 * the documentation's example keys. Each signature below is the one AWS publishes.
 */
const example = {
  region: 'us-east-1',
  service: 's3',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  date: new Date('2013-05-24T00:00:00Z'),
};
const EMPTY = sha256Hex('');
const signatureOf = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization!)?.[1];

describe("SigV4 against AWS's published examples", () => {
  test('GET Object (with a Range header)', () => {
    const headers = signRequest({
      ...example,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: EMPTY,
    });
    expect(headers.authorization).toStartWith(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ',
    );
    expect(signatureOf(headers)).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  test('PUT Object (a payload, an encoded key, more headers)', () => {
    const payload = 'Welcome to Amazon S3.';
    expect(sha256Hex(payload)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const headers = signRequest({
      ...example,
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test%24file.text'),
      headers: { date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payloadHash: sha256Hex(payload),
    });
    expect(signatureOf(headers)).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  test('GET Bucket lifecycle (a query name without a value)', () => {
    const headers = signRequest({
      ...example,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?lifecycle'),
      headers: {},
      payloadHash: EMPTY,
    });
    expect(signatureOf(headers)).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  test('GET Bucket, list objects (query parameters in order)', () => {
    const headers = signRequest({
      ...example,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J'),
      headers: {},
      payloadHash: EMPTY,
    });
    expect(signatureOf(headers)).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  test('a different secret, date or path gives a different signature (the check can fail)', () => {
    const base = {
      ...example,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9' },
      payloadHash: EMPTY,
    };
    const published = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';
    expect(signatureOf(signRequest({ ...base, secretAccessKey: 'another' }))).not.toBe(published);
    expect(signatureOf(signRequest({ ...base, date: new Date('2013-05-25T00:00:00Z') }))).not.toBe(published);
    expect(
      signatureOf(signRequest({ ...base, url: new URL('https://examplebucket.s3.amazonaws.com/test.txt2') })),
    ).not.toBe(published);
  });
});
