// Reading delimited text as people export it (RFC 4180 with the leniency spreadsheets show): the delimiter used on most
// lines, quoted fields with "" and line breaks inside, blank and # comment lines skipped and counted. Pure; both
// readers are Steps (./steps.ts), so the batch command can read a file of a few MB without blocking the host.
import { STEP, type Steps } from './steps';

export interface Row {
  readonly line: number;
  readonly cells: string[];
}

export type Delimiter = ',' | ';' | '\t';

/** The delimiter used on most content lines (not blank, not a # comment; outside quotes); undefined when no line has
 *  one. Semicolon wins a tie with the comma: Turkish spreadsheets export with semicolons because the comma is the
 *  decimal mark. */
export function* detectDelimiter(text: string): Steps<Delimiter | undefined> {
  const counts: Record<Delimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  const lines = /[^\r\n]+/g;
  let done = 0;
  for (let m = lines.exec(text); m; m = lines.exec(text)) {
    if (++done % STEP === 0) yield;
    const t = m[0].trim();
    if (t === '' || t.startsWith('#')) continue;
    let quoted = false;
    let tab = false;
    let semicolon = false;
    let comma = false;
    for (const ch of m[0]) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted) {
        if (ch === '\t') tab = true;
        else if (ch === ';') semicolon = true;
        else if (ch === ',') comma = true;
      }
    }
    if (tab) counts['\t']++;
    if (semicolon) counts[';']++;
    if (comma) counts[',']++;
  }
  let best: Delimiter | undefined;
  for (const d of ['\t', ';', ','] as const) {
    if (counts[d] > 0 && (best === undefined || counts[d] > counts[best])) best = d;
  }
  return best;
}

/** Rows of the text, RFC 4180 style when a delimiter is given (quoted fields with "" and line breaks inside); blank
 *  and # comment lines are skipped. A quote that never closes is taken literally, so one stray " cannot swallow the
 *  rest of the input. Without a delimiter every line is one cell (surrounding quotes removed). */
export function* readRows(
  text: string,
  delimiter: Delimiter | undefined,
): Steps<{ rows: Row[]; blankLines: number; commentLines: number }> {
  const rows: Row[] = [];
  let blankLines = 0;
  let commentLines = 0;
  let pos = 0;
  let line = 1;
  const n = text.length;
  const breaks = /\r\n|\r|\n/g;
  const lineEnd = (from: number): number => {
    breaks.lastIndex = from;
    const m = breaks.exec(text);
    return m ? m.index : n;
  };
  const skipBreak = (at: number): number => (text.startsWith('\r\n', at) ? at + 2 : at < n ? at + 1 : at);

  let done = 0;
  while (pos < n) {
    if (++done % STEP === 0) yield;
    const end = lineEnd(pos);
    const raw = text.slice(pos, end);
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) {
      if (t === '') blankLines++;
      else commentLines++;
      pos = skipBreak(end);
      line++;
      continue;
    }
    if (delimiter === undefined) {
      rows.push({ line, cells: [unquote(t)] });
      pos = skipBreak(end);
      line++;
      continue;
    }
    const parsed = readRecord(text, pos, delimiter) ?? { cells: raw.split(delimiter), next: end, lines: 0 };
    if (parsed.cells.some((c) => c.trim() !== '')) rows.push({ line, cells: parsed.cells });
    else blankLines++; // only delimiters (",,,"): an empty spreadsheet row
    pos = skipBreak(parsed.next);
    line += parsed.lines + 1;
  }
  return { rows, blankLines, commentLines };
}

/** One record from `start`; undefined when a quoted field never closes. `next` is the index of the record's line
 *  break (or the end); `lines` counts the line breaks inside quoted fields. */
function readRecord(
  text: string,
  start: number,
  d: Delimiter,
): { cells: string[]; next: number; lines: number } | undefined {
  const cells: string[] = [];
  let i = start;
  let lines = 0;
  const n = text.length;
  for (;;) {
    // Leading spaces before an opening quote are allowed (", "x"" as people type it).
    let j = i;
    while (j < n && (text[j] === ' ' || (text[j] === '\t' && d !== '\t'))) j++;
    let cell = '';
    if (text[j] === '"') {
      j++;
      for (;;) {
        if (j >= n) return undefined;
        const ch = text[j];
        if (ch === '"') {
          if (text[j + 1] === '"') {
            cell += '"';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        if (ch === '\r' || ch === '\n') {
          if (ch === '\r' && text[j + 1] === '\n') {
            cell += '\r\n';
            j += 2;
          } else {
            cell += ch;
            j++;
          }
          lines++;
          continue;
        }
        cell += ch;
        j++;
      }
      // Anything between the closing quote and the delimiter is kept, as spreadsheets do.
      while (j < n && text[j] !== d && text[j] !== '\r' && text[j] !== '\n') cell += text[j++];
    } else {
      j = i;
      while (j < n && text[j] !== d && text[j] !== '\r' && text[j] !== '\n') cell += text[j++];
    }
    cells.push(cell);
    if (j < n && text[j] === d) {
      i = j + 1;
      continue;
    }
    return { cells, next: j, lines };
  }
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}
