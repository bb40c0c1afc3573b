// Running a batch (src/core/batch/batchRun.ts): the cap on lookups in flight, the batch-wide 429 pause and its backoff,
// requeues, and a cancel that keeps what finished. The scheduler takes its lookup, clock and sleep as parameters, so
// these run on a fake lookup and a fake clock (test/unit/fakeClock.ts): "at once" means "with no time passing", and
// nothing depends on how loaded the machine is. One run goes through the real sandbox, lookUpReport and node-fetch.
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { toCsv, toJson } from '../../../../src/core/batch/batchExport';
import { pauseFor, runBatch, type BatchOptions, type BatchResult } from '../../../../src/core/batch/batchRun';
import { type ErrorKind } from '../../../../src/core/api/errors';
import { transport } from '../../../../src/services/http';
import { BATCH, batchNumber, batchStatus } from '../../../sandbox/data';
import { startSandbox } from '../../../sandbox/server';
import { FakeClock } from '../../fakeClock';
import { lookUpReport, type LookupResult } from '../../../../src/core/report/endpoint';

const KEY = 'sandbox-key';
const first = (n: number) => Array.from({ length: n }, (_, i) => batchNumber(i));
const indexOf = (number: string) => Number(number) - BATCH.firstNumber;
const inSend = (number: string) => indexOf(number) >= 0 && indexOf(number) < BATCH.count;

const report = (number: string): LookupResult => ({
  ok: true,
  report: { status: batchStatus(indexOf(number)), number },
  raw: {},
  httpStatus: 200,
  attempts: 1,
  durationMs: 1,
});
const failure = (kind: ErrorKind, extra: { retryAfterSeconds?: number } = {}): LookupResult => ({
  ok: false,
  error: { kind, httpStatus: kind === 'rate-limited' ? 429 : 404, ...extra },
  attempts: 1,
  durationMs: 1,
});

/** A fake API on the fake clock: each lookup takes `latencyMs` of virtual time, honours its signal like the real one
 *  (an abort answers "cancelled"), and answers what `answer` says (by default the sandbox's batch send: a report for
 *  its numbers, "not-found" for any other). It records what the scheduler did. */
function fakeApi(
  clock: FakeClock,
  options: { latencyMs?: number; answer?: (number: string, call: number) => LookupResult | undefined } = {},
) {
  const api = {
    calls: new Map<string, number>(),
    starts: [] as Array<{ number: string; at: number }>,
    inFlight: 0,
    maxInFlight: 0,
    abortedInFlight: 0,
    lookup: async (number: string, signal: AbortSignal): Promise<LookupResult> => {
      const call = (api.calls.get(number) ?? 0) + 1;
      api.calls.set(number, call);
      api.starts.push({ number, at: clock.now() });
      api.inFlight++;
      api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
      try {
        await clock.sleep(options.latencyMs ?? 30, signal);
      } catch {
        api.abortedInFlight++;
        return failure('cancelled');
      } finally {
        api.inFlight--;
      }
      return options.answer?.(number, call) ?? (inSend(number) ? report(number) : failure('not-found'));
    },
  };
  return api;
}

