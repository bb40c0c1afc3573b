import { strict as assert } from 'node:assert';
import { describeError, excerpt, type LookupError } from '../../../../src/core/api/errors';
import { parseRetryAfter } from '../../../../src/core/api/envelope';
import { formatDuration, parseProviderTime } from '../../../../src/core/providerTime';
import { timeToUpdate } from '../../../../src/core/report/report';
import { parseAnswer } from '../../../../src/core/report/endpoint';

const SAMPLE = {
  durum: true,
  aciklama: {
    id: 3024,
    sms_gonderim_id: 187,
    numara: '5399999999',
    mesaj: 'Ben bir ceviz ağacıyım gülhane parkında (Ş ş Ğ ğ ç ı İ)',
    mesaj_boy: 1,
    durum_gonderim: 'DELIVERED',
    durum_iade: 0,
    created_at: '2016-08-01 14:30:14',
    updated_at: '2016-08-01 14:30:24',
  },
};
const answer = (status: number, body: unknown, extra: { retryAfter?: string } = {}) =>
  parseAnswer({ status, body: typeof body === 'string' ? body : JSON.stringify(body), ...extra });
const errorOf = (r: ReturnType<typeof parseAnswer>): LookupError => {
  assert.equal(r.ok, false);
  return (r as { error: LookupError }).error;
};

