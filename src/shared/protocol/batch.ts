// The batch results page (viewType vairosms.batch, drawn by src/webview/batch.ts): the table of a batch run, its
// counts, the lines that were not numbers and the send's summary; and the only messages its webview may post back,
// with their allowlist.
import { allowlist, bare, oneOf, renderedSeq, type PageModel, type Ready } from './common';
import { type SendView, type StatusGroupView, type StatusView, type TipStrings } from './parts';

export type BatchSortKey = 'line' | 'number' | 'status' | 'time' | 'error';

export interface BatchRowView {
  readonly index: number;
  /** The 1-based line of the input the number was read from. */
  readonly line?: number;
  readonly number: string;
  readonly status?: StatusView;
  /** The class of error when the lookup failed. */
  readonly error?: string;
  readonly errorKind?: string;
  /** The report's updated_at (else created_at), as received. */
  readonly time?: string;
  readonly cancelled?: boolean;
}

export interface BatchStrings {
  readonly heading: string;
  readonly numberColumn: string;
  readonly statusColumn: string;
  readonly timeColumn: string;
  readonly errorColumn: string;
  readonly countsHeading: string;
  /** The failed lookups' counts, apart from the status codes: "Failed lookups". */
  readonly failuresHeading: string;
  readonly resultsHeading: string;
  readonly invalidHeading: string;
  readonly lineColumn: string;
  readonly inputColumn: string;
  readonly reasonColumn: string;
  readonly exportCsv: string;
  readonly exportJson: string;
  readonly cancel: string;
  readonly openHint: string;
  readonly cancelledMark: string;
  readonly sortHint: string;
}

export interface BatchModel extends PageModel {
  readonly v: 1;
  readonly kind: 'batch';
  readonly seq: number;
  readonly lang: string;
  readonly id: string;
  readonly sendId: string;
  readonly title: string;
  readonly subtitle: string;
  readonly state: 'running' | 'done' | 'cancelled';
  readonly done: number;
  readonly total: number;
  readonly counts: ReadonlyArray<{
    readonly key: string;
    readonly label: string;
    readonly count: number;
    readonly group: StatusGroupView | 'error' | 'cancelled';
  }>;
  readonly rows: readonly BatchRowView[];
  readonly sort: { readonly key: BatchSortKey; readonly dir: 'asc' | 'desc' };
  readonly invalid: ReadonlyArray<{ readonly line: number; readonly input: string; readonly message: string }>;
  readonly strings: BatchStrings;
  /** The send's summary, fetched once when the batch starts, shown above the table. */
  readonly send?: { readonly view: SendView; readonly strings: TipStrings };
  readonly announcement: string;
}

export type FromBatchWebview =
  | Ready
  | { readonly type: 'rendered'; readonly seq: number }
  | { readonly type: 'sort'; readonly key: BatchSortKey }
  | { readonly type: 'openRow'; readonly index: number }
  | { readonly type: 'exportCsv' }
  | { readonly type: 'exportJson' }
  | { readonly type: 'cancel' };

const SORT_KEYS: readonly BatchSortKey[] = ['line', 'number', 'status', 'time', 'error'];

/** The batch page's allowlist, with the same shape checks and size cap as the report's. */
export const parseFromBatchWebview = allowlist<FromBatchWebview>({
  ...bare('ready', 'exportCsv', 'exportJson', 'cancel'),
  rendered: renderedSeq,
  sort: ({ m, only }) => {
    const key = only('type', 'key') ? oneOf(m.key, SORT_KEYS) : undefined;
    return key ? { type: 'sort', key } : undefined;
  },
  openRow: ({ m, only }) =>
    only('type', 'index') && typeof m.index === 'number' && Number.isSafeInteger(m.index) && m.index >= 0
      ? { type: 'openRow', index: m.index }
      : undefined,
});
