// "Look Up Several Numbers": one send ID, many numbers. Pure logic in three parts:
//  - parseNumberList: whatever a developer pastes (one number per line, a CSV export with or without a header, a
//    comma list on one line) → normalized numbers, plus every line we could not use and why, and the duplicates;
//  - runBatch: the lookups with a cap on requests in flight, a batch-wide pause when VairoSMS answers 429 (one
//    lookup's 429 means every other request would get one too), and a prompt cancel that keeps what finished;
//  - exports (CSV, JSON), counts and sorting for the results table.
// The lookup itself is injected (the host passes lookUpReport with the real transport), so this file does no I/O.
import * as l10n from '@vscode/l10n';
import { describeError, type ErrorKind, type LookupError } from './errors';
import { type LookupResult } from './lookup';
import { normalizePhone } from './phone';
import { redact } from './redact';
import { parseProviderTime } from './report';
import { describeStatus } from './statuses';

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** More numbers than this in one batch are left out (and reported): a batch is a debugging aid, not a bulk job. */
export const MAX_BATCH_NUMBERS = 5000;
/** Invalid lines listed one by one; the rest are summarized in one entry. */
export const MAX_INVALID_LISTED = 1000;
/** An invalid input is shown up to this many characters. */
const MAX_INPUT_SHOWN = 80;

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

