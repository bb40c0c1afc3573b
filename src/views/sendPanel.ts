// The send panels (viewType vairosms.send, "Look Up Send Summary…", "Look Up Send Summary"): one per send ID, drawn by the send
// page (src/webview/send.ts) through its webview channel (src/views/webviewChannel.ts). Each shows the send's summary
// (following the lookup service's send events), the diagnosis where it applies, and the numbers of that send already
// in Recent Lookups (following the store); a number opens its stored report. Not restored after a reload: nothing of
// it is lost (Refresh asks again).
import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { sendModel, type SummaryState } from '../core/send/sendModel';
import { type SummaryResult } from '../core/send/endpoint';
import { Disposable } from '../disposable';
import { sendRefId } from '../core/lookupKey';
import { type AccountStore } from '../services/accounts';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { type LookupService } from '../services/lookupService';
import * as settings from '../services/settings';
import { parseFromSendWebview, type FromSendWebview, type SendModel } from '../shared/protocol/send';
import { WebviewChannel } from './webviewChannel';
import { webviewHtml, webviewOptions } from './webviewHtml';

const SEND_VIEW_TYPE = Views.sendPanel;

export interface SendPanelOptions {
  readonly sendId: string;
  /** The account whose send it is (two accounts' sends of one ID are two sends). */
  readonly account: string | undefined;
  readonly panel: vscode.WebviewPanel;
  readonly history: HistoryStore;
  readonly log: Log;
  /** Its Refresh: the summary asked for again. */
  readonly refresh: () => void;
  readonly onClosed: () => void;
}

export class SendPanel extends Disposable {
  readonly sendId: string;
  readonly account: string | undefined;
  readonly panel: vscode.WebviewPanel;
  readonly #history: HistoryStore;
  readonly #channel: WebviewChannel<SendModel, FromSendWebview>;
  private seq = 0;
  private summary: SummaryState = { state: 'loading' };

  constructor({ sendId, account, panel, history, log, refresh, onClosed }: SendPanelOptions) {
    super();
    this.sendId = sendId;
    this.account = account;
    this.panel = panel;
    this.#history = history;
    this.register(panel);
    this.#channel = this.register(
      new WebviewChannel({
        webview: panel.webview,
        page: 'send',
        parse: parseFromSendWebview,
        onMessage: (m) => {
          if (m.type === 'refresh') refresh();
          else void vscode.commands.executeCommand(Commands.openLookup, { sendId: this.sendId, number: m.number });
        },
        log,
        // drawn afresh for every load of the page: its "checked 2 min ago" as of now
        onReady: () => this.draw(),
      }),
    );
    this.register(
      panel.onDidDispose(() => {
        onClosed();
        this.dispose();
      }),
    );
  }

  /** The last model drawn (or due to be drawn once the webview is ready). */
  get current(): SendModel | undefined {
    return this.#channel.latest;
  }

  showSummary(s: SummaryState): void {
    this.summary = s;
    this.draw();
  }

  draw(): void {
    if (this.isDisposed) return;
    void this.#channel.show(
      sendModel({
        seq: ++this.seq,
        lang: vscode.env.language,
        now: Date.now(),
        sendId: this.sendId,
        account: this.account,
        summary: this.summary,
        history: this.#history.all(),
        maskNumbers: settings.maskNumbers(),
      }),
    );
  }

  /** Every message from the webview comes in here (the test seam delivers some too). */
  receive(data: unknown): void {
    this.#channel.receive(data);
  }
}

export interface SendPanelsOptions {
  readonly extensionUri: vscode.Uri;
  readonly lookups: LookupService;
  readonly history: HistoryStore;
  readonly accounts: AccountStore;
  readonly log: Log;
}

export class SendPanels extends Disposable {
  /** By sendRefId: one panel per send as one account sees it. */
  private readonly panels = new Map<string, SendPanel>();
  readonly #options: SendPanelsOptions;

  constructor(options: SendPanelsOptions) {
    super();
    this.#options = options;
    const { lookups, history } = options;
    this.register(
      lookups.onDidStartSend((send) => this.panels.get(sendRefId(send))?.showSummary({ state: 'loading' })),
    );
    this.register(
      lookups.onDidFinishSend((e) => {
        if (!e.result.ok && e.result.error.kind === 'cancelled') return;
        this.panels.get(sendRefId(e))?.showSummary({ state: 'done', result: e.result, checkedAt: e.checkedAt });
      }),
    );
    this.register(history.onDidChange(() => this.panels.forEach((p) => p.draw())));
    this.register({ dispose: () => this.panels.forEach((p) => p.panel.dispose()) });
  }

  /** Opens (or reveals) the panel of this send and asks for its summary, under a cancellable progress notification.
   *  `account`: the one to ask with (a panel's Refresh passes its own); default the active one. */
  async lookUp(sendId: string, account = this.#options.accounts.list().active): Promise<SummaryResult> {
    const { extensionUri, lookups, history, log } = this.#options;
    const id = sendRefId({ sendId, account });
    const open = this.panels.get(id);
    if (open) open.panel.reveal();
    else {
      const webviewPanel = vscode.window.createWebviewPanel(
        SEND_VIEW_TYPE,
        vscode.l10n.t('Send {0}', sendId),
        { viewColumn: vscode.ViewColumn.Active },
        webviewOptions(extensionUri),
      );
      webviewPanel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
      webviewPanel.webview.html = webviewHtml(
        webviewPanel.webview,
        extensionUri,
        vscode.env.language,
        {
          title: vscode.l10n.t('Send {0}', sendId),
          text: vscode.l10n.t("Looking up the send's summary…"),
        },
        'send',
      );
      const created: SendPanel = new SendPanel({
        sendId,
        account,
        panel: webviewPanel,
        history,
        log,
        refresh: () => void this.lookUp(sendId, account),
        onClosed: () => {
          if (this.panels.get(id) === created) this.panels.delete(id);
        },
      });
      this.panels.set(id, created);
    }
    return lookups.lookUpSend(sendId, { progress: true, ...(account !== undefined ? { account } : {}) });
  }

  all(): SendPanel[] {
    return [...this.panels.values()];
  }
}
