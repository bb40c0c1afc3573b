// Reading a list of numbers, whatever a developer pastes or picks: one number per line, a CSV export with or without a
// header (comma, semicolon or tab; quoted fields), a comma or semicolon list on one line. Every line we cannot use
// is listed with its line number and the reason, duplicates (after normalization) are reported, nothing is dropped
// silently. Pure; the batch command (src/commands/lookUpBatch.ts) reads the text (at most MAX_BATCH_INPUT_BYTES) and
// parses it in slices (parseNumberListSliced) so the host is never blocked for long; what it keeps is capped whatever
// the input's size (the numbers, the invalid lines and the duplicates listed; the rest only counted).
import * as l10n from '@vscode/l10n';
import { detectDelimiter, readRows, type Row } from './csv';
import { runSteps, runStepsSliced, STEP, type Steps } from './steps';
import { normalizePhone } from '../phone';
import { cutText } from '../api/caps';
import { formatNumber, plural } from '../numbers';

/** More numbers than this in one batch are left out (and reported): a batch is a debugging aid, not a bulk job. */
export const MAX_BATCH_NUMBERS = 10_000;
/** The most a batch reads, from a file, the editor or a command's arguments: 10,000 numbers fit many times over
 *  (a CSV export of 10,000 rows with a dozen columns is about 2 MB), and a file of 55 MB no longer blocks the host
 *  for seconds and takes 1.5 GB to parse. */
export const MAX_BATCH_INPUT_BYTES = 5 * 1024 * 1024;
/** Invalid lines listed one by one; the rest are summarized in one entry. */
const MAX_INVALID_LISTED = 1000;
/** Duplicates listed one by one; the rest only counted. */
export const MAX_DUPLICATES_LISTED = 1000;
/** An invalid input is shown up to this many characters. */
export const MAX_INPUT_SHOWN = 80;

/** Header names of the number column, compared in lower case without spaces, dashes, dots or underscores. */
const NUMBER_HEADERS = new Set([
  'numara',
  'number',
  'phone',
  'telefon',
  'gsm',
  'msisdn',
  'dest',
  'to',
  'phonenumber',
  'telefonno',
  'telefonnumarasi',
  'gsmno',
  'numarasi',
  'cep',
  'ceptelefonu',
  'cepno',
  'mobile',
  'tel',
  'telno',
  'destination',
  'alici',
  'recipient',
]);

interface ParsedNumber {
  /** 1-based line of the input where the number starts. */
  readonly line: number;
  /** The text as given (trimmed). */
  readonly input: string;
  /** Normalized with normalizePhone (Turkish numbers: 10 digits). */
  readonly number: string;
}

export interface InvalidEntry {
  readonly line: number;
  readonly input: string;
  readonly message: string;
}

interface DuplicateEntry {
  readonly line: number;
  readonly number: string;
  /** The line where this number first appeared (the one that is looked up). */
  readonly firstLine: number;
}

type ListFormat = 'lines' | 'csv' | 'list';

export interface ParsedNumberList {
  /** Unique numbers in input order, at most MAX_BATCH_NUMBERS. */
  readonly numbers: ParsedNumber[];
  /** Every candidate we could not use, with its line and the reason; sorted by line. */
  readonly invalid: InvalidEntry[];
  /** The first MAX_DUPLICATES_LISTED duplicates; `duplicateCount` counts them all. */
  readonly duplicates: DuplicateEntry[];
  readonly duplicateCount: number;
  readonly blankLines: number;
  readonly commentLines: number;
  /** 'lines': one number per line; 'csv': rows with a number column (or several number columns); 'list': one line
   *  of numbers separated by commas or semicolons. */
  readonly format: ListFormat;
  /** For 'csv': the delimiter. */
  readonly delimiter?: ',' | ';' | '\t';
  /** The header row's line, when the first row was recognised as a header. */
  readonly headerLine?: number;
  /** For 'csv' with one number column: its 0-based index and its header, if any. */
  readonly column?: { readonly index: number; readonly name?: string };
  /** Unique valid numbers beyond MAX_BATCH_NUMBERS that were left out. */
  readonly leftOut: number;
}

/** The list, parsed in one go: for what a user types, and for tests. `lang` formats the counts in its messages. */
export function parseNumberList(text: string, lang = 'en'): ParsedNumberList {
  return runSteps(parseSteps(text, lang));
}

