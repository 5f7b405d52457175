import type { AnyObject, ObjectKind } from '../objects/kind.ts';
import { adapterKind } from './adapters/kind.ts';
import { applicationKind } from './applications/kind.ts';
import { certKind } from './certs/kind.ts';
import { enforcerKind } from './enforcers/kind.ts';
import { groupKind } from './groups/kind.ts';
import { keyKind } from './keys/kind.ts';
import { modelKind } from './models/kind.ts';
import { organizationKind } from './organizations/kind.ts';
import { permissionKind } from './permissions/kind.ts';
import { providerKind } from './providers/kind.ts';
import { recordKind } from './records/kind.ts';
import { roleKind } from './roles/kind.ts';
import { tokenKind } from './tokens/kind.ts';
import { userKind } from './users/kind.ts';
import { webhookKind } from './webhooks/kind.ts';

/** Every kind of object, whichever routes serve it: where references between objects are declared. */
export const everyKind: readonly ObjectKind<AnyObject>[] = [
  adapterKind,
  applicationKind,
  certKind,
  enforcerKind,
  groupKind,
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
] as unknown as readonly ObjectKind<AnyObject>[];
