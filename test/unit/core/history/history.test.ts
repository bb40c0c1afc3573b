import { strict as assert } from 'node:assert';
import { keyId } from '../../../../src/core/lookupKey';
import {
  addEntry,
  addFailure,
  forStorage,
  isKeptFailure,
  storedFailure,
  HARD_CAP,
  reconcileHistory,
  removeEntry,
  repairHistory,
  toStored,
  withSendState,
  withoutMessage,
  type HistoryEntry,
} from '../../../../src/core/history/history';

const entry = (
  sendId: string,
  number: string,
  status: string,
  checkedAt: number,
  message = 'Merhaba',
): HistoryEntry => ({ sendId, number, checkedAt, report: { status, message, sendId, number } });

describe('recent lookups as data', () => {
  it('keeps the newest first, one entry per send ID + number', () => {
    let list: HistoryEntry[] = [];
    list = addEntry(list, entry('1', '5399999999', 'WAITING', 1), 50);
    list = addEntry(list, entry('2', '5399999999', 'DELIVERED', 2), 50);
    list = addEntry(list, entry('1', '5399999999', 'DELIVERED', 3), 50);
    assert.deepEqual(
      list.map((e) => [e.sendId, e.report!.status]),
      [
        ['1', 'DELIVERED'],
        ['2', 'DELIVERED'],
      ],
    );
  });

  it('a Refresh or a watch check (keepPlace) updates an entry where it stands; a new lookup of it goes to the top', () => {
    let list: HistoryEntry[] = [];
    for (const [id, at] of [
      ['1', 1],
      ['2', 2],
      ['3', 3],
    ] as const)
      list = addEntry(list, entry(id, '5399999999', 'WAITING', at), 50);
    list = addEntry(list, entry('2', '5399999999', 'DELIVERED', 4), 50, true);
    assert.deepEqual(
      list.map((e) => [e.sendId, e.report!.status]),
      [
        ['3', 'WAITING'],
        ['2', 'DELIVERED'],
        ['1', 'WAITING'],
      ],
    );
    assert.equal(list[1].checkedAt, 4, 'the report is the fresh one');
    // the place survives the stored form, a repair on the next read and another window's reconcile
    const read = repairHistory(JSON.parse(JSON.stringify(list.map(toStored))), 50).entries;
    assert.deepEqual(
      read.map((e) => e.sendId),
      ['3', '2', '1'],
    );
    const merged = reconcileHistory(read, { added: [], removed: new Map() }, 50);
    assert.deepEqual(
      merged.entries.map((e) => e.sendId),
      ['3', '2', '1'],
    );
    assert.equal(merged.changed, false);
    // a new lookup of the same key (not a refresh) moves it to the top; keepPlace for an unlisted key adds it on top
    list = addEntry(read, entry('1', '5399999999', 'DELIVERED', 5), 50);
    assert.deepEqual(
      list.map((e) => e.sendId),
      ['1', '3', '2'],
    );
    assert.equal(list[0].listedAt, undefined);
    list = addEntry(list, entry('9', '5399999999', 'SENT', 6), 50, true);
    assert.equal(list[0].sendId, '9');
  });

  it('keeps a failed lookup: alone with no report, or beside the stored report it never replaces; a success clears it', () => {
    let list: HistoryEntry[] = [entry('1', '5399999999', 'DELIVERED', 1), entry('2', '5399999999', 'SENT', 2)];
    const timeout = storedFailure({ kind: 'timeout', timeoutSeconds: 30, providerText: 'x', detail: 'y' }, 10);
    assert.deepEqual(timeout, { kind: 'timeout', at: 10, timeoutSeconds: 30 }, 'no text from outside is kept');
    // beside the report of key 1: the report stays, the entry goes to the top (a new lookup)
    list = addFailure(list, { sendId: '1', number: '5399999999' }, timeout, undefined, 50);
    assert.deepEqual(
      list.map((e) => [e.sendId, e.report?.status, e.failure?.kind]),
      [
        ['1', 'DELIVERED', 'timeout'],
        ['2', 'SENT', undefined],
      ],
    );
    assert.equal(list[0].checkedAt, 1, "the report's time is the report's");
    // alone, for a key never answered
    list = addFailure(
      list,
      { sendId: '7777', number: '5399999999' },
      storedFailure({ kind: 'not-found', missing: 'send' }, 20),
      'a1b2c3',
      50,
    );
    assert.deepEqual(list[0], {
      sendId: '7777',
      number: '5399999999',
      checkedAt: 20,
      failure: { kind: 'not-found', at: 20, missing: 'send' },
      account: 'a1b2c3',
    });
    // a Refresh that fails keeps the place
    list = addFailure(
      list,
      { sendId: '2', number: '5399999999' },
      storedFailure({ kind: 'server', httpStatus: 502 }, 30),
      undefined,
      50,
      true,
    );
    assert.deepEqual(
      list.map((e) => e.sendId),
      ['7777', '1', '2'],
    );
    // it survives the stored form and a repair; a lookup that works clears it
    const read = repairHistory(JSON.parse(JSON.stringify(list.map((e) => toStored(forStorage(e, true))))), 50).entries;
    const shape = (l: HistoryEntry[]) => l.map((e) => [e.sendId, e.report?.status, e.failure, e.listedAt, e.account]);
    assert.deepEqual(shape(read), shape(list));
    const fixed = addEntry(read, entry('1', '5399999999', 'DELIVERED', 40), 50);
    assert.equal(fixed[0].sendId, '1');
    assert.equal(fixed[0].failure, undefined);
    assert.ok(
      !isKeptFailure({ kind: 'cancelled' }) &&
        !isKeptFailure({ kind: 'no-key' }) &&
        isKeptFailure({ kind: 'unauthorized' }),
    );
    // at the cap, a failure never pushes a stored report out: the oldest failure with no report goes instead
    const full = [entry('1', '5399999999', 'DELIVERED', 1)];
    const atCap = addFailure(
      full,
      { sendId: '9', number: '5399999999' },
      storedFailure({ kind: 'server' }, 50),
      undefined,
      1,
    );
    assert.deepEqual(
      atCap.map((e) => [e.sendId, e.report?.status]),
      [['1', 'DELIVERED']],
    );
    // a stored failure of a kind we do not know, or without a time, is not read back
    const bad = repairHistory(
      [{ sendId: '9', number: '5399999999', checkedAt: 1, failure: { kind: 'evil', at: 1 } }],
      50,
    );
    assert.equal(bad.entries[0].failure, undefined);
  });

  it('records every status change as a timeline, without repeating an unchanged status', () => {
    let list: HistoryEntry[] = [];
    for (const [status, at] of [
      ['WAITING', 1],
      ['WAITING', 2],
      ['DELIVERED', 3],
      ['DELIVERED', 4],
    ] as const) {
      list = addEntry(list, entry('1', '5399999999', status, at), 50);
    }
    assert.deepEqual(list[0].timeline, [
      { status: 'WAITING', at: 1 },
      { status: 'DELIVERED', at: 3 },
    ]);
  });

  it('caps the list at the setting, and never above the hard cap', () => {
    let list: HistoryEntry[] = [];
    for (let i = 0; i < 60; i++) list = addEntry(list, entry(String(i + 1), '5399999999', 'SENT', i), 50);
    assert.equal(list.length, 50);
    assert.equal(list[0].sendId, '60');
    for (let i = 0; i < 250; i++) list = addEntry(list, entry(String(i + 1), '5399999998', 'SENT', i), 10_000);
    assert.equal(list.length, HARD_CAP);
  });

  it('removes one entry by its key', () => {
    const list = [entry('1', '5399999999', 'SENT', 2), entry('1', '5399999998', 'SENT', 1)];
    assert.deepEqual(
      removeEntry(list, { sendId: '1', number: '5399999999' }).map((e) => e.number),
      ['5399999998'],
    );
  });

  it('can drop the message text when the user chose not to keep it', () => {
    const e = withoutMessage(entry('1', '5399999999', 'SENT', 1, 'secret text'));
    assert.equal(e.report!.message, undefined);
    assert.equal(e.report!.status, 'SENT');
  });

  it('repairs corrupt, wrongly typed and oversized stored history, counting what it dropped', () => {
    assert.deepEqual(repairHistory(undefined, 50), { entries: [], dropped: 0 });
    assert.deepEqual(repairHistory('{corrupt json', 50), { entries: [], dropped: 1 });
    assert.deepEqual(repairHistory({ a: 1 }, 50), { entries: [], dropped: 1 });
    const mixed = [
      entry('1', '5399999999', 'SENT', 5),
      null,
      42,
      { sendId: '../x', number: '5399999999', checkedAt: 1, report: {} },
      { sendId: '2', number: '5399999999', checkedAt: 'yesterday' },
      entry('1', '5399999999', 'SENT', 4),
      { sendId: 3, number: '5399999999', checkedAt: 9, report: { status: 'delivered', message: 7 } },
    ];
    const r = repairHistory(mixed, 50);
    assert.deepEqual(
      r.entries.map((e) => [e.sendId, e.report!.status, e.report!.message]),
      [
        ['3', 'DELIVERED', undefined],
        ['1', 'SENT', 'Merhaba'],
      ],
    );
    assert.equal(r.dropped, 5);
    const many = Array.from({ length: 10_000 }, (_, i) => entry(String(i + 1), '5399999999', 'SENT', i));
    const big = repairHistory(many, 200);
    assert.equal(big.entries.length, 200);
    assert.equal(big.dropped, 9_800);
    assert.equal(big.entries[0].sendId, '10000');
  });
});

