import { describe, expect, test } from 'bun:test';
import { refusal } from '../../test/caught.ts';
import { ENFORCE_SHARE_MS_PER_SECOND, withinEnforceShare } from './time-share.ts';

const busyFor = (milliseconds: number) => async () => {
  const until = performance.now() + milliseconds;
  while (performance.now() < until);
  return milliseconds;
};

describe('each organization’s share of enforcement time', () => {
  test('an organization past its share in this second is refused; another organization is not', async () => {
    const started = performance.now();
    const slice = Math.ceil(ENFORCE_SHARE_MS_PER_SECOND / 3) + 5;
    for (let call = 0; call < 3; call++) expect(await withinEnforceShare('share-a', busyFor(slice))).toBe(slice);
    expect((await refusal(withinEnforceShare('share-a', busyFor(1))))?.code).toBe('general.too_many_requests');
    // Another organization has its own share (positive control).
    expect(await withinEnforceShare('share-b', busyFor(1))).toBe(1);
    // The next second gives the organization its share again: the share is counted on the real clock,
    // so this waits for real time to pass into that second.
    expect(performance.now() - started).toBeLessThan(1000);
    await Bun.sleep(1000 - (performance.now() - started) + 5);
    expect(await withinEnforceShare('share-a', busyFor(1))).toBe(1);
  });
});
