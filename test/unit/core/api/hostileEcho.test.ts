// A server that echoes the key (#24 item 1, the threat of docs/reliability.md row 22) and one that nests its answer
// deeply (#24 item 2). The key is redacted from every string and property name right after JSON.parse, before any
// field is cut (2,000 characters of provider text, 1,024 of an undocumented field, 200 of a documented one) or
// upper-cased (the status), in any letter case; and an answer nested deeper than MAX_JSON_DEPTH is a bad response,
// so every lookup ends. The property test at the end echoes the key in random case and position into answers of
// random shape and checks what a lookup produces: the panel's model, the stored entry, the tool text, the log line.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CAPS } from '../../../../src/core/api/caps';
import { MAX_JSON_DEPTH } from '../../../../src/core/api/envelope';
import { runExchange, type ExchangeResult } from '../../../../src/core/api/exchange';
import { redact } from '../../../../src/core/api/redact';
import { type Transport } from '../../../../src/core/api/transport';
import { forStorage } from '../../../../src/core/history/history';
import { reportExchange } from '../../../../src/core/report/endpoint';
import { errorModel, reportModel } from '../../../../src/core/report/reportModel';
import { type Report } from '../../../../src/core/report/report';
import { errorText, reportText } from '../../../../src/core/tools/toolText';

const KEY = 'k3Y9fQ2zLmN8pR4tV6wX1yB5cD7eG0hJ'; // 32 characters, mixed case, as VairoSMS keys are
const ROOT = 'https://vairosms.com/Panel/api/v1/';
const key = { sendId: '187', number: '5399999999' };

/** Every 8-character piece of `secret`, in lower case: none may appear, in any case, in what a lookup produced. */
function leaks(text: string, secret = KEY): string[] {
  const t = text.toLowerCase();
  const s = secret.toLowerCase();
  const found: string[] = [];
  for (let i = 0; i + 8 <= s.length; i++) if (t.includes(s.slice(i, i + 8))) found.push(s.slice(i, i + 8));
  return found;
}

const answering =
  (status: number, body: string): Transport =>
  async () => ({ status, headers: { 'content-type': 'application/json' }, body, url: ROOT, redirects: 0 });

async function lookUp(body: string, status = 200): Promise<ExchangeResult<{ readonly report: Report }>> {
  return runExchange(
    reportExchange(ROOT, key.sendId, key.number, KEY),
    { apiKey: KEY, timeoutMs: 1000 },
    {
      transport: answering(status, body),
      sleep: async () => undefined,
    },
  );
}

/** Everything a lookup's result becomes, as one text: the panel's model, the stored entry, the tool text, the log. */
function produced(r: ExchangeResult<{ readonly report: Report }>): string {
  const ctx = { seq: 1, lang: 'en', now: 0 };
  const opts = { lang: 'en', now: 0, mask: false, includeMessage: true };
  if (r.ok) {
    const entry = forStorage({ ...key, checkedAt: 0, report: r.report }, true);
    return JSON.stringify([
      reportModel(ctx, { ...key, report: r.report, checkedAt: 0, fromHistory: false }),
      entry,
      reportText(key, r.report, opts),
      redact(`report: status ${r.report.status}`, KEY),
      r.raw,
      r.body,
    ]);
  }
  return JSON.stringify([errorModel(ctx, key.sendId, key.number, r.error), errorText('x', r.error), r.raw, r.body]);
}

