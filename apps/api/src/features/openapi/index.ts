import { Type as T } from '@sinclair/typebox';
import { type AnyElysia, Elysia } from 'elysia';
import type { OpenAPIV3_1 } from 'openapi-types';
import swaggerUiCss from 'swagger-ui-dist/swagger-ui.css' with { type: 'file' };
import swaggerUiBundle from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'file' };
import type { AppContext } from '../../core/context.ts';
import { version } from '../../core/version.ts';
import { buildOpenApiDocument } from './document.ts';
import { referencePage, referencePageHeaders, referenceScript } from './page.ts';

const tags = ['Reference'];
/** What a route answers other than JSON, as OpenAPI writes it. */
const answers = (mediaType: string, description: string) => ({
  200: { description, content: { [mediaType]: { schema: { type: 'string' as const } } } },
});
const text = (body: BodyInit, contentType: string, cacheSeconds: number, headers: Record<string, string> = {}) =>
  new Response(body, {
    headers: {
      'content-type': contentType,
      'cache-control': `public, max-age=${cacheSeconds}`,
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  });

/**
 * The API reference: the OpenAPI 3.1 document of every route at /swagger/openapi.json, built from
 * the routes' schemas the first time it is asked for, and the interactive page at /swagger.
 * `api` is the whole app, whose routes the document describes (this plugin's own included).
 */
export function apiReferenceRoutes(context: AppContext, api: () => AnyElysia) {
  let document: OpenAPIV3_1.Document | undefined;
  return new Elysia({ name: 'api-reference', prefix: '/swagger' })
    .get('', () => text(referencePage, 'text/html; charset=utf-8', 300, referencePageHeaders), {
      detail: {
        summary: 'The interactive API reference (Swagger UI, served from this server)',
        tags,
        responses: answers('text/html', 'The page'),
      },
    })
    .get(
      '/openapi.json',
      () => {
        document ??= buildOpenApiDocument(api(), { origin: context.config.origin, version });
        return text(JSON.stringify(document), 'application/json; charset=utf-8', 300);
      },
      {
        detail: { summary: 'This OpenAPI 3.1 document', tags },
        response: T.Object(
          {
            openapi: T.String(),
            info: T.Object({ title: T.String(), version: T.String() }),
            paths: T.Record(T.String(), T.Unknown()),
          },
          { additionalProperties: true },
        ),
      },
    )
    .get('/swagger-ui.css', () => text(Bun.file(swaggerUiCss), 'text/css; charset=utf-8', 86_400), {
      detail: { summary: 'Style sheet of the reference page', tags, responses: answers('text/css', 'The style sheet') },
    })
    .get('/swagger-ui-bundle.js', () => text(Bun.file(swaggerUiBundle), 'text/javascript; charset=utf-8', 86_400), {
      detail: {
        summary: 'Swagger UI, the script of the reference page',
        tags,
        responses: answers('text/javascript', 'The script'),
      },
    })
    .get('/reference.js', () => text(referenceScript, 'text/javascript; charset=utf-8', 300), {
      detail: {
        summary: 'The script that starts Swagger UI on the reference page',
        tags,
        responses: answers('text/javascript', 'The script'),
      },
    });
}
