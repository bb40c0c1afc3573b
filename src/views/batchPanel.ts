// The batch results table (viewType vairosms.batch): one tab per batch run, updated live while the batch runs
// (at most every 250 ms), sorted by the host (core sortItems), rows open their report, export to CSV or JSON.
// It is not restored after a reload: every answered number is in Recent Lookups by then. Its webview channel
// (src/views/webviewChannel.ts) holds the next model back until the page has painted the last one.
import * as vscode from 'vscode';
import { Views } from '../constants';
import { type BatchResult } from '../core/batch/batchRun';
import { type InvalidEntry } from '../core/batch/numberList';
import { batchModel } from '../core/batch/batchModel';
import { type SummaryState } from '../core/send/sendModel';
import { Disposable } from '../disposable';
import {
  parseFromBatchWebview,
  type BatchModel,
  type BatchSortKey,
  type FromBatchWebview,
} from '../shared/protocol/batch';
import { type Log } from '../services/log';
import { WebviewChannel, type PageMessage } from './webviewChannel';
import { webviewHtml, webviewOptions } from './webviewHtml';

const BATCH_VIEW_TYPE = Views.batchPanel;
const RENDER_INTERVAL_MS = 250;

interface BatchPanelHandlers {
  openRow(index: number): void;
  export(format: 'csv' | 'json'): void;
  cancel(): void;
}

export interface BatchPanelOptions {
  readonly extensionUri: vscode.Uri;
  readonly id: string;
  readonly sendId: string;
  readonly total: number;
  readonly invalid: readonly InvalidEntry[];
  /** The input line of each number, by index. */
  readonly lines: readonly number[];
  readonly handlers: BatchPanelHandlers;
  readonly log: Log;
}

export class BatchPanel extends Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly id: string;
  readonly sendId: string;
  readonly #options: BatchPanelOptions;
  readonly #channel: WebviewChannel<BatchModel, FromBatchWebview>;
  private seq = 0;
  private state: BatchModel['state'] = 'running';
  private source: BatchResult | (() => BatchResult);
  private sort: { key: BatchSortKey; dir: 'asc' | 'desc' } = { key: 'status', dir: 'asc' };
  private timer: NodeJS.Timeout | undefined;
  private lastRender = 0;
  private summary: SummaryState | undefined;

  constructor(options: BatchPanelOptions) {
    super();
    const { extensionUri, sendId } = options;
    this.#options = options;
    this.id = options.id;
    this.sendId = sendId;
    this.source = { items: [], cancelled: false, counts: {}, durationMs: 0, maxConcurrency: 0 };
    this.panel = vscode.window.createWebviewPanel(
      BATCH_VIEW_TYPE,
      vscode.l10n.t('Batch · send {0}', sendId),
      { viewColumn: vscode.ViewColumn.Active },
      webviewOptions(extensionUri),
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    this.register(this.panel);
    this.#channel = this.register(
      new WebviewChannel({
        webview: this.panel.webview,
        page: 'batch',
        parse: parseFromBatchWebview,
        onMessage: (m) => this.handle(m),
        log: options.log,
        build: () => this.model(),
      }),
    );
    this.register(this.panel.onDidDispose(() => this.dispose()));
    this.panel.webview.html = webviewHtml(
      this.panel.webview,
      extensionUri,
      vscode.env.language,
      { text: vscode.l10n.t('Looking up the numbers…') },
      'batch',
    );
  }

  get items(): BatchResult['items'] {
    return this.snapshot().items;
  }

  private snapshot(): BatchResult {
    if (typeof this.source === 'function') this.source = this.source();
    return this.source;
  }

  /** Shows the batch's progress; renders at most every 250 ms unless `final`. A running batch passes a function, so
   *  its snapshot (counts included) is built only when a render is due, not for every answer. */
  update(result: BatchResult | (() => BatchResult), state: BatchModel['state']): Promise<void> {
    this.source = result;
    this.state = state;
    if (this.isDisposed) return Promise.resolve();
    const final = state !== 'running';
    const wait = RENDER_INTERVAL_MS - (Date.now() - this.lastRender);
    if (final || wait <= 0) return this.renderNow();
    if (!this.timer)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.renderNow();
      }, wait);
    return Promise.resolve();
  }

  /** Shows the send's summary above the table (the batch fetches it once, when it starts). */
  showSummary(summary: SummaryState): Promise<void> {
    this.summary = summary;
    return this.isDisposed ? Promise.resolve() : this.renderNow();
  }

  /** A model of the newest state, posted when the page has painted the last one (the channel's back-pressure). */
  private async renderNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.#channel.redraw();
  }

  /** The channel builds the model when the page may have it. */
  private model(): BatchModel {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastRender = Date.now();
    return batchModel({
      id: this.id,
      sendId: this.sendId,
      seq: ++this.seq,
      lang: vscode.env.language,
      state: this.state,
      result: this.snapshot(),
      total: this.#options.total,
      invalid: this.#options.invalid,
      lines: this.#options.lines,
      sort: this.sort,
      ...(this.summary ? { summary: this.summary } : {}),
    });
  }

  private handle(m: PageMessage<FromBatchWebview>): void {
    const handlers = this.#options.handlers;
    switch (m.type) {
      case 'sort':
        this.sort = { key: m.key, dir: this.sort.key === m.key && this.sort.dir === 'asc' ? 'desc' : 'asc' };
        void this.renderNow();
        return;
      case 'openRow':
        handlers.openRow(m.index);
        return;
      case 'exportCsv':
        handlers.export('csv');
        return;
      case 'exportJson':
        handlers.export('json');
        return;
      case 'cancel':
        handlers.cancel();
        return;
      default: {
        const never: never = m;
        return never;
      }
    }
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    super.dispose();
  }
}
