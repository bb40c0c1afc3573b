// lookUpReport (src/core/report/lookup.ts, on the exchange seam of src/core/api/exchange.ts) with the real node-fetch transport against the sandbox: parsing, error classes,
// the retry rules, keys that need encoding, and that the key never leaks into anything a user or a log sees.
// The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import { describeError, type LookupError } from '../../../../src/core/api/errors';
import { type AttemptLog, type ExchangeDeps } from '../../../../src/core/api/exchange';
import { TransportError, type Transport } from '../../../../src/core/api/transport';
import { transport } from '../../../../src/services/http';
import {
  BATCH,
  HOSTILE_MESSAGES,
  HOSTILE_NUMBER,
  LENIENT,
  NUMBER_FOR_STATUS,
  PROGRESSING,
  SAMPLE,
  STATUS_CODES,
  UNKNOWN_STATUS,
  batchNumber,
  batchStatus,
} from '../../../sandbox/data';
import { TEXT, startSandbox, type Fault, type Sandbox } from '../../../sandbox/server';
import { closedPort, tlsMaterial } from '../../helpers';
import { lookUpReport, type LookupParams, type LookupResult } from '../../../../src/core/report/endpoint';

const KEY = 'sandbox-key';

interface Run {
  result: LookupResult;
  attempts: AttemptLog[];
  sleeps: number[];
  /** What onWait was told (a short Retry-After the lookup waits for by itself), in order, with the sleeps so far. */
  waits: Array<{ seconds: number; sleptBefore: number }>;
  /** TransportErrors thrown by the transport, as the lookup saw them. */
  transportErrors: TransportError[];
}

/** One lookup with the real transport; sleep is injected (records the wait, never really waits). */
async function run(p: Partial<LookupParams> & { apiRoot: string }, onSleep?: (ms: number) => void): Promise<Run> {
  const attempts: AttemptLog[] = [];
  const sleeps: number[] = [];
  const waits: Run['waits'] = [];
  const transportErrors: TransportError[] = [];
  const spy: Transport = async (r) => {
    try {
      return await transport(r);
    } catch (e) {
      if (e instanceof TransportError) transportErrors.push(e);
      throw e;
    }
  };
  const deps: ExchangeDeps = {
    transport: spy,
    sleep: async (ms) => {
      sleeps.push(ms);
      onSleep?.(ms);
    },
    random: () => 0.5,
    onAttempt: (log) => attempts.push(log),
    onWait: (seconds) => waits.push({ seconds, sleptBefore: sleeps.length }),
  };
  const result = await lookUpReport(
    {
      sendId: SAMPLE.sendId,
      number: SAMPLE.number,
      apiKey: KEY,
      timeoutMs: 2000,
      ...p,
    },
    deps,
  );
  return { result, attempts, sleeps, waits, transportErrors };
}

function failed(r: Run): LookupError {
  assert.equal(r.result.ok, false, `expected an error, got ${JSON.stringify(r.result)}`);
  return (r.result as Extract<LookupResult, { ok: false }>).error;
}

function succeeded(r: Run): Extract<LookupResult, { ok: true }> {
  assert.equal(r.result.ok, true, `expected a report, got ${JSON.stringify(r.result)}`);
  return r.result as Extract<LookupResult, { ok: true }>;
}

