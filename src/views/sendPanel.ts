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
  readonly panel: vscode.WebviewPanel;
  readonly history: HistoryStore;
  readonly log: Log;
  /** Its Refresh: the summary asked for again. */
  readonly refresh: () => void;
  readonly onClosed: () => void;
}

export class SendPanel extends Disposable {
  readonly sendId: string;
  readonly panel: vscode.WebviewPanel;
  readonly #history: HistoryStore;
  readonly #channel: WebviewChannel<SendModel, FromSendWebview>;
  private seq = 0;
  private summary: SummaryState = { state: 'loading' };

  constructor({ sendId, panel, history, log, refresh, onClosed }: SendPanelOptions) {
    super();
    this.sendId = sendId;
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

export class SendPanels extends Disposable {
  private readonly panels = new Map<string, SendPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly lookups: LookupService,
    private readonly history: HistoryStore,
    private readonly log: Log,
  ) {
    super();
    this.register(lookups.onDidStartSend((id) => this.panels.get(id)?.showSummary({ state: 'loading' })));
    this.register(
      lookups.onDidFinishSend((e) => {
        if (!e.result.ok && e.result.error.kind === 'cancelled') return;
        this.panels.get(e.sendId)?.showSummary({ state: 'done', result: e.result, checkedAt: e.checkedAt });
      }),
    );
    this.register(history.onDidChange(() => this.panels.forEach((p) => p.draw())));
    this.register({ dispose: () => this.panels.forEach((p) => p.panel.dispose()) });
  }

  /** Opens (or reveals) the panel of this send and asks for its summary, under a cancellable progress notification. */
  async lookUp(sendId: string): Promise<SummaryResult> {
    const open = this.panels.get(sendId);
    if (open) open.panel.reveal();
    else {
      const webviewPanel = vscode.window.createWebviewPanel(
        SEND_VIEW_TYPE,
        vscode.l10n.t('Send {0}', sendId),
        { viewColumn: vscode.ViewColumn.Active },
        webviewOptions(this.extensionUri),
      );
      webviewPanel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
      webviewPanel.webview.html = webviewHtml(
        webviewPanel.webview,
        this.extensionUri,
        vscode.env.language,
        {
          title: vscode.l10n.t('Send {0}', sendId),
          text: vscode.l10n.t("Looking up the send's summary…"),
        },
        'send',
      );
      const created: SendPanel = new SendPanel({
        sendId,
        panel: webviewPanel,
        history: this.history,
        log: this.log,
        refresh: () => void this.lookUp(sendId),
        onClosed: () => {
          if (this.panels.get(sendId) === created) this.panels.delete(sendId);
        },
      });
      this.panels.set(sendId, created);
    }
    return this.lookups.lookUpSend(sendId, { progress: true });
  }

  all(): SendPanel[] {
    return [...this.panels.values()];
  }
}
