// Failures that say exactly what happened (the newcomer issue, #13 items 1, 2, 4 and 5): which redirect rule refused
// a redirect and where it pointed, the time limit that passed, "no such send" apart from "number not in this send",
// and an HTML error page read as its title and visible text instead of its markup.
import { strict as assert } from 'node:assert';
import { readHtmlPage, whatIsMissing } from '../../../../src/core/api/envelope';
import { runExchange } from '../../../../src/core/api/exchange';
import { redactor } from '../../../../src/core/api/redact';
import { TransportError } from '../../../../src/core/api/transport';
import { describeError, errorActions, errorSetting } from '../../../../src/core/api/errors';
import { errorModel } from '../../../../src/core/report/reportModel';
import { nginxPage } from '../../../sandbox/server';
import { reportExchange, parseAnswer } from '../../../../src/core/report/endpoint';

const ctx = { seq: 1, lang: 'en', now: 0 };

describe('failures that say exactly what happened', () => {
  it('a refused redirect says which rule refused it, naming the target host (never more of the URL)', () => {
    const m = (redirect: Parameters<typeof describeError>[0]['redirect']) =>
      describeError({ kind: 'redirect', ...(redirect ? { redirect } : {}) }).message;
    assert.match(m({ why: 'too-many' }), /more than 3 times/);
    assert.match(
      m({ why: 'other-host', target: 'https://evil.example:8443' }),
      /another host \(https:\/\/evil\.example:8443\)/,
    );
    assert.match(m({ why: 'plain-http', target: 'http://vairosms.com' }), /to plain http \(http:\/\/vairosms\.com\)/);
    assert.match(m({ why: 'unreadable' }), /not a URL/);
    assert.match(m(undefined), /another host, to plain http, or too many times/, 'an older error without a reason');
    // A target that is not plainly a scheme and a host is not quoted.
    assert.match(m({ why: 'other-host', target: 'https://x.example/[a](command:y)' }), /another host \(a server\)/);
  });

  it('a timeout names its limit', () => {
    assert.equal(
      describeError({ kind: 'timeout', timeoutSeconds: 30 }).message,
      'VairoSMS did not answer within 30 s.',
    );
    assert.match(describeError({ kind: 'timeout' }).message, /within the time limit/);
  });

  it('a failure that a setting may fix links that setting, and offers Open Settings on it (item 2)', () => {
    assert.equal(errorSetting({ kind: 'timeout', timeoutSeconds: 30 }), 'vairosms.requestTimeoutSeconds');
    for (const kind of ['config', 'offline', 'tls', 'redirect'] as const)
      assert.equal(errorSetting({ kind }), 'vairosms.apiRoot', kind);
    for (const kind of ['unauthorized', 'not-found', 'server', 'network', 'bad-response'] as const) {
      assert.equal(errorSetting({ kind }), undefined, kind);
      assert.ok(!errorActions({ kind }).includes('openSettings'), kind);
    }
    assert.deepEqual(errorActions({ kind: 'timeout' }), ['openSettings', 'retry', 'showLog']);
    const model = errorModel(ctx, '187', '5399999999', { kind: 'timeout', timeoutSeconds: 1 });
    assert.deepEqual(model.error?.setting, { label: 'Setting', id: 'vairosms.requestTimeoutSeconds' });
    assert.equal(errorModel(ctx, '187', '5399999999', { kind: 'server', httpStatus: 502 }).error?.setting, undefined);
  });

  it('"no such send" and "number not in this send" are told apart when the provider\'s text allows it', () => {
    const notFound = (aciklama: string) => {
      const r = parseAnswer({ status: 404, body: JSON.stringify({ durum: false, aciklama }) });
      assert.ok(!r.ok);
      return r.error;
    };
    const send = notFound("Bu id'ye sahip gönderim bulunamadı.");
    assert.equal(send.missing, 'send');
    assert.equal(describeError(send).title, 'Send not found');
    const number = notFound('Numara bu gönderimde bulunamadı.');
    assert.equal(number.missing, 'number');
    assert.equal(describeError(number).title, 'Number not in this send');
    assert.equal(describeError(number).providerText, 'Numara bu gönderimde bulunamadı.', "VairoSMS's text, as now");
    const vague = notFound('Kayıt yok.');
    assert.equal(vague.missing, undefined);
    assert.equal(describeError(vague).title, 'Report not found');
    assert.equal(whatIsMissing(undefined), undefined);
  });

  it("an HTML error page is read as its title and visible text, labelled as the server's answer", () => {
    const r = parseAnswer({ status: 502, body: nginxPage(502) });
    assert.ok(!r.ok);
    assert.equal(r.error.page?.title, '502 Bad Gateway');
    assert.ok(!/<|script|alert/i.test(`${r.error.page?.title} ${r.error.page?.text}`), JSON.stringify(r.error.page));
    const m = errorModel(ctx, '9002', '5399999999', r.error);
    assert.match(m.error!.detailLabel!, /^The server's answer, an HTML page/);
    assert.match(m.error!.detail!, /^502 Bad Gateway/);
    assert.deepEqual(
      readHtmlPage(
        '<html><head><title>T &amp; C</title><style>x{}</style></head><body><h1>Oops</h1>&lt;b&gt; <script>x()</script>ok</body></html>',
      ),
      { title: 'T & C', text: 'Oops <b> ok' },
    );
    const plain = parseAnswer({ status: 502, body: 'Bad Gateway' });
    assert.ok(!plain.ok);
    assert.equal(plain.error.page, undefined, 'a text body stays a plain excerpt');
  });

  it('an HTML page read as text: a reference to no code point is U+FFFD (never a throw); the key is redacted before the cut', () => {
    const page = readHtmlPage('<html><title>Oops &#1114112; &#xD800;</title><body>x</body></html>');
    assert.equal(page.title, 'Oops \ufffd \ufffd');
    const key = 'Zx9Qw7Lm3Pp8Kt2Vb';
    const refs = Array.from(key, (c) => `&#${String(c.codePointAt(0)).padStart(9, '0')};`).join('');
    const html = `<html><body><p>${'a'.repeat(185)} ${refs}</p></body></html>`;
    const clean = redactor(key);
    const read = readHtmlPage(clean(html), clean);
    assert.ok(!/Zx9Q|x9Qw7/.test(read.text ?? ''), read.text);
    // an answer that is a page of "<" has no text, and parsing it answers (one pass over the page)
    assert.deepEqual(readHtmlPage('<html' + '<'.repeat(65_530)), {});
  });

  it("a refused redirect's target is the server's text: redacted, and dropped when the key is in it", async () => {
    const key = 'sekretkey123456';
    const run = (target: string) =>
      runExchange(
        reportExchange('https://vairosms.example/api/', '187', '5399999999', key),
        { apiKey: key, timeoutMs: 1000 },
        {
          transport: () =>
            Promise.reject(new TransportError('redirect', 'refused', undefined, { why: 'other-host', target })),
          sleep: async () => undefined,
        },
      );
    const leaked = await run(`https://${key.toLowerCase()}.evil.example`);
    assert.ok(!leaked.ok && leaked.error.redirect?.target === undefined, JSON.stringify(leaked));
    const plain = await run('https://evil.example');
    assert.ok(!plain.ok && plain.error.redirect?.target === 'https://evil.example');
  });
});
