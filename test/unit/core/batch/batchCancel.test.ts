// Running a batch (src/core/batch/batchRun.ts): a cancel keeps what finished, aborts what is in flight and starts
// nothing more, on a fake lookup and a fake clock (test/unit/fakeClock.ts).
import { strict as assert } from 'node:assert';
import type { LookupResult } from '../../../../src/core/report/endpoint';
import { batchNumber, batchStatus } from '../../../sandbox/data';
import { FakeClock } from '../../fakeClock';
import { batchRunner, first, failure, fakeApi } from './batchFakes';

describe('running a batch (runBatch)', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  const { run, statusOf } = batchRunner(() => clock);

  it('cancel mid-batch: resolves with no time passing, keeps what finished, aborts what was in flight, starts nothing more', async () => {
    const api = fakeApi(clock);
    const controller = new AbortController();
    let abortedAt: number | undefined;
    let startsAtAbort = 0;
    const r = await run(
      {
        numbers: first(50),
        signal: controller.signal,
        onProgress: (done) => {
          if (done !== 10) return;
          abortedAt = clock.now();
          startsAtAbort = api.starts.length;
          controller.abort();
        },
      },
      api,
    );
    assert.ok(abortedAt !== undefined, 'aborted');
    assert.equal(r.durationMs, abortedAt, 'resolved at the moment of the abort, not after the lookups in flight');
    assert.equal(r.cancelled, true);
    assert.equal(r.items.length, 50);
    const ok = r.items.filter((i) => i.status === 'ok');
    assert.equal(ok.length, 10);
    for (const item of ok) assert.equal(statusOf(r, item.index), batchStatus(item.index));
    const inFlight = r.items.filter((i) => i.status === 'cancelled' && i.startedAt !== undefined);
    const notStarted = r.items.filter((i) => i.status === 'cancelled' && i.startedAt === undefined);
    assert.ok(inFlight.length >= 1 && inFlight.length <= 4, `in flight at the abort: ${inFlight.length}`);
    assert.equal(ok.length + inFlight.length + notStarted.length, 50);
    assert.equal(r.counts.cancelled, 40);
    assert.equal(api.starts.length, startsAtAbort, 'no lookup started after the abort');
    assert.equal(api.abortedInFlight, inFlight.length, 'every lookup in flight saw the abort');
    assert.equal(clock.pending, 0, 'no lookup is left waiting');
  });

  it('a lookup that ignores the abort does not hold up the cancel', async () => {
    const controller = new AbortController();
    const api = fakeApi(clock);
    const lookup = (n: string, s: AbortSignal): Promise<LookupResult> =>
      n === batchNumber(0) ? api.lookup(n, s) : new Promise<LookupResult>(() => undefined); // never settles, never looks at the signal
    const r = await run({ numbers: first(6), lookup, signal: controller.signal, onProgress: () => controller.abort() });
    assert.deepEqual(
      r.items.map((i) => i.status),
      ['ok', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
    );
    assert.deepEqual(
      r.items.map((i) => i.startedAt !== undefined),
      [true, true, true, true, false, false],
    );
  });

  it('cancelled before it starts: nothing is looked up', async () => {
    const api = fakeApi(clock);
    const controller = new AbortController();
    controller.abort();
    const r = await run({ numbers: first(5), signal: controller.signal }, api);
    assert.equal(r.cancelled, true);
    assert.ok(r.items.every((i) => i.status === 'cancelled' && i.startedAt === undefined));
    assert.equal(api.starts.length, 0);
  });

  it('a cancel during a 429 pause ends the pause at once', async () => {
    const controller = new AbortController();
    const api = fakeApi(clock, { answer: () => failure('rate-limited', { retryAfterSeconds: 30 }) });
    const r = await run(
      {
        numbers: first(3),
        signal: controller.signal,
        onPause: () => {
          void clock.sleep(50).then(() => controller.abort());
        },
      },
      api,
    );
    assert.equal(r.cancelled, true);
    assert.ok(r.items.every((i) => i.status === 'cancelled'));
    assert.equal(r.durationMs, 30 + 50, 'the batch ended 50 ms into the 30 s pause');
  });
});
