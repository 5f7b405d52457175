import type { Audience } from '../../core/identity/privileges.ts';
import type { Outcome } from './route.ts';
import type { CallerName, TargetName } from './world.ts';

const isApp = (caller: CallerName) => caller.startsWith('app of');
const isUser = (caller: CallerName) => caller === 'user of X' || caller === 'access key of X';

/**
 * The rule of the tenant boundary, from the route's audience: anonymous callers reach only
 * `anyone` routes; X's administrator and applications act on X and nothing else; users and access
 * keys reach only what `forUsers` says (their own records), and nothing on admin routes.
 */
export function byAudience(
  audience: Audience | undefined,
  caller: CallerName,
  target: TargetName | undefined,
  forUsers: (target: TargetName | undefined) => Outcome = () => 'refused',
): Outcome {
  if (audience === undefined || audience === 'anyone') return 'ok';
  if (caller === 'anonymous') return 'refused';
  if (audience === 'globalAdmin') return 'refused';
  if (audience === 'user' && isApp(caller)) return 'refused';
  if (isUser(caller)) return audience === 'admin' ? 'refused' : forUsers(target);
  return target === undefined || target === 'X' ? 'ok' : 'refused';
}
