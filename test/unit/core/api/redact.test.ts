import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { redact, redactValue, REDACTED } from '../../../../src/core/api/redact';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

const KEYS = ['SENTINEL-KEY-7f3a', 'k&e#y %20 x', 'with\nnewline-and-more', 'ğüşİ-unicode-key', 'a'.repeat(2000)];

describe('redaction', () => {
  it('removes the key from the request URL in every encoding it can take', () => {
    for (const key of KEYS) {
      const { url } = buildReportRequest('https://vairosms.com/Panel/api/v1/', '187', '5399999999', key);
      const out = redact(
        `POST ${url} failed; decoded: ${decodeURIComponent(url)}; raw ${key}; json ${JSON.stringify(key)}`,
        key,
      );
      for (const form of [
        key,
        encodeURIComponent(key),
        new URLSearchParams({ k: key }).toString().slice(2),
        JSON.stringify(key).slice(1, -1),
      ]) {
        assert.ok(
          !out.includes(form),
          `${JSON.stringify(key.slice(0, 20))} leaked as ${JSON.stringify(form.slice(0, 20))}`,
        );
      }
      assert.ok(out.includes(`api_key=${REDACTED}`));
    }
  });

  it('a key with "&" in it is redacted whole, also after "api_key=" (the parameter is blanked after the key)', () => {
    const key = 'abcd&efgh1234';
    for (const text of [`?api_key=abcd&amp;efgh1234`, `"url":"https://x/?api_key=${key}"`, `api_key=${key}&x=1`]) {
      const out = redact(text.replace('&amp;', '&amp;'), key);
      assert.ok(!out.includes('efgh1234'), `${text} → ${out}`);
    }
  });

  it('a key written as numeric references with leading zeros (any number, as browsers read them) is redacted', () => {
    const key = 'Zx9Qw7Lm3Pp8Kt2Vb';
    const refs = Array.from(key, (c) => `&#${String(c.codePointAt(0)).padStart(9, '0')};`).join('');
    assert.ok(!redact(`<p>${refs}</p>`, key).includes(refs), 'the nine-digit references are found');
    assert.match(redact(`<p>${refs}</p>`, key), new RegExp(REDACTED.replace(/[[\]]/g, '\\$&')));
  });

  it('blanks any api_key parameter even without knowing the key', () => {
    assert.equal(
      redact('https://h/NumaraRaporu/1?api_key=abc&x=1'),
      `https://h/NumaraRaporu/1?api_key=${REDACTED}&x=1`,
    );
    assert.equal(redact('GET /x?a=1&API_KEY=zz#f'), `GET /x?a=1&API_KEY=${REDACTED}#f`);
  });

  it('leaves text alone when it holds no key, and does not garble text for very short keys', () => {
    assert.equal(redact('nothing to see', 'SENTINEL-KEY-7f3a'), 'nothing to see');
    assert.equal(redact('a banana', 'a'), 'a banana');
  });

  it('redacts deeply in JSON-like values', () => {
    const v = redactValue(
      { a: ['x SENTINEL-KEY-7f3a y', 2], b: { c: 'SENTINEL-KEY-7f3a' }, d: null },
      'SENTINEL-KEY-7f3a',
    );
    assert.deepEqual(v, { a: [`x ${REDACTED} y`, 2], b: { c: REDACTED }, d: null });
  });
});

// ---- every escaped form, proved over random keys (fast-check) ---------------------------------------------------