describe('response parsing', () => {
  it('reads the documented sample into a labelled report', () => {
    const r = answer(200, SAMPLE);
    assert.ok(r.ok);
    assert.deepEqual(r.report, {
      rowId: '3024',
      sendId: '187',
      number: '5399999999',
      message: SAMPLE.aciklama.mesaj,
      parts: 1,
      status: 'DELIVERED',
      refund: false,
      createdAt: '2016-08-01 14:30:14',
      updatedAt: '2016-08-01 14:30:24',
    });
    assert.deepEqual(r.raw, SAMPLE);
  });

  it('is lenient with types: ids as strings, durum_iade as number, string or boolean, durum as "true"', () => {
    const r = answer(200, {
      durum: 'true',
      aciklama: { ...SAMPLE.aciklama, id: '3024', sms_gonderim_id: '187', mesaj_boy: '2', durum_iade: '1' },
    });
    assert.ok(r.ok);
    assert.equal(r.report.rowId, '3024');
    assert.equal(r.report.parts, 2);
    assert.equal(r.report.refund, true);
    for (const [v, refund, raw] of [
      [true, true, undefined],
      [false, false, undefined],
      ['0', false, undefined],
      ['evet', true, 'evet'],
      ['weird', undefined, 'weird'],
      [2, undefined, '2'],
    ] as const) {
      const x = answer(200, { durum: true, aciklama: { ...SAMPLE.aciklama, durum_iade: v } });
      assert.ok(x.ok);
      assert.equal(x.report.refund, refund, String(v));
      assert.equal(x.report.refundRaw, raw, String(v));
    }
  });

  it('keeps fields the documentation does not list, to show them raw', () => {
    const r = answer(200, { durum: true, aciklama: { ...SAMPLE.aciklama, operator: 'Turkcell', gsm_error: 27 } });
    assert.ok(r.ok);
    assert.deepEqual(r.report.extra, { operator: 'Turkcell', gsm_error: 27 });
  });

  it("turns durum:false into a classified error that keeps the provider's text", () => {
    const wrongKey = errorOf(
      answer(401, { durum: false, aciklama: 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.' }),
    );
    assert.equal(wrongKey.kind, 'unauthorized');
    assert.equal(wrongKey.providerText, 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.');
    assert.equal(errorOf(answer(200, { durum: false, aciklama: 'api_key hatalı' })).kind, 'unauthorized');
    const code = errorOf(answer(400, { durum: false, aciklama: 'INVALID_DESTINATION_ADDRESS' }));
    assert.deepEqual([code.kind, code.providerText], ['provider', 'INVALID_DESTINATION_ADDRESS']);
    assert.equal(
      errorOf(answer(404, { durum: false, aciklama: "Bu id'ye sahip gönderim bulunamadı." })).kind,
      'not-found',
    );
    assert.equal(errorOf(answer(200, { durum: false, aciklama: 'Bilinmeyen bir hata' })).kind, 'provider');
    assert.equal(errorOf(answer(500, { durum: false, aciklama: 'x' })).kind, 'server');
    assert.equal(errorOf(answer(200, { durum: false, aciklama: { kod: 5 } })).providerText, '{"kod":5}');
  });

  it('classifies what is not the documented envelope by HTTP status, with a short excerpt', () => {
    const html =
      '<html><head><script>alert(1)</script></head><body><h1>502 Bad Gateway</h1>' + 'x'.repeat(500) + '</body></html>';
    const e = errorOf(answer(502, html));
    assert.equal(e.kind, 'server');
    assert.ok(e.detail && e.detail.length <= 200 && e.detail.startsWith('<html>'));
    assert.equal(errorOf(answer(200, '{"durum": tr')).kind, 'bad-response');
    assert.equal(errorOf(answer(200, 'null')).kind, 'bad-response');
    assert.equal(errorOf(answer(200, '[1,2]')).kind, 'bad-response');
    assert.equal(errorOf(answer(200, '')).detail, 'empty body');
    assert.equal(errorOf(answer(200, { durum: true, aciklama: null })).kind, 'bad-response');
    assert.equal(errorOf(answer(200, { durum: true, aciklama: 'ok' })).kind, 'bad-response');
    assert.equal(errorOf(answer(401, '')).kind, 'unauthorized');
    assert.equal(errorOf(answer(404, 'Not found')).kind, 'not-found');
    assert.equal(errorOf(answer(418, 'teapot')).kind, 'http-status');
    const limited = errorOf(answer(429, '', { retryAfter: '3600' }));
    assert.deepEqual([limited.kind, limited.retryAfterSeconds], ['rate-limited', 3600]);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('2'), 2);
    assert.equal(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString(), Date.UTC(2030, 0, 1)), 10);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('reads provider times as Turkey time (UTC+3) and measures created → updated', () => {
    assert.equal(parseProviderTime('2016-08-01 14:30:14'), Date.UTC(2016, 7, 1, 11, 30, 14));
    assert.equal(parseProviderTime('2016-08-01 14:30'), Date.UTC(2016, 7, 1, 11, 30, 0));
    assert.equal(parseProviderTime('2016-08-01T14:30:14Z'), Date.UTC(2016, 7, 1, 14, 30, 14));
    assert.equal(parseProviderTime('yesterday'), undefined);
    assert.equal(
      timeToUpdate({ status: 'DELIVERED', createdAt: '2016-08-01 14:30:14', updatedAt: '2016-08-01 14:30:24' }),
      10_000,
    );
    assert.equal(
      timeToUpdate({ status: 'DELIVERED', createdAt: '2016-08-01 14:30:24', updatedAt: '2016-08-01 14:30:14' }),
      undefined,
    );
    assert.equal(formatDuration(10_000, 'en'), '10 s');
    assert.equal(formatDuration(125_000, 'en'), '2 min 5 s');
    assert.equal(formatDuration(3 * 3600e3 + 4 * 60e3, 'en'), '3 h 4 min');
    assert.equal(formatDuration(49 * 3600e3, 'en'), '2 d 1 h');
  });
});

describe('error descriptions', () => {
  const kinds: LookupError['kind'][] = [
    'input',
    'config',
    'no-key',
    'keyring',
    'unauthorized',
    'provider',
    'not-found',
    'rate-limited',
    'server',
    'http-status',
    'bad-response',
    'too-large',
    'timeout',
    'cancelled',
    'offline',
    'network',
    'tls',
    'redirect',
  ];

  it('gives every class a title, a message and what to do, all different', () => {
    const titles = new Set<string>();
    for (const kind of kinds) {
      const d = describeError({ kind, httpStatus: 500 });
      assert.ok(d.title && d.message && d.action, kind);
      titles.add(d.title);
    }
    assert.equal(titles.size, kinds.length);
  });

  it("labels the provider's own text and explains the documented 400 codes", () => {
    const d = describeError({ kind: 'provider', httpStatus: 400, providerText: 'INVALID_DESTINATION_ADDRESS' });
    assert.equal(d.providerLabel, 'Message from VairoSMS');
    assert.equal(d.providerText, 'INVALID_DESTINATION_ADDRESS');
    assert.match(d.message, /905399999999/);
    assert.match(d.action, /other form/);
    assert.equal(describeError({ kind: 'timeout' }).providerLabel, undefined);
  });

  it('shows the wait a rate limit asks for', () => {
    assert.match(describeError({ kind: 'rate-limited', retryAfterSeconds: 3600 }).message, /60 min/);
    assert.match(describeError({ kind: 'rate-limited', retryAfterSeconds: 30 }).message, /30 s/);
  });

  it('keeps excerpts short, on one line and free of control characters', () => {
    assert.equal(excerpt('a\nb\u0000c\td'), 'a b c d');
    assert.equal(excerpt('x'.repeat(300)).length, 200);
  });
});
