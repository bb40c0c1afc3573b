import { strict as assert } from 'node:assert';
import {
  FIRST_DELAY_MS,
  isPermanentFailure,
  MAX_DELAY_MS,
  shouldStop,
  watchDelay,
} from '../../../../src/core/report/watch';

describe('watch until final: the schedule', () => {
  it('checks first after 5 s, then doubles', () => {
    const noJitter = () => 0;
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((n) => watchDelay(n, noJitter)),
      [5_000, 10_000, 20_000, 40_000, 80_000],
    );
  });

  it('never waits more than 5 minutes between checks', () => {
    for (let n = 0; n < 60; n++) assert.ok(watchDelay(n, Math.random) <= MAX_DELAY_MS, String(n));
    assert.equal(
      watchDelay(10, () => 0),
      MAX_DELAY_MS,
    );
  });

  it("jitters each later delay down by at most 20 %, never below the schedule's floor", () => {
    assert.equal(
      watchDelay(0, () => 1),
      FIRST_DELAY_MS,
    );
    assert.equal(
      watchDelay(1, () => 1),
      8_000,
    );
    assert.equal(
      watchDelay(3, () => 0.5),
      36_000,
    );
    const seen = new Set(Array.from({ length: 50 }, () => watchDelay(2)));
    assert.ok(seen.size > 5, 'delays differ between watchers');
    for (const d of seen) assert.ok(d >= 16_000 && d <= 20_000);
  });

  it('stops at a final status, at the cap, and not before', () => {
    assert.equal(shouldStop('DELIVERED', 1_000, 60_000), 'final');
    assert.equal(shouldStop('REJECTED', 1_000, 60_000), 'final');
    assert.equal(shouldStop('WAITING', 1_000, 60_000), undefined);
    assert.equal(shouldStop('WAITING', 60_000, 60_000), 'cap');
    assert.equal(shouldStop('SOMETHING_NEW', 1_000, 60_000), undefined);
  });

  it('gives up on failures another check will not fix, and keeps going through passing ones', () => {
    for (const k of ['unauthorized', 'not-found', 'config', 'no-key']) assert.equal(isPermanentFailure(k), true, k);
    for (const k of ['timeout', 'server', 'offline', 'network', 'rate-limited', 'bad-response'])
      assert.equal(isPermanentFailure(k), false, k);
  });
});
