// One report panel (viewType vairosms.report): one tab per send ID + number. It opens at once in a loading state, is
// updated only by postMessage after the webview's "ready", keeps its model in webview state so the serializer restores
// it after a reload, and accepts only the allowlisted messages of src/shared/protocol/report.ts (its webview channel,
// src/views/webviewChannel.ts, does the handshake, the posting and the acks). It draws what it is told (a lookup
// started or finished, a stored report, the watch state): the models come from src/core/report/reportModel.ts.
import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { type HistoryEntry } from '../core/history/history';
import { type LookupKey } from '../core/lookupKey';
import { type Report } from '../core/report/report';
import { errorModel, loadingModel, reportModel, type ModelContext } from '../core/report/reportModel';
import { diagnosisView, sendView, type SummaryState } from '../core/send/sendModel';
import { Disposable } from '../disposable';
import { type Log } from '../services/log';
import { type LookupFinished } from '../services/lookupService';
import * as settings from '../services/settings';
import { parseFromReportWebview, type FromReportWebview, type ReportModel } from '../shared/protocol/report';
import { type PageTiming, type WebviewTiming } from '../instrumentation/renderTimings';
import { WebviewChannel, type PageMessage } from './webviewChannel';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** What the report page's buttons ask for. */
export type ReportAction = PageMessage<FromReportWebview>;

export interface PanelHandlers {
  onMessage(panel: ReportPanel, message: ReportAction): void;
  onDispose(panel: ReportPanel): void;
  /** The other form of the number to offer after "not found" (10 ↔ 12 digits), once; undefined: none. */
  otherForm(panel: ReportPanel): string | undefined;
  /** The name to show for the account a report was looked up with; undefined while there is only one account. */
  accountName(account: string | undefined): string | undefined;
}

/** A report to draw: the lookup's key, the report and when it was checked, and what Recent Lookups knows of it. */
interface ReportInput {
  readonly report: Report;
  readonly checkedAt: number;
  readonly fromHistory: boolean;
  readonly timeline?: HistoryEntry['timeline'];
  readonly previousStatus?: string;
  readonly watching: boolean;
}

export interface ReportPanelOptions {
  readonly key: LookupKey;
  readonly panel: vscode.WebviewPanel;
  readonly extensionUri: vscode.Uri;
  readonly handlers: PanelHandlers;
  readonly log: Log;
  /** The model a window saved before it was reloaded (the serializer's): drawn once the page is ready. */
  readonly restored?: ReportModel;
  /** A preview tab (vairosms.reports.reuseTab): the next lookup of another number opens in it. */
  readonly preview?: boolean;
}

/** Whether any panel has shown a report in this window (the walkthrough's context key is set once). */
let shownReport = false;

export class ReportPanel extends Disposable {
  /** The account of the report shown (its lookup's, or its Recent Lookups entry's). */
  account: string | undefined;
  /** The account whose send summary this panel follows: its latest lookup's, or the stored entry's it shows (two
   *  accounts' sends of one ID are two sends). Set by ReportPanels when it opens the panel for one. */
  sendAccount: string | undefined;
  readonly panel: vscode.WebviewPanel;
  private readonly handlers: PanelHandlers;
  readonly #channel: WebviewChannel<ReportModel, FromReportWebview>;
  /** What the panel showed before the lookup now running: drawn again when that lookup is cancelled. */
  private beforeLoading: ReportModel | undefined;
  private seq = 0;
  private answer: unknown;
  private answerBody: string | undefined;
  /** The send's summary as this panel knows it (src/core/send/sendModel.ts): drawn into every model. */
  private summary: SummaryState | undefined;
  /** Whether it was created for a lookup that has not finished. */
  private newForLookup: boolean;
  /** VS Code's preview-editor idea for report tabs: the next lookup of another number opens in this tab, until the
   *  user keeps it (Keep Open, or any action in it: Refresh, Watch, Copy…). Restored tabs are kept. */
  private previewTab: boolean;
  private currentKey: LookupKey;

