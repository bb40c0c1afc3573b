// The short texts VS Code draws in narrow places stay short, in English and in Turkish: the details are in tooltips.
import { strict as assert } from 'node:assert';
import { ownStatus } from '../../../src/core/ownText';
import { STATUS_CODES } from '../../../src/core/report/statusCodes';
import { isFinalStatus } from '../../../src/core/report/statuses';
import { failedLookupDescription, lookupDescription, watchBarText } from '../../../src/core/shortText';
import { useEnglish, useTurkish } from '../l10nSetup';

// The caps. VS Code draws a tree item's description after its label on the same row and cuts its end with "…". It
// opens the side bar 300 px wide; widened to about 450 px (a common width for a sidebar you read from), a row has
// about 320 px beside the icon and a 10-digit number: some 48 characters of 13 px text. A description within 48
// characters is read whole there, and at the default width its start (the send and the status) still shows.
const DESCRIPTION_CAP = 48;
// The status bar shares its row with VS Code's own items (branch, problems, cursor position, language,
// notifications), which take more than half of a 1280 px window; our item gets about a fifth of it.
const STATUS_BAR_CAP = 44;

// The longest inputs the texts take: every documented status code (the longest has 31 characters), a send ID of
// 5 digits (the provider's examples have 3 and 4), a phone number of 10 digits or its masked form, and the
// stand-ins for a status that is missing or unknown (a watch shows only the statuses that are not final). The account, when several exist, is the user's own name and
// comes last, where VS Code cuts.
const SEND_ID = '10001';
const STATUSES = [...STATUS_CODES, ''];

function shortTexts(): Array<[string, number]> {
  const texts: Array<[string, number]> = [];
  for (const code of STATUSES) texts.push([lookupDescription(SEND_ID, code), DESCRIPTION_CAP]);
  texts.push([failedLookupDescription(SEND_ID, true), DESCRIPTION_CAP]);
  texts.push([failedLookupDescription(SEND_ID, false), DESCRIPTION_CAP]);
  // a watch runs while the status is pending: a final one ends it (src/services/watcher.ts)
  const watched = [...STATUSES, 'NOT_A_CODE'].filter((c) => !isFinalStatus(c)).map(ownStatus);
  for (const status of watched)
    for (const number of ['5399999999', '539****999'])
      texts.push([watchBarText(1, { number, status }, 'en'), STATUS_BAR_CAP]); // after the $(eye) icon
  texts.push([watchBarText(1234, { number: '5399999999', status: 'WAITING' }, 'en'), STATUS_BAR_CAP]);
  return texts;
}

describe('short texts: tree descriptions and the status bar', () => {
  afterEach(useEnglish);

  for (const [language, use] of [
    ['English', useEnglish],
    ['Turkish', useTurkish],
  ] as const) {
    it(`stay within ${DESCRIPTION_CAP} characters (a description) and ${STATUS_BAR_CAP} (the status bar) in ${language}`, () => {
      use();
      const tooLong = shortTexts().filter(([text, cap]) => [...text].length > cap);
      assert.deepEqual(tooLong, [], 'texts over their cap');
    });
  }

  it('say the send, the status and the state; the time and the error are left to the tooltip', () => {
    assert.equal(lookupDescription('187', 'DELIVERED'), 'send 187 · DELIVERED');
    assert.equal(lookupDescription('187', ''), 'send 187 · —');
    assert.equal(lookupDescription('187', 'SENT', 'Customer B'), 'send 187 · SENT · Customer B');
    assert.equal(failedLookupDescription('187', false), 'send 187 · failed');
    assert.equal(failedLookupDescription('187', true), 'send 187 · last try failed');
    assert.equal(watchBarText(1, { number: '5399999999', status: 'WAITING' }, 'en'), 'Watching 5399999999: WAITING');
    assert.equal(watchBarText(2, { number: '5399999999', status: 'WAITING' }, 'en'), 'Watching 2 reports');
    useTurkish();
    assert.equal(lookupDescription('187', 'DELIVERED'), 'gönderim 187 · DELIVERED');
    assert.equal(watchBarText(1, { number: '5399999999', status: 'WAITING' }, 'tr'), '5399999999 izleniyor: WAITING');
    assert.equal(watchBarText(1234, { number: '5399999999', status: 'WAITING' }, 'tr'), '1.234 rapor izleniyor');
  });
});
