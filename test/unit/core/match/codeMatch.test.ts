import { strict as assert } from 'node:assert';
import { statusCodeAt } from '../../../../src/core/match/codeMatch';
import { STATUS_CODES } from '../../../../src/core/report/statuses';

const at = (line: string, needle: string, offset = 1) => statusCodeAt(line, line.indexOf(needle) + offset);

describe('status codes under the cursor (editor hover)', () => {
  it('finds each of the 11 codes as a string literal, a bare word and a JSON value', () => {
    for (const code of STATUS_CODES) {
      for (const line of [
        `case "${code}":`,
        `status=${code} at 10:00`,
        `"durum_gonderim": "${code}",`,
        `'${code}' => 1`,
        code,
      ]) {
        const m = at(line, code, Math.floor(code.length / 2));
        assert.deepEqual(
          m && [m.code, m.start, m.end],
          [code, line.indexOf(code), line.indexOf(code) + code.length],
          line,
        );
      }
    }
  });

  it('matches whole words only', () => {
    for (const [line, needle] of [
      ['UNDELIVERED_X', 'DELIVERED'],
      ['SENDING_QUEUE', 'SENDING'],
      ['NOT_DELIVERED2', 'DELIVERED'],
      ['xSENT', 'SENT'],
      ['$REJECTEDx', 'REJECTED'],
      ['DELIVERED_AT', 'DELIVERED'],
      ['delivered', 'delivered'],
    ] as const) {
      assert.equal(at(line, needle), undefined, line);
    }
    assert.equal(at('NOT_DELIVERED', 'DELIVERED')?.code, 'NOT_DELIVERED', 'the longer code is the word');
  });

  it('answers at both edges of the word and not beside it', () => {
    const line = 'x = "EXPIRED";';
    assert.equal(statusCodeAt(line, line.indexOf('EXPIRED'))?.code, 'EXPIRED');
    assert.equal(statusCodeAt(line, line.indexOf('EXPIRED') + 7)?.code, 'EXPIRED');
    assert.equal(statusCodeAt(line, 0), undefined);
    assert.equal(statusCodeAt(line, line.length + 5), undefined);
  });

  it('reads only a small window of a huge line', () => {
    const huge = 'A'.repeat(1_000_000) + ' REJECTED ' + 'B'.repeat(1_000_000);
    const i = huge.indexOf('REJECTED') + 2;
    assert.equal(statusCodeAt(huge, i)?.code, 'REJECTED');
    assert.equal(statusCodeAt(huge, 500_000), undefined);
    // A word longer than any code is not a code, however long it is: the scan stops at the longest code's length.
    assert.equal(statusCodeAt('DELIVERED'.repeat(1000), 4500), undefined);
  });
});
