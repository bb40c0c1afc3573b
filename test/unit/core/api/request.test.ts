import { strict as assert } from 'node:assert';
import { checkSendId } from '../../../../src/core/lookupKey';
import { checkApiRoot, DEFAULT_API_ROOT } from '../../../../src/core/api/request';
import { buildReportRequest } from '../../../../src/core/report/endpoint';

describe('request building', () => {
  it('accepts send IDs of digits, forgiving spaces, a leading # and leading zeros', () => {
    assert.deepEqual(checkSendId('187'), { ok: true, value: '187' });
    assert.deepEqual(checkSendId(' 12 '), { ok: true, value: '12' });
    assert.deepEqual(checkSendId('#187'), { ok: true, value: '187' });
    assert.deepEqual(checkSendId('00187'), { ok: true, value: '187' });
    assert.deepEqual(checkSendId('9'.repeat(18)), { ok: true, value: '9'.repeat(18) });
  });

  it('refuses send IDs that could change the path or the query', () => {
    for (const bad of [
      '',
      '../x',
      '1?api_key=evil',
      '%2e%2e',
      '-1',
      '1.5',
      '1 2',
      '0',
      '000',
      '1'.repeat(19),
      '1'.repeat(30),
      '１８７',
    ]) {
      const r = checkSendId(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.message, /send ID/i, bad);
    }
  });

  it('checks the API root: https, or http on loopback only; adds the trailing slash', () => {
    assert.deepEqual(checkApiRoot(DEFAULT_API_ROOT), { ok: true, value: DEFAULT_API_ROOT });
    assert.deepEqual(checkApiRoot('https://vairosms.com/Panel/api/v1'), { ok: true, value: DEFAULT_API_ROOT });
    assert.equal(checkApiRoot('http://127.0.0.1:3555/Panel/api/v1/').ok, true);
    assert.equal(checkApiRoot('http://localhost:3555/x/').ok, true);
    assert.equal(checkApiRoot('http://[::1]:3555/x/').ok, true);
    for (const [bad, why] of [
      ['http://vairosms.com/Panel/api/v1/', /unencrypted/],
      ['https://vairo sms.com/', /space/],
      ['not a url', /space/],
      ['vairosms.com/Panel', /not a URL/],
      ['ftp://vairosms.com/', /https/],
      ['', /empty/],
      ['https://user:pw@vairosms.com/', /password/],
      ['https://vairosms.com/?a=1', /query/],
      ['http://127.0.0.1.evil.com/', /unencrypted/],
    ] as const) {
      const r = checkApiRoot(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.match(r.message, why, bad);
    }
  });

  it('builds POST {root}NumaraRaporu/{id}?api_key=KEY with the documented headers and a JSON body', () => {
    const r = buildReportRequest(DEFAULT_API_ROOT, '187', '5399999999', 'k&e#y %\nx');
    assert.equal(r.method, 'POST');
    const url = new URL(r.url);
    assert.equal(url.origin + url.pathname, 'https://vairosms.com/Panel/api/v1/NumaraRaporu/187');
    assert.equal(url.searchParams.get('api_key'), 'k&e#y %\nx');
    assert.equal([...url.searchParams.keys()].length, 1);
    assert.equal(url.hash, '');
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['cache-control'], 'no-cache');
    assert.deepEqual(JSON.parse(r.body), { numara: '5399999999' });
  });
});
