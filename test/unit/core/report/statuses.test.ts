import { strict as assert } from 'node:assert';
import {
  describeAllStatuses,
  describeStatus,
  isFinalStatus,
  isPendingStatus,
  STATUS_CODES,
  statusCodeOf,
} from '../../../../src/core/report/statuses';
import { useEnglish, useTurkish } from '../../l10nSetup';

describe('status catalog (durum_gonderim)', () => {
  afterEach(useEnglish);

  it('knows exactly the 11 documented codes', () => {
    assert.deepEqual(
      [...STATUS_CODES].sort(),
      [
        'BLACKLISTED_DESTINATION_ADDRESS',
        'DEFAULT',
        'DELIVERED',
        'EXPIRED',
        'INVALID_DESTINATION_ADDRESS',
        'NOT_DELIVERED',
        'REJECTED',
        'SEND_ERROR',
        'SENDING',
        'SENT',
        'WAITING',
      ].sort(),
    );
  });

  it('marks DEFAULT, SENDING and WAITING pending and every other code final', () => {
    for (const code of STATUS_CODES) {
      const pending = ['DEFAULT', 'SENDING', 'WAITING'].includes(code);
      assert.equal(isPendingStatus(code), pending, code);
      assert.equal(isFinalStatus(code), !pending, code);
      assert.equal(describeStatus(code).final, !pending, code);
    }
  });

  it("gives every code a distinct meaning, finality text, next step and the provider's Turkish text", () => {
    const all = describeAllStatuses();
    assert.equal(all.length, 11);
    for (const s of all) {
      assert.ok(s.known && s.meaning.length > 20 && s.nextStep.length > 15 && s.label.length > 2, s.code);
      assert.ok(s.providerText && /[a-zçğıöşü]/i.test(s.providerText), s.code);
    }
    assert.equal(new Set(all.map((s) => s.meaning)).size, 11);
    assert.equal(new Set(all.map((s) => s.nextStep)).size, 11);
  });

  it('groups delivered, unconfirmed and failed outcomes so a badge can show them apart', () => {
    assert.equal(describeStatus('DELIVERED').group, 'delivered');
    assert.equal(describeStatus('SENT').group, 'unconfirmed');
    assert.equal(describeStatus('REJECTED').group, 'failed');
    assert.equal(describeStatus('WAITING').group, 'pending');
    assert.match(describeStatus('SENT').finality, /unconfirmed/);
  });

  it('describes an unknown code without crashing and says it is unknown', () => {
    const s = describeStatus('DOUBLE_SEND_ERROR');
    assert.equal(s.known, false);
    assert.equal(s.final, undefined);
    assert.equal(s.group, 'unknown');
    assert.match(s.meaning, /DOUBLE_SEND_ERROR/);
    assert.equal(s.providerText, undefined);
  });

  it('accepts what a lenient API might send: lower case, spaces, numbers, null', () => {
    assert.equal(describeStatus(' delivered ').code, 'DELIVERED');
    assert.equal(describeStatus(' delivered ').known, true);
    assert.equal(statusCodeOf(3), '3');
    assert.equal(describeStatus(null).code, '');
    assert.equal(describeStatus(undefined).label, 'No status');
    assert.equal(describeStatus({ x: 1 }).known, false);
  });

  it('keeps its advice within what the provider says', () => {
    assert.doesNotMatch(describeStatus('WAITING').nextStep, /24 hours/, 'no source gives a usual validity');
    assert.match(describeStatus('WAITING').nextStep, /validity period/);
    assert.match(
      describeStatus('EXPIRED').meaning,
      /\(often: phone off or out of coverage\)/,
      'the provider gives no cause',
    );
    assert.match(describeStatus('NOT_DELIVERED').meaning, /usually/);
    const blacklisted = describeStatus('BLACKLISTED_DESTINATION_ADDRESS').nextStep;
    assert.match(blacklisted, /opted out .*do not remove/);
    assert.match(blacklisted, /added by mistake, remove it/);
    assert.match(describeStatus('SEND_ERROR').nextStep, /^Resend the SMS/);
    assert.match(describeStatus('NOT_DELIVERED').nextStep, /resend the SMS/);
    useTurkish();
    assert.match(describeStatus('REJECTED').nextStep, /İYS iznini/);
    assert.match(describeStatus('EXPIRED').meaning, /alıcısına teslim edilemedi \(çoğu zaman: /);
    assert.match(describeStatus('BLACKLISTED_DESTINATION_ADDRESS').nextStep, /kara listeden çıkarmayın/);
    assert.match(describeStatus('SEND_ERROR').nextStep, /^SMS'i /);
    assert.equal(describeStatus('SENT').label, 'Gönderildi, teyit edilemiyor');
  });

  it('speaks Turkish with the Turkish bundle', () => {
    useTurkish();
    const s = describeStatus('DELIVERED');
    assert.equal(s.label, 'İletildi');
    assert.equal(s.finality, 'Kesin');
    assert.match(s.meaning, /teyit etti/);
    assert.match(describeStatus('XYZ').meaning, /XYZ/);
    assert.match(describeStatus('XYZ').meaning, /belgelenen listede olmayan/);
  });
});
