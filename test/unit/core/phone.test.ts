import { strict as assert } from 'node:assert';
import { maskPhone, normalizePhone } from '../../../src/core/phone';

function ok(input: string) {
  const r = normalizePhone(input);
  assert.ok(r.ok, `${input} should be accepted: ${r.ok ? '' : r.message}`);
  return r;
}

describe('phone numbers', () => {
  it("normalizes the obvious Turkish forms to the API sample's 10 digits", () => {
    for (const input of [
      '5399999999',
      '05399999999',
      '0539 999 99 99',
      '0 (539) 999-99-99',
      '+90 539 999 99 99',
      '+905399999999',
      '905399999999',
      '0090 539 999 9999',
      '+90 (539) 999 99 99',
      '539.999.99.99',
      ' 539 999 99 99 ',
    ]) {
      const r = ok(input);
      assert.equal(r.number, '5399999999', input);
      assert.equal(r.kind, 'turkish-mobile', input);
    }
  });

  it('says whether the number changed, so the prompt can show what will be sent', () => {
    assert.equal(ok('5399999999').changed, false);
    assert.equal(ok('0539 999 99 99').changed, true);
  });

  it('keeps Turkish landlines in national form and accepts other numbers of 7 to 15 digits as given', () => {
    assert.deepEqual([ok('0212 555 12 34').number, ok('0212 555 12 34').kind], ['2125551234', 'turkish']);
    const uk = ok('+44 7911 123456');
    assert.equal(uk.number, '447911123456');
    assert.equal(uk.kind, 'other');
    assert.equal(ok('1234567').number, '1234567');
    assert.equal(ok('123456789012345').number, '123456789012345');
  });

  it('refuses anything else with a message that says what is accepted', () => {
    for (const [input, reason] of [
      ['', 'empty'],
      ['   ', 'empty'],
      ['"; DROP', 'characters'],
      ['539abc9999', 'characters'],
      ['++905399999999', 'characters'],
      ['123456', 'length'],
      ['1'.repeat(16), 'length'],
      ['1'.repeat(500), 'length'],
      ['5399999999\n1', 'characters'],
      ['539 999 99 99; rm', 'characters'],
    ] as const) {
      const r = normalizePhone(input);
      assert.equal(r.ok, false, input);
      if (!r.ok) {
        assert.equal(r.reason, reason, input);
        assert.match(r.message, /Accepted: a Turkish number such as 0539 999 99 99/);
      }
    }
  });

  it('masks a number for screen sharing as 539****999', () => {
    assert.equal(maskPhone('5399999999'), '539****999');
    assert.equal(maskPhone('447911123456'), '447******456');
    assert.equal(maskPhone('1234567'), '12**567');
  });
});