describe("the send's state in recent lookups (paket_durum)", () => {
  /** A full list at the hard cap, as a real one looks: documented fields, a short message, one status change. */
  const full = (): HistoryEntry[] =>
    Array.from({ length: HARD_CAP }, (_, i) => ({
      sendId: String(1000 + (i % 20)),
      number: String(5300000000 + i),
      checkedAt: 1_700_000_000_000 + i,
      report: {
        rowId: String(3000 + i),
        sendId: String(1000 + (i % 20)),
        number: String(5300000000 + i),
        message: 'Siparişiniz yola çıktı. Takip: https://k.example/abc',
        parts: 1,
        status: 'DELIVERED',
        refund: false,
        createdAt: '2024-05-01 08:00:00',
        updatedAt: '2024-05-01 08:00:10',
      },
      timeline: [
        { status: 'WAITING', at: 1_700_000_000_000 },
        { status: 'DELIVERED', at: 1_700_000_000_000 + i },
      ],
    }));
  const size = (list: readonly HistoryEntry[]) => JSON.stringify(list.map(toStored)).length;

  it('is all a lookup stores of the summary: a full list grows by less than 5 %', () => {
    const before = full();
    let after: HistoryEntry[] = before;
    for (let s = 0; s < 20; s++)
      after = withSendState(after, { sendId: String(1000 + s), account: undefined }, -1) ?? after;
    assert.ok(
      after.every((e) => e.sendState === -1),
      'every entry has its send state',
    );
    const growth = size(after) / size(before) - 1;
    assert.ok(growth < 0.05, `grew by ${(growth * 100).toFixed(2)} %`);
  });

  it('is written only when it changed, and survives a repair', () => {
    const list = withSendState(full(), { sendId: '1000', account: undefined }, 1)!;
    assert.equal(withSendState(list, { sendId: '1000', account: undefined }, 1), undefined, 'unchanged: no write');
    const repaired = repairHistory(JSON.parse(JSON.stringify(list.map(toStored))), HARD_CAP);
    assert.equal(repaired.entries.find((e) => e.sendId === '1000')?.sendState, 1);
    const odd = repairHistory([{ ...toStored(list[0]), sendState: 7 }], HARD_CAP);
    assert.equal(odd.entries[0].sendState, undefined, 'a value that is not -1, 0 or 1 is dropped');
  });

  it("is noted on the entries of the account whose summary it is, never on another account's send of the same ID", () => {
    const entry = (account: string | undefined, number: string): HistoryEntry => ({
      sendId: '187',
      number,
      checkedAt: 1,
      ...(account !== undefined ? { account } : {}),
    });
    const list = [entry('a-1', '5301111111'), entry('b-2', '5302222222'), entry(undefined, '5303333333')];
    const states = (l: readonly HistoryEntry[]) => l.map((e) => e.sendState);
    assert.deepEqual(states(withSendState(list, { sendId: '187', account: 'b-2' }, -1)!), [undefined, -1, undefined]);
    assert.deepEqual(states(withSendState(list, { sendId: '187', account: undefined }, 1)!), [undefined, undefined, 1]);
    assert.equal(withSendState(list, { sendId: '187', account: 'c-3' }, 1), undefined, 'no entry of that account');
  });
});

