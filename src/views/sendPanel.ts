// The send panels (viewType vairosms.send, "Look Up Send Summary…", "Show Send"): one per send ID, drawn by the report
// webview script. Each shows the send's summary (following the lookup service's send events), the diagnosis where it
// applies, and the numbers of that send already in Recent Lookups (following the store); a number opens its stored
// report. Not restored after a reload: nothing of it is lost (Refresh asks again).
import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { shownNumber } from '../core/lookupKey';
import { relativeTime, statusView, strings } from '../core/report/reportModel';
import { diagnosisView, sendView, type SummaryState } from '../core/send/sendModel';
import { type SummaryResult } from '../core/send/endpoint';
import { describeStatus } from '../core/report/statuses';
import { Disposable } from '../disposable';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { type LookupService } from '../services/lookupService';
import * as settings from '../services/settings';
import { parseFromWebview, type SendModel } from '../shared/protocol/report';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const SEND_VIEW_TYPE = Views.sendPanel;

export class SendPanel extends Disposable {
  private ready = false;
  private seq = 0;
  private summary: SummaryState = { state: 'loading' };
  /** The last model drawn (or due to be drawn once the webview is ready). */
  current: SendModel | undefined;

  constructor(
    readonly sendId: string,
    readonly panel: vscode.WebviewPanel,
    private readonly history: HistoryStore,
    private readonly log: Log,
    private readonly refresh: () => void,
    onClosed: () => void,
  ) {
    super();
    this.register(panel);
    this.register(panel.webview.onDidReceiveMessage((d: unknown) => this.receive(d)));
    this.register(
      panel.onDidDispose(() => {
        onClosed();
        this.dispose();
      }),
    );
  }

  showSummary(s: SummaryState): void {
    this.summary = s;
    this.draw();
  }

  draw(): void {
    if (this.isDisposed) return;
    this.current = this.model();
    if (!this.ready) return;
    void this.panel.webview.postMessage({ type: 'render', model: this.current }).then(undefined, () => undefined);
  }

  private model(): SendModel {
    const lang = vscode.env.language;
    const now = Date.now();
    const mask = settings.maskNumbers();
    const lookups = this.history.all().flatMap((e) =>
      e.sendId === this.sendId && e.report
        ? [
            {
              number: e.number,
              shown: shownNumber(e.number, mask),
              status: statusView(describeStatus(e.report.status)),
              checked: vscode.l10n.t('checked {0}', relativeTime(e.checkedAt, now, lang)),
            },
          ]
        : [],
    );
    const send = sendView(this.sendId, this.summary, { lang, now });
    const diagnosis = diagnosisView(undefined, this.summary, { lang, now });
    return {
      v: 1,
      kind: 'send',
      seq: ++this.seq,
      lang,
      sendId: this.sendId,
      title: vscode.l10n.t('VairoSMS send {0}', this.sendId),
      strings: strings(),
      send,
      ...(diagnosis ? { diagnosis } : {}),
      lookupsHeading: vscode.l10n.t('Numbers of this send in Recent Lookups'),
      lookupsEmpty: vscode.l10n.t('None yet: look up a number of this send to see it here.'),
      lookups,
      announcement:
        send.state === 'loading'
          ? vscode.l10n.t("Looking up the send's summary…")
          : send.state === 'error'
            ? (send.error?.title ?? '')
            : vscode.l10n.t('Send {0}: {1}.', this.sendId, send.badge?.label ?? ''),
    };
  }

  receive(data: unknown): void {
    const m = parseFromWebview(data);
    if (!m) {
      this.log.warn('ignored a message from the send webview that is not on the allowlist');
      return;
    }
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.draw();
        return;
      case 'refresh':
        this.refresh();
        return;
      case 'openLookup':
        void vscode.commands.executeCommand(Commands.openLookup, { sendId: this.sendId, number: m.number });
        return;
      default:
        return; // the report panel's buttons do not appear here
    }
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
      webviewPanel.webview.html = webviewHtml(webviewPanel.webview, this.extensionUri, vscode.env.language, {
        title: vscode.l10n.t('Send {0}', sendId),
        text: vscode.l10n.t("Looking up the send's summary…"),
      });
      const created: SendPanel = new SendPanel(
        sendId,
        webviewPanel,
        this.history,
        this.log,
        () => void this.lookUp(sendId),
        () => {
          if (this.panels.get(sendId) === created) this.panels.delete(sendId);
        },
      );
      this.panels.set(sendId, created);
    }
    return this.lookups.lookUpSend(sendId, { progress: true });
  }

  all(): SendPanel[] {
    return [...this.panels.values()];
  }
}