/** The same list, parsed in slices of `sliceMs` on `now` with `pause()` awaited between them (the host's turn). */
export function parseNumberListSliced(
  text: string,
  pause: () => Promise<void>,
  now: () => number,
  sliceMs?: number,
  lang = 'en',
): Promise<ParsedNumberList> {
  return runStepsSliced(parseSteps(text, lang), pause, now, sliceMs);
}

function* parseSteps(text: string, lang: string): Steps<ParsedNumberList> {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = yield* detectDelimiter(source);
  const { rows, blankLines, commentLines } = yield* readRows(source, delimiter);
  const acc = new Accumulator(lang);
  let format: ListFormat = 'lines';
  let headerLine: number | undefined;
  let column: { index: number; name?: string } | undefined;

  let done = 0;
  if (delimiter === undefined) {
    for (const r of rows) {
      if (++done % STEP === 0) yield;
      acc.addFlexible(r.line, r.cells[0]);
    }
  } else {
    let data = rows;
    const first = rows[0];
    let headerIndex = first ? first.cells.findIndex(isNumberHeader) : -1;
    if (
      first &&
      headerIndex < 0 &&
      rows.length > 1 &&
      first.cells.every((c) => !/\d{3}/.test(c)) &&
      rows.slice(1).some((r) => r.cells.some((c) => normalizePhone(c).ok))
    ) {
      headerIndex = -2; // a header we do not recognise by name: skip it, find the column by its values
    }
    if (first && headerIndex !== -1) {
      headerLine = first.line;
      data = rows.slice(1);
    }
    if (rows.length === 1 && headerIndex === -1) {
      format = 'list';
      // One line: any of the separators counts (people mix them), and a number may contain spaces.
      for (const c of first.cells.flatMap((cell) => cell.split(/[,;\t]/))) {
        if (++done % STEP === 0) yield;
        if (c.trim() !== '') acc.addFlexible(first.line, c);
      }
    } else {
      format = 'csv';
      const header = headerLine !== undefined ? first.cells : undefined;
      const picked = headerIndex >= 0 ? headerIndex : yield* pickColumn(data);
      if (picked === 'all') {
        for (const r of data) {
          if (++done % STEP === 0) yield;
          for (const c of r.cells) if (c.trim() !== '') acc.addFlexible(r.line, c);
        }
      } else {
        const name = header?.[picked] === undefined ? undefined : shorten(header[picked].trim());
        column = { index: picked, ...(name ? { name } : {}) };
        for (const r of data) {
          if (++done % STEP === 0) yield;
          const cell = r.cells[picked] ?? '';
          if (cell.trim() === '') {
            acc.invalid(
              r.line,
              r.cells.join(delimiter),
              name
                ? l10n.t('This row has no number in the column "{0}".', name)
                : l10n.t('This row has no number in column {0}.', picked + 1),
            );
          } else {
            acc.add(r.line, cell);
          }
        }
      }
    }
  }

  return {
    ...acc.finish(),
    blankLines,
    commentLines,
    format,
    ...(delimiter !== undefined && format === 'csv' ? { delimiter } : {}),
    ...(headerLine !== undefined ? { headerLine } : {}),
    ...(column ? { column } : {}),
  };
}

class Accumulator {
  private readonly numbers: ParsedNumber[] = [];
  private readonly invalids: InvalidEntry[] = [];
  private readonly duplicates: DuplicateEntry[] = [];
  private duplicateCount = 0;
  /** The line of each number kept: it never holds more than MAX_BATCH_NUMBERS. */
  private readonly seen = new Map<string, number>();
  private invalidNotListed = 0;
  private leftOut = 0;
  private leftOutFrom: number | undefined;

  constructor(private readonly lang: string) {}

  /** A candidate that may hold several numbers separated by spaces ("5321112233 5321112234"). */
  addFlexible(line: number, input: string): void {
    const whole = normalizePhone(input);
    if (!whole.ok) {
      const parts = input.trim().split(/\s+/);
      if (parts.length > 1 && parts.every((p) => normalizePhone(p).ok)) {
        for (const p of parts) this.add(line, p);
        return;
      }
    }
    this.add(line, input);
  }

  add(line: number, input: string): void {
    const r = normalizePhone(input);
    if (!r.ok) {
      this.invalid(line, input, r.message);
      return;
    }
    const first = this.seen.get(r.number);
    if (first !== undefined) {
      this.duplicateCount++;
      if (this.duplicates.length < MAX_DUPLICATES_LISTED)
        this.duplicates.push({ line, number: r.number, firstLine: first });
      return;
    }
    if (this.numbers.length >= MAX_BATCH_NUMBERS) {
      // Past the cap nothing more is kept, only counted (a number repeated out there is counted each time).
      this.leftOut++;
      this.leftOutFrom ??= line;
      return;
    }
    this.seen.set(r.number, line);
    this.numbers.push({ line, input: shorten(input.trim()), number: r.number });
  }

