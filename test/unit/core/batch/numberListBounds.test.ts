// A number list of any size (#24 item 4): what the parser keeps is capped (the numbers, the invalid lines and the
// duplicates listed; past the cap a number is only counted), and the batch command's sliced parse gives the host a
// turn every few hundred lines and reads exactly what the parse in one go reads. The file's size check before it is
// read is test/integration/batch.test.ts.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  MAX_BATCH_NUMBERS,
  MAX_DUPLICATES_LISTED,
  parseNumberList,
  parseNumberListSliced,
} from '../../../../src/core/batch/numberList';
import { STEP } from '../../../../src/core/batch/steps';

const unique = (count: number, from = 5320000000) => Array.from({ length: count }, (_, i) => String(from + i));

describe('number lists of any size', () => {
  it(`keeps at most ${MAX_BATCH_NUMBERS} numbers and ${MAX_DUPLICATES_LISTED} duplicates, and only counts the rest`, () => {
    const first = unique(MAX_BATCH_NUMBERS);
    const repeated = Array.from({ length: 3000 }, () => first[0]);
    const beyond = unique(5, 5390000000);
    const r = parseNumberList([...first, ...repeated, ...beyond, ...beyond].join('\n'));
    assert.equal(r.numbers.length, MAX_BATCH_NUMBERS);
    assert.equal(r.duplicates.length, MAX_DUPLICATES_LISTED, 'the duplicates listed are capped');
    assert.equal(r.duplicateCount, 3000, 'and all of them counted');
    // Past the cap a number is not remembered: its second appearance is counted again, not as a duplicate.
    assert.equal(r.leftOut, 10);
    assert.match(r.invalid[r.invalid.length - 1].message, /10 more numbers from line 13001/);
  });

  it('parsed in slices: a pause every few hundred lines, the same result as in one go', async () => {
    const lines = ['isim;numara;not', ...unique(20_000).map((n, i) => `Kişi ${i};0${n};${i % 7 === 0 ? 'x' : ''}`)];
    const text = lines.join('\r\n');
    let time = 0;
    let pauses = 0;
    const sliced = await parseNumberListSliced(
      text,
      async () => {
        pauses++;
      },
      () => time++,
      1,
    );
    assert.deepEqual(sliced, parseNumberList(text));
    // Every STEP lines in each of the passes (the delimiter, the rows, the numbers): never a whole file at once.
    assert.ok(pauses >= Math.floor((3 * lines.length) / STEP) - 3, `${pauses} pauses`);
  });

  it('the sliced parse reads every list as the parse in one go (200 lists)', async () => {
    const line = fc.oneof(
      fc.integer({ min: 5300000000, max: 5399999999 }).map(String),
      fc
        .tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 5300000000, max: 5309999999 }))
        .map(([a, n]) => `${a},${n}`),
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', '# c', 'numara;isim', '"a\nb",5321112233', ',,,'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 600 }), fc.constantFrom('\n', '\r\n'), async (ls, eol) => {
        const text = ls.join(eol);
        let t = 0;
        const sliced = await parseNumberListSliced(
          text,
          () => Promise.resolve(),
          () => (t += 3),
          5,
        );
        assert.deepEqual(sliced, parseNumberList(text));
      }),
      { numRuns: 200 },
    );
  });
});
