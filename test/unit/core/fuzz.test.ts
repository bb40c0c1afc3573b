// The two parsers that read text from outside, fuzzed with fast-check: the answer parser (envelope and report) and the
// number-list parser. Whatever they are given, they never throw, never lose an input line, and never return a field
// longer than its cap (src/core/report/reportBounds.ts, MAX_INPUT_SHOWN).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MAX_INPUT_SHOWN, parseNumberList } from '../../../src/core/batch/numberList';
import { parseAnswer } from '../../../src/core/report/endpoint';
import { CAPS } from '../../../src/core/api/caps';

const RUNS = 1500;

/** Field values as a server might send them: anything JSON can carry, long strings included. */
const value = fc.oneof(
  fc.string(),
  fc.string({ minLength: 250, maxLength: 3000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);
const report = fc.dictionary(
  fc.oneof(
    fc.constantFrom('id', 'sms_gonderim_id', 'numara', 'mesaj', 'mesaj_boy', 'durum_gonderim', 'durum_iade'),
    fc.constantFrom('created_at', 'updated_at'),
    fc.string({ maxLength: 150 }),
  ),
  value,
  { maxKeys: 45 },
);
const body = fc.oneof(
  fc.string(),
  fc.json(),
  report.map((aciklama) => JSON.stringify({ durum: true, aciklama })),
  fc
    .tuple(fc.oneof(fc.boolean(), fc.constantFrom(0, 1, '1', 'true', 'false')), value)
    .map(([durum, aciklama]) => JSON.stringify({ durum, aciklama })),
  fc.string().map((s) => `<html><body>${s}</body></html>`),
);

describe('fuzzing the parsers of outside text (fast-check)', () => {
  it(`the answer parser never throws and keeps every field within its cap (${RUNS} answers)`, () => {
    let reports = 0;
    fc.assert(
      fc.property(
        body,
        fc.integer({ min: 100, max: 599 }),
        fc.option(fc.string(), { nil: undefined }),
        (text, status, retryAfter) => {
          const r = parseAnswer({ status, body: text, retryAfter });
          if (!r.ok) {
            assert.ok((r.error.providerText?.length ?? 0) <= CAPS.providerText, 'providerText');
            assert.ok((r.error.detail?.length ?? 0) <= 200, 'detail');
            return;
          }
          reports++;
          const rep = r.report;
          assert.ok((rep.message?.length ?? 0) <= CAPS.message, 'message');
          for (const k of ['rowId', 'sendId', 'number', 'status', 'refundRaw', 'createdAt', 'updatedAt'] as const)
            assert.ok((rep[k]?.length ?? 0) <= CAPS.field, k);
          const extra = Object.entries(rep.extra ?? {});
          assert.ok(extra.length <= CAPS.extraFields, 'fields');
          for (const [name, v] of extra) {
            assert.ok(name.length <= CAPS.extraName, 'name');
            assert.ok((typeof v === 'string' ? v : (JSON.stringify(v) ?? '')).length <= CAPS.extraValue, name);
          }
        },
      ),
      { numRuns: RUNS },
    );
    assert.ok(reports > RUNS / 10, `only ${reports} answers were reports: the generator must reach the payload`);
  });

  /** A line of a number list: a number in some form, a CSV row, a comment, garbage, or nothing. No quotes, so every
   *  record is one line (quoted multi-line fields are covered in numberList.test.ts). */
  const line = fc.oneof(
    fc.integer({ min: 5300000000, max: 5399999999 }).map(String),
    fc
      .integer({ min: 5300000000, max: 5399999999 })
      .map((n) => `0${String(n).replace(/(\d{3})(\d{3})(\d{2})(\d{2})/, '$1 $2 $3 $4')}`),
    fc
      .tuple(fc.string({ maxLength: 12 }), fc.integer({ min: 5300000000, max: 5399999999 }))
      .map(([a, n]) => `${a.replace(/["\r\n]/g, '')},${n}`),
    fc.string({ maxLength: 300 }).map((s) => s.replace(/["\r\n]/g, '')),
    fc.constantFrom('', '   ', '# comment', 'numara;isim', ',,,'),
  );

  it(`the number-list parser never throws, accounts for every line, and shows input within ${MAX_INPUT_SHOWN} characters (${RUNS} lists)`, () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const r = parseNumberList(lines.join(eol));
        const accounted = new Set<number>([
          ...r.numbers.map((n) => n.line),
          ...r.invalid.map((i) => i.line),
          ...r.duplicates.map((d) => d.line),
          ...(r.headerLine !== undefined ? [r.headerLine] : []),
        ]);
        lines.forEach((l, i) => {
          const t = l.trim();
          const content = t !== '' && !t.startsWith('#') && !/^[,;\t\s]*$/.test(t);
          if (content) assert.ok(accounted.has(i + 1), `line ${i + 1} (${JSON.stringify(l)}) is in no result`);
        });
        for (const n of r.numbers) {
          assert.ok(n.input.length <= MAX_INPUT_SHOWN, 'input');
          assert.match(n.number, /^\d{7,15}$/);
        }
        for (const i of r.invalid) assert.ok(i.input.length <= MAX_INPUT_SHOWN, 'invalid input');
        if (r.column?.name !== undefined) assert.ok(r.column.name.length <= MAX_INPUT_SHOWN, 'column name');
      }),
      { numRuns: RUNS },
    );
  });
});
