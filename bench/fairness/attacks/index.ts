import type { Attack } from '../attack.ts';
import { casbinAttack } from './casbin.ts';
import { costlyHashesAttack } from './costly-hashes.ts';
import { largeBodiesAttack } from './large-bodies.ts';
import { rsaKeysAttack } from './rsa-keys.ts';
import { slowWebhooksAttack } from './slow-webhooks.ts';
import { sprayingAttack } from './spraying.ts';
import { uploadUsersAttack } from './upload-users.ts';

/** Every attack, in the order they run; the webhooks last, as their deliveries outlive the attack. */
export const ATTACKS: Attack[] = [
  casbinAttack,
  sprayingAttack,
  rsaKeysAttack,
  largeBodiesAttack,
  costlyHashesAttack,
  uploadUsersAttack,
  slowWebhooksAttack,
];
