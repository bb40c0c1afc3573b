// Runs lookups into report panels: the panel opens at once in a loading state, the request runs under a
// cancellable progress notification, the latest lookup for a panel wins (earlier ones are aborted), results land
// in the panel and in recent lookups, failures in the panel and a notification with the next step.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { describeError, type LookupError } from '../core/errors';
import { addEntry, type HistoryEntry } from '../core/history';
import { maskPhone } from '../core/phone';
import { type Report } from '../core/report';
import { type LookupResult } from '../core/lookup';
import { errorModel, loadingModel, reportModel, type ModelContext } from '../core/reportModel';
import { type ErrorActionId, type FromWebview, type ReportModel } from '../shared/protocol';
import { Disposable } from '../disposable';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { type ReportClient } from '../services/reportClient';
import * as settings from '../services/settings';
import { ReportPanels, type PanelKey, type ReportPanel } from './reportPanel';

export type LookupOutcome =
  { readonly ok: true; readonly status: string } | { readonly ok: false; readonly error: LookupError['kind'] };

export interface RunOptions {
  /** Keep focus where it is (tree refresh, watch). */
  readonly preserveFocus?: boolean;
  /** Show the progress notification (default true). */
  readonly progress?: boolean;
  /** Show a notification on failure (default true). */
  readonly notifyErrors?: boolean;
  readonly signal?: AbortSignal;
  /** false: update an open panel, but open none (watch checks). Default true. */
  readonly openPanel?: boolean;
}

export interface WatchActions {
  readonly watch?: (key: PanelKey) => void;
  readonly stopWatching?: (key: PanelKey) => void;
  readonly isWatching?: (key: PanelKey) => boolean;
}

/** Aborts when either signal does. */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const c = new AbortController();
  const abort = () => c.abort();
  if (a.aborted || b.aborted) c.abort();
  a.addEventListener('abort', abort, { once: true });
  b.addEventListener('abort', abort, { once: true });
  return c.signal;
}

/** One lookup's timing from the answer's arrival to the webview's "rendered" ack (the benchmark reads these). */
export interface RenderTiming {
  readonly newPanel: boolean;
  readonly responseToRenderedMs: number;
  /** The webview's own time to build the DOM for it. */
  readonly webviewRenderMs?: number;
  /** The webview's time from the model's arrival to its ack: the DOM build and the wait for a painted frame. The rest
   *  of responseToRenderedMs is VS Code's messaging between the extension host and the webview, both ways. */
  readonly webviewFrameMs?: number;
  /** The panel existed (was shown in its loading state) before the answer arrived. */
  readonly panelBeforeResponse: boolean;
}

export class ReportController extends Disposable {
  readonly panels: ReportPanels;
  /** The last 200 render timings, oldest first. */
  readonly renderTimings: RenderTiming[] = [];
  private readonly lookedUp = this.register(new vscode.EventEmitter<{ key: PanelKey; status: string }>());
  /** Fires after every successful lookup, whoever started it. */
  readonly onDidLookUp = this.lookedUp.event;

  constructor(
    readonly extensionUri: vscode.Uri,
    private readonly client: ReportClient,
    private readonly history: HistoryStore,
    private readonly log: Log,
  ) {
    super();
    this.panels = this.register(
      new ReportPanels(extensionUri, log, {
        onMessage: (panel, message) => this.onMessage(panel, message),
        onRestore: (panel, model) => this.onRestore(panel, model),
      }),
    );
  }

  private actions: WatchActions = {};

  /** The watcher is built after the controller (it runs lookups through it). */
  attachWatcher(actions: WatchActions): void {
    this.actions = actions;
  }

  private ctx(seq: number): ModelContext {
    return { seq, lang: vscode.env.language, now: Date.now() };
  }

  /** Reopens a stored lookup without any network call. */
  showStored(entry: HistoryEntry): ReportPanel {
    const key = { sendId: entry.sendId, number: entry.number };
    const { panel } = this.panels.open(key);
    if (!panel.request) void panel.render(this.storedModel(panel, entry));
    return panel;
  }

  /** Shows a report that was just looked up elsewhere (a batch row), without another request. */
  showResult(key: PanelKey, report: Report, checkedAt: number, raw: unknown): ReportPanel {
    const { panel } = this.panels.open(key);
    if (!panel.request) {
      panel.raw = raw;
      const entry = this.history.find(key);
      void panel.render(
        reportModel(this.ctx(panel.nextSeq()), {
          sendId: key.sendId,
          number: key.number,
          report,
          checkedAt,
          fromHistory: false,
          timeline: entry?.timeline,
          watching: this.actions.isWatching?.(key) === true,
        }),
      );
    }
    return panel;
  }

  private storedModel(panel: ReportPanel, entry: HistoryEntry): ReportModel {
    return reportModel(this.ctx(panel.nextSeq()), {
      sendId: entry.sendId,
      number: entry.number,
      report: entry.report,
      checkedAt: entry.checkedAt,
      fromHistory: true,
      timeline: entry.timeline,
      watching: this.actions.isWatching?.(entry) === true,
    });
  }