describe('lookUpReport with the node-fetch transport against the sandbox', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const lookup = (p: Partial<LookupParams> = {}, onSleep?: (ms: number) => void) =>
    run({ apiRoot: sb.root, ...p }, onSleep);

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  after(async () => {
    await sb.close();
  });
  beforeEach(() => {
    sb.setFault(undefined);
    sb.setApiKey(KEY);
    sb.setLatency(0);
    sb.resetStats();
  });

  describe('reports', () => {
    it("the API page's sample", async () => {
      const r = succeeded(await lookup());
      assert.equal(r.httpStatus, 200);
      assert.equal(r.attempts, 1);
      assert.deepEqual(r.report, {
        rowId: '3024',
        sendId: '187',
        number: '5399999999',
        message: 'Ben bir ceviz ağacıyım gülhane parkında (Ş ş Ğ ğ ç ı İ)',
        parts: 1,
        status: 'DELIVERED',
        refund: false,
        createdAt: '2016-08-01 14:30:14',
        updatedAt: '2016-08-01 14:30:24',
      });
      assert.equal(sb.requests.length, 1);
    });

    it('every documented status code', async () => {
      for (const code of STATUS_CODES) {
        const r = succeeded(await lookup({ number: NUMBER_FOR_STATUS[code] }));
        assert.equal(r.report.status, code);
        assert.equal(r.report.number, NUMBER_FOR_STATUS[code]);
        assert.match(r.report.message ?? '', /[şğıİçöüŞ]/, `${code}: a message with Turkish letters`);
      }
    });

    it('lenient types: string ids, durum_iade "1"/true/"0", dates without seconds, mesaj_boy "2", lower-case status', async () => {
      const get = async (n: string) => succeeded(await lookup({ number: n })).report;
      const ids = await get(LENIENT.stringIds);
      assert.equal(ids.rowId, '3201');
      assert.equal(ids.sendId, '187');
      assert.equal((await get(LENIENT.refundString1)).refund, true);
      assert.equal((await get(LENIENT.refundTrue)).refund, true);
      assert.equal((await get(LENIENT.refundString0)).refund, false);
      const dates = await get(LENIENT.datesWithoutSeconds);
      assert.equal(dates.createdAt, '2024-03-15 09:12');
      assert.equal(dates.updatedAt, '2024-03-15 09:14');
      assert.equal((await get(LENIENT.partsAsString)).parts, 2);
      assert.equal((await get(LENIENT.statusLowerCase)).status, 'DELIVERED');
      const all = await get(LENIENT.allAtOnce);
      assert.equal(all.status, 'SENT');
      assert.equal(all.parts, 3);
      assert.equal(all.refund, true);
      assert.deepEqual(all.extra, { operator: 'Turkcell', fiyat: '0.0125' });
    });

    it('an unknown status code is returned as it is, not as an error', async () => {
      const r = succeeded(await lookup({ number: UNKNOWN_STATUS.number }));
      assert.equal(r.report.status, UNKNOWN_STATUS.code);
    });

    it("hostile message texts arrive verbatim (escaping is the renderer's job, not the parser's)", async () => {
      const first = succeeded(await lookup({ number: HOSTILE_NUMBER }));
      assert.equal(first.report.message, `<img src=x onerror=alert(1)><script>document.title='pwned'</script>`);
      for (const h of HOSTILE_MESSAGES) {
        const r = succeeded(await lookup({ number: h.number }));
        assert.equal(r.report.message, h.mesaj, h.name);
      }
    });

    it('the progressing number answers WAITING twice, then DELIVERED with a later updated_at', async () => {
      sb.resetProgress();
      const seen: Array<[string, string | undefined]> = [];
      for (let i = 0; i < 4; i++) {
        const r = succeeded(await lookup({ number: PROGRESSING.number }));
        seen.push([r.report.status, r.report.updatedAt]);
      }
      assert.deepEqual(
        seen.map((s) => s[0]),
        ['WAITING', 'WAITING', 'DELIVERED', 'DELIVERED'],
      );
      assert.ok(String(seen[2][1]) > String(seen[0][1]), 'updated_at moved on');
      sb.resetProgress(0);
      assert.equal(succeeded(await lookup({ number: PROGRESSING.number })).report.status, 'DELIVERED');
      sb.resetProgress();
    });

    it('the large send 500', async () => {
      for (const i of [0, 13, 999]) {
        const r = succeeded(await lookup({ sendId: BATCH.sendId, number: batchNumber(i) }));
        assert.equal(r.report.status, batchStatus(i));
        assert.equal(r.report.sendId, '500');
      }
      assert.equal(failed(await lookup({ sendId: BATCH.sendId, number: batchNumber(1000) })).kind, 'not-found');
    });
  });

  describe('errors', () => {
    it('401 wrong key → "unauthorized" with the provider\'s Turkish sentence', async () => {
      const e = failed(await lookup({ apiKey: 'wrong-key' }));
      assert.equal(e.kind, 'unauthorized');
      assert.equal(e.httpStatus, 401);
      assert.equal(e.providerText, TEXT.wrongKey);
      assert.equal(sb.requests.length, 1, 'not retried');
    });

    it('an unknown send ID → "not-found"', async () => {
      const e = failed(await lookup({ sendId: '999' }));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.httpStatus, 404);
      assert.equal(e.providerText, TEXT.unknownSend);
    });

    it('a number not in the send → "not-found"', async () => {
      const e = failed(await lookup({ number: '5000000000' }));
      assert.equal(e.kind, 'not-found');
      assert.equal(e.providerText, TEXT.numberNotInSend);
    });

    it('400 INVALID_DESTINATION_ADDRESS / MISSING_DESTINATION_ADDRESS → "provider" with the code', async () => {
      const invalid = failed(await lookup({ number: '+905399999999' }));
      assert.equal(invalid.kind, 'provider');
      assert.equal(invalid.httpStatus, 400);
      assert.equal(invalid.providerText, 'INVALID_DESTINATION_ADDRESS');
      assert.match(describeError(invalid).action, /5XXXXXXXXX/);
      const missing = failed(await lookup({ number: '' }));
      assert.equal(missing.kind, 'provider');
      assert.equal(missing.providerText, 'MISSING_DESTINATION_ADDRESS');
    });

    it('HTML 502 from a proxy → "server" with a short one-line excerpt, no crash', async () => {
      sb.setFault({ kind: 'html', status: 502 });
      const r = await lookup();
      const e = failed(r);
      assert.equal(e.kind, 'server');
      assert.equal(e.httpStatus, 502);
      assert.equal(e.providerText, undefined, "an HTML page is not the provider's message");
      assert.ok(e.detail && e.detail.length <= 200, `detail: ${e.detail}`);
      assert.doesNotMatch(e.detail ?? '', /[\r\n]/);
      assert.match(e.detail ?? '', /502 Bad Gateway/);
      // The excerpt is text that contains markup; our own sentences never do, and the page is not kept as "raw".
      const d = describeError(e);
      for (const s of [d.title, d.message, d.action]) assert.doesNotMatch(s, /<script|</);
      assert.equal((r.result as { raw?: unknown }).raw, undefined);
      assert.equal(sb.requests.length, 1, '5xx is not retried');
    });

    const badBodies: Array<[string, Fault]> = [
      ['malformed JSON', { kind: 'malformed-json' }],
      ['truncated JSON', { kind: 'truncated-json' }],
      ['an empty body', { kind: 'empty' }],
      ['null', { kind: 'json-null' }],
      ['an array', { kind: 'json-array' }],
    ];
    for (const [name, fault] of badBodies) {
      it(`200 with ${name} → "bad-response"`, async () => {
        sb.setFault(fault);
        const e = failed(await lookup());
        assert.equal(e.kind, 'bad-response');
        assert.equal(e.httpStatus, 200);
        assert.ok(e.detail, 'a detail says what arrived');
        assert.equal(sb.requests.length, 1);
      });
    }

    it('a redirect loop → "redirect"; an oversized body → "too-large"', async () => {
      sb.setFault({ kind: 'redirect', to: 'loop' });
      assert.equal(failed(await lookup()).kind, 'redirect');
      assert.equal(sb.requests.length, 4);
      sb.setFault({ kind: 'oversized' });
      assert.equal(failed(await lookup()).kind, 'too-large');
    });
  });

  describe('retry rules', () => {
    it('429 with Retry-After: 2 → one retry after 2000 ms; a second 429 → "rate-limited"', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '2' } });
      const r = await lookup();
      const e = failed(r);
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 2);
      assert.deepEqual(r.sleeps, [2000]);
      assert.deepEqual(r.waits, [{ seconds: 2, sleptBefore: 0 }], 'told before the wait, so the panel can count down');
      assert.equal(sb.requests.length, 2);
      assert.equal(r.result.attempts, 2);
    });

    it('429 with Retry-After: 2, then a report → success on the retry', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '2' } });
      const r = await lookup({}, () => sb.setFault(undefined));
      const ok = succeeded(r);
      assert.equal(ok.report.status, 'DELIVERED');
      assert.deepEqual(r.sleeps, [2000]);
      assert.equal(ok.attempts, 2);
      assert.equal(sb.requests.length, 2);
    });

    it('429 with Retry-After: 3600 → not retried; the error carries the wait', async () => {
      sb.setFault({ kind: 'status', code: 429, headers: { 'retry-after': '3600' } });
      const r = await lookup();
      const e = failed(r);
      assert.equal(e.kind, 'rate-limited');
      assert.equal(e.retryAfterSeconds, 3600);
      assert.deepEqual(r.sleeps, []);
      assert.deepEqual(r.waits, [], 'no wait announced for a wait it does not make');
      assert.equal(sb.requests.length, 1);
      assert.match(describeError(e).message, /60 min/);
    });

    for (const code of [500, 502, 503]) {
      it(`${code} → "server", not retried (exactly 1 request)`, async () => {
        sb.setFault({ kind: 'status', code });
        const r = await lookup();
        assert.equal(failed(r).kind, 'server');
        assert.equal(failed(r).httpStatus, code);
        assert.deepEqual(r.sleeps, []);
        assert.equal(sb.requests.length, 1);
      });
    }

    it('a reset after the body was sent → "network", not retried', async () => {
      sb.setFault({ kind: 'reset-after-body' });
      const r = await lookup();
      assert.equal(failed(r).kind, 'network');
      assert.deepEqual(r.sleeps, []);
      assert.equal(sb.requests.length, 1);
      assert.equal(sb.requests[0].body, `{"numara":"${SAMPLE.number}"}`);
    });

    it('a timeout → "timeout", not retried', async () => {
      sb.setFault({ kind: 'hang' });
      const r = await lookup({ timeoutMs: 300 });
      assert.equal(failed(r).kind, 'timeout');
      assert.deepEqual(r.sleeps, []);
      assert.equal(sb.requests.length, 1);
    });

    it('ECONNREFUSED → exactly 3 attempts (2 retries with backoff), then "offline"', async () => {
      const port = await closedPort();
      const r = await run({ apiRoot: `http://127.0.0.1:${port}/Panel/api/v1/` });
      const e = failed(r);
      assert.equal(e.kind, 'offline');
      assert.equal(e.detail, 'ECONNREFUSED');
      assert.equal(r.result.attempts, 3);
      assert.equal(r.attempts.length, 3);
      assert.equal(r.sleeps.length, 2);
      assert.ok(
        r.sleeps.every((ms) => ms >= 0 && ms <= 1200),
        `backoff waits ${r.sleeps.join(', ')}`,
      );
      assert.ok(r.attempts.every((a) => /offline \(ECONNREFUSED\)/.test(a.error ?? '')));
    });

    it('Cancel during a request → "cancelled", no retry', async () => {
      sb.setFault({ kind: 'hang' });
      const user = new AbortController();
      setTimeout(() => user.abort(), 100);
      const r = await lookup({ signal: user.signal, timeoutMs: 5000 });
      assert.equal(failed(r).kind, 'cancelled');
      assert.equal(sb.requests.length, 1);
      assert.deepEqual(r.sleeps, []);
    });
  });

  describe('API keys that need encoding', () => {
    const keys: Array<[string, string]> = [
      ['an ampersand', 'abc&api_key=evil'],
      ['a hash', 'abc#frag'],
      ['a space', 'abc def'],
      ['a plus', 'abc+def'],
      ['a newline', 'abc\ndef'],
      ['a percent sign', '100%25%zz'],
      ['all of them', 'k&#% x\n=+?/;"\'<>ç'],
      ['2,000 characters', Array.from({ length: 2000 }, (_, i) => 'aZ9&# %\n'[i % 8]).join('')],
    ];
    for (const [name, key] of keys) {
      it(`a key with ${name} reaches the sandbox intact and succeeds`, async () => {
        sb.setApiKey(key);
        const r = succeeded(await lookup({ apiKey: key }));
        assert.equal(r.report.status, 'DELIVERED');
        assert.equal(sb.requests.length, 1);
        assert.equal(sb.requests[0].apiKey, key);
        assert.ok(sb.requests[0].apiKeyOk);
        assert.equal(sb.requests[0].sendId, SAMPLE.sendId, 'the key did not change the path');
        assert.equal(sb.requests[0].body, `{"numara":"${SAMPLE.number}"}`, 'nor the body');
      });
    }

    it('the sandbox rejects a key that differs only by encoding (so the test above can fail)', async () => {
      sb.setApiKey('abc def');
      assert.equal(failed(await lookup({ apiKey: 'abc+def' })).kind, 'unauthorized');
      assert.equal(failed(await lookup({ apiKey: 'abc%20def' })).kind, 'unauthorized');
    });
  });

  describe('the key never leaks (sentinel)', () => {
    const SENTINEL = 'SENTINEL-KEY-7f3a&#%20 x';
    const forms = [
      ...new Set([
        SENTINEL,
        encodeURIComponent(SENTINEL),
        new URLSearchParams({ k: SENTINEL }).toString().slice(2),
        encodeURI(SENTINEL),
        JSON.stringify(SENTINEL).slice(1, -1),
      ]),
    ];
    /** Every 8-character piece of every form: a key cut in half must not leak either. */
    const pieces = [
      ...new Set(forms.flatMap((f) => Array.from({ length: f.length - 7 }, (_, i) => f.slice(i, i + 8)))),
    ];

    let tlsSb: Sandbox;
    before(async () => {
      const tls = tlsMaterial();
      tlsSb = await startSandbox({ apiKey: KEY, tls: { key: tls.selfSignedKey, cert: tls.selfSignedCert } });
    });
    after(async () => {
      await tlsSb?.close();
    });

    interface Case {
      name: string;
      fault?: Fault;
      /** The sandbox accepts the sentinel (to reach 404/400 answers), or expects another key (401). */
      keyAccepted?: boolean;
      sendId?: string;
      number?: string;
      timeoutMs?: number;
      cancelAfterMs?: number;
      root?: 'closed-port' | 'tls';
      /** A request reaches the sandbox (so it saw the sentinel). */
      reaches?: boolean;
    }
    const cases: Case[] = [
      { name: 'wrong key (401)' },
      { name: 'unknown send ID (404)', keyAccepted: true, sendId: '999' },
      { name: 'number not in the send (404)', keyAccepted: true, number: '5000000000' },
      { name: 'invalid number (400)', keyAccepted: true, number: '+905399999999' },
      { name: 'delay, then 401', fault: { kind: 'delay', ms: 20 } },
      { name: 'hang (timeout)', fault: { kind: 'hang' }, timeoutMs: 300 },
      { name: 'drip (timeout)', fault: { kind: 'drip', intervalMs: 20 }, timeoutMs: 300 },
      { name: 'cancel', fault: { kind: 'hang' }, cancelAfterMs: 100 },
      { name: 'html 502', fault: { kind: 'html', status: 502 } },
      { name: 'malformed JSON', fault: { kind: 'malformed-json' } },
      { name: 'truncated JSON', fault: { kind: 'truncated-json' } },
      { name: 'null', fault: { kind: 'json-null' } },
      { name: 'array', fault: { kind: 'json-array' } },
      { name: 'empty', fault: { kind: 'empty' } },
      { name: 'oversized', fault: { kind: 'oversized' } },
      { name: 'endless', fault: { kind: 'oversized', endless: true } },
      { name: 'gzip bomb', fault: { kind: 'gzip-bomb' } },
      { name: 'redirect same-host, then 401', fault: { kind: 'redirect', status: 307, to: 'same-host' } },
      { name: 'redirect loop', fault: { kind: 'redirect', status: 302, to: 'loop' } },
      { name: 'redirect to another host', fault: { kind: 'redirect', status: 307, to: 'other-host' } },
      {
        name: 'redirect to an absolute URL',
        fault: { kind: 'redirect', status: 308, to: 'https://evil.invalid/steal' },
      },
      { name: '429 Retry-After 2 (twice)', fault: { kind: 'status', code: 429, headers: { 'retry-after': '2' } } },
      { name: '429 Retry-After 3600', fault: { kind: 'status', code: 429, headers: { 'retry-after': '3600' } } },
      { name: '500', fault: { kind: 'status', code: 500 } },
      { name: '503 text', fault: { kind: 'status', code: 503, body: 'Service Unavailable' } },
      { name: 'reset after body', fault: { kind: 'reset-after-body' } },
      { name: 'a server echoing the request in JSON', fault: { kind: 'echo', format: 'json' } },
      { name: 'a server echoing the request in HTML', fault: { kind: 'echo', format: 'html' } },
      { name: 'a server echoing the request in a 200 report', fault: { kind: 'echo', status: 200 } },
      {
        name: 'the key cut in half by the 200-character excerpt',
        fault: { kind: 'status', code: 502, body: `${'x'.repeat(190)} ${SENTINEL} ${'y'.repeat(50)}` },
      },
      {
        name: 'the key cut by the excerpt, URL-encoded',
        fault: { kind: 'status', code: 500, body: `${'x'.repeat(185)} ?api_key=${encodeURIComponent(SENTINEL)}` },
      },
      { name: 'connection refused (offline)', root: 'closed-port', reaches: false },
      { name: 'self-signed TLS', root: 'tls', reaches: false },
    ];

    for (const c of cases) {
      it(`${c.name}: the sentinel is in no message, detail, provider text, raw value, transport error or log line`, async () => {
        sb.setApiKey(c.keyAccepted ? SENTINEL : KEY);
        sb.setFault(c.fault);
        tlsSb.resetStats();
        const apiRoot =
          c.root === 'closed-port'
            ? `http://127.0.0.1:${await closedPort()}/Panel/api/v1/`
            : c.root === 'tls'
              ? tlsSb.root
              : sb.root;
        const user = new AbortController();
        const timer = c.cancelAfterMs !== undefined ? setTimeout(() => user.abort(), c.cancelAfterMs) : undefined;
        const r = await run({
          apiRoot,
          apiKey: SENTINEL,
          sendId: c.sendId ?? SAMPLE.sendId,
          number: c.number ?? SAMPLE.number,
          timeoutMs: c.timeoutMs ?? 2000,
          signal: user.signal,
        });
        clearTimeout(timer);
        const e = failed(r);
        if (c.reaches !== false) {
          assert.ok(
            sb.requests.some((q) => q.apiKey === SENTINEL),
            'the sandbox received the sentinel key, so it was really used',
          );
        }
        if (c.root === 'tls') assert.equal(e.kind, 'tls');
        if (c.root === 'closed-port') assert.equal(e.kind, 'offline');

        const d = describeError(e);
        const texts: Array<[string, string]> = [
          ['error', JSON.stringify(e)],
          ['raw', JSON.stringify((r.result as { raw?: unknown }).raw ?? null)],
          ['describeError', JSON.stringify(d)],
          ...r.attempts.map((a, i): [string, string] => [`onAttempt ${i + 1}`, JSON.stringify(a)]),
          ...r.transportErrors.map((t, i): [string, string] => [
            `TransportError ${i + 1}`,
            `${t.message} ${t.code ?? ''} ${t.stack ?? ''}`,
          ]),
        ];
        assert.ok(r.attempts.length >= 1, 'onAttempt was called');
        for (const [where, text] of texts) {
          for (const piece of pieces) {
            assert.ok(!text.includes(piece), `${where} leaks "${piece}" of the key: ${text.slice(0, 400)}`);
          }
        }
      });
    }

    it('the leak check itself finds the key (so the tests above can fail)', () => {
      const leaky = `{"detail":"…${encodeURIComponent(SENTINEL).slice(0, 9)}"}`;
      assert.ok(pieces.some((p) => leaky.includes(p)));
    });
  });
});
