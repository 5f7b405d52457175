import { keyKind } from '../account/key-kind.ts';
import { applicationKind } from '../applications/kind.ts';
import { adapterKind } from '../authorization/adapter-kind.ts';
import { enforcerKind } from '../authorization/enforcers/kind.ts';
import { modelKind } from '../authorization/model-kind.ts';
import { permissionKind } from '../authorization/permission-kind.ts';
import { roleKind } from '../authorization/role-kind.ts';
import { certKind } from '../certs/kind.ts';
import { commerceKinds } from '../commerce/kinds.ts';
import { groupKind } from '../groups/kind.ts';
import { providerKind } from '../integrations/provider-kind.ts';
import { webhookKind } from '../integrations/webhook-kind.ts';
import { invitationKind } from '../invitations/kind.ts';
import { tokenKind } from '../oauth/token-kind.ts';
import { organizationKind } from '../organizations/kind.ts';
import { recordKind } from '../records/kind.ts';
import { resourceKind } from '../resources/kind.ts';
import { syncerKind } from '../syncers/kind.ts';
import { userKind } from '../users/kind.ts';
import type { AnyObject, ObjectKind } from './kind.ts';

/** Every kind of object, whichever routes serve it: where references between objects are declared. */
export const everyKind: readonly ObjectKind<AnyObject>[] = [
  adapterKind,
  applicationKind,
  certKind,
  enforcerKind,
  groupKind,
  invitationKind,
  keyKind,
  modelKind,
  organizationKind,
  permissionKind,
  providerKind,
  recordKind,
  roleKind,
  tokenKind,
  userKind,
  webhookKind,
  resourceKind,
  syncerKind,
  ...commerceKinds,
];
