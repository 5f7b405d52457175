import { translate } from '@latchkey/i18n';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { requestStateOf } from '../../http/request-state.ts';
import { answer } from '../openapi/describe.ts';
import { servingOf } from './file-types.ts';
import { pathSegments } from './object-key.ts';
import { storedFile } from './storage/local-disk.ts';

/** Headers that keep a stored file from acting in Latchkey's origin, however it was named or what it holds. */
function servingHeaders(fileName: string): Record<string, string> {
  const { contentType, inline } = servingOf(fileName);
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return {
    'content-type': contentType,
    'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'public, max-age=300',
  };
}

/** The stored file a request path names (`/files/<organization>/<object key>`), or undefined. */
function fileOf(context: AppContext, path: string): string | undefined {
  let segments: string[];
  try {
    const parts = path
      .split('/')
      .filter(Boolean)
      .map((part) => decodeURIComponent(part));
    segments = parts.flatMap((part) => pathSegments(part, 'path'));
    if (segments.length < 2 || parts.length !== segments.length) return undefined;
    // A symbolic link or a file where a folder should be is no file to serve either.
    return storedFile(context, segments);
  } catch {
    return undefined;
  }
}

/**
 * GET /files/<organization>/<object key>: the files in the data folder, to anyone who has the URL
 * (as Casdoor serves its uploads). Pictures and media are shown; everything else is downloaded as
 * opaque bytes, with sniffing off and a sandbox, so an uploaded page or SVG cannot run script here.
 */
export function filesRoute(context: AppContext) {
  return new Elysia({ name: 'files' }).get(
    '/files/*',
    ({ request }) => {
      // The path as sent, still percent-encoded: each part is decoded once, here.
      const path = new URL(request.url).pathname.slice('/files/'.length);
      const file = fileOf(context, path);
      if (!file) {
        const body = {
          status: 'error',
          msg: translate(requestStateOf(request).language, 'resource.file_not_found'),
          data: null,
          data2: null,
        };
        return new Response(JSON.stringify(body), {
          status: 404,
          headers: { 'content-type': 'application/json; charset=utf-8' },
        });
      }
      return new Response(Bun.file(file), { headers: servingHeaders(file.slice(file.lastIndexOf('/') + 1)) });
    },
    {
      detail: {
        summary: 'A file stored in the data folder (pictures and media shown, anything else downloaded)',
        tags: ['Resources'],
        security: [],
        responses: {
          200: answer('The file', 'application/octet-stream', {
            'Content-Disposition': 'inline for pictures and media, attachment otherwise',
            'X-Content-Type-Options': 'nosniff',
          }),
          404: answer('There is no such file', 'application/json'),
        },
      },
    },
  );
}
