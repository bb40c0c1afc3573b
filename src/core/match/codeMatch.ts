// Finding a durum_gonderim code under the cursor: whole words only (DELIVERED, not UNDELIVERED_X or SENDING_QUEUE),
// and only a small window of the hovered line is read, so a minified 1 MB line costs the same as a short one.
import { STATUS_CODES, type StatusCode } from '../report/statusCodes';

const LONGEST = Math.max(...STATUS_CODES.map((c) => c.length));
const CODES = new Set<string>(STATUS_CODES);
const WORD = /[A-Za-z0-9_]/;

export interface CodeAt {
  readonly code: StatusCode;
  /** Character range of the code in the line. */
  readonly start: number;
  readonly end: number;
}

export function statusCodeAt(line: string, character: number): CodeAt | undefined {
  if (character < 0 || character > line.length) return undefined;
  // The word containing the cursor, scanned at most LONGEST + 1 characters each way.
  let start = character;
  const minStart = Math.max(0, character - LONGEST - 1);
  while (start > minStart && WORD.test(line[start - 1])) start--;
  let end = character;
  const maxEnd = Math.min(line.length, character + LONGEST + 1);
  while (end < maxEnd && WORD.test(line[end])) end++;
  if (end - start > LONGEST || end === start) return undefined;
  if ((start > 0 && WORD.test(line[start - 1])) || (end < line.length && WORD.test(line[end]))) return undefined;
  const word = line.slice(start, end);
  return CODES.has(word) ? { code: word as StatusCode, start, end } : undefined;
}
