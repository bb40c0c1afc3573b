// The send summary held to the report's rules (#24's property, "the same for the send summary"): an answer of random
// shape that echoes the key in random case and position, at any status, ends the lookup (never a rejection) and
// leaves no 8-character piece of the key, in any case, in what it becomes: the send page's model, the tool text, the
// raw view.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { lookUpSend } from '../../../../src/core/send/endpoint';
import { sendModel } from '../../../../src/core/send/sendModel';
import { errorText, summaryText } from '../../../../src/core/tools/toolText';

const KEY = 'Zq8LmN3pR7tV1wX5yB9cD2eG6hJ4kS0u';
const ROOT = 'https://vairosms.com/Panel/api/v1/';

function leaks(text: string): string[] {
  const t = text.toLowerCase();
  const s = KEY.toLowerCase();
  const found: string[] = [];
  for (let i = 0; i + 8 <= s.length; i++) if (t.includes(s.slice(i, i + 8))) found.push(s.slice(i, i + 8));
  return found;
}

const echoed = fc
  .tuple(fc.array(fc.boolean(), { minLength: KEY.length, maxLength: KEY.length }), fc.string(), fc.string())
  .map(
    ([upper, before, after]) =>
      before + [...KEY].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('') + after,
  );
const leaf = fc.oneof(echoed, fc.string(), fc.integer({ min: -2, max: 2 }), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string(), echoed), tie('node'), { maxKeys: 3 }),
  ),
})).node;
const FIELDS = [
  'paket_durum',
  'baslik',
  'numara_sayisi',
  'kredi',
  'created_at',
  'gonderim_zamani',
  'gecerlilik',
  'log',
];
const padded = fc.tuple(fc.nat({ max: 2100 }), echoed).map(([n, e]) => 'p'.repeat(n) + e);
const answer = fc.oneof(
  fc.record({
    durum: fc.constant(true),
    aciklama: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), echoed), fc.oneof(value, padded)),
  }),
  fc.record({ durum: fc.constant(false), aciklama: fc.oneof(padded, value) }),
  value,
);

describe('a send summary that echoes the key (fast-check)', () => {
  it('every lookup ends, and nothing it produced holds any 8-character piece of the key in any case', async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.constantFrom(200, 400, 401, 404, 405, 429, 500), async (a, status) => {
        const body = JSON.stringify(a);
        const r = await lookUpSend(
          { apiRoot: ROOT, sendId: '187', apiKey: KEY, timeoutMs: 1000 },
          { transport: async () => ({ status, headers: {}, body, url: ROOT, redirects: 0 }), sleep: async () => {} },
        );
        const ctx = { lang: 'en', now: 0 };
        const model = sendModel({
          ...ctx,
          seq: 1,
          sendId: '187',
          account: undefined,
          summary: { state: 'done', result: r, checkedAt: 0 },
          history: [],
          maskNumbers: false,
        });
        const opts = { ...ctx, mask: false, includeMessage: true };
        const text = r.ok ? summaryText('187', r.summary, undefined, opts) : errorText('x', r.error);
        assert.deepEqual(leaks(JSON.stringify([model, text, r.raw, r.body])), []);
      }),
      { numRuns: 300 },
    );
  });
});
