// Running a batch (src/core/batch/batchRun.ts): the batch-wide 429 pause, its backoff and requeues, on a fake lookup
// and a fake clock (test/unit/fakeClock.ts).
import { strict as assert } from 'node:assert';
import { pauseFor } from '../../../../src/core/batch/batchRun';
import { batchNumber, batchStatus } from '../../../sandbox/data';
import { FakeClock } from '../../fakeClock';
import { batchRunner, first, indexOf, report, failure, fakeApi } from './batchFakes';

describe('running a batch (runBatch)', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  const { run, statusOf } = batchRunner(() => clock);

  it('VairoSMS answers 429 (Retry-After: 1) for 1.5 s: the batch pauses 1 s each time, requeues, and completes', async () => {
    const api = fakeApi(clock, {
      answer: (n) => (clock.now() < 1500 ? failure('rate-limited', { retryAfterSeconds: 1 }) : report(n)),
    });
    const pauses: number[] = [];
    const r = await run({ numbers: first(12), onPause: (ms) => pauses.push(ms) }, api);
    assert.equal(r.cancelled, false);
    r.items.forEach((item, i) => {
      assert.equal(item.status, 'ok', JSON.stringify(item.result));
      assert.equal(statusOf(r, i), batchStatus(i));
      assert.ok(item.lookups <= 4, `${item.number} looked up ${item.lookups} times`);
      assert.equal(api.calls.get(item.number), item.lookups);
    });
    assert.ok(pauses.length >= 1 && pauses.every((ms) => ms === 1000), `pauses ${pauses}`);
    assert.ok(r.durationMs >= 1500, 'it waited until VairoSMS stopped limiting');
  });

  it('the pause honours Retry-After: the requested sleep is Retry-After × 1000', async () => {
    // 20 s: longer than lookUpReport waits by itself (10 s), within what the batch honours (60 s).
    const sleeps: number[] = [];
    const api = fakeApi(clock, {
      answer: (n, call) =>
        call === 1 && indexOf(n) < 2 ? failure('rate-limited', { retryAfterSeconds: 20 }) : report(n),
    });
    const r = await run(
      {
        numbers: first(6),
        concurrency: 2,
        sleep: (ms, signal) => {
          sleeps.push(ms);
          return clock.sleep(ms, signal);
        },
      },
      api,
    );
    assert.ok(r.items.every((i) => i.status === 'ok'));
    assert.deepEqual(sleeps, [20_000], 'one pause: the second 429 asked for no later end');
    assert.ok(r.durationMs >= 20_000, 'the pause is part of the batch time');
  });

  it('the pause is shared: no lookup starts anywhere until it ends', async () => {
    // The first 3 lookups come back rate-limited; the 4th (in flight meanwhile) finishes during the pause, and its
    // worker must wait for the pause too.
    let calls = 0;
    const api = fakeApi(clock, {
      answer: (n) => (++calls <= 3 ? failure('rate-limited', { retryAfterSeconds: 2 }) : report(n)),
    });
    const sleeps: number[] = [];
    const r = await run(
      {
        numbers: first(8),
        sleep: (ms, signal) => {
          sleeps.push(ms);
          return clock.sleep(ms, signal);
        },
      },
      api,
    );
    assert.ok(r.items.every((i) => i.status === 'ok'));
    // Round 1 starts 4 lookups at 0 and answers at 30 ms: 3 are rate-limited, the pause runs from 30 to 2030 ms.
    assert.deepEqual(sleeps, [2000], 'one shared pause of Retry-After');
    assert.deepEqual(
      api.starts.filter((s) => s.at > 0 && s.at < 2030),
      [],
      'nothing started between the first answers and the end of the pause',
    );
    assert.equal(api.starts.filter((s) => s.at === 2030).length, 4, 'all four workers resumed when it ended');
    assert.deepEqual(
      r.items.map((i) => i.lookups),
      [2, 2, 2, 1, 1, 1, 1, 1],
    );
  });

  it('a 429 that arrives during a pause extends it by the difference only', async () => {
    // Number 0 answers 429 (Retry-After 1) at 30 ms: pause to 1030. Number 1 answers 429 (Retry-After 2) at 530 ms:
    // the pause ends at 2530 instead, 1.5 s more than the first one asked for.
    const sleeps: number[] = [];
    const api = fakeApi(clock, {
      latencyMs: 30,
      answer: (n, call) => {
        if (call > 1 || indexOf(n) === 2) return report(n);
        return failure('rate-limited', { retryAfterSeconds: indexOf(n) === 0 ? 1 : 2 });
      },
    });
    const slow = api.lookup;
    api.lookup = async (n, s) => {
      if (indexOf(n) === 1 && (api.calls.get(n) ?? 0) === 0) await clock.sleep(500);
      return slow(n, s);
    };
    const r = await run(
      {
        numbers: first(3),
        concurrency: 2,
        sleep: (ms, signal) => {
          sleeps.push(ms);
          return clock.sleep(ms, signal);
        },
      },
      api,
    );
    assert.ok(r.items.every((i) => i.status === 'ok'));
    assert.deepEqual(sleeps, [1000, 1500], '1 s from 30 ms, then on to 2.53 s: 1.5 s more');
  });

  it('without a usable Retry-After: exponential backoff with jitter from 1 s, at most 30 s', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const api = fakeApi(clock, {
      latencyMs: 0,
      answer: (n) => (++calls <= 3 ? failure('rate-limited', { retryAfterSeconds: 3600 }) : report(n)),
    });
    const r = await run(
      {
        numbers: first(2),
        concurrency: 1,
        sleep: (ms, signal) => {
          sleeps.push(ms);
          return clock.sleep(ms, signal);
        },
      },
      api,
    );
    assert.ok(r.items.every((i) => i.status === 'ok'));
    assert.deepEqual(sleeps, [750, 1500, 3000]);
    const rl = { kind: 'rate-limited' as const };
    assert.equal(
      pauseFor(rl, 1, () => 0),
      500,
    );
    assert.equal(
      pauseFor(rl, 1, () => 1),
      1000,
    );
    assert.equal(
      pauseFor(rl, 10, () => 1),
      30_000,
    );
    assert.equal(
      pauseFor(rl, 10, () => 0),
      15_000,
    );
    assert.equal(
      pauseFor({ ...rl, retryAfterSeconds: 60 }, 1, () => 0),
      60_000,
    );
    assert.equal(
      pauseFor({ ...rl, retryAfterSeconds: 61 }, 1, () => 1),
      1000,
    );
  });

  it('a number still rate-limited after 3 requeues stays an error; the others finish', async () => {
    const stuck = batchNumber(1);
    const api = fakeApi(clock, { answer: (n) => (n === stuck ? failure('rate-limited') : report(n)) });
    const r = await run({ numbers: first(4) }, api);
    assert.equal(api.calls.get(stuck), 4);
    assert.equal(r.items[1].status, 'error');
    assert.equal(r.items[1].lookups, 4);
    assert.equal(r.items[1].result?.ok === false && r.items[1].result.error.kind, 'rate-limited');
    assert.deepEqual(
      r.items.map((i) => i.status),
      ['ok', 'error', 'ok', 'ok'],
    );
    assert.equal(r.counts['rate-limited'], 1);
  });
});