  constructor({ key, panel, extensionUri, handlers, log, restored, preview = false }: ReportPanelOptions) {
    super();
    this.panel = panel;
    this.handlers = handlers;
    this.currentKey = key;
    this.previewTab = preview && restored === undefined;
    this.seq = restored?.seq ?? 0;
    this.newForLookup = restored === undefined;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    this.updateTitle();
    this.#channel = this.register(
      new WebviewChannel({
        webview: panel.webview,
        page: 'report',
        parse: parseFromReportWebview,
        onMessage: (message) => this.handlers.onMessage(this, message),
        log,
        ...(restored ? { model: restored } : {}),
      }),
    );
    this.register(
      panel.onDidDispose(() => {
        this.handlers.onDispose(this);
        this.dispose();
      }),
    );
    panel.webview.html = webviewHtml(
      panel.webview,
      extensionUri,
      vscode.env.language,
      {
        heading: vscode.l10n.t('VairoSMS number report'),
        title: vscode.l10n.t('{0} in send #{1}', key.number, key.sendId),
        text: vscode.l10n.t('Looking up the report…'),
      },
      'report',
    );
  }

  /** The page's own marks (epoch ms): created, said ready, loaded, first painted (the benchmark reads them). */
  get page(): PageTiming {
    return this.#channel.page;
  }

  private get model(): ReportModel | undefined {
    return this.#channel.latest;
  }

  /** The lookup this tab shows (it changes when a preview tab is reused for another lookup). */
  get key(): LookupKey {
    return this.currentKey;
  }

  get isPreview(): boolean {
    return this.previewTab;
  }

  /** The user kept this tab: the next lookup opens a tab of its own. */
  keep(): void {
    if (!this.previewTab) return;
    this.previewTab = false;
    if (this.model) void this.render(this.again(this.model));
  }

  /** A preview tab reused for another lookup: everything of the old one goes (its answer, summary, account) and the
   *  title follows; what it draws next (the loading state, or a stored report) is the caller's, in one render. */
  retarget(key: LookupKey): void {
    this.currentKey = key;
    this.#channel.forget();
    this.beforeLoading = undefined;
    this.answer = undefined;
    this.answerBody = undefined;
    this.summary = undefined;
    this.lastInput = undefined;
    this.account = undefined;
    this.sendAccount = undefined;
    this.newForLookup = true;
    this.updateTitle();
  }

  get current(): ReportModel | undefined {
    return this.model;
  }

  /** Created for a lookup that has not finished yet (it has shown nothing else). */
  get isNew(): boolean {
    return this.newForLookup;
  }

  /** The last answer body as JSON (redacted), for Copy JSON and Show Raw Response; undefined for a stored report. */
  get raw(): unknown {
    return this.answer;
  }

  /** The last answer's body exactly as received (redacted), when this panel made the request. */
  get rawBody(): string | undefined {
    return this.answerBody;
  }

  updateTitle(): void {
    this.panel.title = vscode.l10n.t('{0} · send {1}', settings.displayNumber(this.key.number), this.key.sendId);
  }

  reveal(preserveFocus = false): void {
    if (!this.isDisposed) this.panel.reveal(undefined, preserveFocus);
  }

  // ---- what to draw ----

  /** `retryAt`: VairoSMS asked to wait (429); the lookup asks again by itself at that time (epoch ms). */
  showLoading(retryAt?: number): void {
    if (this.model?.state !== 'loading') this.beforeLoading = this.model;
    void this.render(loadingModel(this.ctx(), this.key.sendId, this.key.number, this.beforeLoading, retryAt));
  }

  /** Draws a lookup's result. Resolves with the webview's timings once the result is on screen (undefined when the
   *  panel went away, or when the result drew nothing new). */
  async showFinished(e: LookupFinished, watching: boolean): Promise<WebviewTiming | undefined> {
    const before = this.beforeLoading;
    this.beforeLoading = undefined;
    const result = e.result;
    if (!result.ok && result.error.kind === 'cancelled') {
      if (before) void this.render({ ...before, seq: this.nextSeq() });
      else if (this.newForLookup) this.panel.dispose(); // opened for this lookup and never showed anything
      return undefined;
    }
    this.newForLookup = false;
    this.answer = result.raw;
    this.answerBody = result.body;
    this.account = e.account;
    if (!result.ok) {
      const other = result.error.kind === 'not-found' ? this.handlers.otherForm(this) : undefined;
      void this.render(errorModel(this.ctx(), this.key.sendId, this.key.number, result.error, before, other));
      return undefined;
    }
    return this.render(
      this.reportModel({
        report: result.report,
        checkedAt: e.checkedAt,
        fromHistory: false,
        timeline: e.entry?.timeline,
        previousStatus: e.previousStatus ?? (before?.state === 'report' ? before.status?.code : undefined),
        watching,
      }),
    );
  }

  /** A report looked up elsewhere (a batch row), drawn without another request. */
  showReport(
    report: Report,
    checkedAt: number,
    raw: unknown,
    entry: HistoryEntry | undefined,
    watching: boolean,
  ): void {
    this.newForLookup = false;
    this.answer = raw;
    this.answerBody = undefined;
    this.account = entry?.account ?? this.account;
    void this.render(this.reportModel({ report, checkedAt, fromHistory: false, timeline: entry?.timeline, watching }));
  }

  /** The stored report of Recent Lookups, drawn without any network call. */
  showStored(entry: HistoryEntry, watching: boolean): void {
    this.newForLookup = false;
    this.account = entry.account;
    const stored = entry.report
      ? this.reportModel({
          report: entry.report,
          checkedAt: entry.checkedAt,
          fromHistory: true,
          timeline: entry.timeline,
          watching,
        })
      : undefined;
    // The last attempt failed: its error, with the last report (if any) kept under it, as after a failed Refresh.
    if (entry.failure) {
      void this.render(errorModel(this.ctx(), this.key.sendId, this.key.number, entry.failure, stored));
      return;
    }
    if (stored) void this.render(stored);
  }

  /** The send's summary: loading, its result, or none known; the current model is drawn again with it. `draw` false:
   *  kept for the next render (a restored panel is drawn once, with it). */
  showSummary(summary: SummaryState | undefined, draw = true): void {
    this.summary = summary;
    if (draw && this.model) void this.render(this.again(this.model));
  }

  /** The same report again with the watch buttons, the watch note and the timeline updated. */
  showWatching(watching: boolean): void {
    if (this.model?.state !== 'report') return;
    const input = this.lastInput;
    void this.render(this.again(input ? this.reportModel({ ...input, watching }) : { ...this.model, watching }));
  }

  /** A restored model drawn again under a new sequence number. */
  redraw(model: ReportModel): void {
    void this.render({ ...model, seq: this.nextSeq() });
  }

  /** The model with the send's section and the diagnosis line as this panel knows them now. */
  private withSend(model: ReportModel): ReportModel {
    const { send: _send, diagnosis: _diagnosis, ...rest } = model;
    if (!this.summary) return rest;
    const ctx = { lang: model.lang, now: Date.now() };
    const diagnosis = model.state === 'report' ? diagnosisView(model.status?.code, this.summary, ctx) : undefined;
    return { ...rest, send: sendView(this.key.sendId, this.summary, ctx), ...(diagnosis ? { diagnosis } : {}) };
  }

  /** The input of the last report drawn, to draw it again with the watch state. */
  private lastInput: ReportInput | undefined;

  private reportModel(input: ReportInput): ReportModel {
    this.lastInput = input;
    return reportModel(this.ctx(), { sendId: this.key.sendId, number: this.key.number, ...input });
  }

  /** The model with the account's field as things are now (its name, or none while there is one account). */
  private withAccount(model: ReportModel): ReportModel {
    const fields = model.fields.filter((f) => f.id !== 'account');
    const name = model.fields.length ? this.handlers.accountName(this.account) : undefined;
    return {
      ...model,
      fields:
        name !== undefined ? [{ id: 'account', label: vscode.l10n.t('Account'), value: name }, ...fields] : fields,
    };
  }

  /** Draws the current model again: the account's name or the accounts changed. */
  refreshAccount(): void {
    if (this.model) void this.render(this.again(this.model));
  }

  private ctx(): ModelContext {
    return { seq: this.nextSeq(), lang: vscode.env.language, now: Date.now(), keepMessage: settings.keepMessageText() };
  }

  /** The model drawn again for a change around it (the send's summary, the watch buttons, the account's name): a new
   *  sequence number, and nothing for the live region to say again, so a status change is announced once. */
  private again(model: ReportModel): ReportModel {
    return { ...model, seq: this.nextSeq(), announcement: '' };
  }

  private nextSeq(): number {
    return ++this.seq;
  }

  /** Shows a model; resolves when the webview has drawn it (with the webview's own timings), or when the panel
   *  is gone. */
  private render(drawn: ReportModel): Promise<WebviewTiming | undefined> {
    const { preview: _preview, ...rest } = this.withAccount(this.withSend(drawn));
    const model: ReportModel = this.previewTab
      ? {
          ...rest,
          preview: {
            keep: vscode.l10n.t('Keep Open'),
            note: vscode.l10n.t('Preview tab: the next lookup of another number opens here.'),
          },
        }
      : rest;
    if (model.state === 'report' && !shownReport) {
      shownReport = true;
      void vscode.commands.executeCommand('setContext', ContextKeys.hasShownReport, true);
    }
    return this.#channel.show(model);
  }

  /** Every message from the webview comes in here (the test seam delivers some too). */
  receive(data: unknown): void {
    this.#channel.receive(data);
  }
}
