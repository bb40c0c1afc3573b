// The send summary (GonderimBilgisi, src/core/send/endpoint.ts): the documented answer, the lenient reading the contract asks
// for, hostile and huge values kept as capped text, the failure envelopes, and GET → 405 → POST with the real
// node-fetch transport against the sandbox.
import { strict as assert } from 'node:assert';
import { type ExchangeDeps } from '../../../../src/core/api/exchange';
import {
  MAX_LOG,
  buildSummaryRequest,
  describeSendState,
  lookUpSend,
  parseSummary,
  parseValidity,
  validityEnd,
  type SendSummary,
} from '../../../../src/core/send/endpoint';
import { transport } from '../../../../src/services/http';
import { FAILED_LOG, HOSTILE_SUMMARY, SUMMARY_SENDS, findSummary } from '../../../sandbox/data';
import { TEXT, startSandbox, type Sandbox } from '../../../sandbox/server';
import { CAPS } from '../../../../src/core/api/caps';

const KEY = 'sandbox-key';
const ok = (aciklama: unknown) => parseSummary({ status: 200, body: JSON.stringify({ durum: true, aciklama }) });
const summaryOf = (aciklama: unknown): SendSummary => {
  const r = ok(aciklama);
  assert.ok(r.ok, JSON.stringify(r));
  return r.summary;
};

