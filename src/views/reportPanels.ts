// The report panels together: one per send ID + number, in one column of report tabs. They follow the lookup service
// (a lookup started: loading; finished: the report or the error) and the watcher (the Watch buttons), open for the
// lookup commands, come back after a reload (the serializer), and route what a panel's buttons ask for. The error
// notification after a failed lookup is src/views/lookupNotifier.ts; it shares runErrorAction with the panel's buttons.
import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { type HistoryEntry } from '../core/history/history';
import { type ErrorSetting } from '../core/api/errors';
import { keyId, type LookupKey } from '../core/lookupKey';
import { otherForm } from '../core/phone';
import { toApiShape, type Report } from '../core/report/report';
import { Disposable } from '../disposable';
import { DEFAULT_ACCOUNT_ID } from '../core/accounts/accounts';
import { type AccountStore } from '../services/accounts';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { outcomeOf, type LookupFinished, type LookupOutcome, type LookupService } from '../services/lookupService';
import * as settings from '../services/settings';
import { type Watcher } from '../services/watcher';
import { type ErrorActionId } from '../shared/protocol/report';
import { pickAccount } from './accountPick';
import { ReportPanel, type ReportAction } from './reportPanel';
import { ReportSummaries } from './reportSummaries';
import { restoredModel } from './restoredState';
import { claimAccepted, epochNow, renderTiming, RenderTimings } from '../instrumentation/renderTimings';
import { webviewOptions } from './webviewHtml';

export interface ReportPanelsOptions {
  readonly extensionUri: vscode.Uri;
  readonly lookups: LookupService;
  readonly watcher: Watcher;
  readonly history: HistoryStore;
  readonly log: Log;
  readonly accounts: AccountStore;
}