  async run(key: PanelKey, options: RunOptions = {}): Promise<LookupOutcome> {
    const existing = this.panels.get(key);
    if (options.openPanel === false && !existing) return this.runWithoutPanel(key, options);
    const { panel, created } =
      existing && options.openPanel === false
        ? { panel: existing, created: false }
        : this.panels.open(key, options.preserveFocus === true);
    const panelAt = performance.now();
    panel.request?.abort(); // the latest lookup for a panel wins
    const controller = new AbortController();
    panel.request = controller;
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const previous = panel.current?.state === 'loading' ? undefined : panel.current;
    void panel.render(loadingModel(this.ctx(panel.nextSeq()), key.sendId, key.number, previous));

    let result: LookupResult;
    try {
      result = await this.lookUpWithProgress(key, controller.signal, options);
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
    const arrivedAt = performance.now();
    if (panel.request !== controller) {
      // A newer lookup for this panel took over, or the panel closed: this answer is not shown anywhere.
      return { ok: false, error: 'cancelled' };
    }
    panel.request = undefined;

    if (!result.ok && result.error.kind === 'cancelled') {
      if (created && !previous) panel.panel.dispose();
      else if (previous) void panel.render({ ...previous, seq: panel.nextSeq() });
      return { ok: false, error: 'cancelled' };
    }
    if (result.ok) {
      const checkedAt = Date.now();
      const before = this.history.find(key);
      const fresh: HistoryEntry = { sendId: key.sendId, number: key.number, checkedAt, report: result.report };
      // The entry as recent lookups will keep it (its timeline merged), worked out here so the panel is drawn before
      // the write to globalState, which is a round trip to the workbench of its own.
      const [entry] = addEntry(before ? [before] : [], fresh, 1);
      panel.raw = result.raw;
      void panel
        .render(
          this.freshModel(
            panel,
            key,
            result.report,
            checkedAt,
            entry,
            before?.report.status ?? previousStatus(previous),
          ),
        )
        .then((timing) =>
          this.recordRender({
            newPanel: created,
            responseToRenderedMs: performance.now() - arrivedAt,
            panelBeforeResponse: panelAt <= arrivedAt,
            ...(timing?.renderMs !== undefined ? { webviewRenderMs: timing.renderMs } : {}),
            ...(timing?.frameMs !== undefined ? { webviewFrameMs: timing.frameMs } : {}),
          }),
        );
      await this.history.add(fresh);
      this.lookedUp.fire({ key, status: result.report.status });
      return { ok: true, status: result.report.status };
    }
    panel.raw = result.raw;
    void panel.render(errorModel(this.ctx(panel.nextSeq()), key.sendId, key.number, result.error, previous));
    if (options.notifyErrors !== false) void this.notifyError(key, result.error);
    return { ok: false, error: result.error.kind };
  }

  private recordRender(t: RenderTiming): void {
    this.renderTimings.push(t);
    if (this.renderTimings.length > 200) this.renderTimings.shift();
  }

  /** A lookup whose result goes only to recent lookups (a watch check while its panel is closed). */
  private async runWithoutPanel(key: PanelKey, options: RunOptions): Promise<LookupOutcome> {
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    let result: LookupResult;
    try {
      result = await this.lookUpWithProgress(key, controller.signal, options);
    } finally {
      options.signal?.removeEventListener('abort', onOuterAbort);
    }
    if (result.ok) {
      await this.history.add({ sendId: key.sendId, number: key.number, checkedAt: Date.now(), report: result.report });
      this.lookedUp.fire({ key, status: result.report.status });
      return { ok: true, status: result.report.status };
    }
    if (result.error.kind !== 'cancelled' && options.notifyErrors !== false) void this.notifyError(key, result.error);
    return { ok: false, error: result.error.kind };
  }

  private lookUpWithProgress(key: PanelKey, signal: AbortSignal, options: RunOptions): Promise<LookupResult> {
    if (options.progress === false) return this.client.lookUp({ ...key, signal });
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('VairoSMS: looking up {0} in send {1}…', this.shownNumber(key.number), key.sendId),
          cancellable: true,
        },
        (_progress, token) => {
          const cancel = new AbortController();
          token.onCancellationRequested(() => cancel.abort());
          return this.client.lookUp({ ...key, signal: anySignal(signal, cancel.signal) });
        },
      ),
    );
  }

  private freshModel(
    panel: ReportPanel,
    key: PanelKey,
    report: Report,
    checkedAt: number,
    entry: HistoryEntry | undefined,
    before: string | undefined,
  ): ReportModel {
    return reportModel(this.ctx(panel.nextSeq()), {
      sendId: key.sendId,
      number: key.number,
      report,
      checkedAt,
      fromHistory: false,
      timeline: entry?.timeline,
      previousStatus: before,
      watching: this.actions.isWatching?.(key) === true,
    });
  }

  /** Redraws an open report when watching starts or stops: the same report, with the watch buttons updated. */
  rerender(key: PanelKey): void {
    const panel = this.panels.get(key);
    const current = panel?.current;
    if (panel && current?.state === 'report' && !panel.request) {
      void panel.render({ ...current, seq: panel.nextSeq(), watching: this.actions.isWatching?.(key) === true });
    }
  }

  private shownNumber(number: string): string {
    return settings.maskNumbers() ? maskPhone(number) : number;
  }

  private async notifyError(key: PanelKey, error: LookupError): Promise<void> {
    const d = describeError(error);
    const setKey = vscode.l10n.t('Set API Key…');
    const openSettings = vscode.l10n.t('Open Settings');
    const retry = vscode.l10n.t('Retry');
    const showLog = vscode.l10n.t('Show Log');
    const items = [
      ...(error.kind === 'unauthorized' || error.kind === 'no-key' ? [setKey] : []),
      ...(error.kind === 'config' ? [openSettings] : []),
      ...(d.retryable ? [retry] : []),
      showLog,
    ];
    // The provider's text is shown in the panel only: a notification would render links in it.
    const choice = await vscode.window.showErrorMessage(
      vscode.l10n.t(
        '{0} ({1} in send {2}): {3} {4}',
        d.title,
        this.shownNumber(key.number),
        key.sendId,
        d.message,
        d.action,
      ),
      ...items,
    );
    if (choice === setKey) await this.afterSetKey(key);
    else if (choice === openSettings)
      await vscode.commands.executeCommand('workbench.action.openSettings', 'vairosms.apiRoot');
    else if (choice === retry) await this.run(key);
    else if (choice === showLog) this.log.show();
  }

  private async afterSetKey(key: PanelKey): Promise<void> {
    const stored = await vscode.commands.executeCommand<boolean>(Commands.setApiKeyInternal);
    if (stored) await this.run(key);
  }

  private onMessage(panel: ReportPanel, message: FromWebview): void {
    const key = panel.key;
    switch (message.type) {
      case 'refresh':
        void this.run(key);
        return;
      case 'copyJson':
        void this.copyJson(panel);
        return;
      case 'showRaw':
        void vscode.commands.executeCommand(Commands.showRawResponse, key);
        return;
      case 'copyAsCurl':
        void vscode.commands.executeCommand(Commands.copyAsCurl, key);
        return;
      case 'watch':
        this.actions.watch?.(key);
        return;
      case 'stopWatching':
        this.actions.stopWatching?.(key);
        return;
      case 'errorAction':
        void this.errorAction(key, message.action);
        return;
      case 'ready':
      case 'rendered':
        return; // handled by the panel
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  private async errorAction(key: PanelKey, action: ErrorActionId): Promise<void> {
    switch (action) {
      case 'setApiKey':
        return this.afterSetKey(key);
      case 'retry':
        await this.run(key);
        return;
      case 'showLog':
        this.log.show();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', 'vairosms.apiRoot');
        return;
    }
  }

  /** The answer as JSON: the raw body when we have it, else the stored report in the API's own field names. */
  rawJson(key: PanelKey): { text: string; exact: boolean } | undefined {
    const panel = this.panels.get(key);
    if (panel?.raw !== undefined) return { text: JSON.stringify(panel.raw, null, 2), exact: true };
    const entry = this.history.find(key);
    if (!entry) return undefined;
    return { text: JSON.stringify({ durum: true, aciklama: toApiShape(entry) }, null, 2), exact: false };
  }

  private async copyJson(panel: ReportPanel): Promise<void> {
    const json = this.rawJson(panel.key);
    if (!json) return;
    await vscode.env.clipboard.writeText(json.text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Report JSON copied'), 3000);
  }

  private onRestore(panel: ReportPanel, model: ReportModel | undefined): void {
    const entry = this.history.find(panel.key);
    if (entry && (!model || model.state !== 'error')) {
      void panel.render(this.storedModel(panel, entry));
    } else if (model) {
      void panel.render({ ...model, seq: panel.nextSeq() });
    } else {
      panel.panel.dispose(); // it was mid-lookup and nothing is stored: nothing to show
    }
  }
}

function previousStatus(model: ReportModel | undefined): string | undefined {
  return model?.state === 'report' ? model.status?.code : undefined;
}

/** The stored report in the API's field names, for "Copy JSON" / "Show Raw Response" of a stored lookup. */
export function toApiShape(entry: HistoryEntry): Record<string, unknown> {
  const r = entry.report;
  const out: Record<string, unknown> = {
    id: r.rowId,
    sms_gonderim_id: r.sendId ?? entry.sendId,
    numara: r.number ?? entry.number,
    mesaj: r.message,
    mesaj_boy: r.parts,
    durum_gonderim: r.status,
    durum_iade: r.refundRaw ?? (r.refund === undefined ? undefined : r.refund ? 1 : 0),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    ...(r.extra ?? {}),
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}
