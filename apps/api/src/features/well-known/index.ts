import { findApplication, listCertsOfOwners } from '@latchkey/db';
import { translate } from '@latchkey/i18n';
import { Type as T } from '@sinclair/typebox';
import { Elysia } from 'elysia';
import type { AppContext } from '../../core/context.ts';
import { applicationSigningCert, GLOBAL_CERT_OWNERS } from '../../core/tokens/signing-keys.ts';
import { requestStateOf } from '../../http/request-state.ts';
import { discoveryDocument } from './discovery.ts';
import { jsonWebKeySet } from './jwks.ts';
import { ApplicationParameter, DiscoveryDocument, JsonWebKeySet, WebFingerDocument, WebFingerQuery } from './model.ts';
import { webFinger } from './webfinger.ts';

const tags = ['Discovery'];
const ErrorEnvelope = T.Object({ status: T.Literal('error'), msg: T.String(), data: T.Null(), data2: T.Null() });

/** Public, credential-free documents that caches may keep a few minutes (CORS is the cors plugin's). */
const publicJson = (body: unknown, status = 200, contentType = 'application/json') =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'public, max-age=300' },
  });

/**
 * /.well-known: OpenID Provider and OAuth 2.0 authorization server metadata (the same document),
 * the JWKS of the global certs (owned by "admin" or "built-in") with their certificate chain, and
 * the per-application variants `/.well-known/<application>/…` whose JWKS holds only the cert that
 * application signs with. An organization's own certs are published only through its
 * applications' documents: a key an organization administrator holds never verifies the tokens of
 * another tenant's application.
 */
export function wellKnownRoutes(context: AppContext) {
  const origin = context.config.origin;
  const globalDocument = discoveryDocument(origin, `${origin}/.well-known/jwks`);
  const unknownApplication = (request: Request, name: string) =>
    publicJson(
      {
        status: 'error',
        msg: translate(requestStateOf(request).language, 'auth.application_not_found', { name }),
        data: null,
        data2: null,
      },
      404,
    );

  const applicationDocument = async ({ params, request }: { params: { application: string }; request: Request }) => {
    const application = await findApplication(context.db, params.application);
    if (!application) return unknownApplication(request, params.application);
    return publicJson(discoveryDocument(origin, `${origin}/.well-known/${encodeURIComponent(application.name)}/jwks`));
  };

  /** WebFinger for issuer discovery: the same issuer for the server and every application. */
  const webFingerAnswer = (request: Request) => {
    const query = new URL(request.url).searchParams;
    const answer = webFinger(origin, query.get('resource'), query.getAll('rel'));
    if (answer.ok) return publicJson(answer.document, 200, 'application/jrd+json');
    const key = answer.missing ? 'general.missing_parameter' : 'general.invalid_parameter';
    return publicJson(
      {
        status: 'error',
        msg: translate(requestStateOf(request).language, key, { name: answer.parameter }),
        data: null,
        data2: null,
      },
      400,
    );
  };

  return new Elysia({ name: 'well-known', prefix: '/.well-known' })
    .get('/openid-configuration', () => publicJson(globalDocument), {
      response: DiscoveryDocument,
      detail: { summary: 'OpenID Provider metadata', tags },
    })
    .get('/oauth-authorization-server', () => publicJson(globalDocument), {
      response: DiscoveryDocument,
      detail: { summary: 'OAuth 2.0 authorization server metadata (RFC 8414)', tags },
    })
    .all(
      '/jwks',
      async () => publicJson(jsonWebKeySet(await listCertsOfOwners(context.db, GLOBAL_CERT_OWNERS, 'x509'))),
      {
        response: JsonWebKeySet,
        detail: { summary: 'Keys of the global token-signing certs, with x5c', tags },
      },
    )
    .get('/webfinger', ({ request }) => webFingerAnswer(request), {
      query: WebFingerQuery,
      response: { 200: WebFingerDocument, 400: ErrorEnvelope },
      detail: { summary: 'WebFinger: the OpenID issuer of an account (RFC 7033)', tags },
    })
    .get(
      '/:application/webfinger',
      async ({ params, request }) =>
        (await findApplication(context.db, params.application))
          ? webFingerAnswer(request)
          : unknownApplication(request, params.application),
      {
        params: ApplicationParameter,
        query: WebFingerQuery,
        response: { 200: WebFingerDocument, 400: ErrorEnvelope, 404: ErrorEnvelope },
        detail: { summary: 'WebFinger of one application (the same issuer)', tags },
      },
    )
    .get('/:application/openid-configuration', applicationDocument, {
      params: ApplicationParameter,
      response: { 200: DiscoveryDocument, 404: ErrorEnvelope },
      detail: { summary: 'OpenID Provider metadata of one application', tags },
    })
    .get('/:application/oauth-authorization-server', applicationDocument, {
      params: ApplicationParameter,
      response: { 200: DiscoveryDocument, 404: ErrorEnvelope },
      detail: { summary: 'Authorization server metadata of one application', tags },
    })
    .all(
      '/:application/jwks',
      async ({ params, request }) => {
        const application = await findApplication(context.db, params.application);
        if (!application) return unknownApplication(request, params.application);
        const cert = await applicationSigningCert(context, application);
        return publicJson(jsonWebKeySet(cert ? [cert] : []));
      },
      {
        params: ApplicationParameter,
        response: { 200: JsonWebKeySet, 404: ErrorEnvelope },
        detail: { summary: 'The key one application signs with', tags },
      },
    );
}
