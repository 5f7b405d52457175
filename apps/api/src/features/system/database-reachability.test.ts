import { describe, expect, test } from 'bun:test';
import { databaseReachability } from './database-reachability.ts';

function fakeDatabase() {
  let now = 1_000;
  let pings = 0;
  let answer: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const reachability = databaseReachability(
    () => {
      pings++;
      return new Promise<void>((resolve, reject) => {
        answer = { resolve, reject };
      });
    },
    () => now,
    1_000,
  );
  return {
    reachability,
    pings: () => pings,
    advance: (ms: number) => {
      now += ms;
    },
    answer: () => answer!,
  };
}

describe('database reachability', () => {
  test('one round trip vouches for a second, counted from when it started; callers meanwhile share it', async () => {
    const db = fakeDatabase();
    const first = db.reachability.check();
    const second = db.reachability.check();
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first!);
    expect(db.pings()).toBe(1);
    db.advance(300);
    db.answer().resolve();
    await first;
    expect(db.reachability.check()).toBeUndefined();
    db.advance(699);
    expect(db.reachability.check()).toBeUndefined();
    expect(db.pings()).toBe(1);
    db.advance(1);
    const third = db.reachability.check();
    expect(third).toBeInstanceOf(Promise);
    expect(db.pings()).toBe(2);
    db.answer().resolve();
    await third;
  });

  test('a failed round trip fails every caller waiting on it, and the next caller asks again', async () => {
    const db = fakeDatabase();
    const first = db.reachability.check()!;
    const second = db.reachability.check()!;
    db.answer().reject(new Error('database is down'));
    await expect(first).rejects.toThrow('database is down');
    await expect(second).rejects.toThrow('database is down');
    const retry = db.reachability.check();
    expect(retry).toBeInstanceOf(Promise);
    expect(db.pings()).toBe(2);
    db.answer().resolve();
    await retry;
    expect(db.reachability.check()).toBeUndefined();
  });

  test('a clock that went back does not make an old answer vouch', async () => {
    const db = fakeDatabase();
    const first = db.reachability.check()!;
    db.answer().resolve();
    await first;
    db.advance(-5);
    expect(db.reachability.check()).toBeInstanceOf(Promise);
  });
});