export class ReportPanels extends Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  /** Keys that were looked up as the other form of a number not found ("offer once"). */
  private readonly offered = new Set<string>();
  /** How the last lookups reached the screen (the benchmark reads them). */
  readonly renderTimings = new RenderTimings();
  /** The lookups of a command still running: when their input box was accepted, when they started (epoch ms). */
  private readonly starts = new Map<string, { acceptedAt?: number; startedAt: number }>();

  private readonly extensionUri: vscode.Uri;
  private readonly lookups: LookupService;
  private readonly watcher: Watcher;
  private readonly history: HistoryStore;
  private readonly log: Log;
  private readonly accounts: AccountStore;
  /** The send's summary drawn into the panels of that send. */
  private readonly summaries: ReportSummaries;

  constructor(options: ReportPanelsOptions) {
    super();
    const { extensionUri, lookups, watcher, history, log, accounts } = options;
    this.extensionUri = extensionUri;
    this.lookups = lookups;
    this.watcher = watcher;
    this.history = history;
    this.log = log;
    this.accounts = accounts;
    this.register(accounts.onDidChange(() => this.all().forEach((p) => p.refreshAccount())));
    this.register(lookups.onDidStart((e) => this.get(e.key)?.showLoading()));
    this.register(lookups.onDidWait((e) => this.get(e.key)?.showLoading(e.until)));
    this.register(lookups.onDidFinish((e) => this.finished(e)));
    this.summaries = this.register(new ReportSummaries(lookups, () => this.all()));
    this.register(
      watcher.onDidChange((key) => {
        for (const p of key ? [this.get(key)] : this.all()) {
          if (!p) continue;
          if (watcher.isWatching(p.key)) p.keep(); // a watched report is never replaced by the next lookup
          if (!lookups.isRunning(p.key)) p.showWatching(watcher.isWatching(p.key));
        }
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affects(e, 'maskNumbers')) for (const p of this.panels.values()) p.updateTitle();
        if (settings.affects(e, 'reports.reuseTab') && !settings.reuseTab())
          for (const p of this.panels.values()) p.keep();
      }),
    );
  }

  /** Lookups whose panel was brought to the front for them (a lookup command, the panel's Refresh; not Refresh in
   *  Recent Lookups). */
  private readonly inFront = new Set<string>();

  /** The user is looking at this lookup's panel: a failure shown there needs no notification (lookupNotifier.ts). */
  isInFront(key: LookupKey): boolean {
    const panel = this.get(key)?.panel;
    return this.inFront.has(keyId(key)) && panel?.active === true && panel.visible;
  }

  /** The setting the failure shown in this key's panel points to (errorSetting), if any. */
  private settingOf(key: LookupKey): ErrorSetting | undefined {
    const id = this.get(key)?.current?.error?.setting?.id;
    return id === 'vairosms.requestTimeoutSeconds' || id === 'vairosms.apiRoot' ? id : undefined;
  }

  get(key: LookupKey): ReportPanel | undefined {
    return this.panels.get(keyId(key));
  }

  all(): ReportPanel[] {
    return [...this.panels.values()];
  }

  /** The report panel the user is looking at, if any. */
  activeKey(): LookupKey | undefined {
    return this.all().find((p) => p.panel.active)?.key;
  }

  /** Opens (or reveals) the panel for this key and looks the report up: the lookup commands (the active account),
   *  Refresh and Retry (`refresh`: the account the report was looked up with, see accountFor). */
  async lookUp(
    key: LookupKey,
    options: { preserveFocus?: boolean; refresh?: boolean; account?: string } = {},
  ): Promise<LookupOutcome | undefined> {
    const account = options.account ?? (options.refresh ? await this.accountFor(key) : this.accounts.list().active);
    if (account === null) return undefined; // the user did not pick an account for a removed one
    if (options.preserveFocus === true) this.inFront.delete(keyId(key));
    else this.inFront.add(keyId(key));
    const acceptedAt = claimAccepted();
    this.starts.set(keyId(key), { ...(acceptedAt !== undefined ? { acceptedAt } : {}), startedAt: epochNow() });
    // The request first, the panel in the same tick: its webview boots while the answer is on its way, and neither
    // waits for the other.
    const running = this.lookups.lookUp(key, {
      ...(account !== undefined ? { account } : {}),
      ...(options.refresh ? { keepPlace: true } : {}),
    });
    this.open(key, account, options.preserveFocus === true);
    return outcomeOf(await running);
  }

  /** The account to refresh a report with: the one its panel or its Recent Lookups entry was looked up with (a lookup
   *  from before accounts belongs to "Default"), else the active one. When that account was removed, the user picks
   *  one (null: they did not). */
  async accountFor(key: LookupKey): Promise<string | undefined | null> {
    const known = this.get(key)?.account ?? this.history.find(key)?.account ?? this.legacyAccount(key);
    if (known === undefined || this.accounts.find(known)) return known ?? this.accounts.list().active;
    const s = this.accounts.list();
    if (s.accounts.length === 0) return undefined;
    const picked = await pickAccount(
      s,
      vscode.l10n.t('The account this report was looked up with was removed. Refresh it with which account?'),
    );
    return picked ? picked.id : null;
  }

  /** A stored lookup from before accounts: the migrated "Default" account's, when it exists. */
  private legacyAccount(key: LookupKey): string | undefined {
    return this.history.find(key) && this.accounts.find(DEFAULT_ACCOUNT_ID) ? DEFAULT_ACCOUNT_ID : undefined;
  }

  /** The name to show for an account while there are two or more (a removed one says so). */
  accountName(account: string | undefined): string | undefined {
    if (this.accounts.list().accounts.length < 2) return undefined;
    const id = account ?? DEFAULT_ACCOUNT_ID;
    return this.accounts.find(id)?.name ?? vscode.l10n.t('(removed account)');
  }

  /** Reopens a stored lookup without any network call. */
  showStored(entry: HistoryEntry): ReportPanel {
    const panel = this.open(entry, entry.account);
    if (!this.lookups.isRunning(entry)) panel.showStored(entry, this.watcher.isWatching(entry));
    return panel;
  }

  /** Shows a report that was just looked up elsewhere (a batch row, with the batch's account), without another
   *  request. */
  showResult(
    key: LookupKey,
    account: string | undefined,
    report: Report,
    checkedAt: number,
    raw: unknown,
  ): ReportPanel {
    const panel = this.open(key, account);
    if (this.lookups.isRunning(key)) return panel;
    panel.showReport(report, checkedAt, raw, this.history.find(key), this.watcher.isWatching(key));
    return panel;
  }

  /** The existing panel for this key (revealed), else the preview tab or a new one; loading while a lookup runs.
   *  `account`: the one the lookup or the report shown belongs to, whose send summary the panel follows. */
  open(key: LookupKey, account: string | undefined, preserveFocus = false): ReportPanel {
    const existing = this.get(key);
    if (existing) {
      if (existing.sendAccount !== account) this.summaries.into(existing, account);
      existing.reveal(preserveFocus);
      return existing;
    }
    const reused = this.reusePreview(key, preserveFocus);
    const panel = reused ?? this.createPanel(key, preserveFocus);
    this.summaries.into(panel, account, false); // drawn with the loading state, or with what the caller draws next
    // A reused tab never keeps the old lookup's page under the new title; what the caller draws next (a stored
    // report) replaces this loading state in the same post.
    if (reused || this.lookups.isRunning(key)) panel.showLoading();
    return panel;
  }

  /** The preview tab (not kept, not watched, no lookup running in it), retargeted to this lookup and revealed. */
  private reusePreview(key: LookupKey, preserveFocus: boolean): ReportPanel | undefined {
    if (!settings.reuseTab()) return undefined;
    const free = (p: ReportPanel) => p.isPreview && !this.watcher.isWatching(p.key) && !this.lookups.isRunning(p.key);
    const preview = this.all().find(free);
    if (!preview) return undefined;
    this.panels.delete(keyId(preview.key));
    preview.retarget({ sendId: key.sendId, number: key.number });
    preview.reveal(preserveFocus);
    return this.track(preview);
  }

  /** A new tab in the column of the other reports, else beside the editor. */
  private createPanel(key: LookupKey, preserveFocus: boolean): ReportPanel {
    const column = this.all()
      .map((p) => p.panel.viewColumn)
      .find((c) => c !== undefined);
    const webviewPanel = vscode.window.createWebviewPanel(
      Views.reportPanel,
      '',
      { viewColumn: column ?? vscode.ViewColumn.Beside, preserveFocus },
      webviewOptions(this.extensionUri),
    );
    return this.track(
      new ReportPanel({
        key: { sendId: key.sendId, number: key.number },
        panel: webviewPanel,
        extensionUri: this.extensionUri,
        handlers: this.panelHandlers(),
        log: this.log,
        preview: settings.reuseTab(),
      }),
    );
  }

  /** Called by the shell's WebviewPanelSerializer after a window reload. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const restored = restoredModel(state);
    if (!restored || this.panels.has(keyId(restored.key))) {
      // Nothing usable in the state (or a state we never wrote), or a duplicate: close rather than show nothing.
      webviewPanel.dispose();
      return;
    }
    const model = restored.model.state === 'loading' ? undefined : restored.model;
    const panel = this.track(
      new ReportPanel({
        key: restored.key,
        panel: webviewPanel,
        extensionUri: this.extensionUri,
        handlers: this.panelHandlers(),
        log: this.log,
        ...(model ? { restored: model } : {}),
      }),
    );
    const entry = this.history.find(panel.key);
    panel.account = entry?.account;
    this.summaries.into(panel, entry?.account, false); // drawn below, with the model
    if (entry && (!model || model.state !== 'error')) panel.showStored(entry, this.watcher.isWatching(entry));
    else if (model) panel.redraw(model);
    else panel.panel.dispose(); // it was mid-lookup and nothing is stored: nothing to show
  }

  /** The last answer's body exactly as received (redacted), while its panel is open. */
  rawBody(key: LookupKey): string | undefined {
    return this.get(key)?.rawBody;
  }

  /** The answer as JSON: the parsed answer when a panel has it, else the stored report in the API's own names. */
  rawJson(key: LookupKey): { text: string; exact: boolean } | undefined {
    const raw = this.get(key)?.raw;
    if (raw !== undefined) return { text: JSON.stringify(raw, null, 2), exact: true };
    const entry = this.history.find(key);
    if (!entry?.report) return undefined;
    return { text: JSON.stringify({ durum: true, aciklama: toApiShape(entry.report, entry) }, null, 2), exact: false };
  }

  /** A failed lookup's next step, from the panel's buttons or the notification's actions; `setting`: the one the
   *  failure points to (errorSetting), for 'openSettings'. */
  async runErrorAction(action: ErrorActionId, key: LookupKey, setting?: ErrorSetting): Promise<void> {
    switch (action) {
      case 'setApiKey': {
        const stored = await vscode.commands.executeCommand<boolean>(Commands.setApiKeyInternal);
        if (stored) await this.lookUp(key);
        return;
      }
      case 'retry':
        await this.lookUp(key, { refresh: true });
        return;
      case 'tryOtherForm': {
        const number = otherForm(key.number);
        if (!number) return;
        this.offered.add(keyId({ sendId: key.sendId, number }));
        await this.lookUp({ sendId: key.sendId, number });
        return;
      }
      case 'showLog':
        this.log.show();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand(
          'workbench.action.openSettings',
          setting ?? this.settingOf(key) ?? 'vairosms.apiRoot',
        );
        return;
    }
  }

  private finished(e: LookupFinished): void {
    const panel = this.get(e.key);
    const start = this.starts.get(keyId(e.key));
    this.starts.delete(keyId(e.key));
    if (!panel) return;
    const newPanel = panel.isNew;
    void panel.showFinished(e, this.watcher.isWatching(e.key)).then((timing) => {
      if (e.result.ok) this.renderTimings.add(renderTiming(newPanel, panel.page, start, e, timing));
    });
  }

  private onMessage(panel: ReportPanel, message: ReportAction): void {
    const key = panel.key;
    // Using a preview tab keeps it (VS Code's preview editors: an edit or a double-click keeps them).
    panel.keep();
    switch (message.type) {
      case 'keep':
        return;
      case 'refresh':
        void this.lookUp(key, { refresh: true });
        return;
      case 'copyJson':
        void this.copyJson(key);
        return;
      case 'showRaw':
        void vscode.commands.executeCommand(Commands.showRawResponse, key);
        return;
      case 'copyAsCurl':
        void vscode.commands.executeCommand(Commands.copyAsCurl, key);
        return;
      case 'watch':
        void vscode.commands.executeCommand(Commands.watchReport, key);
        return;
      case 'stopWatching':
        void vscode.commands.executeCommand(Commands.stopWatching, key);
        return;
      case 'errorAction':
        void this.runErrorAction(message.action, key, this.settingOf(key));
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  }

  private async copyJson(key: LookupKey): Promise<void> {
    const json = this.rawJson(key);
    if (!json) return;
    await vscode.env.clipboard.writeText(json.text);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Report JSON copied'), 3000);
  }

  private track(panel: ReportPanel): ReportPanel {
    this.panels.set(keyId(panel.key), panel);
    return panel;
  }

  private panelHandlers() {
    return {
      // Offered once: not again from the number that was itself the offer (no ping-pong between the two forms).
      otherForm: (p: ReportPanel) => (this.offered.has(keyId(p.key)) ? undefined : otherForm(p.key.number)),
      accountName: (account: string | undefined) => this.accountName(account),
      onMessage: (p: ReportPanel, m: ReportAction) => this.onMessage(p, m),
      onDispose: (p: ReportPanel) => {
        if (this.panels.get(keyId(p.key)) !== p) return;
        this.panels.delete(keyId(p.key));
        this.inFront.delete(keyId(p.key));
        this.lookups.cancel(p.key); // nobody is waiting for its answer any more
      },
    };
  }

  /** Closes every report panel (Clear All): their models, raw answers and saved states go with them. */
  closeAll(): void {
    for (const p of [...this.panels.values()]) p.panel.dispose();
    this.panels.clear();
  }

  override dispose(): void {
    this.closeAll();
    super.dispose();
  }
}
