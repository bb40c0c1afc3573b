// The send page's model (src/core/send/sendModel.ts sendModel): its kind, the summary's section and what the live
// region says, and the numbers of the send in Recent Lookups as the page lists them.
import { strict as assert } from 'node:assert';
import { type HistoryEntry } from '../../../../src/core/history/history';
import { sendModel, type SendModelInput } from '../../../../src/core/send/sendModel';

const now = Date.UTC(2026, 10, 26, 12, 0, 0);
const entry = (sendId: string, number: string, status: string, checkedAt: number) =>
  ({ sendId, number, checkedAt, report: { sendId, number, status } }) as HistoryEntry;
const input: SendModelInput = {
  seq: 4,
  lang: 'en',
  now,
  sendId: '187',
  account: undefined,
  summary: { state: 'loading' },
  history: [
    entry('187', '905321234567', 'DELIVERED', now - 120_000),
    entry('188', '905321234568', 'DELIVERED', now),
    { sendId: '187', number: '905321234569', checkedAt: now } as HistoryEntry, // a failure, no report
    entry('187', '5399999999', 'NOT-A-CODE', now),
  ],
  maskNumbers: false,
};

describe('send page model', () => {
  it('names its page, and says the summary is being looked up', () => {
    const m = sendModel(input);
    assert.equal(m.v, 1);
    assert.equal(m.kind, 'send');
    assert.equal(m.seq, 4);
    assert.equal(m.title, 'VairoSMS send 187');
    assert.equal(m.send.state, 'loading');
    assert.equal(m.diagnosis, undefined);
    assert.equal(m.announcement, "Looking up the send's summary…");
  });

  it('lists the numbers of the send that have a report, with their status and when they were checked, masked when the setting says so', () => {
    const m = sendModel(input);
    assert.deepEqual(
      m.lookups.map((l) => [l.number, l.shown, l.status.code, l.status.known]),
      [
        ['905321234567', '905321234567', 'DELIVERED', true],
        ['5399999999', '5399999999', 'NOT-A-CODE', false],
      ],
    );
    assert.match(m.lookups[0].checked, /^checked /);
    const masked = sendModel({ ...input, maskNumbers: true });
    assert.equal(masked.lookups[0].number, '905321234567', 'the number itself still opens its report');
    assert.notEqual(masked.lookups[0].shown, '905321234567');
  });

  it("lists only the lookups made with the send's own account (two accounts' sends of one ID are two sends); one from before accounts is the default account's", () => {
    const of = (account: string | undefined) => ({ ...entry('187', '905321234567', 'DELIVERED', now), account });
    const history = [of('a-1'), { ...of('b-2'), number: '905320000002' }, { ...of(undefined), number: '905320000003' }];
    const listed = (account: string | undefined) =>
      sendModel({ ...input, history, account }).lookups.map((l) => l.number);
    assert.deepEqual(listed('a-1'), ['905321234567']);
    assert.deepEqual(listed('b-2'), ['905320000002']);
    assert.deepEqual(listed('default'), ['905320000003']);
    assert.deepEqual(listed(undefined), ['905320000003'], 'no account exists: the lookups from before accounts');
  });

  it("says a failed summary's title", () => {
    const m = sendModel({
      ...input,
      summary: { state: 'done', checkedAt: now, result: { ok: false, error: { kind: 'not-found' } } as never },
    });
    assert.equal(m.send.state, 'error');
    assert.equal(m.announcement, m.send.error?.title);
  });
});
