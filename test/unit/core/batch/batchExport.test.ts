// The results of a batch as a table and as files (src/core/batch/batchExport.ts): counts with labels, stable sorting, and
// the CSV and JSON exports read back by an RFC 4180 reader.
import { strict as assert } from 'node:assert';
import { parse } from 'csv-parse/sync';
import {
  csvCell,
  csvDelimiterFor,
  sortItems,
  summarizeCounts,
  toCsv,
  toJson,
  MESSAGE_LEFT_OUT,
} from '../../../../src/core/batch/batchExport';
import { batchModel } from '../../../../src/core/batch/batchModel';
import { countItems, type BatchItem, type BatchResult } from '../../../../src/core/batch/batchRun';
import { type Report } from '../../../../src/core/report/report';
import { useEnglish, useTurkish } from '../../l10nSetup';

const WITH_TEXT = { includeMessage: true };

/** An RFC 4180 reader, to check that the export reads back to the same cells. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 2;
      continue;
    }
    assert.ok(ch !== '\n' && ch !== '\r', `bare line break outside quotes at ${i}`);
    cell += ch;
    i++;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

describe('batch results: counts, sorting, export', () => {
  afterEach(useEnglish);

  let seq = 0;
  const okItem = (number: string, status: string, fields: Partial<Report> = {}): BatchItem => ({
    number,
    index: seq++,
    status: 'ok',
    lookups: 1,
    startedAt: 0,
    finishedAt: 1,
    result: { ok: true, report: { status, number, ...fields }, raw: {}, httpStatus: 200, attempts: 1, durationMs: 1 },
  });
  const errItem = (
    number: string,
    kind: 'not-found' | 'rate-limited' | 'server',
    providerText?: string,
  ): BatchItem => ({
    number,
    index: seq++,
    status: 'error',
    lookups: 1,
    startedAt: 0,
    finishedAt: 1,
    result: {
      ok: false,
      error: { kind, httpStatus: 404, ...(providerText ? { providerText } : {}) },
      attempts: 1,
      durationMs: 1,
    },
  });
  const cancelledItem = (number: string): BatchItem => ({ number, index: seq++, status: 'cancelled', lookups: 0 });
  const resultOf = (items: BatchItem[]): BatchResult => ({
    items,
    cancelled: false,
    counts: countItems(items),
    durationMs: 5,
    maxConcurrency: 1,
  });
  beforeEach(() => {
    seq = 0;
  });

  it('countItems: one count per status code, error kind, "cancelled", and "(no status)"', () => {
    assert.deepEqual(
      countItems([
        okItem('1', 'DELIVERED'),
        okItem('2', ''),
        errItem('3', 'not-found'),
        okItem('4', 'DELIVERED'),
        cancelledItem('5'),
      ]),
      { DELIVERED: 2, '(no status)': 1, 'not-found': 1, cancelled: 1 },
    );
  });

  it('summarizeCounts: largest first, with labels', () => {
    const r = resultOf([
      okItem('1', 'DELIVERED'),
      errItem('2', 'not-found'),
      okItem('3', 'DELIVERED'),
      okItem('4', 'WAITING'),
      cancelledItem('5'),
      okItem('6', 'WAITING'),
      okItem('7', 'DELIVERED'),
    ]);
    assert.deepEqual(
      summarizeCounts(r).map((e) => [e.key, e.kind, e.label, e.count]),
      [
        ['DELIVERED', 'status', 'Delivered', 3],
        ['WAITING', 'status', 'Waiting for report', 2],
        ['cancelled', 'cancelled', 'Cancelled', 1],
        ['not-found', 'error', 'Report not found', 1],
      ],
    );
  });

  it("the table's rows carry their input line and sort by it; failures are counted as errors, not as codes", () => {
    const items = [okItem('5320000003', 'WAITING'), errItem('5309999999', 'not-found'), okItem('5320000001', 'SENT')];
    const model = batchModel({
      id: 'b',
      sendId: '500',
      seq: 1,
      lang: 'en',
      state: 'done',
      result: resultOf(items),
      total: 3,
      invalid: [],
      lines: [2, 5, 9],
      sort: { key: 'line', dir: 'desc' },
    });
    assert.deepEqual(
      model.rows.map((r) => [r.line, r.number]),
      [
        [9, '5320000001'],
        [5, '5309999999'],
        [2, '5320000003'],
      ],
    );
    assert.deepEqual(
      model.counts.map((c) => [c.key, c.group]),
      [
        ['not-found', 'error'],
        ['SENT', 'unconfirmed'],
        ['WAITING', 'pending'],
      ].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    assert.equal(model.strings.failuresHeading, 'Failed lookups');
  });

  it('sortItems is stable in both directions and puts missing values last', () => {
    const items = [
      okItem('5320000003', 'WAITING', { updatedAt: '2024-04-01 09:00:03' }),
      okItem('5320000001', 'DELIVERED', { updatedAt: '2024-04-01 09:00:05' }),
      errItem('5320000002', 'not-found'),
      okItem('5320000004', 'DELIVERED', { updatedAt: '2024-04-01 09:00:01' }),
      cancelledItem('5320000000'),
      okItem('447911123456', 'DELIVERED'),
    ];
    const nums = (xs: BatchItem[]) => xs.map((i) => i.number);
    assert.deepEqual(nums(sortItems(items, 'number', 'asc')), [
      '5320000000',
      '5320000001',
      '5320000002',
      '5320000003',
      '5320000004',
      '447911123456',
    ]);
    assert.deepEqual(nums(sortItems(items, 'number', 'desc')), [
      '447911123456',
      '5320000004',
      '5320000003',
      '5320000002',
      '5320000001',
      '5320000000',
    ]);
    // Equal statuses keep input order whichever the direction.
    assert.deepEqual(nums(sortItems(items, 'status', 'asc')), [
      '5320000001',
      '5320000004',
      '447911123456',
      '5320000003',
      '5320000002',
      '5320000000',
    ]);
    assert.deepEqual(nums(sortItems(items, 'status', 'desc')), [
      '5320000000',
      '5320000002',
      '5320000003',
      '5320000001',
      '5320000004',
      '447911123456',
    ]);
    assert.deepEqual(nums(sortItems(items, 'time', 'asc')), [
      '5320000004',
      '5320000003',
      '5320000001',
      '5320000002',
      '5320000000',
      '447911123456',
    ]);
    assert.deepEqual(nums(sortItems(items, 'time', 'desc')), [
      '5320000001',
      '5320000003',
      '5320000004',
      '5320000002',
      '5320000000',
      '447911123456',
    ]);
    assert.deepEqual(nums(sortItems(items, 'error', 'asc')), [
      '5320000000',
      '5320000002',
      '5320000003',
      '5320000001',
      '5320000004',
      '447911123456',
    ]);
    assert.deepEqual(
      nums(items),
      ['5320000003', '5320000001', '5320000002', '5320000004', '5320000000', '447911123456'],
      'the input is not changed',
    );
  });

  it('CSV: RFC 4180 quoting (comma, quote, line break), Turkish letters, CRLF', () => {
    const message = 'Merhaba, "Ayşe"\nİkinci satır: ğüşıöç ĞÜŞİÖÇ';
    const r = resultOf([
      okItem('5399999999', 'DELIVERED', {
        message,
        createdAt: '2016-08-01 14:30:14',
        updatedAt: '2016-08-01 14:30:24',
      }),
      errItem('5000000000', 'not-found', 'Numara bu gönderimde bulunamadı.'),
      cancelledItem('5321112233'),
    ]);
    const csv = toCsv(r, '187', WITH_TEXT);
    assert.ok(csv.startsWith('sendId,number,status,statusLabel,final,error,createdAt,updatedAt,message\r\n'));
    assert.ok(csv.includes('"Merhaba, ""Ayşe""\nİkinci satır: ğüşıöç ĞÜŞİÖÇ"'), csv);
    assert.deepEqual(readCsv(csv), [
      ['sendId', 'number', 'status', 'statusLabel', 'final', 'error', 'createdAt', 'updatedAt', 'message'],
      [
        '187',
        '5399999999',
        'DELIVERED',
        'Delivered',
        'true',
        '',
        '2016-08-01 14:30:14',
        '2016-08-01 14:30:24',
        message,
      ],
      ['187', '5000000000', '', '', '', 'Report not found', '', '', ''],
      ['187', '5321112233', '', '', '', 'Cancelled', '', '', ''],
    ]);
    assert.ok(toCsv(r, '187', { ...WITH_TEXT, bom: true }).startsWith('\uFEFFsendId,'));
    useTurkish();
    assert.match(toCsv(r, '187', WITH_TEXT), /,İletildi,true,/);
  });

  it('CSV: cells a spreadsheet would run as a formula start with a quote', () => {
    const payloads = [
      '=HYPERLINK("https://evil.invalid","x")',
      '+90 SUM(A1)',
      '-2+3',
      '@SUM(A1:A2)',
      '\tTAB',
      '\rCR',
      '=1,2',
    ];
    const r = resultOf(payloads.map((m, i) => okItem(String(5320000000 + i), 'DELIVERED', { message: m })));
    const rows = readCsv(toCsv(r, '187', WITH_TEXT)).slice(1);
    assert.deepEqual(
      rows.map((row) => row[8]),
      payloads.map((p) => `'${p}`),
    );
    assert.equal(csvCell('=1+2'), "'=1+2");
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('\rx'), '"\'\rx"');
    assert.equal(csvCell('Ödeme 5-3'), 'Ödeme 5-3', 'a minus inside is harmless');
    assert.equal(csvCell(''), '');
  });

  it('CSV with a comma or a semicolon (Excel in Turkish): csv-parse reads every row back whole, no cell is a formula (row 25)', () => {
    const messages = [
      'Merhaba;=1+2',
      'a,b;c',
      'sekme\tiçinde',
      '=HYPERLINK("https://evil.invalid","x")',
      '-2+3',
      '@SUM(A1)',
      'tırnak " içinde',
      'çok\nsatırlı; metin',
      '+90;=cmd',
    ];
    const r = resultOf(messages.map((m, i) => okItem(String(5320000000 + i), 'DELIVERED', { message: m })));
    const trigger = /^[=+\-@\t\r]/;
    for (const delimiter of [',', ';'] as const) {
      const csv = toCsv(r, '187', { ...WITH_TEXT, bom: true, delimiter });
      // Read with the delimiter it was written with: every row has every column, and the messages come back (those
      // a spreadsheet would run as a formula with a leading ').
      const rows = parse(csv, { delimiter, bom: true }) as string[][];
      assert.equal(rows.length, 1 + messages.length);
      assert.ok(
        rows.every((row) => row.length === 9),
        `${delimiter}: a row split into the wrong number of cells`,
      );
      assert.deepEqual(
        rows.slice(1).map((row) => row[8]),
        messages.map((m) => (trigger.test(m) ? `'${m}` : m)),
      );
    }
    // The example: in a Turkish export, Merhaba;=1+2 is one quoted cell, not a text cell and a formula.
    assert.match(toCsv(r, '187', { ...WITH_TEXT, delimiter: ';' }), /;"Merhaba;=1\+2"\r\n/);
    assert.equal(csvDelimiterFor('tr'), ';');
    assert.equal(csvDelimiterFor('tr-TR'), ';');
    assert.equal(csvDelimiterFor('en'), ',');
    assert.equal(csvDelimiterFor('en-US'), ',');
  });

  it('JSON: an array of rows, no api_key even when the text carried one', () => {
    const r = resultOf([
      okItem('5399999999', 'DELIVERED', { message: 'see https://x.invalid/?api_key=abcd1234 ğ' }),
      errItem('5000000000', 'server'),
    ]);
    const text = toJson(r, '187', WITH_TEXT);
    assert.ok(!text.includes('abcd1234'));
    const rows = JSON.parse(text) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 2);
    assert.equal(rows[0].final, true);
    assert.equal(rows[1].final, null);
    assert.match(String(rows[0].message), /\[REDACTED\] ğ$/);
    for (const row of rows) assert.ok(!('api_key' in row) && !('url' in row) && !('raw' in row));
  });

  it('with vairosms.history.keepMessageText off, no SMS text: the message column absent, a column saying why', () => {
    const r = resultOf([
      okItem('5399999999', 'DELIVERED', { message: 'Kodunuz: 482913' }),
      cancelledItem('5321112233'),
    ]);
    const off = { includeMessage: false };
    const csv = toCsv(r, '187', { ...off, delimiter: ';' });
    const json = toJson(r, '187', off);
    for (const text of [csv, json]) assert.ok(!text.includes('482913'), text);
    assert.ok(csv.startsWith('sendId;number;status;statusLabel;final;error;createdAt;updatedAt;messageLeftOut\r\n'));
    const rows = (parse(csv, { delimiter: ';' }) as string[][]).slice(1);
    assert.ok(rows.every((row) => row.length === 9 && row[8] === MESSAGE_LEFT_OUT));
    for (const row of JSON.parse(json) as Array<Record<string, unknown>>) {
      assert.ok(!('message' in row));
      assert.equal(row.messageLeftOut, 'vairosms.history.keepMessageText is off');
    }
  });
});
