// The diagnosis table (src/core/send/diagnosis.ts RULES): one test per rule, the order in which they win, and the view
// the panels draw from it (src/core/send/sendModel.ts). The clock is a fixed instant: no test depends on when it runs.
import { strict as assert } from 'node:assert';
import { RULES, diagnose, formatWhen, type Facts } from '../../../../src/core/send/diagnosis';
import { type SendSummary } from '../../../../src/core/send/endpoint';
import { diagnosisView, sendStateView, sendView, summaryFields } from '../../../../src/core/send/sendModel';

const NOW = Date.UTC(2024, 4, 1, 9, 0, 0); // 12:00 in Turkey
/** A provider time (Turkey, UTC+3) `h` hours from NOW. */
const tr = (h: number) => new Date(NOW + h * 3600_000 + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
const facts = (status: string | undefined, summary: SendSummary): Facts => ({
  status,
  summary,
  now: NOW,
  when: (t) => formatWhen(t, NOW, 'en'),
});
const day = { validity: '24:00:00', validityMs: 86_400_000 };
const idOf = (status: string | undefined, summary: SendSummary) => diagnose(facts(status, summary))?.id;

describe('the diagnosis table', () => {
  it('has one rule per documented case, in this order', () => {
    assert.deepEqual(
      RULES.map((r) => r.id),
      ['send-failed', 'scheduled', 'in-progress', 'may-expire', 'validity-passed'],
    );
  });

  it('send-failed: paket_durum -1 says nothing was sent, overrides even a DELIVERED status', () => {
    const d = diagnose(facts('DELIVERED', { state: -1 }));
    assert.equal(d?.id, 'send-failed');
    assert.equal(d?.severity, 'error');
    assert.equal(d?.overrides, true);
    assert.equal(d?.text, 'This send failed: nothing was sent and no credit was used.');
    assert.equal(idOf(undefined, { state: -1, scheduledAt: tr(5) }), 'send-failed', 'first rule wins');
  });

  it('scheduled: a scheduled time in the future and a pending status', () => {
    const d = diagnose(facts('DEFAULT', { state: 0, scheduledAt: tr(30), createdAt: tr(-1) }));
    assert.equal(d?.id, 'scheduled');
    assert.equal(d?.text, `Scheduled for ${formatWhen(NOW + 30 * 3600_000, NOW, 'en')}; not sent yet.`);
    assert.equal(idOf(undefined, { scheduledAt: tr(2) }), 'scheduled', 'a send looked up alone');
    assert.equal(idOf('DELIVERED', { scheduledAt: tr(2) }), undefined, 'not with a final status');
    assert.equal(idOf('DEFAULT', { scheduledAt: tr(-2) }), undefined, 'not once the time has passed');
  });

  it('in-progress: paket_durum 0 and DEFAULT or SENDING (or no number)', () => {
    assert.equal(diagnose(facts('SENDING', { state: 0 }))?.text, 'The send is still in progress.');
    assert.equal(idOf('DEFAULT', { state: 0 }), 'in-progress');
    assert.equal(idOf(undefined, { state: 0 }), 'in-progress');
    assert.equal(idOf('SENDING', { state: 1 }), undefined, 'a finished send');
    assert.equal(idOf('DELIVERED', { state: 0 }), undefined);
  });

  it('may-expire: WAITING with the validity end known and ahead', () => {
    const d = diagnose(facts('WAITING', { state: 1, createdAt: tr(-2), ...day }));
    assert.equal(d?.id, 'may-expire');
    assert.equal(d?.severity, 'warning');
    assert.equal(
      d?.text,
      `If no delivery report arrives by ${formatWhen(NOW + 22 * 3600_000, NOW, 'en')}, it becomes EXPIRED.`,
    );
    assert.equal(idOf('WAITING', { state: 1, createdAt: tr(-2) }), undefined, 'no validity, no end');
    assert.equal(idOf('WAITING', { state: 1, validityMs: 3600_000 }), undefined, 'no start, no end');
  });

  it('validity-passed: WAITING after the validity ended', () => {
    const d = diagnose(facts('WAITING', { state: 1, createdAt: tr(-30), ...day }));
    assert.equal(d?.id, 'validity-passed');
    assert.match(d!.text, /the next check should say EXPIRED/);
  });

  it('nothing to say for a final status in a finished send', () => {
    assert.equal(idOf('DELIVERED', { state: 1, createdAt: tr(-2), ...day }), undefined);
    assert.equal(idOf('EXPIRED', { state: 1, createdAt: tr(-30), ...day }), undefined);
  });

  it('formats today as a time only, another day with its date', () => {
    assert.equal(formatWhen(NOW + 60_000, NOW, 'en').includes('May'), false);
    assert.match(formatWhen(NOW + 3 * 86_400_000, NOW, 'en'), /May/);
    assert.ok(formatWhen(NOW, NOW, 'not a locale!!').length > 0, 'an unusable language falls back to English');
  });
});

describe('the send section of a panel (sendModel)', () => {
  const ctx = { lang: 'en', now: NOW };
  const done = (summary: SendSummary) =>
    ({
      state: 'done',
      result: { ok: true, summary, raw: {}, httpStatus: 200, attempts: 1, durationMs: 1 },
      checkedAt: NOW,
    }) as const;

  it('loading: a note and no fields', () => {
    const v = sendView('187', { state: 'loading' }, ctx);
    assert.equal(v.state, 'loading');
    assert.deepEqual(v.fields, []);
    assert.equal(diagnosisView('WAITING', { state: 'loading' }, ctx), undefined);
  });

  it('a failed summary is a short error of its own', () => {
    const v = sendView(
      '713',
      {
        state: 'done',
        result: { ok: false, error: { kind: 'server', httpStatus: 502 }, attempts: 1, durationMs: 1 },
        checkedAt: NOW,
      },
      ctx,
    );
    assert.equal(v.state, 'error');
    assert.match(v.error!.title, /^The send's summary could not be looked up: /);
    assert.equal(v.badge, undefined);
  });

  it('the state is a badge with the status tooltip pattern: -1 failed, 0 pending, 1 delivered, else unknown', () => {
    assert.deepEqual(
      [-1, 0, 1, undefined].map((state) => sendStateView({ state: state as -1 | 0 | 1 | undefined }).group),
      ['failed', 'pending', 'delivered', 'unknown'],
    );
    const b = sendStateView({ state: 0 });
    assert.ok(b.meaning && b.finality && b.nextStep, 'meaning, finality and next step, like a status');
    assert.equal(sendStateView({ stateRaw: '7' }).code, '7');
  });

  it('fields: every documented one labelled with its API name, unknown ones shown, the end of validity noted', () => {
    const fields = summaryFields(
      { sender: 'VAIRO', numbers: 2, credits: 2, createdAt: tr(-1), ...day, extra: { kanal: 'api' } },
      ctx,
    );
    const ids = fields.map((f) => f.id);
    for (const id of ['send:sender', 'send:numbers', 'send:credits', 'send:validity'])
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    assert.ok(
      fields.some((f) => f.label === 'kanal' && f.value === 'api'),
      'the unknown field',
    );
    assert.match(
      fields.find((f) => f.id === 'send:validity')!.note!,
      /^Ends .*, counted from when the send was created\.$/,
    );
  });

  it('a failed send carries its log as text, and its diagnosis overrides', () => {
    const v = sendView('711', done({ state: -1, log: '<b>Yetersiz</b>' }), ctx);
    assert.equal(v.log?.text, '<b>Yetersiz</b>');
    assert.equal(diagnosisView('DELIVERED', done({ state: -1 }), ctx)?.overrides, true);
  });
});
