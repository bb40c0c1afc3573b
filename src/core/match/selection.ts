// Finding a send ID and a phone number in whatever a developer selects: a log line, a JSON or PHP array, a URL,
// or just "187 5399999999" in either order. Named fields win over bare numbers; dates and times are not IDs.
import { checkSendId } from '../lookupKey';
import { BARE_ID, NUMBER_KEYED, SEND_ID_KEYED, SEND_ID_URL, TR_MOBILE } from './lookupPatterns';
import { normalizePhone } from '../phone';

export interface Extracted {
  sendId?: string;
  number?: string;
}

/** `keyedOnly`: a keyed number (`numara=…`) that is not a phone number leaves the number unfound, instead of taking
 *  the first mobile number elsewhere in the text (a terminal link reads its own span so). */
export function extractLookup(text: string, options: { keyedOnly?: boolean } = {}): Extracted {
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
  if (!out.number && !(numKeyed && options.keyedOnly)) {
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