export interface ParsedNumber {
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

export interface DuplicateEntry {
  readonly line: number;
  readonly number: string;
  /** The line where this number first appeared (the one that is looked up). */
  readonly firstLine: number;
}

export type ListFormat = 'lines' | 'csv' | 'list';

export interface ParsedNumberList {
  /** Unique numbers in input order, at most MAX_BATCH_NUMBERS. */
  readonly numbers: ParsedNumber[];
  /** Every candidate we could not use, with its line and the reason; sorted by line. */
  readonly invalid: InvalidEntry[];
  readonly duplicates: DuplicateEntry[];
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

interface Row {
  readonly line: number;
  readonly cells: string[];
}

type Delimiter = ',' | ';' | '\t';

export function parseNumberList(text: string): ParsedNumberList {
  const source = text.replace(/^\uFEFF/, '');
  const content = source.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const delimiter = detectDelimiter(content);
  const { rows, blankLines, commentLines } = readRows(source, delimiter);
  const acc = new Accumulator();
  let format: ListFormat = 'lines';
  let headerLine: number | undefined;
  let column: { index: number; name?: string } | undefined;

  if (delimiter === undefined) {
    for (const r of rows) acc.addFlexible(r.line, r.cells[0]);
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
      for (const c of first.cells.flatMap((cell) => cell.split(/[,;\t]/)))
        if (c.trim() !== '') acc.addFlexible(first.line, c);
    } else {
      format = 'csv';
      const header = headerLine !== undefined ? first.cells : undefined;
      const picked = headerIndex >= 0 ? headerIndex : pickColumn(data);
      if (picked === 'all') {
        for (const r of data) for (const c of r.cells) if (c.trim() !== '') acc.addFlexible(r.line, c);
      } else {
        const name = header?.[picked]?.trim();
        column = { index: picked, ...(name ? { name } : {}) };
        for (const r of data) {
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
  private readonly seen = new Map<string, number>();
  private invalidNotListed = 0;
  private leftOut = 0;
  private leftOutFrom: number | undefined;

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
      this.duplicates.push({ line, number: r.number, firstLine: first });
      return;
    }
    this.seen.set(r.number, line);
    if (this.numbers.length >= MAX_BATCH_NUMBERS) {
      this.leftOut++;
      this.leftOutFrom ??= line;
      return;
    }
    this.numbers.push({ line, input: input.trim(), number: r.number });
  }

  invalid(line: number, input: string, message: string): void {
    if (this.invalids.length >= MAX_INVALID_LISTED) {
      this.invalidNotListed++;
      return;
    }
    const shown = input.trim();
    this.invalids.push({
      line,
      input: shown.length > MAX_INPUT_SHOWN ? shown.slice(0, MAX_INPUT_SHOWN - 1) + '…' : shown,
      message,
    });
  }

  finish(): Pick<ParsedNumberList, 'numbers' | 'invalid' | 'duplicates' | 'leftOut'> {
    const invalid = [...this.invalids];
    if (this.invalidNotListed > 0) {
      invalid.push({
        line: invalid[invalid.length - 1].line,
        input: '',
        message: l10n.t('{0} more invalid lines are not listed.', this.invalidNotListed),
      });
    }
    if (this.leftOut > 0 && this.leftOutFrom !== undefined) {
      invalid.push({
        line: this.leftOutFrom,
        input: '',
        message: l10n.t(
          'At most {0} numbers can be looked up at once; {1} more numbers from line {2} on were left out.',
          MAX_BATCH_NUMBERS,
          this.leftOut,
          this.leftOutFrom,
        ),
      });
    }
    invalid.sort((a, b) => a.line - b.line);
    return { numbers: this.numbers, invalid, duplicates: this.duplicates, leftOut: this.leftOut };
  }
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

/** The delimiter used on most content lines (outside quotes); undefined when no line has one. Semicolon wins a tie
 *  with the comma: Turkish spreadsheets export with semicolons because the comma is the decimal mark. */
function detectDelimiter(contentLines: readonly string[]): Delimiter | undefined {
  const counts: Record<Delimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  for (const line of contentLines) {
    const seen = new Set<Delimiter>();
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) seen.add(ch);
    }
    for (const d of seen) counts[d]++;
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
function readRows(
  text: string,
  delimiter: Delimiter | undefined,
): { rows: Row[]; blankLines: number; commentLines: number } {
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

  while (pos < n) {
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

/** The number column of rows without a recognised header: the first column whose values mostly look like phone
 *  numbers (preferring Turkish ones over other digit runs such as order numbers); 'all' when every column does
 *  (a pasted list spread over several lines). */
function pickColumn(rows: readonly Row[]): number | 'all' {
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const stats: Array<{ filled: number; ok: number; turkish: number }> = [];
  for (let c = 0; c < width; c++) {
    const s = { filled: 0, ok: 0, turkish: 0 };
    for (const r of rows) {
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

// ---------------------------------------------------------------------------------------------------------------
// Running

export const MAX_CONCURRENCY = 16;
/** A number answered 429 is put back in the queue at most this many times, then stays an error. */
export const MAX_RATE_LIMIT_REQUEUES = 3;
/** A Retry-After up to this long is honoured as the batch pause; a longer one is replaced by the backoff. */
export const MAX_RETRY_AFTER_SECONDS = 60;
export const BACKOFF_START_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;

export type BatchItemStatus = 'ok' | 'error' | 'cancelled';

export interface BatchItem {
  readonly number: string;
  /** 0-based position in the input. */
  readonly index: number;
  readonly status: BatchItemStatus;
  /** The last lookup's result (also for a 'cancelled' item that was answered 429 before and waited in the queue). */
  readonly result?: LookupResult;
  /** How many lookups the batch started for this number (1, or more after 429 answers). */
  readonly lookups: number;
  /** When the last lookup started / the item finished (the injected clock); undefined when it never started. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
}

export interface BatchResult {
  /** In input order. */
  readonly items: BatchItem[];
  readonly cancelled: boolean;
  /** Status code (ok lookups; NO_STATUS_KEY when the report had none) or error kind (failed ones, 'cancelled'). */
  readonly counts: Record<string, number>;
  readonly durationMs: number;
  /** The largest number of lookups that were in flight at once. */
  readonly maxConcurrency: number;
}

export interface BatchOptions {
  readonly sendId: string;
  /** Already normalized (parseNumberList). */
  readonly numbers: readonly string[];
  /** Cap on lookups in flight, clamped to 1..MAX_CONCURRENCY. */
  readonly concurrency: number;
  /** One lookup; it should honour the signal (the batch's cancel). */
  readonly lookup: (number: string, signal: AbortSignal) => Promise<LookupResult>;
  /** Cancel: no new lookups start, the ones in flight are aborted (their items become 'cancelled'), what finished is
   *  kept, and runBatch resolves without waiting for the aborted lookups to wind down. */
  readonly signal?: AbortSignal;
  /** After each item that is done (ok or error); not for requeued or cancelled ones. */
  readonly onProgress?: (done: number, total: number, item: BatchItem) => void;
  /** Called when a 429 pauses the whole batch. */
  readonly onPause?: (ms: number, item: BatchItem) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

/** Counts key of an ok lookup whose report carries no status. */
export const NO_STATUS_KEY = '(no status)';

export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const concurrency = Math.min(
    MAX_CONCURRENCY,
    Math.max(1, Math.floor(Number.isFinite(opts.concurrency) ? opts.concurrency : 1)),
  );
  const total = opts.numbers.length;
  const started = now();

  const controller = new AbortController();
  const signal = controller.signal;
  const onOuterAbort = () => controller.abort();
  if (opts.signal?.aborted) controller.abort();
  else opts.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });

  const items: BatchItem[] = opts.numbers.map((number, index) => ({ number, index, status: 'cancelled', lookups: 0 }));
  const queue: number[] = opts.numbers.map((_, i) => i);
  let done = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let consecutiveRateLimits = 0;
  let pause: { until: number; promise: Promise<unknown> } | undefined;

  const pauseSleep = (ms: number): Promise<unknown> => sleep(ms, signal).catch(() => undefined);
  /** Pauses every worker until `ms` from now. A 429 that arrives during a pause (from a request started before it)
   *  extends the pause when it asks for a later end, by the difference only. */
  const startPause = (ms: number): void => {
    const until = now() + ms;
    const current = pause;
    if (current && current.until >= until) return;
    const wait = current
      ? current.promise.then(() => (signal.aborted ? undefined : pauseSleep(until - current.until)))
      : pauseSleep(ms);
    pause = { until, promise: Promise.race([wait, aborted]) };
  };
  const waitForPause = async (): Promise<void> => {
    while (pause && !signal.aborted) {
      const p = pause;
      await p.promise;
      if (pause === p) pause = undefined;
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      await waitForPause();
      if (signal.aborted) return;
      const index = queue.shift();
      if (index === undefined) return;
      const number = opts.numbers[index];
      const lookups = items[index].lookups + 1;
      const startedAt = now();
      items[index] = { ...items[index], lookups, startedAt };
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let outcome: LookupResult | 'aborted';
      try {
        outcome = await Promise.race([safeLookup(opts.lookup, number, signal, now), aborted]);
      } finally {
        inFlight--;
      }
      const finishedAt = now();
      if (outcome === 'aborted') {
        items[index] = { ...items[index], status: 'cancelled', finishedAt };
        return;
      }
      // An answer that arrived is kept, even when the cancel came a moment later.
      const result = outcome;
      if (!result.ok && result.error.kind === 'rate-limited') {
        consecutiveRateLimits++;
        const item: BatchItem = { ...items[index], status: 'error', result, finishedAt };
        items[index] = item;
        // Every 429 pauses the whole batch: the limit is the account's, not this number's.
        const ms = pauseFor(result.error, consecutiveRateLimits, random);
        if (!signal.aborted) {
          opts.onPause?.(ms, item);
          startPause(ms);
        }
        if (lookups <= MAX_RATE_LIMIT_REQUEUES) {
          queue.push(index);
          continue;
        }
      } else {
        consecutiveRateLimits = 0;
        const status: BatchItemStatus = result.ok ? 'ok' : result.error.kind === 'cancelled' ? 'cancelled' : 'error';
        items[index] = { ...items[index], status, result, finishedAt };
      }
      done++;
      opts.onProgress?.(done, total, items[index]);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(total, 1)) }, worker));
  } finally {
    opts.signal?.removeEventListener('abort', onOuterAbort);
  }
  // Items still waiting (in the queue, or requeued after a 429) when the batch was cancelled.
  if (signal.aborted) {
    for (const i of queue) items[i] = { ...items[i], status: 'cancelled' };
  }
  return {
    items,
    cancelled: signal.aborted,
    counts: countItems(items),
    durationMs: now() - started,
    maxConcurrency: maxInFlight,
  };
}

/** Retry-After when given and at most 60 s; otherwise exponential backoff with "equal jitter": the ceiling starts at
 *  1 s and doubles with each 429 in a row (up to 30 s), and the wait is between half the ceiling and the ceiling. */
export function pauseFor(error: LookupError, consecutive: number, random: () => number): number {
  const ra = error.retryAfterSeconds;
  if (ra !== undefined && ra <= MAX_RETRY_AFTER_SECONDS) return Math.max(0, ra * 1000);
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.max(0, consecutive - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

async function safeLookup(
  lookup: BatchOptions['lookup'],
  number: string,
  signal: AbortSignal,
  now: () => number,
): Promise<LookupResult> {
  const t0 = now();
  try {
    return await lookup(number, signal);
  } catch (e) {
    // lookUpReport never throws; another lookup function might. One bad lookup must not end the batch.
    return {
      ok: false,
      error: { kind: 'network', detail: redact(e instanceof Error ? e.message : String(e)) },
      attempts: 1,
      durationMs: now() - t0,
    };
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The counts key of an item: its status code, its error kind, or 'cancelled'. */
export function itemKey(item: BatchItem): string {
  if (item.status === 'cancelled') return 'cancelled';
  const r = item.result;
  if (!r) return item.status === 'ok' ? NO_STATUS_KEY : 'cancelled';
  if (r.ok) return r.report.status || NO_STATUS_KEY;
  return r.error.kind;
}

function countItems(items: readonly BatchItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = itemKey(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries, sorting and export

export interface CountEntry {
  readonly key: string;
  /** 'status': a delivery status of an answered lookup; 'error': a failed lookup; 'cancelled': never finished. */
  readonly kind: 'status' | 'error' | 'cancelled';
  readonly label: string;
  readonly count: number;
}

/** The counts, largest first (ties by key), with a localized label each. */
export function summarizeCounts(result: BatchResult): CountEntry[] {
  const kinds = new Map<string, CountEntry['kind']>();
  for (const item of result.items) {
    const key = itemKey(item);
    kinds.set(key, item.status === 'cancelled' ? 'cancelled' : item.result?.ok ? 'status' : 'error');
  }
  return Object.entries(result.counts)
    .map(([key, count]): CountEntry => {
      const kind = kinds.get(key) ?? (/^[a-z-]+$/.test(key) ? 'error' : 'status');
      const label =
        kind === 'status'
          ? describeStatus(key === NO_STATUS_KEY ? '' : key).label
          : describeError({ kind: key as ErrorKind }).title;
      return { key, kind, label, count };
    })
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type SortKey = 'number' | 'status' | 'time' | 'error';
export type SortDir = 'asc' | 'desc';

/** A sorted copy. Stable: equal items keep their input order in both directions. Items without the value (no report
 *  time, no error) come last in both directions. 'time' is the report's updated_at (else created_at). */
export function sortItems(items: readonly BatchItem[], key: SortKey, dir: SortDir): BatchItem[] {
  const sign = dir === 'desc' ? -1 : 1;
  const value = (item: BatchItem): string | number | undefined => {
    switch (key) {
      case 'number':
        return item.number.padStart(20, '0');
      case 'status':
        return `${item.status === 'ok' ? 0 : item.status === 'error' ? 1 : 2}:${itemKey(item)}`;
      case 'time': {
        const r = item.result;
        return r?.ok ? (parseProviderTime(r.report.updatedAt) ?? parseProviderTime(r.report.createdAt)) : undefined;
      }
      case 'error': {
        const r = item.result;
        if (item.status === 'cancelled') return 'cancelled';
        return r && !r.ok ? r.error.kind : undefined;
      }
    }
  };
  return items
    .map((item, pos) => ({ item, pos, v: value(item) }))
    .sort((a, b) => {
      if (a.v === undefined || b.v === undefined) {
        if (a.v !== b.v) return a.v === undefined ? 1 : -1;
        return a.pos - b.pos;
      }
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
      return c !== 0 ? c * sign : a.pos - b.pos;
    })
    .map((x) => x.item);
}

export const CSV_HEADER = [
  'sendId',
  'number',
  'status',
  'statusLabel',
  'final',
  'error',
  'createdAt',
  'updatedAt',
  'message',
] as const;

interface ExportRow {
  sendId: string;
  number: string;
  status: string;
  statusLabel: string;
  final: boolean | null;
  error: string;
  createdAt: string;
  updatedAt: string;
  message: string;
}

function exportRow(item: BatchItem, sendId: string): ExportRow {
  const r = item.result;
  if (item.status === 'ok' && r?.ok) {
    const info = describeStatus(r.report.status);
    return {
      sendId,
      number: item.number,
      status: info.code,
      statusLabel: info.label,
      final: info.final ?? null,
      error: '',
      createdAt: scrub(r.report.createdAt ?? ''),
      updatedAt: scrub(r.report.updatedAt ?? ''),
      message: scrub(r.report.message ?? ''),
    };
  }
  const error: LookupError = item.status === 'cancelled' || !r || r.ok ? { kind: 'cancelled' } : r.error;
  return {
    sendId,
    number: item.number,
    status: '',
    statusLabel: '',
    final: null,
    error: describeError(error).title,
    createdAt: '',
    updatedAt: '',
    message: '',
  };
}

/** Defence in depth: nothing exported may carry an api_key parameter (the report is redacted already). */
function scrub(s: string): string {
  return redact(s);
}

/** RFC 4180 CSV (CRLF line ends, fields quoted when needed), one row per item in input order. Cells that a
 *  spreadsheet would run as a formula (= + - @, tab, CR at the start) get a leading '. `bom` adds a UTF-8 BOM so
 *  Excel reads the Turkish letters right. */
export function toCsv(result: BatchResult, sendId: string, options: { bom?: boolean } = {}): string {
  const lines = [CSV_HEADER.join(',')];
  for (const item of result.items) {
    const row = exportRow(item, sendId);
    lines.push(
      CSV_HEADER.map((k) => csvCell(k === 'final' ? (row.final === null ? '' : String(row.final)) : row[k])).join(','),
    );
  }
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A JSON array of the rows toCsv writes (final as true/false/null); no key, no URL, no raw responses. */
export function toJson(result: BatchResult, sendId: string): string {
  return (
    JSON.stringify(
      result.items.map((item) => exportRow(item, sendId)),
      null,
      2,
    ) + '\n'
  );
}