describe("reconciling with another window's write (reconcileHistory)", () => {
  const numbers = (l: readonly HistoryEntry[]) => l.map((e) => e.number);
  const none = new Map<string, number>();

  it("adds back this window's lookups that a write from an older copy dropped, newest first, and nothing else", () => {
    // window A wrote [a2, a1]; window B, not yet aware of it, wrote [b1] over it
    const a1 = entry('187', '5301000001', 'SENT', 10);
    const a2 = entry('187', '5301000002', 'SENT', 30);
    const b1 = entry('187', '5301000003', 'SENT', 20);
    const r = reconcileHistory([b1], { added: [a1, a2], removed: none }, 50);
    assert.equal(r.changed, true);
    assert.deepEqual(numbers(r.entries), ['5301000002', '5301000003', '5301000001']);
    assert.equal(new Set(r.entries.map((e) => e.number)).size, r.entries.length, 'each entry once');
  });

  it('changes nothing when the stored list already holds every local addition', () => {
    const a1 = entry('187', '5301000001', 'SENT', 10);
    const b1 = entry('187', '5301000003', 'SENT', 20);
    const r = reconcileHistory([b1, a1], { added: [a1], removed: none }, 50);
    assert.equal(r.changed, false);
    assert.deepEqual(numbers(r.entries), ['5301000003', '5301000001']);
  });

  it('keeps a newer lookup of the same number from the other window, and replaces an older one (one entry, timelines merged)', () => {
    const mine = entry('187', '5301000001', 'WAITING', 10);
    const theirsNewer = entry('187', '5301000001', 'DELIVERED', 20);
    const kept = reconcileHistory([theirsNewer], { added: [mine], removed: none }, 50);
    assert.equal(kept.changed, false);
    assert.deepEqual(
      kept.entries.map((e) => [e.number, e.report!.status]),
      [['5301000001', 'DELIVERED']],
    );

    const theirsOlder = entry('187', '5301000001', 'SENT', 5);
    const mineNewer = entry('187', '5301000001', 'DELIVERED', 30);
    const replaced = reconcileHistory([theirsOlder], { added: [mineNewer], removed: none }, 50);
    assert.equal(replaced.changed, true);
    assert.equal(replaced.entries.length, 1);
    assert.equal(replaced.entries[0].checkedAt, 30);
    assert.deepEqual(
      replaced.entries[0].timeline?.map((p) => p.status),
      ['SENT', 'DELIVERED'],
    );
  });

  it('removes again what this window removed when a stale copy brought it back, but keeps a newer lookup of it', () => {
    const x = entry('187', '5301000001', 'SENT', 10);
    const y = entry('187', '5301000002', 'SENT', 20);
    const removed = new Map([[keyId({ sendId: '187', number: '5301000001' }), 10]]);
    const stale = reconcileHistory([y, x], { added: [], removed }, 50);
    assert.equal(stale.changed, true);
    assert.deepEqual(numbers(stale.entries), ['5301000002']);

    const relooked = entry('187', '5301000001', 'DELIVERED', 40);
    const fresh = reconcileHistory([relooked, y], { added: [], removed }, 50);
    assert.equal(fresh.changed, false, 'a lookup newer than the removal stays');
    assert.deepEqual(numbers(fresh.entries), ['5301000001', '5301000002']);
  });

  it('never re-adds a local addition that this window removed afterwards', () => {
    const x = entry('187', '5301000001', 'SENT', 10);
    const r = reconcileHistory(
      [],
      { added: [x], removed: new Map([[keyId({ sendId: '187', number: '5301000001' }), 10]]) },
      50,
    );
    assert.equal(r.changed, false);
    assert.deepEqual(r.entries, []);
  });

  it('respects the cap: an old local addition that no longer fits is not forced in', () => {
    const theirs = [entry('187', '5301000002', 'SENT', 30), entry('187', '5301000003', 'SENT', 20)];
    const old = entry('187', '5301000001', 'SENT', 10);
    const r = reconcileHistory(theirs, { added: [old], removed: none }, 2);
    assert.equal(r.changed, false, 'nothing to write: two windows with a small cap do not keep overwriting each other');
    assert.deepEqual(numbers(r.entries), ['5301000002', '5301000003']);
  });
});
