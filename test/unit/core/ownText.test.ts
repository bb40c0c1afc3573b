// Text of our own (src/core/ownText.ts), the only text a notification takes: a send ID, a number and a status code go
// in only in their checked forms; anything else, link payloads above all, is replaced, never quoted.
import { strict as assert } from 'node:assert';
import { own, ownFileName, ownNumber, ownSendId, ownStatus } from '../../../src/core/ownText';
import { shownNumber } from '../../../src/core/lookupKey';
import { LINK_PAYLOADS } from '../../sandbox/data';
import { useEnglish } from '../l10nSetup';

describe('text of our own (ownText)', () => {
  before(useEnglish);
  const masked = (n: string) => shownNumber(n, true);

  it('a send ID, a number and a known status code pass in their checked forms', () => {
    assert.equal(ownSendId('187'), '187');
    assert.equal(
      ownNumber('5399999999', (n) => n),
      '5399999999',
    );
    assert.equal(ownNumber('5399999999', masked), '539****999');
    assert.equal(ownStatus('DELIVERED'), 'DELIVERED');
    assert.equal(ownFileName('vairosms-send-187.csv'), 'vairosms-send-187.csv');
    assert.equal(ownFileName('gönderim 187.csv'), 'gönderim 187.csv');
  });

  it('link payloads and anything else from outside are replaced, never quoted', () => {
    for (const p of [...LINK_PAYLOADS, '187 [x](command:a)', '', '5399999999\n[x](command:a)']) {
      assert.equal(ownSendId(p), '—', p);
      assert.equal(
        ownNumber(p, (n) => n),
        '—',
        p,
      );
      assert.equal(ownStatus(p), p === '' ? 'no status' : 'an unknown status', p);
      assert.equal(ownStatus(p.toUpperCase()), p === '' ? 'no status' : 'an unknown status', p);
      if (p !== '') assert.equal(ownFileName(`${p}.csv`), undefined, p);
    }
    // A `shown` that returned something else (not digits or asterisks) is not trusted either.
    assert.equal(
      ownNumber('5399999999', () => '[x](command:a)'),
      '—',
    );
  });

  it('own() localizes our message with the parts in place', () => {
    assert.equal(
      own(
        '{0} in send #{1} is now final: {2} ({3}).',
        ownNumber('5399999999', masked),
        ownSendId('187'),
        ownStatus('DELIVERED'),
        own('Delivered'),
      ),
      '539****999 in send #187 is now final: DELIVERED (Delivered).',
    );
  });
});
