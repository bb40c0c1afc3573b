import { strict as assert } from 'node:assert';
import { extractLookup } from '../../../../src/core/match/selection';

describe('finding a send ID and a number in a selection', () => {
  const cases: Array<[string, string, { sendId?: string; number?: string }]> = [
    ["the API's JSON", '"sms_gonderim_id": 187, "numara": "5399999999"', { sendId: '187', number: '5399999999' }],
    [
      'a whole response',
      '{"durum":true,"aciklama":{"id":3024,"sms_gonderim_id":187,"numara":"5399999999","created_at":"2016-08-01 14:30:14"}}',
      { sendId: '187', number: '5399999999' },
    ],
    [
      'a PHP array',
      "array('gonderim_id' => 187, 'numara' => '0539 999 99 99')",
      { sendId: '187', number: '5399999999' },
    ],
    [
      'a log line',
      '2026-11-26 10:00:05 [info] sms sent sendId=187 to=+90 539 999 99 99 ok',
      { sendId: '187', number: '5399999999' },
    ],
    ['a URL', 'POST https://vairosms.com/Panel/api/v1/NumaraRaporu/187?api_key=x', { sendId: '187' }],
    ['an ID then a number', '187 5399999999', { sendId: '187', number: '5399999999' }],
    ['a number then an ID', '05399999999 187', { sendId: '187', number: '5399999999' }],
    ['only an ID', '187', { sendId: '187' }],
    ['only a number', '+90 (539) 999 99 99', { number: '5399999999' }],
    ['dates and times are not IDs', '2016-08-01 14:30:14', {}],
    ['nothing useful', 'hello world', {}],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(extractLookup(text), expected));
  }
});
