import { translate } from '@latchkey/i18n';
import type { Outcome, Probe } from './route.ts';
import type { CallerName, Tenant, World } from './world.ts';

export interface Answer {
  status: number;
  text: string;
  json: any;
}

const SIGN_IN = translate('en', 'general.please_login_first');
const NOT_ALLOWED = translate('en', 'general.unauthorized_operation');

const isEnvelope = (json: any) =>
  json !== null &&
  typeof json === 'object' &&
  !Array.isArray(json) &&
  (json.status === 'ok' || json.status === 'error');

/** Refused for who the caller is: the sign-in or not-allowed envelope, or an OAuth or HTTP error. */
export function refusedForCaller(answer: Answer): boolean {
  if (isEnvelope(answer.json))
    return answer.json.status === 'error' && (answer.json.msg === SIGN_IN || answer.json.msg === NOT_ALLOWED);
  return answer.status >= 400 || (typeof answer.json?.error === 'string' && !('status' in answer.json));
}

function succeeded(answer: Answer): boolean {
  if (isEnvelope(answer.json)) return answer.json.status === 'ok';
  return answer.status < 400 && !(typeof answer.json?.error === 'string');
}

/** Nothing in it: data null, an empty list, false or zero, or an inactive token. */
function empty(answer: Answer): boolean {
  const json = answer.json;
  if (isEnvelope(json)) {
    if (json.status !== 'ok') return false;
    const data = json.data;
    return (
      data === null ||
      data === undefined ||
      data === '' ||
      data === false ||
      data === 0 ||
      (Array.isArray(data) && data.length === 0) ||
      data === 'Unaffected'
    );
  }
  return json?.active === false || (answer.status < 400 && (answer.text === '' || answer.text === '{}'));
}

/** Where a refused or empty answer shows the target's objects or any secret of a tenant but the caller's own. */
export function leak(
  answer: Answer,
  world: World,
  caller: CallerName,
  target: Tenant | undefined,
  outcome: Outcome,
): string | undefined {
  for (const tenant of Object.values(world.tenants)) {
    // X's administrators and applications may read X's secrets; X's user, their own key's and token's.
    const readable =
      tenant.name !== 'X' || caller === 'anonymous'
        ? 'none'
        : caller === 'user of X' || caller === 'access key of X'
          ? 'user'
          : 'admin';
    if (readable === 'admin') continue;
    const secret = tenant.secrets
      .filter((each) => readable === 'none' || each.holder === 'admin')
      .map((each) => each.value)
      .find((value) => answer.text.includes(value));
    if (secret) return `shows a secret of ${tenant.name} (${secret.slice(0, 12)}…)`;
  }
  if (target && (outcome === 'refused' || outcome === 'rejected' || outcome === 'hidden' || outcome === 'narrowed')) {
    // An error about a reference may name what the caller sent; everything else is the whole answer.
    const payload =
      outcome === 'rejected' && isEnvelope(answer.json)
        ? JSON.stringify([answer.json.data ?? null, answer.json.data2 ?? null])
        : answer.text;
    if (payload.includes(`${target.prefix}-`)) return `shows objects of ${target.name}: ${payload.slice(0, 160)}`;
  }
  return undefined;
}

/** Why an answer breaks the outcome, or undefined. */
export function judge(outcome: Outcome, answer: Answer, probe: Probe): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  const shown = () => answer.text.slice(0, 200);
  switch (outcome) {
    case 'ok':
    case 'public':
      if (!succeeded(answer)) return `expected success, got ${shown()}`;
      return probe.check?.(answer.json);
    case 'refused':
      return refusedForCaller(answer) ? undefined : `expected a refusal, got ${shown()}`;
    case 'hidden':
      return refusedForCaller(answer) || empty(answer) ? undefined : `expected a refusal or nothing, got ${shown()}`;
    case 'rejected':
      return isEnvelope(answer.json) && (answer.json.status === 'error' || answer.json.data === 'Unaffected')
        ? undefined
        : `expected an error, got ${shown()}`;
    case 'narrowed':
      return undefined;
    case 'answered':
      return isEnvelope(answer.json) && refusedForCaller(answer)
        ? `refused for who the caller is: ${shown()}`
        : undefined;
  }
}
