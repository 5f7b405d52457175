import { Elysia } from 'elysia';
import type { AppContext } from '../context.ts';
import type { AnyObject, ObjectKind } from '../objects/kind.ts';
import { globalListRoute, objectRoutes } from '../objects/routes.ts';
import { adapterKind } from './adapters/kind.ts';
import { applicationRoutes } from './applications/index.ts';
import { certKind } from './certs/kind.ts';
import { enforceRoutes } from './enforce/index.ts';
import { enforcerRoutes } from './enforcers/index.ts';
import { groupRoutes } from './groups/index.ts';
import { keyKind } from './keys/kind.ts';
import { modelKind } from './models/kind.ts';
import { organizationRoutes } from './organizations/index.ts';
import { permissionKind } from './permissions/kind.ts';
import { providerKind } from './providers/kind.ts';
import { recordRoutes } from './records/index.ts';
import { roleKind } from './roles/kind.ts';
import { sessionRoutes } from './sessions/index.ts';
import { tokenKind } from './tokens/kind.ts';
import { userRoutes } from './users/index.ts';
import { webhookKind } from './webhooks/kind.ts';

/** Objects served by the generic routes alone. */
const plainKinds: ObjectKind<any>[] = [roleKind, permissionKind, modelKind, adapterKind, webhookKind, tokenKind];
/** … and with a get-global-<objects> list for global administrators. */
const globallyListedKinds: ObjectKind<any>[] = [certKind, providerKind, keyKind];

/** Every Casdoor object over HTTP: get-, add-, update- and delete- routes and their extras, and enforcement. */
export function objectModules(context: AppContext) {
  const app = new Elysia({ name: 'objects' })
    .use(organizationRoutes(context))
    .use(userRoutes(context))
    .use(groupRoutes(context))
    .use(applicationRoutes(context))
    .use(sessionRoutes(context))
    .use(enforcerRoutes(context))
    .use(enforceRoutes(context))
    .use(recordRoutes(context));
  for (const kind of plainKinds as ObjectKind<AnyObject>[]) app.use(objectRoutes(context, kind));
  for (const kind of globallyListedKinds as ObjectKind<AnyObject>[]) app.use(objectRoutes(context, kind)).use(globalListRoute(context, kind));
  return app;
}
