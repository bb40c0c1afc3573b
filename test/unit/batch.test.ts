// "Look Up Several Numbers" (src/core/batch.ts): parsing what people paste, the runner against the real sandbox over
// loopback with the real node-fetch transport and lookUpReport (concurrency cap, the batch-wide 429 pause, cancel),
// counts, sorting, and the CSV/JSON exports.
import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import {
  MAX_BATCH_NUMBERS,
  csvCell,
  parseNumberList,
  pauseFor,
  runBatch,
  sortItems,
  summarizeCounts,
  toCsv,
  toJson,
  type BatchItem,
  type BatchOptions,
  type BatchResult,
} from '../../src/core/batch';
import { lookUpReport, type LookupResult } from '../../src/core/lookup';
import { type Report } from '../../src/core/report';
import { transport } from '../../src/services/http';
import { BATCH, batchNumber, batchStatus } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { sleep, waitFor } from './helpers';
import { useEnglish, useTurkish } from './l10nSetup';

const KEY = 'sandbox-key';

function numbersOf(text: string): string[] {
  return parseNumberList(text).numbers.map((n) => n.number);
}

/** An RFC 4180 reader, to check that the export reads back to the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
      continue;
    }
    assert.ok(ch !== '\n' && ch !== '\r', `bare line break outside quotes at ${i}`);
    cell += ch;
    i++;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('batch lookups', function () {
  this.timeout(15_000);

  describe('parseNumberList', () => {
    afterEach(useEnglish);

    it('one number per line, in any of the accepted forms', () => {
      const r = parseNumberList('05399999999\n+90 539 111 22 33\n5321234567\n0 (532) 765-43-21');
      assert.equal(r.format, 'lines');
      assert.deepEqual(r.numbers, [
        { line: 1, input: '05399999999', number: '5399999999' },
        { line: 2, input: '+90 539 111 22 33', number: '5391112233' },
        { line: 3, input: '5321234567', number: '5321234567' },
        { line: 4, input: '0 (532) 765-43-21', number: '5327654321' },
      ]);
      assert.deepEqual([r.invalid, r.duplicates, r.leftOut], [[], [], 0]);
    });

    it('CSV with a header: the numara column is found even when it is not the first', () => {
      const r = parseNumberList('isim,numara,şehir\nAli,0539 999 99 99,İstanbul\nVeli,05321112233,Ankara\n');
      assert.equal(r.format, 'csv');
      assert.equal(r.delimiter, ',');
      assert.equal(r.headerLine, 1);
      assert.deepEqual(r.column, { index: 1, name: 'numara' });
      assert.deepEqual(
        r.numbers.map((n) => [n.line, n.number]),
        [
          [2, '5399999999'],
          [3, '5321112233'],
        ],
      );
      assert.deepEqual(r.invalid, []);
      // Other header names, in other cases.
      assert.deepEqual(numbersOf('Ad;TELEFON\nAyşe;05301234567'), ['5301234567']);
      assert.deepEqual(numbersOf('id,name,MSISDN\n48213001,Ali,905301234567\n48213002,Veli,905301234568'), [
        '5301234567',
        '5301234568',
      ]);
    });

    it('semicolon CSV with quotes, a BOM, CRLF and a line break inside a quoted field', () => {
      const text =
        '\uFEFFphone;isim\r\n' +
        '"0539 999 99 99";"Yılmaz; Ayşe"\r\n' +
        '"+90 (532) 111-22-33";"Kaya, ""Mehmet"""\r\n' +
        '"05301234567";"çok\r\nsatırlı not"\r\n' +
        '5301234568;Öz\r\n';
      const r = parseNumberList(text);
      assert.equal(r.format, 'csv');
      assert.equal(r.delimiter, ';');
      assert.deepEqual(r.column, { index: 0, name: 'phone' });
      assert.deepEqual(
        r.numbers.map((n) => [n.line, n.number]),
        [
          [2, '5399999999'],
          [3, '5321112233'],
          [4, '5301234567'],
          [6, '5301234568'],
        ],
      );
      assert.deepEqual(r.invalid, []);
      assert.equal(r.blankLines, 0, 'the final CRLF is not a blank line');
    });

    it('CSV without a header: the column whose values look like numbers', () => {
      const r = parseNumberList('Ali,05399999999,x\nVeli,05321112233,y\nAyşe,abc,z');
      assert.equal(r.headerLine, undefined);
      assert.deepEqual(r.column, { index: 1 });
      assert.deepEqual(
        r.numbers.map((n) => n.number),
        ['5399999999', '5321112233'],
      );
      assert.deepEqual(
        r.invalid.map((e) => [e.line, e.input]),
        [[3, 'abc']],
      );
      // An order number column (digits, but not a Turkish number) loses to the phone column.
      assert.deepEqual(numbersOf('48213001;05399999999\n48213002;05321112233'), ['5399999999', '5321112233']);
      // A header with a name we do not know is skipped, and the column found by its values.
      const h = parseNumberList('Ad Soyad,İletişim\nAli,05399999999\nVeli,05321112233');
      assert.equal(h.headerLine, 1);
      assert.deepEqual(h.column, { index: 1, name: 'İletişim' });
      assert.equal(h.numbers.length, 2);
      // A row with no number in the column is listed, not dropped.
      const gap = parseNumberList('numara,isim\n05399999999,Ali\n,Veli');
      assert.deepEqual(
        gap.invalid.map((e) => e.line),
        [3],
      );
      assert.match(gap.invalid[0].message, /no number in the column "numara"/);
    });

    it('a pasted list on one line, separated by commas or semicolons (numbers may contain spaces)', () => {
      const r = parseNumberList('0539 999 99 99, 05321112233; +905301234567,');
      assert.equal(r.format, 'list');
      assert.deepEqual(
        r.numbers.map((n) => [n.line, n.number]),
        [
          [1, '5399999999'],
          [1, '5321112233'],
          [1, '5301234567'],
        ],
      );
      // Numbers separated by spaces only, on one line.
      assert.deepEqual(numbersOf('05399999999 05321112233  5301234567'), ['5399999999', '5321112233', '5301234567']);
      // A list spread over several lines.
      assert.deepEqual(numbersOf('05399999999, 05321112233,\n5301234567, 5301234568'), [
        '5399999999',
        '5321112233',
        '5301234567',
        '5301234568',
      ]);
    });

    it('lists every invalid line with its line number and the reason', () => {
      const r = parseNumberList('05399999999\nabc\n\n123\n5321112233\n0539-999-99-9x\n' + '9'.repeat(300));
      assert.deepEqual(
        r.numbers.map((n) => n.line),
        [1, 5],
      );
      assert.deepEqual(
        r.invalid.map((e) => [e.line, e.input]),
        [
          [2, 'abc'],
          [4, '123'],
          [6, '0539-999-99-9x'],
          [7, '9'.repeat(79) + '…'],
        ],
      );
      assert.match(r.invalid[0].message, /may contain only digits/);
      assert.match(r.invalid[1].message, /3 digits is not a phone number length/);
      for (const e of r.invalid) assert.match(e.message, /Accepted:/);
    });

    it('reports duplicates after normalization and keeps the first', () => {
      const r = parseNumberList('05399999999\n+90 539 999 99 99\n5321112233\n5399999999\n0532 111 22 33');
      assert.deepEqual(
        r.numbers.map((n) => [n.line, n.number]),
        [
          [1, '5399999999'],
          [3, '5321112233'],
        ],
      );
      assert.deepEqual(r.duplicates, [
        { line: 2, number: '5399999999', firstLine: 1 },
        { line: 4, number: '5399999999', firstLine: 1 },
        { line: 5, number: '5321112233', firstLine: 3 },
      ]);
    });

    it('skips blank lines and # comments silently, counting them', () => {
      const r = parseNumberList('# gönderim 500\n\n05399999999\n   \n  # ikinci grup\n5321112233\n');
      assert.deepEqual(
        r.numbers.map((n) => n.line),
        [3, 6],
      );
      assert.equal(r.blankLines, 2);
      assert.equal(r.commentLines, 2);
      assert.deepEqual(r.invalid, []);
      const empty = parseNumberList('');
      assert.deepEqual([empty.numbers, empty.invalid, empty.blankLines, empty.commentLines], [[], [], 0, 0]);
    });

    it(`caps a list at ${MAX_BATCH_NUMBERS} numbers and reports the rest as one entry`, () => {
      const lines: string[] = [];
      for (let i = 0; i < MAX_BATCH_NUMBERS + 10; i++) lines.push(String(5320000000 + i));
      lines.splice(10, 0, '5320000000'); // a duplicate does not count against the cap
      const r = parseNumberList(lines.join('\n'));
      assert.equal(r.numbers.length, MAX_BATCH_NUMBERS);
      assert.equal(r.leftOut, 10);
      assert.equal(r.duplicates.length, 1);
      assert.equal(r.invalid.length, 1);
      assert.equal(r.invalid[0].line, MAX_BATCH_NUMBERS + 2);
      assert.match(r.invalid[0].message, /At most 5000 numbers.*10 more numbers from line 5002/);
      useTurkish();
      assert.match(parseNumberList(lines.join('\n')).invalid[0].message, /En fazla 5000 numara/);
    });
  });

  describe('runBatch against the sandbox', () => {
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox({ apiKey: KEY, latencyMs: 30 });
    });
    after(async () => {
      await sb.close();
    });
    beforeEach(() => {
      sb.setFault(undefined);
      sb.setLatency(30);
      sb.resetStats();
    });

    const realLookup = (number: string, signal: AbortSignal): Promise<LookupResult> =>
      lookUpReport(
        { apiRoot: sb.root, sendId: BATCH.sendId, number, apiKey: KEY, timeoutMs: 5000, signal },
        { transport },
      );
    const first = (n: number) => Array.from({ length: n }, (_, i) => batchNumber(i));
    const run = (o: Partial<BatchOptions> & { numbers: readonly string[] }) =>
      runBatch({ sendId: BATCH.sendId, concurrency: 4, lookup: realLookup, ...o });
    const statusOf = (item: BatchItem) => (item.result?.ok ? item.result.report.status : undefined);

    it('50 numbers with concurrency 4: all answered, in input order, never more than 4 in flight', async () => {
      const progress: number[] = [];
      const r = await run({
        numbers: first(50),
        onProgress: (done, total) => {
          assert.equal(total, 50);
          progress.push(done);
        },
      });
      assert.equal(r.cancelled, false);
      assert.equal(r.items.length, 50);
      r.items.forEach((item, i) => {
        assert.equal(item.index, i);
        assert.equal(item.number, batchNumber(i));
        assert.equal(item.status, 'ok', JSON.stringify(item.result));
        assert.equal(statusOf(item), batchStatus(i));
        assert.equal(item.lookups, 1);
      });
      assert.deepEqual(
        progress,
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      assert.ok(sb.maxInFlight <= 4, `sandbox saw ${sb.maxInFlight} in flight`);
      assert.ok(sb.maxInFlight >= 2, `it ran in parallel (sandbox saw ${sb.maxInFlight})`);
      assert.ok(r.maxConcurrency <= 4 && r.maxConcurrency >= 2, String(r.maxConcurrency));
      assert.equal(sb.requests.length, 50);
      const expected: Record<string, number> = {};
      for (let i = 0; i < 50; i++) expected[batchStatus(i)] = (expected[batchStatus(i)] ?? 0) + 1;
      assert.deepEqual(r.counts, expected);
    });

    it('concurrency 1 runs one at a time', async () => {
      const r = await run({ numbers: first(8), concurrency: 1 });
      assert.ok(r.items.every((i) => i.status === 'ok'));
      assert.equal(sb.maxInFlight, 1);
      assert.equal(r.maxConcurrency, 1);
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

    it('the sandbox answers 429 (Retry-After: 1) for a while: the batch pauses, retries and completes', async function () {
      this.timeout(10_000);
      sb.setLatency(0);
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '1' } });
      const clear = setTimeout(() => sb.setFault(undefined), 1500);
      const calls = new Map<string, number>();
      const pauses: number[] = [];
      try {
        const r = await run({
          numbers: first(12),
          lookup: (n, s) => {
            calls.set(n, (calls.get(n) ?? 0) + 1);
            return realLookup(n, s);
          },
          onPause: (ms) => pauses.push(ms),
        });
        assert.equal(r.cancelled, false);
        r.items.forEach((item, i) => {
          assert.equal(item.status, 'ok', JSON.stringify(item.result));
          assert.equal(statusOf(item), batchStatus(i));
          assert.ok(item.lookups <= 4, `${item.number} looked up ${item.lookups} times`);
          assert.equal(calls.get(item.number), item.lookups);
        });
        assert.ok(pauses.length >= 1 && pauses.every((ms) => ms === 1000), `pauses ${pauses}`);
        assert.ok(
          sb.requests.some((q) => q.status === 429),
          'the sandbox did answer 429',
        );
        // lookUpReport retries a 429 once by itself, so one batch lookup is at most 2 requests.
        const perNumber = new Map<string, number>();
        for (const q of sb.requests) {
          const n = (JSON.parse(q.body) as { numara: string }).numara;
          perNumber.set(n, (perNumber.get(n) ?? 0) + 1);
        }
        for (const [n, count] of perNumber) assert.ok(count <= 2 * (calls.get(n) ?? 0), `${n}: ${count} requests`);
      } finally {
        clearTimeout(clear);
        sb.setFault(undefined);
      }
    });

    it('the pause honours Retry-After: the requested sleep is Retry-After × 1000', async () => {
      // 20 s: longer than lookUpReport waits by itself (10 s), within what the batch honours (60 s).
      sb.setLatency(0);
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '20' } });
      let clock = 0;
      const sleeps: number[] = [];
      const r = await run({
        numbers: first(6),
        concurrency: 2,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock += ms;
          sb.setFault(undefined);
        },
      });
      assert.ok(r.items.every((i) => i.status === 'ok'));
      assert.ok(sleeps.length >= 1, 'paused');
      assert.ok(
        sleeps.every((ms) => ms === 20_000),
        `sleeps ${sleeps}`,
      );
      assert.ok(r.durationMs >= 20_000, 'the pause is part of the batch time');
    });

    it('the pause is shared: no lookup starts anywhere until it ends', async () => {
      // The first 3 lookups come back rate-limited (a wrapper: the sandbox cannot fail "the next N requests"),
      // the 4th goes to the sandbox and finishes during the pause; its worker must wait too.
      const events: string[] = [];
      let calls = 0;
      const lookup = async (n: string, s: AbortSignal): Promise<LookupResult> => {
        events.push('start');
        if (++calls <= 3)
          return {
            ok: false,
            error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: 2 },
            attempts: 2,
            durationMs: 1,
          };
        return realLookup(n, s);
      };
      const sleeps: number[] = [];
      let clock = 0;
      const r = await run({
        numbers: first(8),
        lookup,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          events.push('pause');
          await sleep(120);
          clock += ms;
          events.push('resume');
        },
      });
      assert.ok(r.items.every((i) => i.status === 'ok'));
      assert.deepEqual(sleeps, [2000], 'one shared pause of Retry-After');
      const pause = events.indexOf('pause');
      const resume = events.indexOf('resume');
      assert.deepEqual(events.slice(pause, resume + 1), ['pause', 'resume'], events.join(' '));
      assert.equal(events.slice(0, pause).filter((e) => e === 'start').length, 4);
      assert.deepEqual(
        r.items.map((i) => i.lookups),
        [2, 2, 2, 1, 1, 1, 1, 1],
      );
    });

    it('a 429 that arrives during a pause extends it by the difference only', async () => {
      let clock = 0;
      let pauseStarted!: () => void;
      const started = new Promise<void>((resolve) => {
        pauseStarted = resolve;
      });
      const calls = new Map<string, number>();
      const lookup = async (n: string, s: AbortSignal): Promise<LookupResult> => {
        const k = (calls.get(n) ?? 0) + 1;
        calls.set(n, k);
        if (k > 1 || n === batchNumber(2)) return realLookup(n, s);
        if (n === batchNumber(1)) {
          await started;
          clock += 500;
        }
        return {
          ok: false,
          error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: n === batchNumber(0) ? 1 : 2 },
          attempts: 1,
          durationMs: 1,
        };
      };
      const sleeps: number[] = [];
      const r = await run({
        numbers: first(3),
        concurrency: 2,
        lookup,
        now: () => clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          pauseStarted();
          await sleep(20);
        },
      });
      assert.ok(r.items.every((i) => i.status === 'ok'));
      assert.deepEqual(sleeps, [1000, 1500], '1 s from 0, then to 2.5 s: 1.5 s more');
    });

    it('without a usable Retry-After: exponential backoff with jitter from 1 s, at most 30 s', async () => {
      let calls = 0;
      const sleeps: number[] = [];
      const lookup = async (n: string, s: AbortSignal): Promise<LookupResult> => {
        if (++calls <= 3)
          return {
            ok: false,
            error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: 3600 },
            attempts: 1,
            durationMs: 1,
          };
        return realLookup(n, s);
      };
      const r = await run({
        numbers: first(2),
        concurrency: 1,
        lookup,
        random: () => 0.5,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      });
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
      const calls = new Map<string, number>();
      const lookup = async (n: string, s: AbortSignal): Promise<LookupResult> => {
        calls.set(n, (calls.get(n) ?? 0) + 1);
        if (n === stuck)
          return { ok: false, error: { kind: 'rate-limited', httpStatus: 429 }, attempts: 1, durationMs: 1 };
        return realLookup(n, s);
      };
      const r = await run({
        numbers: first(4),
        lookup,
        sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
      });
      assert.equal(calls.get(stuck), 4);
      assert.equal(r.items[1].status, 'error');
      assert.equal(r.items[1].lookups, 4);
      assert.equal(r.items[1].result?.ok === false && r.items[1].result.error.kind, 'rate-limited');
      assert.deepEqual(
        r.items.map((i) => i.status),
        ['ok', 'error', 'ok', 'ok'],
      );
      assert.equal(r.counts['rate-limited'], 1);
    });

    it('cancel mid-batch: resolves within 100 ms, keeps what finished, aborts what was in flight, sends nothing more', async () => {
      sb.setLatency(50);
      const controller = new AbortController();
      let abortedAt = 0;
      let startedAfterAbort = 0;
      const started = run({
        numbers: first(50),
        signal: controller.signal,
        lookup: (n, s) => {
          if (controller.signal.aborted) startedAfterAbort++;
          return realLookup(n, s);
        },
        onProgress: (done) => {
          if (done === 10) {
            abortedAt = performance.now();
            controller.abort();
          }
        },
      });
      const r = await started;
      const resolvedIn = performance.now() - abortedAt;
      assert.ok(abortedAt > 0, 'aborted');
      assert.ok(resolvedIn < 100, `resolved ${resolvedIn.toFixed(1)} ms after the abort`);
      assert.equal(r.cancelled, true);
      assert.equal(r.items.length, 50);
      const ok = r.items.filter((i) => i.status === 'ok');
      assert.equal(ok.length, 10);
      for (const item of ok) assert.equal(statusOf(item), batchStatus(item.index));
      const inFlight = r.items.filter((i) => i.status === 'cancelled' && i.startedAt !== undefined);
      const notStarted = r.items.filter((i) => i.status === 'cancelled' && i.startedAt === undefined);
      assert.ok(inFlight.length >= 1 && inFlight.length <= 4, `in flight at the abort: ${inFlight.length}`);
      assert.equal(ok.length + inFlight.length + notStarted.length, 50);
      assert.equal(r.counts.cancelled, 40);
      // Nothing starts after the abort. A request the runner started just before it may already be on the loopback
      // wire (the keep-alive socket had the bytes before the abort came); give those 30 ms to land, then the count
      // must stay put, and never exceed the lookups started before the abort.
      assert.equal(startedAfterAbort, 0, 'no lookup started after the abort');
      await sleep(30);
      const requestsAfterAbort = sb.requests.length;
      assert.ok(
        requestsAfterAbort <= ok.length + inFlight.length,
        `${requestsAfterAbort} requests for ${ok.length + inFlight.length} lookups started`,
      );
      await sleep(200);
      assert.equal(sb.requests.length, requestsAfterAbort, 'no request reached the sandbox after the abort');
      assert.ok(await waitFor(() => sb.inFlight === 0, 500), 'the in-flight requests were aborted');
    });

    it('a lookup that ignores the abort does not hold up the cancel', async () => {
      const controller = new AbortController();
      const lookup = (n: string): Promise<LookupResult> =>
        n === batchNumber(0) ? realLookup(n, new AbortController().signal) : new Promise<LookupResult>(() => undefined); // never settles, never looks at the signal
      let abortedAt = 0;
      const r = await run({
        numbers: first(6),
        lookup,
        signal: controller.signal,
        onProgress: () => {
          abortedAt = performance.now();
          controller.abort();
        },
      });
      assert.ok(performance.now() - abortedAt < 100);
      assert.deepEqual(
        r.items.map((i) => i.status),
        ['ok', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled'],
      );
      assert.deepEqual(
        r.items.map((i) => i.startedAt !== undefined),
        [true, true, true, true, false, false],
      );
    });

    it('cancelled before it starts: nothing is sent', async () => {
      const controller = new AbortController();
      controller.abort();
      const r = await run({ numbers: first(5), signal: controller.signal });
      assert.equal(r.cancelled, true);
      assert.ok(r.items.every((i) => i.status === 'cancelled' && i.startedAt === undefined));
      assert.equal(sb.requests.length, 0);
    });

    it('a cancel during a 429 pause ends the pause at once', async () => {
      const controller = new AbortController();
      const lookup = async (): Promise<LookupResult> => ({
        ok: false,
        error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: 30 },
        attempts: 1,
        durationMs: 1,
      });
      const t0 = performance.now();
      setTimeout(() => controller.abort(), 50);
      const r = await run({
        numbers: first(3),
        lookup,
        signal: controller.signal,
        sleep: () => new Promise<void>(() => undefined),
      });
      assert.ok(performance.now() - t0 < 500);
      assert.equal(r.cancelled, true);
      assert.ok(r.items.every((i) => i.status === 'cancelled'));
    });

    it('a lookup that throws becomes an error item, not a crashed batch', async () => {
      const r = await run({
        numbers: first(2),
        lookup: async (n, s) => {
          if (n === batchNumber(0)) throw new Error('boom ?api_key=secret');
          return realLookup(n, s);
        },
      });
      assert.deepEqual(
        r.items.map((i) => i.status),
        ['error', 'ok'],
      );
      const e = r.items[0].result;
      assert.ok(e && !e.ok && e.error.kind === 'network' && !e.error.detail?.includes('secret'));
    });

    it('exports of a real run carry neither the key nor a URL', async () => {
      const r = await run({ numbers: [...first(3), '5000000000'] });
      for (const out of [toCsv(r, BATCH.sendId), toJson(r, BATCH.sendId)]) {
        assert.ok(!out.includes(KEY), 'no key');
        assert.ok(!/api_key/i.test(out), 'no api_key');
        assert.ok(!out.includes('127.0.0.1') && !out.includes('http'), 'no URL');
      }
      const json = JSON.parse(toJson(r, BATCH.sendId)) as Array<Record<string, unknown>>;
      assert.ok(Array.isArray(json) && json.length === 4);
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
        json.map((row) => row.status),
        ['DEFAULT', 'SENDING', 'WAITING', ''],
      );
      assert.equal(json[3].error, 'Report not found');
      assert.equal(json[0].final, false);
    });
  });

  describe('results: counts, sorting, export', () => {
    afterEach(useEnglish);

    let seq = 0;
    const okItem = (number: string, status: string, fields: Partial<Report> = {}): BatchItem => ({
      number,
      index: seq++,
      status: 'ok',
      lookups: 1,
      startedAt: 0,
      finishedAt: 1,
      result: { ok: true, report: { status, number, ...fields }, raw: {}, httpStatus: 200, attempts: 1, durationMs: 1 },
    });
    const errItem = (
      number: string,
      kind: 'not-found' | 'rate-limited' | 'server',
      providerText?: string,
    ): BatchItem => ({
      number,
      index: seq++,
      status: 'error',
      lookups: 1,
      startedAt: 0,
      finishedAt: 1,
      result: {
        ok: false,
        error: { kind, httpStatus: 404, ...(providerText ? { providerText } : {}) },
        attempts: 1,
        durationMs: 1,
      },
    });
    const cancelledItem = (number: string): BatchItem => ({ number, index: seq++, status: 'cancelled', lookups: 0 });
    const resultOf = (items: BatchItem[]): BatchResult => {
      const counts: Record<string, number> = {};
      for (const i of items) {
        const k =
          i.status === 'cancelled'
            ? 'cancelled'
            : i.result?.ok
              ? i.result.report.status
              : i.result?.ok === false
                ? i.result.error.kind
                : '';
        counts[k] = (counts[k] ?? 0) + 1;
      }
      return { items, cancelled: false, counts, durationMs: 5, maxConcurrency: 1 };
    };
    beforeEach(() => {
      seq = 0;
    });

    it('summarizeCounts: largest first, with labels', () => {
      const r = resultOf([
        okItem('1', 'DELIVERED'),
        errItem('2', 'not-found'),
        okItem('3', 'DELIVERED'),
        okItem('4', 'WAITING'),
        cancelledItem('5'),
        okItem('6', 'WAITING'),
        okItem('7', 'DELIVERED'),
      ]);
      assert.deepEqual(
        summarizeCounts(r).map((e) => [e.key, e.kind, e.label, e.count]),
        [
          ['DELIVERED', 'status', 'Delivered', 3],
          ['WAITING', 'status', 'Waiting for report', 2],
          ['cancelled', 'cancelled', 'Cancelled', 1],
          ['not-found', 'error', 'Report not found', 1],
        ],
      );
    });

    it('sortItems is stable in both directions and puts missing values last', () => {
      const items = [
        okItem('5320000003', 'WAITING', { updatedAt: '2024-04-01 09:00:03' }),
        okItem('5320000001', 'DELIVERED', { updatedAt: '2024-04-01 09:00:05' }),
        errItem('5320000002', 'not-found'),
        okItem('5320000004', 'DELIVERED', { updatedAt: '2024-04-01 09:00:01' }),
        cancelledItem('5320000000'),
        okItem('447911123456', 'DELIVERED'),
      ];
      const nums = (xs: BatchItem[]) => xs.map((i) => i.number);
      assert.deepEqual(nums(sortItems(items, 'number', 'asc')), [
        '5320000000',
        '5320000001',
        '5320000002',
        '5320000003',
        '5320000004',
        '447911123456',
      ]);
      assert.deepEqual(nums(sortItems(items, 'number', 'desc')), [
        '447911123456',
        '5320000004',
        '5320000003',
        '5320000002',
        '5320000001',
        '5320000000',
      ]);
      // Equal statuses keep input order whichever the direction.
      assert.deepEqual(nums(sortItems(items, 'status', 'asc')), [
        '5320000001',
        '5320000004',
        '447911123456',
        '5320000003',
        '5320000002',
        '5320000000',
      ]);
      assert.deepEqual(nums(sortItems(items, 'status', 'desc')), [
        '5320000000',
        '5320000002',
        '5320000003',
        '5320000001',
        '5320000004',
        '447911123456',
      ]);
      assert.deepEqual(nums(sortItems(items, 'time', 'asc')), [
        '5320000004',
        '5320000003',
        '5320000001',
        '5320000002',
        '5320000000',
        '447911123456',
      ]);
      assert.deepEqual(nums(sortItems(items, 'time', 'desc')), [
        '5320000001',
        '5320000003',
        '5320000004',
        '5320000002',
        '5320000000',
        '447911123456',
      ]);
      assert.deepEqual(nums(sortItems(items, 'error', 'asc')), [
        '5320000000',
        '5320000002',
        '5320000003',
        '5320000001',
        '5320000004',
        '447911123456',
      ]);
      assert.deepEqual(
        nums(items),
        ['5320000003', '5320000001', '5320000002', '5320000004', '5320000000', '447911123456'],
        'the input is not changed',
      );
    });

    it('CSV: RFC 4180 quoting (comma, quote, line break), Turkish letters, CRLF', () => {
      const message = 'Merhaba, "Ayşe"\nİkinci satır: ğüşıöç ĞÜŞİÖÇ';
      const r = resultOf([
        okItem('5399999999', 'DELIVERED', {
          message,
          createdAt: '2016-08-01 14:30:14',
          updatedAt: '2016-08-01 14:30:24',
        }),
        errItem('5000000000', 'not-found', 'Numara bu gönderimde bulunamadı.'),
        cancelledItem('5321112233'),
      ]);
      const csv = toCsv(r, '187');
      assert.ok(csv.startsWith('sendId,number,status,statusLabel,final,error,createdAt,updatedAt,message\r\n'));
      assert.ok(csv.includes('"Merhaba, ""Ayşe""\nİkinci satır: ğüşıöç ĞÜŞİÖÇ"'), csv);
      assert.deepEqual(readCsv(csv), [
        ['sendId', 'number', 'status', 'statusLabel', 'final', 'error', 'createdAt', 'updatedAt', 'message'],
        [
          '187',
          '5399999999',
          'DELIVERED',
          'Delivered',
          'true',
          '',
          '2016-08-01 14:30:14',
          '2016-08-01 14:30:24',
          message,
        ],
        ['187', '5000000000', '', '', '', 'Report not found', '', '', ''],
        ['187', '5321112233', '', '', '', 'Cancelled', '', '', ''],
      ]);
      assert.ok(toCsv(r, '187', { bom: true }).startsWith('\uFEFFsendId,'));
      useTurkish();
      assert.match(toCsv(r, '187'), /,İletildi,true,/);
    });

    it('CSV: cells a spreadsheet would run as a formula start with a quote', () => {
      const payloads = [
        '=HYPERLINK("https://evil.invalid","x")',
        '+90 SUM(A1)',
        '-2+3',
        '@SUM(A1:A2)',
        '\tTAB',
        '\rCR',
        '=1,2',
      ];
      const r = resultOf(payloads.map((m, i) => okItem(String(5320000000 + i), 'DELIVERED', { message: m })));
      const rows = readCsv(toCsv(r, '187')).slice(1);
      assert.deepEqual(
        rows.map((row) => row[8]),
        payloads.map((p) => `'${p}`),
      );
      assert.equal(csvCell('=1+2'), "'=1+2");
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('\rx'), '"\'\rx"');
      assert.equal(csvCell('Ödeme 5-3'), 'Ödeme 5-3', 'a minus inside is harmless');
      assert.equal(csvCell(''), '');
    });

    it('JSON: an array of rows, no api_key even when the text carried one', () => {
      const r = resultOf([
        okItem('5399999999', 'DELIVERED', { message: 'see https://x.invalid/?api_key=abcd1234 ğ' }),
        errItem('5000000000', 'server'),
      ]);
      const text = toJson(r, '187');
      assert.ok(!text.includes('abcd1234'));
      const rows = JSON.parse(text) as Array<Record<string, unknown>>;
      assert.equal(rows.length, 2);
      assert.equal(rows[0].final, true);
      assert.equal(rows[1].final, null);
      assert.match(String(rows[0].message), /\[REDACTED\] ğ$/);
      for (const row of rows) assert.ok(!('api_key' in row) && !('url' in row) && !('raw' in row));
    });
  });
});