  invalid(line: number, input: string, message: string): void {
    if (this.invalids.length >= MAX_INVALID_LISTED) {
      this.invalidNotListed++;
      return;
    }
    const shown = input.trim();
    this.invalids.push({
      line,
      input: shorten(shown),
      message,
    });
  }

  finish(): Pick<ParsedNumberList, 'numbers' | 'invalid' | 'duplicates' | 'duplicateCount' | 'leftOut'> {
    const invalid = [...this.invalids];
    if (this.invalidNotListed > 0) {
      invalid.push({
        line: invalid[invalid.length - 1].line,
        input: '',
        message: plural(
          this.invalidNotListed,
          l10n.t('{0} more invalid line is not listed.', formatNumber(this.invalidNotListed, this.lang)),
          l10n.t('{0} more invalid lines are not listed.', formatNumber(this.invalidNotListed, this.lang)),
        ),
      });
    }
    if (this.leftOut > 0 && this.leftOutFrom !== undefined) {
      invalid.push({
        line: this.leftOutFrom,
        input: '',
        message: plural(
          this.leftOut,
          l10n.t(
            'At most {0} numbers can be looked up at once; {1} more number from line {2} on was left out.',
            formatNumber(MAX_BATCH_NUMBERS, this.lang),
            formatNumber(this.leftOut, this.lang),
            this.leftOutFrom,
          ),
          l10n.t(
            'At most {0} numbers can be looked up at once; {1} more numbers from line {2} on were left out.',
            formatNumber(MAX_BATCH_NUMBERS, this.lang),
            formatNumber(this.leftOut, this.lang),
            this.leftOutFrom,
          ),
        ),
      });
    }
    invalid.sort((a, b) => a.line - b.line);
    return {
      numbers: this.numbers,
      invalid,
      duplicates: this.duplicates,
      duplicateCount: this.duplicateCount,
      leftOut: this.leftOut,
    };
  }
}

/** Text from the input as it is shown back (an invalid line, a column's name): at most MAX_INPUT_SHOWN characters. */
function shorten(text: string): string {
  return text.length > MAX_INPUT_SHOWN ? cutText(text, MAX_INPUT_SHOWN - 1) + '…' : text;
}

function isNumberHeader(cell: string): boolean {
  const t = cell.trim();
  if (t === '' || /\d/.test(t)) return false;
  const fold = (s: string) =>
    s
      .replace(/ı/g, 'i')
      .replace(/i̇/g, 'i')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\s_.\-/#()]+/g, '');
  return NUMBER_HEADERS.has(fold(t.toLowerCase())) || NUMBER_HEADERS.has(fold(t.toLocaleLowerCase('tr-TR')));
}

/** The number column of rows without a recognised header: the first column whose values mostly look like phone
 *  numbers (preferring Turkish ones over other digit runs such as order numbers); 'all' when every column does
 *  (a pasted list spread over several lines). */
function* pickColumn(rows: readonly Row[]): Steps<number | 'all'> {
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const stats: Array<{ filled: number; ok: number; turkish: number }> = [];
  let done = 0;
  for (let c = 0; c < width; c++) {
    const s = { filled: 0, ok: 0, turkish: 0 };
    for (const r of rows) {
      if (++done % STEP === 0) yield;
      const v = r.cells[c];
      if (v === undefined || v.trim() === '') continue;
      s.filled++;
      const p = normalizePhone(v);
      if (p.ok) {
        s.ok++;
        if (p.kind !== 'other') s.turkish++;
      }
    }
    stats.push(s);
  }
  const numberLike = (s: { filled: number; ok: number }) => s.filled > 0 && s.ok * 2 >= s.filled;
  const turkishLike = (s: { filled: number; turkish: number }) => s.filled > 0 && s.turkish * 2 >= s.filled;
  const filled = stats.filter((s) => s.filled > 0);
  const candidates = stats.map((s, i) => ({ s, i })).filter(({ s }) => numberLike(s));
  if (candidates.length === 0) return 0;
  if (
    candidates.length >= 2 &&
    candidates.length === filled.length &&
    (candidates.every(({ s }) => turkishLike(s)) || candidates.every(({ s }) => !turkishLike(s)))
  ) {
    return 'all';
  }
  return (candidates.find(({ s }) => turkishLike(s)) ?? candidates[0]).i;
}
