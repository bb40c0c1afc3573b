// Finding a send ID and a phone number in whatever a developer selects: a log line, a JSON or PHP array, a URL,
// or just "187 5399999999" in either order. Named fields win over bare numbers; dates and times are not IDs.
import { checkSendId } from './lookupKey';
import { normalizePhone } from './phone';

export interface Extracted {
  sendId?: string;
  number?: string;
}

const Q = `["'\`]?`;
const SEP = `${Q}\\s*(?:=>|:|=)\\s*${Q}`;
const SEND_ID_KEYED = new RegExp(
  `${Q}\\b(?:sms_gonderim_id|gonderim_id|gonderimId|send_?id|sendId|rapor_id)${SEP}(\\d{1,18})\\b`,
  'i',
);
const SEND_ID_URL = /NumaraRaporu\/(\d{1,18})\b/i;
const NUMBER_KEYED = new RegExp(
  `${Q}\\b(?:numara|number|phone|phone_?number|msisdn|gsm|dest|to|recipient|alici)${SEP}(\\+?[\\d][\\d\\s().-]{5,22}\\d)`,
  'i',
);
/** Turkish mobile numbers in the forms people write them, not glued to other digits. */
const TR_MOBILE = /(?<![\d+])(?:\+90|0090|90|0)?[\s.-]?\(?5\d{2}\)?[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}(?!\d)/g;
/** A bare run of digits that is not part of a date, a time, a decimal or a longer token. */
const BARE_ID = /(?<![\d.:/\-+])\b\d{1,18}\b(?![\d.:/-])/g;

export function extractLookup(text: string): Extracted {
  const out: Extracted = {};
  const idKeyed = SEND_ID_KEYED.exec(text) ?? SEND_ID_URL.exec(text);
  if (idKeyed) {
    const c = checkSendId(idKeyed[1]);
    if (c.ok) out.sendId = c.value;
  }
  const numKeyed = NUMBER_KEYED.exec(text);
  if (numKeyed) {
    const p = normalizePhone(numKeyed[1]);
    if (p.ok) out.number = p.number;
  }
  let rest = text;
  if (!out.number) {
    for (const m of text.matchAll(TR_MOBILE)) {
      const p = normalizePhone(m[0]);
      if (p.ok && p.kind === 'turkish-mobile') {
        out.number = p.number;
        rest = text.slice(0, m.index) + ' ' + text.slice((m.index ?? 0) + m[0].length);
        break;
      }
    }
  } else if (numKeyed) {
    rest = text.replace(numKeyed[0], ' ');
  }
  if (!out.sendId) {
    if (idKeyed) rest = rest.replace(idKeyed[0], ' ');
    for (const m of rest.matchAll(BARE_ID)) {
      if (out.number && m[0] === out.number) continue;
      const c = checkSendId(m[0]);
      if (c.ok) {
        out.sendId = c.value;
        break;
      }
    }
  }
  return out;
}