/** The ways an echoing server may write one character of the key. */
const ESCAPERS: Array<(ch: string) => string | undefined> = [
  (ch) => ch,
  (ch) => percent(ch, 'upper'),
  (ch) => percent(ch, 'lower'),
  (ch) => (ch === ' ' ? '+' : undefined),
  (ch) => (ch === '/' ? '\\/' : ch === '"' ? '\\"' : ch === '\\' ? '\\\\' : undefined),
  (ch) => unicodeEscape(ch, 'lower'),
  (ch) => unicodeEscape(ch, 'upper'),
  (ch) => `&#${ch.codePointAt(0)};`,
  (ch) => `&#${String(ch.codePointAt(0)).padStart(5, '0')};`,
  (ch) => `&#x${ch.codePointAt(0)!.toString(16)};`,
  (ch) => `&#X${ch.codePointAt(0)!.toString(16).toUpperCase()};`,
  (ch) => `&#${ch.codePointAt(0)}`, // no semicolon: browsers still read it
  (ch) => NAMED_FOR[ch],
  (ch) => (ch.codePointAt(0)! < 0x80 ? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}` : undefined),
];
const NAMED_FOR: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '/': '&sol;',
  '+': '&plus;',
  '=': '&equals;',
  '#': '&num;',
  '%': '&percnt;',
  '?': '&quest;',
  ' ': '&nbsp;'.replace('nbsp', 'nbsp'),
};
delete NAMED_FOR[' ']; // &nbsp; is U+00A0, not a space

function percent(ch: string, hexCase: 'upper' | 'lower'): string {
  const hex = [...Buffer.from(ch, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return hexCase === 'upper' ? hex.toUpperCase() : hex;
}
function unicodeEscape(ch: string, hexCase: 'upper' | 'lower'): string {
  const units = Array.from(
    { length: ch.length },
    (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`,
  ).join('');
  return hexCase === 'upper' ? units.replace(/[a-f]/g, (c) => c.toUpperCase()).replace(/\\U/g, '\\u') : units;
}

describe('redaction of every escaped form (property-based, fast-check)', () => {
  const printable = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength: 8,
    maxLength: 48,
  });
  const turkish = fc.string({
    unit: fc.constantFrom(...'abcçdefgğhıijklmnoöprsştuüvyzABCÇĞİÖŞÜ0123456789/+=&-_'),
    minLength: 8,
    maxLength: 32,
  });
  /** A key, and how each of its characters is written (an index into ESCAPERS, falling back to the literal). */
  const written = (keys: fc.Arbitrary<string>) =>
    keys.chain((key) =>
      fc.tuple(
        fc.constant(key),
        fc.array(fc.nat(ESCAPERS.length - 1), { minLength: key.length, maxLength: key.length }),
      ),
    );
  const encode = (key: string, choice: number[]) =>
    Array.from(key)
      .map((ch, i) => ESCAPERS[choice[i] ?? 0](ch) ?? ch)
      .join('');
  const context = fc.string({ maxLength: 30 });
  let tried = 0;
  let forms = 0;

  for (const [name, keys] of [
    ['printable ASCII keys', printable],
    ['keys with Turkish letters and / + = &', turkish],
  ] as const) {
    it(`${name}: every mix of escapes is found and replaced, whatever surrounds it`, () => {
      fc.assert(
        fc.property(written(keys), context, context, ([key, choice], before, after) => {
          const encoded = encode(key, choice);
          tried++;
          if (encoded !== key) forms++;
          const out = redact(`${before}${encoded}${after}`, key);
          return !out.includes(encoded) && out.includes(REDACTED) && !out.includes(key);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('the forms of the issue, each one, in a JSON answer, an HTML page and a URL', () => {
    const key = 'Ab/c+d=e&f<g>h"i\'j';
    const forms = {
      'PHP json_encode (escaped slashes)': JSON.stringify(key).slice(1, -1).replace(/\//g, '\\/'),
      '\\uXXXX': key.replace(/[^A-Za-z]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      'named entities': key.replace(/[&<>"'/+=]/g, (c) => NAMED_FOR[c]),
      'decimal entities': key.replace(/[^A-Za-z]/g, (c) => `&#${c.charCodeAt(0)};`),
      'hex entities': key.replace(/[^A-Za-z]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`),
      'lower-case percent-encoding': encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    };
    for (const [name, form] of Object.entries(forms)) {
      for (const text of [`{"aciklama":"api_key: ${form}"}`, `<p>api_key: ${form}</p>`, `/x?k=${form}&y=1`]) {
        const out = redact(text, key);
        assert.ok(!out.includes(form) && out.includes(REDACTED), `${name}: ${out}`);
      }
    }
  });

  after(() =>
    console.log(
      `      fast-check: ${tried} texts, each key written with a random mix of ${ESCAPERS.length} escapes (${forms} with at least one)`,
    ),
  );
});
