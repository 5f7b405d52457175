import { describe, expect, test } from 'bun:test';
import { loadConfig } from '../../../core/config/index.ts';
import type { AppContext } from '../../../core/context.ts';
import { refusal } from '../../../test/caught.ts';
import { withinEnforceShare } from './time-share.ts';

const ENFORCE_SHARE_MS_PER_SECOND = 300;
/** A server with the default share (only the configuration is read). */
const server = { config: { ...loadConfig({}), enforceShare: ENFORCE_SHARE_MS_PER_SECOND } } as AppContext;

const busyFor = (milliseconds: number) => async () => {
  const until = performance.now() + milliseconds;
  while (performance.now() < until);
  return milliseconds;
};

describe('each organization’s share of enforcement time', () => {
  test('is 300 ms of each second unless LATCHKEY_ENFORCE_SHARE says otherwise', () => {
    expect(loadConfig({}).enforceShare).toBe(300);
    expect(loadConfig({ LATCHKEY_ENFORCE_SHARE: '500' }).enforceShare).toBe(500);
  });

  test('an organization past its share in this second is refused; another organization is not', async () => {
    const started = performance.now();
    const slice = Math.ceil(ENFORCE_SHARE_MS_PER_SECOND / 3) + 5;
    for (let call = 0; call < 3; call++)
      expect(await withinEnforceShare(server, 'share-a', busyFor(slice))).toBe(slice);
    expect((await refusal(withinEnforceShare(server, 'share-a', busyFor(1))))?.code).toBe('general.too_many_requests');
    // Another organization has its own share (positive control).
    expect(await withinEnforceShare(server, 'share-b', busyFor(1))).toBe(1);
    // The next second gives the organization its share again: the share is counted on the real clock,
    // so this waits for real time to pass into that second.
    expect(performance.now() - started).toBeLessThan(1000);
    await Bun.sleep(1000 - (performance.now() - started) + 5);
    expect(await withinEnforceShare(server, 'share-a', busyFor(1))).toBe(1);
  });
});