describe('send summary parsing (GonderimBilgisi)', () => {
  it("reads the page's documented answer, the zero dates as none", () => {
    assert.deepEqual(
      summaryOf({
        id: 187,
        sms_baslik: '08505326480',
        numara_toplam: 30,
        kredi_toplam: 30,
        sonlanma_zamani: '0000-00-00 00:00:00',
        ileri_tarih: '0000-00-00 00:00:00',
        gecerlilik_suresi: '24:00:00',
        paket_durum: 1,
        created_at: '2024-05-01 08:00:00',
      }),
      {
        sendId: '187',
        sender: '08505326480',
        numbers: 30,
        credits: 30,
        state: 1,
        createdAt: '2024-05-01 08:00:00',
        validity: '24:00:00',
        validityMs: 24 * 3600_000,
      },
    );
  });

  it('is lenient: numbers as strings, paket_durum as "-1" or " 0 ", unknown fields kept', () => {
    const s = summaryOf({ id: '9', numara_toplam: '2', kredi_toplam: ' 3 ', paket_durum: '-1', kanal: 'api' });
    assert.equal(s.sendId, '9');
    assert.equal(s.numbers, 2);
    assert.equal(s.credits, 3);
    assert.equal(s.state, -1);
    assert.deepEqual(s.extra, { kanal: 'api' });
    assert.equal(summaryOf({ paket_durum: ' 0 ' }).state, 0);
    assert.equal(summaryOf({ paket_durum: '1' }).state, 1);
  });

  it('keeps a paket_durum outside -1, 0, 1 as received, with no state', () => {
    const s = summaryOf({ paket_durum: 7 });
    assert.equal(s.state, undefined);
    assert.equal(s.stateRaw, '7');
    assert.equal(summaryOf({ paket_durum: 'bitti' }).stateRaw, 'bitti');
    assert.equal(summaryOf({}).stateRaw, undefined);
  });

  it('shows the log of a failed send as text whatever its shape', () => {
    assert.equal(summaryOf({ paket_durum: -1, log: FAILED_LOG }).log, JSON.stringify(FAILED_LOG, null, 2));
    assert.equal(summaryOf({ paket_durum: -1, log: 'Yetersiz kredi' }).log, 'Yetersiz kredi');
    assert.equal(summaryOf({ paket_durum: -1, log: 42 }).log, '42');
    assert.equal(summaryOf({ paket_durum: -1, log: null }).log, undefined);
  });

  it('caps a huge log and every hostile field, keeping them as the text they are', () => {
    const s = summaryOf(findSummary(SUMMARY_SENDS.hostile.sendId));
    assert.ok(s.log !== undefined && s.log.length <= MAX_LOG, `log of ${s.log?.length} characters`);
    assert.ok(s.log.startsWith(HOSTILE_SUMMARY.log.slice(0, 100)), 'the log starts as received');
    assert.equal(s.sender, HOSTILE_SUMMARY.sender);
    assert.equal(s.state, undefined);
    assert.equal(s.stateRaw, HOSTILE_SUMMARY.state);
    assert.equal(s.validity, HOSTILE_SUMMARY.validity);
    assert.equal(s.validityMs, undefined, 'not a duration');
    assert.equal(s.extra?.[HOSTILE_SUMMARY.extraName], HOSTILE_SUMMARY.extraName);
    const long = summaryOf({ sms_baslik: 'x'.repeat(100_000), created_at: '2'.repeat(100_000) });
    assert.ok(long.sender!.length <= CAPS.field);
    assert.equal(long.createdAt!.length <= CAPS.field, true);
  });

  it('reads the failures like the number report: durum false with text, a wrong key, HTML', () => {
    const free = parseSummary({ status: 200, body: JSON.stringify({ durum: false, aciklama: 'Gönderim bulunamadı' }) });
    assert.ok(!free.ok);
    assert.equal(free.error.providerText, 'Gönderim bulunamadı');
    const key = parseSummary({ status: 401, body: TEXT.wrongKey });
    assert.ok(!key.ok);
    assert.equal(key.error.kind, 'unauthorized');
    const html = parseSummary({ status: 502, body: '<html><body>Bad Gateway</body></html>' });
    assert.ok(!html.ok);
    assert.equal(html.error.httpStatus, 502);
  });

  it('reads validity as hours:minutes[:seconds], and ends it from the scheduled time, else from creation', () => {
    assert.equal(parseValidity('24:00:00'), 86_400_000);
    assert.equal(parseValidity('2:30'), 9_000_000);
    assert.equal(parseValidity('90:00:00'), 324_000_000);
    assert.equal(parseValidity('24 saat'), undefined);
    assert.equal(parseValidity('12:61'), undefined);
    const created = Date.UTC(2024, 4, 1, 5, 0, 0); // 08:00 Turkey time
    assert.equal(validityEnd({ createdAt: '2024-05-01 08:00:00', validityMs: 3600_000 }), created + 3600_000);
    assert.equal(
      validityEnd({ createdAt: '2024-05-01 08:00:00', scheduledAt: '2024-05-02 08:00:00', validityMs: 3600_000 }),
      created + 86_400_000 + 3600_000,
    );
    assert.equal(validityEnd({ createdAt: '2024-05-01 08:00:00' }), undefined);
  });

  it('describes every paket_durum: -1 and 1 final, 0 not, anything else unknown', () => {
    assert.equal(describeSendState(-1).final, true);
    assert.equal(describeSendState(0).final, false);
    assert.equal(describeSendState(1).final, true);
    assert.equal(describeSendState(undefined).final, undefined);
    assert.match(describeSendState(-1).meaning, /no credit was used/);
  });

  it('builds GET without a body, and POST with an empty JSON object', () => {
    const get = buildSummaryRequest('https://x.test/api/', '187', 'k&y', 'GET');
    assert.equal(get.method, 'GET');
    assert.equal(get.body, undefined);
    assert.equal(get.url, 'https://x.test/api/GonderimBilgisi/187?api_key=k%26y');
    const post = buildSummaryRequest('https://x.test/api/', '187', 'k', 'POST');
    assert.equal(post.method, 'POST');
    assert.equal(post.body, '{}');
    assert.equal(post.headers['content-type'], 'application/json');
  });
});

