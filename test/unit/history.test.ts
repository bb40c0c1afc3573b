import { strict as assert } from 'node:assert';
import { addEntry, HARD_CAP, removeEntry, repairHistory, withoutMessage, type HistoryEntry } from '../../src/core/history';

const entry = (sendId: string, number: string, status: string, checkedAt: number, message = 'Merhaba'): HistoryEntry =>
  ({ sendId, number, checkedAt, report: { status, message, sendId, number } });

describe('recent lookups as data', () => {
  it('keeps the newest first, one entry per send ID + number', () => {
    let list: HistoryEntry[] = [];
    list = addEntry(list, entry('1', '5399999999', 'WAITING', 1), 50);
    list = addEntry(list, entry('2', '5399999999', 'DELIVERED', 2), 50);
    list = addEntry(list, entry('1', '5399999999', 'DELIVERED', 3), 50);
    assert.deepEqual(list.map((e) => [e.sendId, e.report.status]), [['1', 'DELIVERED'], ['2', 'DELIVERED']]);
  });

  it('records every status change as a timeline, without repeating an unchanged status', () => {
    let list: HistoryEntry[] = [];
    for (const [status, at] of [['WAITING', 1], ['WAITING', 2], ['DELIVERED', 3], ['DELIVERED', 4]] as const) {
      list = addEntry(list, entry('1', '5399999999', status, at), 50);
    }
    assert.deepEqual(list[0].timeline, [{ status: 'WAITING', at: 1 }, { status: 'DELIVERED', at: 3 }]);
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
    assert.deepEqual(removeEntry(list, { sendId: '1', number: '5399999999' }).map((e) => e.number), ['5399999998']);
  });

  it('can drop the message text when the user chose not to keep it', () => {
    const e = withoutMessage(entry('1', '5399999999', 'SENT', 1, 'secret text'));
    assert.equal(e.report.message, undefined);
    assert.equal(e.report.status, 'SENT');
  });

  it('repairs corrupt, wrongly typed and oversized stored history, counting what it dropped', () => {
    assert.deepEqual(repairHistory(undefined, 50), { entries: [], dropped: 0 });
    assert.deepEqual(repairHistory('{corrupt json', 50), { entries: [], dropped: 1 });
    assert.deepEqual(repairHistory({ a: 1 }, 50), { entries: [], dropped: 1 });
    const mixed = [entry('1', '5399999999', 'SENT', 5), null, 42, { sendId: '../x', number: '5399999999', checkedAt: 1, report: {} },
      { sendId: '2', number: '5399999999', checkedAt: 'yesterday' }, entry('1', '5399999999', 'SENT', 4), { sendId: 3, number: '5399999999', checkedAt: 9, report: { status: 'delivered', message: 7 } }];
    const r = repairHistory(mixed, 50);
    assert.deepEqual(r.entries.map((e) => [e.sendId, e.report.status, e.report.message]), [['3', 'DELIVERED', undefined], ['1', 'SENT', 'Merhaba']]);
    assert.equal(r.dropped, 5);
    const many = Array.from({ length: 10_000 }, (_, i) => entry(String(i + 1), '5399999999', 'SENT', i));
    const big = repairHistory(many, 200);
    assert.equal(big.entries.length, 200);
    assert.equal(big.dropped, 9_800);
    assert.equal(big.entries[0].sendId, '10000');
  });
});
