import { strict as assert } from 'node:assert';
import { errorModel, loadingModel, reportModel } from '../../../../src/core/report/reportModel';
import { useEnglish, useTurkish } from '../../l10nSetup';
import { relativeTime } from '../../../../src/core/providerTime';

const ctx = { seq: 1, lang: 'en', now: Date.UTC(2026, 10, 26, 12, 0, 0) };
const report = {
  rowId: '3024',
  sendId: '187',
  number: '5399999999',
  message: 'Ben bir ceviz ağacıyım <b>',
  parts: 1,
  status: 'DELIVERED',
  refund: false,
  createdAt: '2016-08-01 14:30:14',
  updatedAt: '2016-08-01 14:30:24',
};

describe('report view model', () => {
  afterEach(useEnglish);

  it('labels every field, keeps the message exactly, and says the time zone is assumed', () => {
    const m = reportModel(ctx, {
      sendId: '187',
      number: '5399999999',
      report,
      checkedAt: ctx.now - 120_000,
      fromHistory: false,
    });
    const f = Object.fromEntries(m.fields.map((x) => [x.id, x]));
    assert.equal(m.kind, 'report', 'the report page draws it (src/webview/report.ts)');
    assert.equal(m.state, 'report');
    assert.equal(m.message?.text, 'Ben bir ceviz ağacıyım <b>');
    assert.deepEqual(
      ['sendId', 'rowId', 'number', 'parts', 'status', 'refund', 'createdAt', 'updatedAt', 'elapsed'].map(
        (k) => f[k]?.value,
      ),
      ['187', '3024', '5399999999', '1', 'DELIVERED', 'No (0)', '2016-08-01 14:30:14', '2016-08-01 14:30:24', '10 s'],
    );
    assert.match(f.createdAt.note ?? '', /Turkey time \(UTC\+3\), assumed/);
    assert.match(f.createdAt.note ?? '', / In your time zone: .+ \(.+\)\.$/);
    assert.equal(f.elapsed.label, 'Time from creation to last update');
    assert.equal(m.title, '5399999999 in send #187');
    assert.equal(m.status?.label, 'Delivered');
    assert.match(m.subtitle ?? '', /2 minutes ago/);
    assert.equal(m.legend.length, 11);
    assert.ok(m.legend.every((s) => s.meaning && s.nextStep && s.finality));
    assert.equal(m.canWatch, false);
  });

  it('announces a status change for screen readers', () => {
    const m = reportModel(ctx, {
      sendId: '187',
      number: '5399999999',
      report,
      checkedAt: ctx.now,
      fromHistory: false,
      previousStatus: 'WAITING',
    });
    assert.equal(m.announcement, 'Status changed from WAITING to DELIVERED: Delivered.');
  });

  it('marks a stored report as stored, and an unknown status as unknown', () => {
    const m = reportModel(ctx, {
      sendId: '187',
      number: '5399999999',
      report: { ...report, status: 'DOUBLE_SEND_ERROR' },
      checkedAt: ctx.now - 3600e3,
      fromHistory: true,
    });
    assert.match(m.subtitle ?? '', /From Recent Lookups, checked 1 hour ago/);
    assert.equal(m.status?.known, false);
    assert.equal(m.status?.code, 'DOUBLE_SEND_ERROR');
    assert.equal(m.canWatch, true);
  });

  it('shows fields the API does not document, as received', () => {
    const m = reportModel(ctx, {
      sendId: '187',
      number: '5399999999',
      report: { ...report, extra: { operator: 'X', n: 3 } },
      checkedAt: ctx.now,
      fromHistory: false,
    });
    assert.deepEqual(
      m.fields.filter((f) => f.id.startsWith('extra:')).map((f) => [f.label, f.value]),
      [
        ['operator', 'X'],
        ['n', '3'],
      ],
    );
  });

  it("renders a failure with its class, the provider's labelled text, what to do and the Set API Key action", () => {
    const m = errorModel(ctx, '187', '5399999999', {
      kind: 'unauthorized',
      httpStatus: 401,
      providerText: 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.',
    });
    assert.equal(m.state, 'error');
    assert.equal(m.error?.title, 'Wrong API key');
    assert.equal(m.error?.providerLabel, 'Message from VairoSMS');
    assert.equal(m.error?.providerText, 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.');
    assert.deepEqual(
      m.error?.actions.map((a) => a.id),
      ['setApiKey', 'showLog'],
    );
    assert.deepEqual(
      errorModel(ctx, '1', '5399999999', { kind: 'timeout' }).error?.actions.map((a) => a.id),
      ['openSettings', 'retry', 'showLog'],
    );
  });

  it("while waiting for VairoSMS's Retry-After: a countdown template, and an announcement of the wait", () => {
    const m = loadingModel({ ...ctx, now: 1_000 }, '1', '5399999999', undefined, 4_000);
    assert.equal(m.state, 'loading');
    assert.deepEqual(m.retry, {
      at: 4_000,
      template: 'VairoSMS asked to wait (HTTP 429). Asking again by itself in {0} s…',
      now: 'VairoSMS asked to wait (HTTP 429). Asking again now…',
    });
    assert.equal(m.announcement, 'VairoSMS asked to wait; asking again by itself in 3 seconds.');
    assert.equal(loadingModel(ctx, '1', '5399999999').retry, undefined);
  });

  it('while watching: a note beside the status with the last change, and the timeline from its first point', () => {
    const input = {
      sendId: '1',
      number: '5399999999',
      report: { status: 'WAITING', number: '5399999999' },
      checkedAt: 0,
      fromHistory: false,
    };
    const one = [{ status: 'WAITING', at: Date.UTC(2026, 0, 1, 12, 0, 0) }];
    const watching = reportModel(ctx, { ...input, timeline: one, watching: true });
    assert.match(watching.watchNote?.text ?? '', /^Watching until final\. No change since the first check at /);
    assert.equal(watching.watchNote?.link, 'Status timeline ↓');
    assert.equal(watching.timeline?.points.length, 1, 'the timeline shows while it is being built');
    const idle = reportModel(ctx, { ...input, timeline: one });
    assert.equal(idle.watchNote, undefined);
    assert.equal(idle.timeline, undefined, 'one point and no watch: no timeline');
    const changed = reportModel(ctx, {
      ...input,
      report: { status: 'SENDING', number: '5399999999' },
      timeline: [
        { status: 'DEFAULT', at: 1 },
        { status: 'SENDING', at: 2 },
      ],
      watching: true,
    });
    assert.match(changed.watchNote?.text ?? '', /^Watching until final\. Last change: DEFAULT → SENDING at /);
  });

  it('keeps the previous report visible while loading and after a failed refresh', () => {
    const done = reportModel(ctx, {
      sendId: '187',
      number: '5399999999',
      report,
      checkedAt: ctx.now,
      fromHistory: false,
    });
    const loading = loadingModel({ ...ctx, seq: 2 }, '187', '5399999999', done);
    assert.equal(loading.state, 'loading');
    assert.equal(loading.status?.code, 'DELIVERED');
    const failed = errorModel({ ...ctx, seq: 3 }, '187', '5399999999', { kind: 'server', httpStatus: 502 }, done);
    assert.equal(failed.fields.length, done.fields.length);
    assert.equal(failed.message?.text, report.message);
  });

  it('is fully Turkish with the Turkish bundle', () => {
    useTurkish();
    const m = reportModel(
      { ...ctx, lang: 'tr' },
      { sendId: '187', number: '5399999999', report, checkedAt: ctx.now - 120_000, fromHistory: false },
    );
    assert.equal(m.strings.legendHeading, 'Tüm durum kodları');
    assert.equal(m.status?.label, 'İletildi');
    assert.match(m.subtitle ?? '', /2 dakika önce/);
    const f = Object.fromEntries(m.fields.map((x) => [x.id, x]));
    assert.match(f.createdAt.note ?? '', /Türkiye saati.* Sizin saat diliminizde: /);
    assert.equal(f.elapsed.label, 'Oluşturma ile güncelleme arasında geçen süre');
    assert.equal(f.refund.note, 'API bu alanı belgelemiyor.', 'no "iade" explained to Turkish readers');
    assert.equal(m.title, '5399999999 numarası (gönderim 187)');
    const changed = reportModel(
      { ...ctx, lang: 'tr' },
      {
        sendId: '187',
        number: '5399999999',
        report,
        checkedAt: ctx.now,
        fromHistory: false,
        previousStatus: 'WAITING',
      },
    );
    assert.equal(changed.announcement, 'Durum WAITING iken DELIVERED oldu: İletildi.');
  });

  it('formats relative times in the display language', () => {
    assert.equal(relativeTime(ctx.now - 5 * 60e3, ctx.now, 'en'), '5 minutes ago');
    assert.equal(relativeTime(ctx.now - 5 * 60e3, ctx.now, 'tr'), '5 dakika önce');
    assert.equal(relativeTime(ctx.now, ctx.now, 'en'), 'now');
    assert.equal(relativeTime(ctx.now - 3 * 86400e3, ctx.now, 'not-a-locale!!'), '3 days ago');
  });
});