describe('lookUpSend against the sandbox: GET, and POST once when GET gets 405', function () {
  this.timeout(15_000);
  let sb: Sandbox;
  const deps: ExchangeDeps = { transport, sleep: async () => undefined, random: () => 0.5 };
  const send = (method?: 'GET' | 'POST') =>
    lookUpSend({ apiRoot: sb.root, sendId: '187', apiKey: KEY, timeoutMs: 2000, method }, deps);

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  after(() => sb.close());
  beforeEach(() => {
    sb.setSummaryMethods('both');
    sb.setSummaryFault(undefined);
    sb.resetStats();
  });

  it('sends GET as the page says, once', async () => {
    const r = await send();
    assert.ok(r.ok);
    assert.equal(r.method, 'GET');
    assert.equal(r.summary.state, 0);
    assert.deepEqual(
      sb.summaryRequests.map((q) => q.method),
      ['GET'],
    );
  });

  it('a server that accepts only POST: GET gets 405, the same request goes once more as POST with {}', async () => {
    sb.setSummaryMethods('POST');
    const r = await send();
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.method, 'POST');
    assert.equal(r.attempts, 2);
    assert.deepEqual(
      sb.summaryRequests.map((q) => [q.method, q.status, q.body]),
      [
        ['GET', 405, ''],
        ['POST', 200, '{}'],
      ],
    );
  });

  it('a remembered POST that the server now refuses: GET once, and that is the method from then on', async () => {
    sb.setSummaryMethods('GET');
    const r = await send('POST');
    assert.ok(r.ok, JSON.stringify(r));
    assert.equal(r.method, 'GET');
    assert.deepEqual(
      sb.summaryRequests.map((q) => [q.method, q.status]),
      [
        ['POST', 405],
        ['GET', 200],
      ],
    );
  });

  it('both methods refused: the 405 is the error, after exactly two requests', async () => {
    sb.setSummaryFault({ kind: 'status', code: 405 });
    const r = await send();
    assert.ok(!r.ok);
    assert.equal(r.error.httpStatus, 405);
    assert.equal(sb.summaryRequests.length, 2);
  });

  it('a summary that fails alone (an HTML 502) is an error of its own', async () => {
    const r = await lookUpSend(
      { apiRoot: sb.root, sendId: SUMMARY_SENDS.summaryFails.sendId, apiKey: KEY, timeoutMs: 2000 },
      deps,
    );
    assert.ok(!r.ok);
    assert.equal(r.error.httpStatus, 502);
  });

  it('an endless summary body is cut at the body limit and fails, never hangs', async () => {
    const r = await lookUpSend(
      { apiRoot: sb.root, sendId: SUMMARY_SENDS.endless.sendId, apiKey: KEY, timeoutMs: 5000 },
      deps,
    );
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'too-large');
  });

  describe('a server that echoes the request: the key is in no part of the summary or its error', () => {
    const SENTINEL = 'SENTINEL-KEY-9c1e&#%20 x';
    const forms = [
      SENTINEL,
      encodeURIComponent(SENTINEL),
      new URLSearchParams({ k: SENTINEL }).toString().slice(2),
      JSON.stringify(SENTINEL).slice(1, -1),
    ];
    for (const format of ['json', 'html', 'php-json', 'html-entities'] as const) {
      for (const status of [500, 200]) {
        it(`echoed as ${format} with status ${status}`, async () => {
          sb.setApiKey(SENTINEL);
          sb.setSummaryFault({ kind: 'echo', format, status });
          try {
            const r = await lookUpSend({ apiRoot: sb.root, sendId: '187', apiKey: SENTINEL, timeoutMs: 2000 }, deps);
            assert.ok(
              sb.summaryRequests.some((q) => q.apiKeyOk),
              'the sentinel key was really sent',
            );
            const text = JSON.stringify(r);
            for (const f of forms) assert.ok(!text.includes(f), `the summary result leaks ${f}: ${text.slice(0, 300)}`);
          } finally {
            sb.setApiKey(KEY);
          }
        });
      }
    }
  });
});