describe('a server that echoes the key', () => {
  it('in provider text longer than its cap, the key straddling the cut: no piece of it survives', async () => {
    const said = 'x'.repeat(CAPS.providerText - 10) + KEY + ' more';
    const r = await lookUp(JSON.stringify({ durum: false, aciklama: said }), 400);
    assert.ok(!r.ok);
    assert.deepEqual(leaks(produced(r)), []);
  });

  it('in an undocumented field cut at 1,024 characters, and as a field name: no piece survives', async () => {
    const aciklama = {
      durum_gonderim: 'WAITING',
      echo: 'y'.repeat(CAPS.extraValue - 12) + KEY,
      [KEY]: 'the key as a name',
      numara: 'z'.repeat(CAPS.field - 5) + KEY,
    };
    const r = await lookUp(JSON.stringify({ durum: true, aciklama }));
    assert.ok(r.ok);
    assert.deepEqual(leaks(produced(r)), []);
  });

  it('as the status, which is upper-cased: the status holds [REDACTED], not the key in capitals', async () => {
    const r = await lookUp(JSON.stringify({ durum: true, aciklama: { durum_gonderim: KEY } }));
    assert.ok(r.ok);
    assert.equal(r.report.status, '[REDACTED]');
    assert.deepEqual(leaks(produced(r)), []);
  });

  it('in lower case throughout (an echo of the URL lower-cased), and upper case, in a log line too', async () => {
    for (const echo of [KEY.toLowerCase(), KEY.toUpperCase()]) {
      const r = await lookUp(JSON.stringify({ durum: false, aciklama: `bad key ${echo}` }), 401);
      assert.deepEqual(leaks(produced(r)), [], echo);
      assert.deepEqual(leaks(redact(`GET ${ROOT}?api_key=x said ${echo}`, KEY)), []);
    }
  });
});

describe('an answer nested deeper than the cap', () => {
  const nested = (levels: number) => '{"durum":true,"aciklama":' + '['.repeat(levels) + ']'.repeat(levels) + '}';

  it(`is a bad response at ${MAX_JSON_DEPTH + 1} levels, and a 4 KB answer of 2,000 levels ends the lookup`, async () => {
    for (const levels of [MAX_JSON_DEPTH, 2000, 100_000]) {
      const r = await lookUp(nested(levels));
      assert.ok(!r.ok, `${levels} levels`);
      assert.equal(r.error.kind, 'bad-response');
      if (levels > MAX_JSON_DEPTH) assert.match(String(r.error.detail), /nested deeper than 64 levels/);
    }
  });

  it('an answer within the cap is read as before', async () => {
    const r = await lookUp(JSON.stringify({ durum: true, aciklama: { durum_gonderim: 'DELIVERED', x: [[[1]]] } }));
    assert.ok(r.ok);
    assert.equal(r.report.status, 'DELIVERED');
  });
});

describe('answers of random shape and depth that echo the key in random case and position (fast-check)', () => {
  /** The key as a server may echo it: whole, in a random letter case, inside other text. */
  const echoed = fc
    .tuple(fc.array(fc.boolean(), { minLength: KEY.length, maxLength: KEY.length }), fc.string(), fc.string())
    .map(
      ([upper, before, after]) =>
        before + [...KEY].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('') + after,
    );
  const leaf = fc.oneof(echoed, fc.string(), fc.integer(), fc.constant(null), fc.boolean());
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      leaf,
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.oneof(fc.string(), echoed), tie('node'), { maxKeys: 3 }),
    ),
  })).node;
  const padded = fc.tuple(fc.nat({ max: 2100 }), echoed).map(([n, e]) => 'p'.repeat(n) + e);
  const answer = fc.oneof(
    fc.record({
      durum: fc.constant(true),
      aciklama: fc.dictionary(
        fc.oneof(fc.constantFrom('durum_gonderim', 'mesaj', 'numara', 'id', 'created_at'), echoed),
        fc.oneof(value, padded),
      ),
    }),
    fc.record({ durum: fc.constant(false), aciklama: fc.oneof(padded, value) }),
    value,
  );

  it('every lookup ends, and nothing it produced holds any 8-character piece of the key in any case', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(200, 400, 401, 404, 429, 500), async (a, status) => {
        const r = await lookUp(JSON.stringify(a), status);
        assert.deepEqual(leaks(produced(r)), []);
      }),
      { numRuns: 300 },
    );
  });
});
