import { Elysia } from 'elysia';
import type { AppContext } from '../core/context.ts';
import { credentialRoutes } from '../features/account/credential-routes.ts';
import { accountRoutes } from '../features/account/index.ts';
import { signupRoutes } from '../features/account/signup-routes.ts';
import { captchaRoutes } from '../features/captcha/routes.ts';
import { federationRoutes } from '../features/federation/routes.ts';
import { webhookRoutes } from '../features/integrations/webhook-routes.ts';
import { metricsRoutes } from '../features/metrics/index.ts';
import { mfaRoutes } from '../features/mfa/routes.ts';
import { notificationRoutes } from '../features/notifications/routes.ts';
import { authorizeRoutes } from '../features/oauth/authorize/index.ts';
import { oauthRoutes } from '../features/oauth/index.ts';
import { apiReferenceRoutes } from '../features/openapi/index.ts';
import { passkeyRoutes } from '../features/passkeys/routes.ts';
import { auditLog } from '../features/records/audit-log.ts';
import { filesRoute } from '../features/resources/files-route.ts';
import { ssoLogoutRoutes } from '../features/sso-logout/index.ts';
import { dashboardRoutes } from '../features/system/dashboard-routes.ts';
import { systemRoutes } from '../features/system/system-routes.ts';
import { verificationRoutes } from '../features/verification/routes.ts';
import { wellKnownRoutes } from '../features/well-known/index.ts';
import { errorMapper } from '../http/on-error.ts';
import type { RegisteredRoute } from '../http/plugins/authenticate-before-body.ts';
import { requestPipeline } from '../http/plugins/request-pipeline.ts';
import type { ClientAddressSource } from '../http/request-info.ts';
import { objectModules } from './object-routes.ts';

/** The whole API as one Elysia app, and its OpenAPI reference. Listening is the caller's business (index.ts, tests). */
export function createApp(context: AppContext) {
  // The body guard reads the audiences of the routes registered below, once the app is built.
  let routes: readonly RegisteredRoute[] = [];
  const app = new Elysia({ name: 'latchkey' })
    .use(
      requestPipeline(context, {
        // Set once the app listens (start.ts); requests under `app.handle` have no connection.
        server: (): ClientAddressSource | null => app.server,
        routes: () => routes,
      }),
    )
    // Before the error mapper, so that it sees each failure before the mapper answers it.
    .use(auditLog(context))
    .use(errorMapper(context.log))
    .use(systemRoutes(context))
    .use(accountRoutes(context))
    .use(dashboardRoutes(context))
    .use(credentialRoutes(context))
    .use(mfaRoutes(context))
    .use(passkeyRoutes(context))
    .use(federationRoutes(context))
    .use(signupRoutes(context))
    .use(ssoLogoutRoutes(context))
    .use(metricsRoutes(context))
    .use(objectModules(context))
    .use(oauthRoutes(context))
    .use(authorizeRoutes(context))
    .use(wellKnownRoutes(context))
    .use(notificationRoutes(context))
    .use(webhookRoutes(context))
    .use(captchaRoutes(context))
    .use(verificationRoutes(context))
    .use(filesRoute(context));
  routes = app.routes;
  return app.use(apiReferenceRoutes(context, () => app));
}

export type App = ReturnType<typeof createApp>;
