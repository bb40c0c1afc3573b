// What one entry of Recent Lookups may weigh in globalState (#24 item 7): every lookup and watch check rewrites the
// whole list, so a hostile answer (32 undocumented fields of 1 K, every documented field long, a 128 K message, a
// status that changes at each of 20 checks) must not make an entry weigh tens of kilobytes (it weighed 82 KB).
import { strict as assert } from 'node:assert';
import { CAPS } from '../../../../src/core/api/caps';
import { addEntry, forStorage, toStored, type HistoryEntry } from '../../../../src/core/history/history';
import { type Report } from '../../../../src/core/report/report';
import { boundReport } from '../../../../src/core/report/reportBounds';

const MAX_STORED_BYTES = 16 * 1024;
const long = (c: string, n: number) => c.repeat(n);

function hostileReport(i: number): Report {
  const extra: Record<string, unknown> = {};
  for (let f = 0; f < 40; f++) extra[`${f}${long('n', 120)}`] = long('v', 2000);
  // as the parser keeps it: the panel of a fresh lookup shows all of this
  return boundReport({
    status: `${long('S', 190)}${i}`,
    message: long('m', 200_000),
    rowId: long('1', 500),
    sendId: long('2', 500),
    number: long('3', 500),
    createdAt: long('c', 500),
    updatedAt: long('u', 500),
    refundRaw: long('r', 500),
    parts: 3,
    extra,
  });
}

describe('the stored size of a Recent Lookups entry', () => {
  it(`a hostile entry checked 25 times stays within ${MAX_STORED_BYTES / 1024} KB as stored`, () => {
    let entries: HistoryEntry[] = [];
    for (let i = 0; i < 25; i++) {
      const fresh: HistoryEntry = {
        sendId: '187',
        number: '5399999999',
        checkedAt: i * 1000,
        report: hostileReport(i),
      };
      entries = addEntry(entries, fresh, 50, true).map((e) => forStorage(e, true));
    }
    const [entry] = entries;
    assert.equal(entry.timeline?.length, 20, 'the timeline kept its 20 points');
    const bytes = Buffer.byteLength(JSON.stringify(toStored(entry)));
    assert.ok(bytes <= MAX_STORED_BYTES, `${bytes} B stored`);
  });

  it('keeps the first undocumented fields, shortened, and says what was cut; the panel of a fresh lookup keeps more', () => {
    const fresh = hostileReport(0);
    assert.equal(Object.keys(fresh.extra ?? {}).length, CAPS.extraFields);
    const stored = forStorage({ sendId: '187', number: '5399999999', checkedAt: 0, report: fresh }, true).report!;
    const extra = Object.entries(stored.extra ?? {});
    assert.equal(extra.length, CAPS.storedExtraFields);
    for (const [name, value] of extra) {
      assert.ok(name.length <= CAPS.storedExtraName, name);
      assert.ok(String(value).length <= CAPS.storedExtraValue);
    }
    assert.equal(stored.cut?.droppedFields, 40 - CAPS.storedExtraFields);
    assert.equal(stored.message?.length, CAPS.storedMessage);
  });
});
