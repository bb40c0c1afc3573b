// Running a batch (src/core/batch/batchRun.ts): the cap on lookups in flight, errors per item, and what it keeps. The
// batch-wide 429 pause is batchPause.test.ts, a cancel batchCancel.test.ts. The scheduler takes its lookup, clock and
// sleep as parameters, so these run on a fake lookup and a fake clock (test/unit/fakeClock.ts): "at once" means "with no
// time passing", and nothing depends on how loaded the machine is. One run goes through the real sandbox, lookUpReport
// and node-fetch.
import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { toCsv, toJson } from '../../../../src/core/batch/batchExport';
import { runBatch } from '../../../../src/core/batch/batchRun';
import { transport } from '../../../../src/services/http';
import { BATCH, batchNumber, batchStatus } from '../../../sandbox/data';
import { startSandbox } from '../../../sandbox/server';
import { FakeClock } from '../../fakeClock';
import { batchRunner, KEY, first, report, fakeApi } from './batchFakes';
import { lookUpReport, type LookupResult } from '../../../../src/core/report/endpoint';

describe('running a batch (runBatch)', () => {
  let clock: FakeClock;
  beforeEach(() => {
    clock = new FakeClock();
  });

  const { run, statusOf } = batchRunner(() => clock);

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