describe('running a batch (runBatch)', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  /** runBatch on the fake clock with the fake API (or another lookup), driven to the end. */
  const run = (o: Partial<BatchOptions> & { numbers: readonly string[] }, api = fakeApi(clock)): Promise<BatchResult> =>
    clock.run(
      runBatch({
        sendId: BATCH.sendId,
        concurrency: 4,
        lookup: api.lookup,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        ...o,
      }),
    );
  const statusOf = (r: BatchResult, i: number) => {
    const res = r.items[i].result;
    return res?.ok ? res.report.status : undefined;
  };

  it('through the sandbox, the real lookUpReport and node-fetch: 50 numbers, at most 4 in flight, exports without key or URL', async function () {
    this.timeout(20_000);
    const sb = await startSandbox({ apiKey: KEY, latencyMs: 30 });
    try {
      const numbers = [...first(50), '5000000000'];
      const progress: number[] = [];
      const r = await runBatch({
        sendId: BATCH.sendId,
        numbers,
        concurrency: 4,
        lookup: (number, signal) =>
          lookUpReport(
            { apiRoot: sb.root, sendId: BATCH.sendId, number, apiKey: KEY, timeoutMs: 5000, signal },
            { transport },
          ),
        onProgress: (done) => progress.push(done),
      });
      assert.equal(r.cancelled, false);
      r.items.slice(0, 50).forEach((item, i) => {
        assert.equal(item.status, 'ok', JSON.stringify(item.result));
        assert.equal(statusOf(r, i), batchStatus(i));
      });
      assert.equal(r.items[50].result?.ok === false && r.items[50].result.error.kind, 'not-found');
      assert.deepEqual(
        progress,
        Array.from({ length: 51 }, (_, i) => i + 1),
      );
      assert.ok(sb.maxInFlight <= 4, `the sandbox saw ${sb.maxInFlight} in flight`);
      assert.ok(r.maxConcurrency <= 4, String(r.maxConcurrency));
      assert.equal(sb.requests.length, 51);
      for (const out of [
        toCsv(r, BATCH.sendId, { includeMessage: true }),
        toJson(r, BATCH.sendId, { includeMessage: true }),
      ]) {
        assert.ok(!out.includes(KEY), 'no key');
        assert.ok(!/api_key/i.test(out), 'no api_key');
        assert.ok(!out.includes('127.0.0.1') && !out.includes('http'), 'no URL');
      }
      const json = JSON.parse(toJson(r, BATCH.sendId, { includeMessage: true })) as Array<Record<string, unknown>>;
      assert.deepEqual(Object.keys(json[0]), [
        'sendId',
        'number',
        'status',
        'statusLabel',
        'final',
        'error',
        'createdAt',
        'updatedAt',
        'message',
      ]);
      assert.deepEqual(
        json.slice(0, 3).map((row) => row.status),
        ['DEFAULT', 'SENDING', 'WAITING'],
      );
      assert.equal(json[50].error, 'Report not found');
      assert.equal(json[0].final, false);
    } finally {
      await sb.close();
    }
  });

  it('50 numbers with concurrency 4: all answered, in input order, exactly 4 in flight, in ceil(50 / 4) rounds', async () => {
    const api = fakeApi(clock);
    const progress: number[] = [];
    const r = await run(
      {
        numbers: first(50),
        onProgress: (done, total) => {
          assert.equal(total, 50);
          progress.push(done);
        },
      },
      api,
    );
    assert.equal(r.cancelled, false);
    assert.equal(r.items.length, 50);
    r.items.forEach((item, i) => {
      assert.equal(item.index, i);
      assert.equal(item.number, batchNumber(i));
      assert.equal(item.status, 'ok');
      assert.equal(statusOf(r, i), batchStatus(i));
      assert.equal(item.lookups, 1);
    });
    assert.deepEqual(
      progress,
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    assert.equal(api.maxInFlight, 4);
    assert.equal(r.maxConcurrency, 4);
    assert.equal(api.starts.length, 50);
    assert.equal(r.durationMs, Math.ceil(50 / 4) * 30, 'the ideal time: no round waits for anything but the lookups');
    const expected: Record<string, number> = {};
    for (let i = 0; i < 50; i++) expected[batchStatus(i)] = (expected[batchStatus(i)] ?? 0) + 1;
    assert.deepEqual(r.counts, expected);
  });

  it('concurrency 1 runs one at a time', async () => {
    const api = fakeApi(clock);
    const r = await run({ numbers: first(8), concurrency: 1 }, api);
    assert.ok(r.items.every((i) => i.status === 'ok'));
    assert.equal(api.maxInFlight, 1);
    assert.equal(r.maxConcurrency, 1);
    assert.equal(r.durationMs, 8 * 30);
  });

  it('errors are per item: a number not in the send is "not-found", the others are answered', async () => {
    const r = await run({ numbers: [batchNumber(0), '5000000000', batchNumber(2)] });
    assert.deepEqual(
      r.items.map((i) => i.status),
      ['ok', 'error', 'ok'],
    );
    assert.equal(r.items[1].result?.ok === false && r.items[1].result.error.kind, 'not-found');
    assert.deepEqual(r.counts, { DEFAULT: 1, 'not-found': 1, WAITING: 1 });
  });

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

  it('keeps nothing of an answer while it runs but what its table and export need (row 24)', async () => {
    // Each fake answer carries a raw body; halfway through, after a full collection, the raw bodies of the answers
    // already in must be gone: not kept by the item (keepForBatch) and not by anything the scheduler left behind
    // (a Promise.race against one pending promise kept every result alive until the batch ended).
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const raws: Array<WeakRef<object>> = [];
    const api = fakeApi(clock, {
      answer: (n) => {
        const raw = { body: 'x'.repeat(10_000) + n };
        raws.push(new WeakRef(raw));
        return { ...(report(n) as LookupResult & { ok: true }), raw };
      },
    });
    let alive = -1;
    await run(
      {
        numbers: first(40),
        onProgress: (done) => {
          if (done !== 30) return;
          gc();
          alive = raws.slice(0, 20).filter((r) => r.deref() !== undefined).length;
        },
      },
      api,
    );
    assert.equal(alive, 0, 'raw answers still alive halfway through the batch');
  });

  it('a lookup that throws becomes an error item, not a crashed batch', async () => {
    const api = fakeApi(clock);
    const r = await run({
      numbers: first(2),
      lookup: async (n, s) => {
        if (n === batchNumber(0)) throw new Error('boom ?api_key=secret');
        return api.lookup(n, s);
      },
    });
    assert.deepEqual(
      r.items.map((i) => i.status),
      ['error', 'ok'],
    );
    const e = r.items[0].result;
    assert.ok(e && !e.ok && e.error.kind === 'network' && !e.error.detail?.includes('secret'));
  });
});
