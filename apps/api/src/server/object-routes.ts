import { Elysia } from 'elysia';
import type { AppContext } from '../core/context.ts';
import { keyKind } from '../features/account/key-kind.ts';
import { applicationRoutes } from '../features/applications/index.ts';
import { adapterKind } from '../features/authorization/adapter-kind.ts';
import { enforceRoutes } from '../features/authorization/enforce/index.ts';
import { filteredPoliciesRoute } from '../features/authorization/enforcers/filtered-policies.ts';
import { enforcerRoutes } from '../features/authorization/enforcers/index.ts';
import { modelKind } from '../features/authorization/model-kind.ts';
import { permissionKind } from '../features/authorization/permission-kind.ts';
import { roleKind } from '../features/authorization/role-kind.ts';
import { certKind } from '../features/certs/kind.ts';
import { commerceRoutes } from '../features/commerce/index.ts';
import { groupRoutes } from '../features/groups/index.ts';
import { providerKind } from '../features/integrations/provider-kind.ts';
import { webhookKind } from '../features/integrations/webhook-kind.ts';
import { invitationRoutes } from '../features/invitations/routes.ts';
import { tokenKind } from '../features/oauth/token-kind.ts';
import type { AnyObject, ObjectKind } from '../features/objects/kind.ts';
import { globalListRoute, objectRoutes } from '../features/objects/routes.ts';
import { organizationRoutes } from '../features/organizations/index.ts';
import { recordRoutes } from '../features/records/index.ts';
import { resourceRoutes } from '../features/resources/routes.ts';
import { sessionRoutes } from '../features/sessions/index.ts';
import { syncerRoutes } from '../features/syncers/index.ts';
import { userRoutes } from '../features/users/index.ts';
import { sortedUsersRoute } from '../features/users/sorted-users.ts';

/** Objects served by the generic routes alone. */
const plainKinds: readonly ObjectKind<AnyObject>[] = [
  roleKind,
  permissionKind,
  modelKind,
  adapterKind,
  webhookKind,
  tokenKind,
];
/** … and with a get-global-<objects> list for global administrators. */
const globallyListedKinds: readonly ObjectKind<AnyObject>[] = [certKind, providerKind, keyKind];

/** Every Casdoor object over HTTP: get-, add-, update- and delete- routes and their extras, and enforcement. */
export function objectModules(context: AppContext) {
  const app = new Elysia({ name: 'objects' })
    .use(organizationRoutes(context))
    .use(userRoutes(context))
    .use(groupRoutes(context))
    .use(invitationRoutes(context))
    .use(applicationRoutes(context))
    .use(sessionRoutes(context))
    .use(enforcerRoutes(context))
    .use(enforceRoutes(context))
    .use(recordRoutes(context))
    .use(sortedUsersRoute(context))
    .use(filteredPoliciesRoute(context))
    .use(resourceRoutes(context))
    .use(syncerRoutes(context))
    .use(commerceRoutes(context));
  for (const kind of plainKinds) app.use(objectRoutes(context, kind));
  for (const kind of globallyListedKinds) app.use(objectRoutes(context, kind)).use(globalListRoute(context, kind));
  return app;
}
