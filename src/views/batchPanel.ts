// The batch results table (viewType vairosms.batch): one tab per batch run, updated live while the batch runs
// (at most every 250 ms), sorted by the host (core sortItems), rows open their report, export to CSV or JSON.
// It is not restored after a reload: every answered number is in Recent Lookups by then.
import * as vscode from 'vscode';
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
} from '../shared/protocol/report';
import { type Log } from '../services/log';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const BATCH_VIEW_TYPE = 'vairosms.batch';
const RENDER_INTERVAL_MS = 250;

export interface BatchPanelHandlers {
  openRow(index: number): void;
  export(format: 'csv' | 'json'): void;
  cancel(): void;
}

export class BatchPanel extends Disposable {
  readonly panel: vscode.WebviewPanel;
  private ready = false;
  private seq = 0;
  private state: BatchModel['state'] = 'running';
  private source: BatchResult | (() => BatchResult);
  private sort: { key: BatchSortKey; dir: 'asc' | 'desc' } = { key: 'status', dir: 'asc' };
  private timer: NodeJS.Timeout | undefined;
  private lastRender = 0;
  private model: BatchModel | undefined;
  private summary: SummaryState | undefined;
  /** The seq of the model posted to the webview and not drawn yet; `dirty`: a newer one is waiting for it. */
  private posted: number | undefined;
  private dirty = false;
  private readonly renderedWaiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(
    extensionUri: vscode.Uri,
    readonly id: string,
    readonly sendId: string,
    private readonly total: number,
    private readonly invalid: readonly InvalidEntry[],
    /** The input line of each number, by index. */
    private readonly lines: readonly number[],
    private readonly handlers: BatchPanelHandlers,
    private readonly log: Log,
  ) {
    super();
    this.source = { items: [], cancelled: false, counts: {}, durationMs: 0, maxConcurrency: 0 };
    this.panel = vscode.window.createWebviewPanel(
      BATCH_VIEW_TYPE,
      vscode.l10n.t('Batch · send {0}', sendId),
      { viewColumn: vscode.ViewColumn.Active },
      webviewOptions(extensionUri),
    );
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    this.register(this.panel);
    this.register(this.panel.webview.onDidReceiveMessage((d: unknown) => this.receive(d)));
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

  private renderNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.posted !== undefined) {
      // Back-pressure: the webview has not drawn the last model yet. Draw the newest when it has, never queue up
      // models (a 10,000-row table is megabytes; queued ones piled up in the extension host's memory).
      this.dirty = true;
      return new Promise<void>((resolve) => this.renderedWaiters.push({ seq: this.seq + 1, resolve }));
    }
    this.lastRender = Date.now();
    const model = batchModel({
      id: this.id,
      sendId: this.sendId,
      seq: ++this.seq,
      lang: vscode.env.language,
      state: this.state,
      result: this.snapshot(),
      total: this.total,
      invalid: this.invalid,
      lines: this.lines,
      sort: this.sort,
      ...(this.summary ? { summary: this.summary } : {}),
    });
    this.model = model;
    const done = new Promise<void>((resolve) => this.renderedWaiters.push({ seq: model.seq, resolve }));
    if (this.ready) this.post(model);
    return done;
  }

  private post(model: BatchModel): void {
    this.posted = model.seq;
    void this.panel.webview.postMessage({ type: 'render', model }).then(undefined, () => undefined);
  }

  /** The webview drew `seq` (or started over): the newest model may go now. */
  private acked(): void {
    this.posted = undefined;
    if (this.dirty) {
      this.dirty = false;
      void this.renderNow();
    }
  }

  private receive(data: unknown): void {
    const m = parseFromBatchWebview(data);
    if (!m) {
      this.log.warn('ignored a message from the batch webview that is not on the allowlist');
      return;
    }
    this.handle(m);
  }

  private handle(m: FromBatchWebview): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.posted = undefined;
        if (this.model && !this.dirty) this.post(this.model);
        else {
          this.dirty = false;
          void this.renderNow();
        }
        return;
      case 'rendered':
        for (let i = this.renderedWaiters.length - 1; i >= 0; i--) {
          if (this.renderedWaiters[i].seq <= m.seq) this.renderedWaiters.splice(i, 1)[0].resolve();
        }
        if (this.posted !== undefined && m.seq >= this.posted) this.acked();
        return;
      case 'sort':
        this.sort = { key: m.key, dir: this.sort.key === m.key && this.sort.dir === 'asc' ? 'desc' : 'asc' };
        void this.renderNow();
        return;
      case 'openRow':
        this.handlers.openRow(m.index);
        return;
      case 'exportCsv':
        this.handlers.export('csv');
        return;
      case 'exportJson':
        this.handlers.export('json');
        return;
      case 'cancel':
        this.handlers.cancel();
        return;
      default: {
        const never: never = m;
        return never;
      }
    }
  }

  override dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.renderedWaiters.splice(0).forEach((w) => w.resolve());
    super.dispose();
  }
}
