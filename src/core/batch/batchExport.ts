// The results of a batch as a table and as files: counts per status (with labels), stable sorting, and the CSV and
// JSON exports. Pure; the batch panel (src/views/batchPanel.ts) and the export command use it.
import { itemKey, NO_STATUS_KEY, type BatchItem, type BatchResult } from './batchRun';
import { describeError, type ErrorKind, type LookupError } from '../api/errors';
import { parseProviderTime } from '../providerTime';
import { redact } from '../api/redact';
import { describeStatus } from '../report/statuses';

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

export type SortKey = 'line' | 'number' | 'status' | 'time' | 'error';
export type SortDir = 'asc' | 'desc';

/** A sorted copy. Stable: equal items keep their input order in both directions. Items without the value (no report
 *  time, no error) come last in both directions. 'time' is the report's updated_at (else created_at). */
export function sortItems(items: readonly BatchItem[], key: SortKey, dir: SortDir): BatchItem[] {
  const sign = dir === 'desc' ? -1 : 1;
  const value = (item: BatchItem): string | number | undefined => {
    switch (key) {
      case 'line':
        return item.index; // input order is line order
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

const CSV_HEADER = [
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

/** With vairosms.history.keepMessageText off, an export carries no SMS text: the message column is absent, and this
 *  column says why in every row (one-time codes and personal text stay out of files as they stay out of history). */
const LEFT_OUT_COLUMN = 'messageLeftOut';
export const MESSAGE_LEFT_OUT = 'vairosms.history.keepMessageText is off';

export interface ExportOptions {
  /** vairosms.history.keepMessageText: false leaves the message column out. */
  readonly includeMessage: boolean;
}

type Column = (typeof CSV_HEADER)[number] | typeof LEFT_OUT_COLUMN;

function columns(options: ExportOptions): Column[] {
  return options.includeMessage ? [...CSV_HEADER] : [...CSV_HEADER.filter((c) => c !== 'message'), LEFT_OUT_COLUMN];
}

/** The row as the export writes it: the columns in order, `final` as true/false/null. */
function exported(row: ExportRow, options: ExportOptions): Record<string, string | boolean | null> {
  const out: Record<string, string | boolean | null> = {};
  for (const c of columns(options)) out[c] = c === LEFT_OUT_COLUMN ? MESSAGE_LEFT_OUT : row[c];
  return out;
}

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

export type CsvDelimiter = ',' | ';';

/** The delimiter Excel expects where the comma is the decimal mark: a semicolon for Turkish (and the other
 *  languages that write 1,5), a comma otherwise. */
export function csvDelimiterFor(lang: string): CsvDelimiter {
  return /^(tr|de|fr|es|it|pt|nl|ru|pl|cs|sv|da|fi|nb|az)\b/i.test(lang) ? ';' : ',';
}

/** RFC 4180 CSV (CRLF line ends), one row per item in input order, with `delimiter` (default ','), the message column
 *  only with `includeMessage`. Every cell that
 *  holds the delimiter (either one), a quote, a line break or a tab is quoted; every cell a spreadsheet would run as
 *  a formula (= + - @, tab or CR first) gets a leading '. `bom` adds a UTF-8 BOM so Excel reads Turkish letters. */
export function toCsv(
  result: BatchResult,
  sendId: string,
  options: ExportOptions & { bom?: boolean; delimiter?: CsvDelimiter },
): string {
  const d = options.delimiter ?? ',';
  const lines = [columns(options).join(d)];
  for (const item of result.items) {
    const row = exported(exportRow(item, sendId), options);
    lines.push(
      Object.values(row)
        .map((v) => csvCell(v === null ? '' : String(v)))
        .join(d),
    );
  }
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/** One cell: formula triggers neutralized, quoted when it holds a delimiter (',' or ';', whichever the file uses:
 *  a file opened with the other one still reads right), a quote, a line break or a tab. */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",;\r\n\t]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A JSON array of the rows toCsv writes (final as true/false/null); no key, no URL, no raw responses. */
export function toJson(result: BatchResult, sendId: string, options: ExportOptions): string {
  return (
    JSON.stringify(
      result.items.map((item) => exported(exportRow(item, sendId), options)),
      null,
      2,
    ) + '\n'
  );
}
