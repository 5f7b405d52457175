import { codecs, findRow, selectRows } from '@latchkey/db';
import { Subscription } from '@latchkey/types';
import type { AppContext } from '../../core/context.ts';
import { ApiError } from '../../core/errors/api-error.ts';
import { defineKind } from '../objects/kind.ts';
import { isBuyer } from './buyer.ts';
import { checkPeriod, checkState } from './checks.ts';

export const SUBSCRIPTION_STATES = ['Pending', 'Error', 'Suspended', 'Active', 'Upcoming', 'Expired'] as const;
/** States that follow the clock: between startTime and endTime a subscription is Active, before Upcoming, after Expired. */
const TIMED = ['Active', 'Upcoming', 'Expired'];
/** States in which a subscription still holds (or will) its plan. */
const LIVE = ['Pending', 'Active', 'Upcoming'];

/**
 * A time of the API (RFC 3339) in milliseconds, or undefined when it is not one. A time without a
 * zone, as Casdoor's Python SDK writes them (`datetime.now().isoformat()`), is read as UTC.
 */
function parseTime(value: string): number | undefined {
  const match = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  if (!match) return undefined;
  const time = Date.parse(match[3] ? value : `${value}Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** The state a subscription has now: the stored one, or for a timed one the one its period gives. */
export function currentState(subscription: Subscription, now: Date): string {
  if (!TIMED.includes(subscription.state)) return subscription.state;
  const start = parseTime(subscription.startTime);
  const end = parseTime(subscription.endTime);
  if (start === undefined || end === undefined) return subscription.state;
  if (end < now.getTime()) return 'Expired';
  return start > now.getTime() ? 'Upcoming' : 'Active';
}

/** Whether a user holds a subscription to a plan that is pending, active or upcoming. */
export async function hasLiveSubscription(
  context: AppContext,
  owner: string,
  user: string,
  plan: string,
): Promise<boolean> {
  const rows = await selectRows(context.db, context.dialect, { table: 'subscription', key: { owner, user, plan } });
  const now = context.clock.now();
  return rows.some((row) => LIVE.includes(currentState(codecs.subscription.decode(row) as Subscription, now)));
}

async function checkSubscription(
  context: AppContext,
  subscription: Subscription,
  adding: boolean,
): Promise<Subscription> {
  checkPeriod(subscription.period);
  checkState(subscription.state, SUBSCRIPTION_STATES);
  for (const field of ['startTime', 'endTime'] as const) {
    if (subscription[field] !== '' && parseTime(subscription[field]) === undefined)
      throw new ApiError('object.time_invalid', { field });
  }
  // As Casdoor does on add-subscription: an exclusive plan is held at most once at a time.
  if (adding && subscription.plan && subscription.user) {
    const row = await findRow(context.db, 'plan', { owner: subscription.owner, name: subscription.plan });
    if (
      row &&
      codecs.plan.decode(row).isExclusive &&
      (await hasLiveSubscription(context, subscription.owner, subscription.user, subscription.plan))
    ) {
      throw new ApiError('commerce.already_subscribed', { user: subscription.user, plan: subscription.plan });
    }
  }
  return subscription;
}

/**
 * Subscriptions of users to plans. A subscription bought through buy-product starts Pending and
 * becomes Active once its payment is paid; an Active, Upcoming or Expired one is shown in the state
 * its startTime and endTime give now. Users read their own.
 */
export const subscriptionKind = defineKind<Subscription>({
  name: 'subscription',
  schema: Subscription,
  placement: 'organization',
  audience: { list: 'admin', get: 'signedIn', write: 'admin' },
  listing: {
    filterable: {
      name: 'text',
      displayName: 'text',
      user: 'exact',
      plan: 'exact',
      pricing: 'exact',
      payment: 'exact',
      period: 'exact',
      state: 'exact',
    },
    sortable: ['createdTime', 'name', 'displayName', 'startTime', 'endTime', 'user'],
  },
  selfOf: isBuyer,
  present: (context, subscription) => ({ ...subscription, state: currentState(subscription, context.clock.now()) }),
  hooks: {
    prepareAdd: (context, subscription) => checkSubscription(context, subscription, true),
    prepareUpdate: (context, subscription) => checkSubscription(context, subscription, false),
  },
});
