// Terminal links, the cheap part the activation shell runs for every line the terminal shows: where a line names a
// send ID together with a phone number (keyed: `sms_gonderim_id=4711 numara=5321234567`, JSON, a PHP array, a
// NumaraRaporu URL), and where it names a documented status code. At most MAX_LINE characters of a line are read,
// nothing is loaded and little is checked beyond the patterns (a keyed number's length): a link carries the text of
// its own span, and the features read that text alone (selection.ts, strictly) when the link is activated.
import { NUMBER_KEYED, SEND_ID_KEYED, SEND_ID_URL, TR_MOBILE } from './lookupPatterns';
import { STATUS_CODES, type StatusCode } from '../report/statusCodes';

export const MAX_LINE = 400;
/** Any of the 11 codes as a whole word. */
const CODE = new RegExp(
  `(?<![A-Za-z0-9_])(?:${[...STATUS_CODES].sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9_])`,
  'g',
);
/** Cheap first looks: a send ID needs one of its key words, a status code four capitals in a row. Most lines stop at
 *  these two tests. */
const SEND_ID_HINT = /gonderim|send_?id|rapor_id|NumaraRaporu/i;
const CODE_HINT = /[A-Z]{4}/;
/** The first Turkish mobile number: a copy without the g flag, so exec() leaves the shared pattern's lastIndex alone
 *  (matchAll in selection.ts starts from it). */
const FIRST_MOBILE = new RegExp(TR_MOBILE.source);

export type TerminalMatch =
  | { readonly kind: 'lookup'; readonly start: number; readonly length: number }
  | { readonly kind: 'status'; readonly start: number; readonly length: number; readonly code: StatusCode };

export function matchTerminalLine(line: string): TerminalMatch[] {
  const text = line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line;
  const out: TerminalMatch[] = [];
  const id = SEND_ID_HINT.test(text) ? (SEND_ID_KEYED.exec(text) ?? SEND_ID_URL.exec(text)) : null;
  if (id) {
    // A keyed number wins, and one that cannot be a phone number makes no link: the link never borrows another
    // number from elsewhere on the line (`numara=5399999999999999 … 5301234567` is not a link to 5301234567).
    const keyed = NUMBER_KEYED.exec(text);
    const number = keyed ? (plausibleLength(keyed[1]) ? keyed : null) : FIRST_MOBILE.exec(text);
    if (number) {
      // The link spans both, from the first to the end of the second.
      const start = Math.min(id.index, number.index);
      const end = Math.max(id.index + id[0].length, number.index + number[0].length);
      out.push({ kind: 'lookup', start, length: end - start });
    }
  }
  if (!CODE_HINT.test(text)) return out;
  const lookup = out[0];
  for (const m of text.matchAll(CODE)) {
    if (lookup && m.index >= lookup.start && m.index < lookup.start + lookup.length) continue; // one link per place
    out.push({ kind: 'status', start: m.index, length: m[0].length, code: m[0] as StatusCode });
  }
  return out;
}

/** 7 to 15 digits once a leading + or 00 is dropped, as normalizePhone (src/core/phone.ts) accepts. */
function plausibleLength(keyed: string): boolean {
  const digits = keyed.replace(/\D/g, '').replace(/^00/, '');
  return digits.length >= 7 && digits.length <= 15;
}
