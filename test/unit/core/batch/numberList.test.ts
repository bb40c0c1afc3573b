// Reading a list of numbers (src/core/batch/numberList.ts) as people paste or export it: one per line, CSV with or without a
// header (comma, semicolon, tab; quotes, BOM, CRLF), a list on one line; invalid lines, duplicates and the cap.
import { strict as assert } from 'node:assert';
import { MAX_BATCH_NUMBERS, parseNumberList } from '../../../../src/core/batch/numberList';
import { useEnglish, useTurkish } from '../../l10nSetup';

function numbersOf(text: string): string[] {
  return parseNumberList(text).numbers.map((n) => n.number);
}

describe('number lists (parseNumberList)', () => {
  afterEach(useEnglish);

  it('one number per line, in any of the accepted forms', () => {
    const r = parseNumberList('05399999999\n+90 539 111 22 33\n5321234567\n0 (532) 765-43-21');
    assert.equal(r.format, 'lines');
    assert.deepEqual(r.numbers, [
      { line: 1, input: '05399999999', number: '5399999999' },
      { line: 2, input: '+90 539 111 22 33', number: '5391112233' },
      { line: 3, input: '5321234567', number: '5321234567' },
      { line: 4, input: '0 (532) 765-43-21', number: '5327654321' },
    ]);
    assert.deepEqual([r.invalid, r.duplicates, r.leftOut], [[], [], 0]);
  });

  it('CSV with a header: the numara column is found even when it is not the first', () => {
    const r = parseNumberList('isim,numara,şehir\nAli,0539 999 99 99,İstanbul\nVeli,05321112233,Ankara\n');
    assert.equal(r.format, 'csv');
    assert.equal(r.delimiter, ',');
    assert.equal(r.headerLine, 1);
    assert.deepEqual(r.column, { index: 1, name: 'numara' });
    assert.deepEqual(
      r.numbers.map((n) => [n.line, n.number]),
      [
        [2, '5399999999'],
        [3, '5321112233'],
      ],
    );
    assert.deepEqual(r.invalid, []);
    // Other header names, in other cases.
    assert.deepEqual(numbersOf('Ad;TELEFON\nAyşe;05301234567'), ['5301234567']);
    assert.deepEqual(numbersOf('id,name,MSISDN\n48213001,Ali,905301234567\n48213002,Veli,905301234568'), [
      '5301234567',
      '5301234568',
    ]);
  });

  it('semicolon CSV with quotes, a BOM, CRLF and a line break inside a quoted field', () => {
    const text =
      '\uFEFFphone;isim\r\n' +
      '"0539 999 99 99";"Yılmaz; Ayşe"\r\n' +
      '"+90 (532) 111-22-33";"Kaya, ""Mehmet"""\r\n' +
      '"05301234567";"çok\r\nsatırlı not"\r\n' +
      '5301234568;Öz\r\n';
    const r = parseNumberList(text);
    assert.equal(r.format, 'csv');
    assert.equal(r.delimiter, ';');
    assert.deepEqual(r.column, { index: 0, name: 'phone' });
    assert.deepEqual(
      r.numbers.map((n) => [n.line, n.number]),
      [
        [2, '5399999999'],
        [3, '5321112233'],
        [4, '5301234567'],
        [6, '5301234568'],
      ],
    );
    assert.deepEqual(r.invalid, []);
    assert.equal(r.blankLines, 0, 'the final CRLF is not a blank line');
  });

  it('CSV without a header: the column whose values look like numbers', () => {
    const r = parseNumberList('Ali,05399999999,x\nVeli,05321112233,y\nAyşe,abc,z');
    assert.equal(r.headerLine, undefined);
    assert.deepEqual(r.column, { index: 1 });
    assert.deepEqual(
      r.numbers.map((n) => n.number),
      ['5399999999', '5321112233'],
    );
    assert.deepEqual(
      r.invalid.map((e) => [e.line, e.input]),
      [[3, 'abc']],
    );
    // An order number column (digits, but not a Turkish number) loses to the phone column.
    assert.deepEqual(numbersOf('48213001;05399999999\n48213002;05321112233'), ['5399999999', '5321112233']);
    // A header with a name we do not know is skipped, and the column found by its values.
    const h = parseNumberList('Ad Soyad,İletişim\nAli,05399999999\nVeli,05321112233');
    assert.equal(h.headerLine, 1);
    assert.deepEqual(h.column, { index: 1, name: 'İletişim' });
    assert.equal(h.numbers.length, 2);
    // A row with no number in the column is listed, not dropped.
    const gap = parseNumberList('numara,isim\n05399999999,Ali\n,Veli');
    assert.deepEqual(
      gap.invalid.map((e) => e.line),
      [3],
    );
    assert.match(gap.invalid[0].message, /no number in the column "numara"/);
  });

  it('a pasted list on one line, separated by commas or semicolons (numbers may contain spaces)', () => {
    const r = parseNumberList('0539 999 99 99, 05321112233; +905301234567,');
    assert.equal(r.format, 'list');
    assert.deepEqual(
      r.numbers.map((n) => [n.line, n.number]),
      [
        [1, '5399999999'],
        [1, '5321112233'],
        [1, '5301234567'],
      ],
    );
    // Numbers separated by spaces only, on one line.
    assert.deepEqual(numbersOf('05399999999 05321112233  5301234567'), ['5399999999', '5321112233', '5301234567']);
    // A list spread over several lines.
    assert.deepEqual(numbersOf('05399999999, 05321112233,\n5301234567, 5301234568'), [
      '5399999999',
      '5321112233',
      '5301234567',
      '5301234568',
    ]);
  });

  it('lists every invalid line with its line number and the reason', () => {
    const r = parseNumberList('05399999999\nabc\n\n123\n5321112233\n0539-999-99-9x\n' + '9'.repeat(300));
    assert.deepEqual(
      r.numbers.map((n) => n.line),
      [1, 5],
    );
    assert.deepEqual(
      r.invalid.map((e) => [e.line, e.input]),
      [
        [2, 'abc'],
        [4, '123'],
        [6, '0539-999-99-9x'],
        [7, '9'.repeat(79) + '…'],
      ],
    );
    assert.match(r.invalid[0].message, /may contain only digits/);
    assert.match(r.invalid[1].message, /A phone number cannot have 3 digits/);
    for (const e of r.invalid) assert.match(e.message, /Accepted:/);
  });

  it('reports duplicates after normalization and keeps the first', () => {
    const r = parseNumberList('05399999999\n+90 539 999 99 99\n5321112233\n5399999999\n0532 111 22 33');
    assert.deepEqual(
      r.numbers.map((n) => [n.line, n.number]),
      [
        [1, '5399999999'],
        [3, '5321112233'],
      ],
    );
    assert.deepEqual(r.duplicates, [
      { line: 2, number: '5399999999', firstLine: 1 },
      { line: 4, number: '5399999999', firstLine: 1 },
      { line: 5, number: '5321112233', firstLine: 3 },
    ]);
  });

  it('skips blank lines and # comments silently, counting them', () => {
    const r = parseNumberList('# gönderim 500\n\n05399999999\n   \n  # ikinci grup\n5321112233\n');
    assert.deepEqual(
      r.numbers.map((n) => n.line),
      [3, 6],
    );
    assert.equal(r.blankLines, 2);
    assert.equal(r.commentLines, 2);
    assert.deepEqual(r.invalid, []);
    const empty = parseNumberList('');
    assert.deepEqual([empty.numbers, empty.invalid, empty.blankLines, empty.commentLines], [[], [], 0, 0]);
  });

  it(`caps a list at ${MAX_BATCH_NUMBERS} numbers and reports the rest as one entry`, () => {
    const lines: string[] = [];
    for (let i = 0; i < MAX_BATCH_NUMBERS + 10; i++) lines.push(String(5320000000 + i));
    lines.splice(10, 0, '5320000000'); // a duplicate does not count against the cap
    const r = parseNumberList(lines.join('\n'));
    assert.equal(r.numbers.length, MAX_BATCH_NUMBERS);
    assert.equal(r.leftOut, 10);
    assert.equal(r.duplicates.length, 1);
    assert.equal(r.invalid.length, 1);
    assert.equal(r.invalid[0].line, MAX_BATCH_NUMBERS + 2);
    assert.match(r.invalid[0].message, /At most 10,000 numbers.*10 more numbers from line 10002/);
    useTurkish();
    assert.match(parseNumberList(lines.join('\n'), 'tr').invalid[0].message, /En fazla 10\.000 numara/);
    useEnglish();
    const one = parseNumberList(lines.slice(0, MAX_BATCH_NUMBERS + 2).join('\n'));
    assert.match(one.invalid[0].message, /; 1 more number from line 10002 on was left out\.$/);
  });
});
