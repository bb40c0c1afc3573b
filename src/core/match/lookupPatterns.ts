// The patterns that find a send ID and a phone number in a developer's text (a log line, JSON, a PHP array, a URL).
// No imports: the activation shell's terminal link matcher (src/core/match/terminalMatch.ts) uses them too, and the
// checks that turn a match into a send ID and a number (src/core/match/selection.ts) load only with the features.
const Q = `["'\`]?`;
const SEP = `${Q}\\s*(?:=>|:|=)\\s*${Q}`;
export const SEND_ID_KEYED = new RegExp(
  `${Q}\\b(?:sms_gonderim_id|gonderim_id|gonderimId|send_?id|sendId|rapor_id)${SEP}(\\d{1,18})\\b`,
  'i',
);
export const SEND_ID_URL = /NumaraRaporu\/(\d{1,18})\b/i;
export const NUMBER_KEYED = new RegExp(
  `${Q}\\b(?:numara|number|phone|phone_?number|msisdn|gsm|dest|to|recipient|alici)${SEP}(\\+?[\\d][\\d\\s().-]{5,22}\\d)`,
  'i',
);
/** Turkish mobile numbers in the forms people write them, not glued to other digits. */
export const TR_MOBILE = /(?<![\d+])(?:\+90|0090|90|0)?[\s.-]?\(?5\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}(?!\d)/g;
/** A bare run of digits that is not part of a date, a time, a decimal or a longer token. */
export const BARE_ID = /(?<![\d.:/\-+])\b\d{1,18}\b(?![\d.:/-])/g;
