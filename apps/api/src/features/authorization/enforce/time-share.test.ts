import { describe, expect, test } from 'bun:test';
import { loadConfig } from '../../../core/config/index.ts';
import type { AppContext } from '../../../core/context.ts';
import { refusal } from '../../../test/caught.ts';
import { withinEnforceShare } from './time-share.ts';

const ENFORCE_SHARE_MS_PER_SECOND = 300;
/** A server with the default share (only the configuration is read). */
const server = { config: { ...loadConfig({}), enforceShare: ENFORCE_SHARE_MS_PER_SECOND } } as AppContext;

/**
 * A clock of the test's own: work "takes" the milliseconds it moves the clock by, so how much of
 * the share is spent, and when the next second begins, never depend on how loaded the machine is.
 */
function testClock() {
  let current = 1_000_000;
  return {
    now: () => current,
    advance: (milliseconds: number) => {
      current += milliseconds;
    },
  };
}

describe('each organization’s share of enforcement time', () => {
  test('is 300 ms of each second unless LATCHKEY_ENFORCE_SHARE says otherwise', () => {
    expect(loadConfig({}).enforceShare).toBe(300);
    expect(loadConfig({ LATCHKEY_ENFORCE_SHARE: '500' }).enforceShare).toBe(500);
  });

  test('an organization past its share in this second is refused; another organization is not', async () => {
    const clock = testClock();
    const within = <T>(organization: string, work: () => Promise<T>) =>
      withinEnforceShare(server, organization, work, clock.now);
    const takes = (milliseconds: number) => async () => {
      clock.advance(milliseconds);
      return milliseconds;
    };
    const slice = Math.ceil(ENFORCE_SHARE_MS_PER_SECOND / 3) + 5;
    for (let call = 0; call < 3; call++) expect(await within('share-a', takes(slice))).toBe(slice);
    expect((await refusal(within('share-a', takes(1))))?.code).toBe('general.too_many_requests');
    // Another organization has its own share (positive control).
    expect(await within('share-b', takes(1))).toBe(1);
    // Still the same second: still refused.
    clock.advance(1000 - 3 * slice - 2);
    expect((await refusal(within('share-a', takes(1))))?.code).toBe('general.too_many_requests');
    // The next second gives the organization its share again.
    clock.advance(2);
    expect(await within('share-a', takes(1))).toBe(1);
  });

  test('by default the time a call takes on the real clock is what is counted', async () => {
    const busyFor = (milliseconds: number) => async () => {
      const until = performance.now() + milliseconds;
      while (performance.now() < until);
      return milliseconds;
    };
    const before = performance.now();
    // One call longer than the share spends it.
    expect(await withinEnforceShare(server, 'share-real', busyFor(ENFORCE_SHARE_MS_PER_SECOND + 5))).toBe(
      ENFORCE_SHARE_MS_PER_SECOND + 5,
    );
    const next = await withinEnforceShare(server, 'share-real', busyFor(1)).then(
      () => 'answered',
      (error) => error.code,
    );
    // Within the same second the next call is refused; a machine so slow that the second was over
    // by then proves nothing either way.
    if (performance.now() - before < 1000) expect(next).toBe('general.too_many_requests');
  });
});
