// lookUpReport (src/core/report/lookup.ts, on the exchange seam of src/core/api/exchange.ts) with the real node-fetch transport against the sandbox: parsing and
// error classes. The retry rules and keys that need encoding are lookupRetry.test.ts, the key sentinel lookupSentinel.test.ts.
// The rows of docs/reliability.md these cover are listed there.
import { strict as assert } from 'node:assert';
import { describeError } from '../../../../src/core/api/errors';
import {
  BATCH,
  HOSTILE_MESSAGES,
  HOSTILE_NUMBER,
  LENIENT,
  NUMBER_FOR_STATUS,
  PROGRESSING,
  STATUS_CODES,
  UNKNOWN_STATUS,
  batchNumber,
  batchStatus,
} from '../../../sandbox/data';
import { TEXT, startSandbox, type Fault, type Sandbox } from '../../../sandbox/server';
import { KEY, run, failed, succeeded } from './lookupRun';
import { type LookupParams } from '../../../../src/core/report/endpoint';

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
});
