// The batch results table's view model: counts per status, one row per number (sorted as asked), the invalid
// lines, every string localized. The webview only renders it.
import * as l10n from '@vscode/l10n';
import { sortItems, summarizeCounts } from './batchExport';
import { type BatchItem, type BatchResult } from './batchRun';
import { describeError } from '../api/errors';
import { formatNumber, plural } from '../numbers';
import { type InvalidEntry } from './numberList';
import { statusView, tipStrings } from '../report/reportModel';
import { sendView, type SummaryState } from '../send/sendModel';
import { describeStatus } from '../report/statuses';
import { type BatchModel, type BatchRowView, type BatchSortKey, type BatchStrings } from '../../shared/protocol/batch';

function batchStrings(): BatchStrings {
  return {
    heading: l10n.t('VairoSMS batch lookup'),
    numberColumn: l10n.t('Number'),
    statusColumn: l10n.t('Status'),
    timeColumn: l10n.t('Updated (updated_at)'),
    errorColumn: l10n.t('Error'),
    countsHeading: l10n.t('Counts per status'),
    failuresHeading: l10n.t('Failed lookups'),
    resultsHeading: l10n.t('Results'),
    invalidHeading: l10n.t('Lines that are not numbers (not looked up)'),
    lineColumn: l10n.t('Line'),
    inputColumn: l10n.t('Input'),
    reasonColumn: l10n.t('Why'),
    exportCsv: l10n.t('Export CSV'),
    exportJson: l10n.t('Export JSON'),
    cancel: l10n.t('Cancel'),
    openHint: l10n.t('Press Enter or click a row to open its report.'),
    cancelledMark: l10n.t('cancelled'),
    sortHint: l10n.t('Sort by this column'),
  };
}

export interface BatchModelInput {
  readonly id: string;
  readonly sendId: string;
  readonly seq: number;
  readonly lang: string;
  readonly state: BatchModel['state'];
  readonly result: BatchResult;
  readonly total: number;
  readonly invalid: readonly InvalidEntry[];
  readonly sort: { readonly key: BatchSortKey; readonly dir: 'asc' | 'desc' };
  /** The send's summary, once asked for (the batch asks when it starts). */
  readonly summary?: SummaryState;
  /** The input line of each number, by index. */
  readonly lines?: readonly number[];
  readonly now?: number;
}

export function batchModel(input: BatchModelInput): BatchModel {
  const { result } = input;
  const done = result.items.filter((i) => i.status !== 'cancelled' && i.result !== undefined).length;
  const counts = summarizeCounts(result).map((c) => ({
    key: c.key,
    label: c.label,
    count: c.count,
    group: c.kind === 'status' ? describeStatus(c.key).group : c.kind,
  }));
  const rows = sortItems(result.items, input.sort.key, input.sort.dir).map((item) => rowView(item, input.lines));
  const n = (x: number, fractionDigits = 0): string => formatNumber(x, input.lang, fractionDigits);
  const total = input.total;
  const subtitle =
    input.state === 'running'
      ? plural(
          total,
          l10n.t('{0} of {1} number looked up…', n(done), n(total)),
          l10n.t('{0} of {1} numbers looked up…', n(done), n(total)),
        )
      : input.state === 'cancelled'
        ? plural(
            total,
            l10n.t('Cancelled after {0} of {1} number.', n(done), n(total)),
            l10n.t('Cancelled after {0} of {1} numbers; the finished ones are kept.', n(done), n(total)),
          )
        : plural(
            total,
            l10n.t('{0} number looked up in {1} s.', n(total), n(result.durationMs / 1000, 1)),
            l10n.t('{0} numbers looked up in {1} s.', n(total), n(result.durationMs / 1000, 1)),
          );
  return {
    v: 1,
    kind: 'batch',
    seq: input.seq,
    lang: input.lang,
    id: input.id,
    sendId: input.sendId,
    title: plural(
      total,
      l10n.t('Send {0}: {1} number', input.sendId, n(total)),
      l10n.t('Send {0}: {1} numbers', input.sendId, n(total)),
    ),
    subtitle,
    state: input.state,
    done,
    total: input.total,
    counts,
    rows,
    sort: input.sort,
    invalid: input.invalid.map((i) => ({ line: i.line, input: i.input, message: i.message })),
    strings: batchStrings(),
    ...(input.summary
      ? {
          send: {
            view: sendView(input.sendId, input.summary, { lang: input.lang, now: input.now ?? Date.now() }),
            strings: tipStrings(),
          },
        }
      : {}),
    announcement: input.state === 'running' ? '' : subtitle,
  };
}

function rowView(item: BatchItem, lines: readonly number[] | undefined): BatchRowView {
  const r = item.result;
  const line = lines?.[item.index];
  const at = { index: item.index, ...(line !== undefined ? { line } : {}) };
  if (item.status === 'cancelled' || !r) return { ...at, number: item.number, cancelled: true };
  if (r.ok) {
    return {
      ...at,
      number: item.number,
      status: statusView(describeStatus(r.report.status)),
      ...((r.report.updatedAt ?? r.report.createdAt) ? { time: r.report.updatedAt ?? r.report.createdAt } : {}),
    };
  }
  return { ...at, number: item.number, error: describeError(r.error).title, errorKind: r.error.kind };
}
