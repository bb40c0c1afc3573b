// What a report may weigh (src/core/report/reportBounds.ts, docs/reliability.md row 24): every field of a parsed report within
// its cap and marked when cut; Recent Lookups keeps at most 4 K characters of the message; a batch row keeps what its
// table and export need, never the raw answer.
import { strict as assert } from 'node:assert';
import { keepForBatch } from '../../../../src/core/batch/batchRun';
import { forStorage, repairHistory, toStored } from '../../../../src/core/history/history';
import { boundReport } from '../../../../src/core/report/reportBounds';
import { type LookupResult, parseAnswer } from '../../../../src/core/report/endpoint';
import { CAPS } from '../../../../src/core/api/caps';

const huge = (n: number, ch = 'Ç') => ch.repeat(n);

function parsed(aciklama: Record<string, unknown>) {
  const r = parseAnswer({ status: 200, body: JSON.stringify({ durum: true, aciklama }) });
  assert.ok(r.ok);
  return r;
}

describe('report bounds', () => {
  it('a parsed report: the message within 128 K, other fields within 200, 32 undocumented fields of at most 1 K', () => {
    const extra: Record<string, string> = {};
    for (let i = 0; i < 40; i++) extra[`f${i}`] = huge(2048, 'x');
    extra[huge(300, 'n')] = 'short';
    const r = parsed({
      mesaj: huge(300_000),
      durum_gonderim: huge(5000, 'D'),
      created_at: huge(1000, '1'),
      ...extra,
    }).report;
    assert.equal(r.message?.length, CAPS.message);
    assert.equal(r.cut?.message, 300_000);
    assert.equal(r.status.length, CAPS.field);
    assert.equal(r.createdAt?.length, CAPS.field);
    assert.ok(r.cut?.fields?.includes('status') && r.cut.fields.includes('createdAt'));
    const fields = Object.entries(r.extra ?? {});
    assert.equal(fields.length, CAPS.extraFields);
    for (const [name, value] of fields) {
      assert.ok(name.length <= CAPS.extraName);
      assert.ok(String(value).length <= CAPS.extraValue, name);
    }
    assert.equal(r.cut?.droppedFields, 41 - CAPS.extraFields);
  });

  it('a report within its caps is left as it is, with no cut mark', () => {
    const r = parsed({ mesaj: 'Merhaba', durum_gonderim: 'DELIVERED', kanal: { a: 1 } }).report;
    assert.equal(r.message, 'Merhaba');
    assert.equal(r.cut, undefined);
    assert.deepEqual(r.extra, { kanal: { a: 1 } });
  });

  it('Recent Lookups keeps at most 4 K characters of the message, marked with its real length, also after a repair', () => {
    const report = parsed({ mesaj: huge(20_000), durum_gonderim: 'DELIVERED' }).report;
    const entry = forStorage({ sendId: '187', number: '5399999999', checkedAt: 1, report }, true);
    assert.equal(entry.report!.message?.length, CAPS.storedMessage);
    assert.equal(entry.report!.cut?.message, 20_000);
    const stored = JSON.parse(JSON.stringify([toStored(entry)]));
    const [back] = repairHistory(stored, 50).entries;
    assert.equal(back.report!.message?.length, CAPS.storedMessage);
    assert.equal(back.report!.cut?.message, 20_000, 'the mark survives the round trip');
    // An older stored entry over the cap (written before the cap existed) is cut on read.
    const [old] = repairHistory(
      [{ sendId: '187', number: '5399999999', checkedAt: 1, report: { status: 'SENT', message: huge(50_000) } }],
      50,
    ).entries;
    assert.equal(old.report!.message?.length, CAPS.storedMessage);
    assert.equal(old.report!.cut?.message, 50_000);
  });

  it('a batch row keeps what its table and export need: no raw answer, no undocumented fields, 1 K of message', () => {
    const r = parsed({ mesaj: huge(200_000), durum_gonderim: 'WAITING', created_at: '2024-01-01 10:00', kanal: 'x' });
    const kept = keepForBatch({ ...r, body: huge(900_000), httpStatus: 200, attempts: 1, durationMs: 5 });
    assert.ok(kept.ok);
    assert.equal(kept.raw, undefined);
    assert.equal(kept.body, undefined, 'nor the body as received (up to 1 MB)');
    assert.equal(kept.report.extra, undefined);
    assert.equal(kept.report.message?.length, CAPS.batchMessage);
    assert.equal(kept.report.status, 'WAITING');
    assert.equal(kept.report.createdAt, '2024-01-01 10:00');
    const failed: LookupResult = {
      ok: false,
      error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: 2, providerText: huge(2000), detail: 'x' },
      raw: { big: huge(10_000) },
      attempts: 1,
      durationMs: 1,
    };
    assert.deepEqual(keepForBatch(failed), {
      ok: false,
      error: { kind: 'rate-limited', httpStatus: 429, retryAfterSeconds: 2 },
      attempts: 1,
      durationMs: 1,
    });
  });

  it('never cuts inside a surrogate pair', () => {
    const r = boundReport({ status: 'SENT', message: `${'a'.repeat(CAPS.batchMessage - 1)}😀tail` }, CAPS.batchMessage);
    assert.equal(r.message, 'a'.repeat(CAPS.batchMessage - 1));
  });
});
