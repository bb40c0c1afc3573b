import { strict as assert } from 'node:assert';
import { redact, redactValue, REDACTED } from '../../src/core/redact';
import { buildReportRequest } from '../../src/core/request';

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
