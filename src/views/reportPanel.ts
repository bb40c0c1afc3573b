// The report panel (viewType vairosms.report): one tab per send ID + number. It opens at once in a loading state,
// is updated only by postMessage after the webview's "ready", keeps its model in webview state so the serializer
// restores it after a reload, and accepts only the allowlisted messages of src/shared/protocol.ts.
import * as vscode from 'vscode';
import { Views } from '../constants';
import { Disposable } from '../disposable';
import { maskPhone } from '../core/phone';
import { parseFromWebview, type FromWebview, type ReportModel, type ToWebview } from '../shared/protocol';
import { type Log } from '../services/log';
import * as settings from '../services/settings';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** What the webview reported of one render: its DOM build time, and its time from the model's arrival to its ack. */
export interface WebviewTiming {
  readonly renderMs?: number;
  readonly frameMs?: number;
}

export interface PanelKey {
  readonly sendId: string;
  readonly number: string;
}

export interface PanelHandlers {
  onMessage(panel: ReportPanel, message: FromWebview): void;
  onDispose(panel: ReportPanel): void;
}

export interface PanelsHandlers {
  onMessage(panel: ReportPanel, message: FromWebview): void;
  /** A panel came back after a reload with the model it last showed (undefined if it was mid-lookup). */
  onRestore(panel: ReportPanel, model: ReportModel | undefined): void;
}

export class ReportPanel extends Disposable {
  private model: ReportModel | undefined;
  private ready = false;
  private seq = 0;
  private readonly renderedWaiters = new Map<number, Array<(timing?: WebviewTiming) => void>>();
  /** The lookup running for this panel; a newer one aborts it (latest wins). */
  request: AbortController | undefined;
  /** The last answer body as JSON (redacted), for Copy JSON and Show Raw Response. */
  raw: unknown;

  constructor(
    readonly key: PanelKey,
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly handlers: PanelHandlers,
    private readonly log: Log,
    restored?: ReportModel,
  ) {
    super();
    this.model = restored;
    this.seq = restored?.seq ?? 0;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activity.svg');
    this.updateTitle();
    this.register(panel.webview.onDidReceiveMessage((data: unknown) => this.receive(data)));
    this.register(
      panel.onDidDispose(() => {
        this.request?.abort();
        this.handlers.onDispose(this);
        this.dispose();
      }),
    );
    panel.webview.html = webviewHtml(
      panel.webview,
      extensionUri,
      vscode.env.language,
      vscode.l10n.t('Looking up the report…'),
    );
  }

  get current(): ReportModel | undefined {
    return this.model;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  updateTitle(): void {
    const number = settings.maskNumbers() ? maskPhone(this.key.number) : this.key.number;
    this.panel.title = vscode.l10n.t('{0} · send {1}', number, this.key.sendId);
  }

  /** Shows a model; resolves when the webview has drawn it (with the webview's own timings), or when the panel
   *  is gone. */
  render(model: ReportModel): Promise<WebviewTiming | undefined> {
    this.model = model;
    if (this.isDisposed) return Promise.resolve(undefined);
    const done = new Promise<WebviewTiming | undefined>((resolve) => {
      const list = this.renderedWaiters.get(model.seq) ?? [];
      list.push(resolve);
      this.renderedWaiters.set(model.seq, list);
    });
    if (this.ready) this.post({ type: 'render', model });
    return done;
  }

  reveal(preserveFocus = false): void {
    if (!this.isDisposed) this.panel.reveal(undefined, preserveFocus);
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message).then(undefined, () => undefined);
  }

  /** The same path a webview message takes; used by the fault suite (test hooks only). */
  receiveForTest(data: unknown): void {
    this.receive(data);
  }

  private receive(data: unknown): void {
    const message = parseFromWebview(data);
    if (!message) {
      const type =
        data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string'
          ? String((data as { type: string }).type).slice(0, 40)
          : typeof data;
      this.log.warn(
        `ignored a message from the report webview that is not on the allowlist (type: ${JSON.stringify(type)})`,
      );
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.model) this.post({ type: 'render', model: this.model });
        return;
      case 'rendered': {
        for (const [seq, waiters] of this.renderedWaiters) {
          if (seq <= message.seq) {
            const timing = seq === message.seq ? { renderMs: message.renderMs, frameMs: message.frameMs } : undefined;
            waiters.forEach((w) => w(timing));
            this.renderedWaiters.delete(seq);
          }
        }
        return;
      }
      default:
        this.handlers.onMessage(this, message);
    }
  }

  override dispose(): void {
    for (const waiters of this.renderedWaiters.values()) waiters.forEach((w) => w());
    this.renderedWaiters.clear();
    super.dispose();
  }
}

export class ReportPanels extends Disposable {
  private readonly panels = new Map<string, ReportPanel>();
  private readonly opened = this.register(new vscode.EventEmitter<ReportPanel>());
  readonly onDidOpen = this.opened.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
    private readonly handlers: PanelsHandlers,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affects(e, 'maskNumbers')) for (const p of this.panels.values()) p.updateTitle();
      }),
    );
  }

  get(key: PanelKey): ReportPanel | undefined {
    return this.panels.get(id(key));
  }

  all(): ReportPanel[] {
    return [...this.panels.values()];
  }

  /** The existing panel for this send ID + number, or a new one beside the editor. */
  open(key: PanelKey, preserveFocus = false): { panel: ReportPanel; created: boolean } {
    const existing = this.panels.get(id(key));
    if (existing) {
      existing.reveal(preserveFocus);
      return { panel: existing, created: false };
    }
    // New reports join the group of the other reports (one column of report tabs), else open beside the editor.
    const column =
      this.all()
        .map((p) => p.panel.viewColumn)
        .find((c) => c !== undefined) ?? vscode.ViewColumn.Beside;
    const webviewPanel = vscode.window.createWebviewPanel(
      Views.reportPanel,
      '',
      { viewColumn: column, preserveFocus },
      webviewOptions(this.extensionUri),
    );
    const panel = this.track(new ReportPanel(key, webviewPanel, this.extensionUri, this.panelHandlers(), this.log));
    return { panel, created: true };
  }

  /** Called by the shell's WebviewPanelSerializer after a window reload. */
  restore(webviewPanel: vscode.WebviewPanel, state: unknown): void {
    const restored = restoredModel(state);
    if (!restored || this.panels.has(id(restored.key))) {
      // Nothing usable in the state (or a state we never wrote), or a duplicate: close rather than show nothing.
      webviewPanel.dispose();
      return;
    }
    const model = restored.model.state === 'loading' ? undefined : restored.model;
    const panel = this.track(
      new ReportPanel(restored.key, webviewPanel, this.extensionUri, this.panelHandlers(), this.log, model),
    );
    this.handlers.onRestore(panel, model);
  }

  private track(panel: ReportPanel): ReportPanel {
    this.panels.set(id(panel.key), panel);
    this.opened.fire(panel);
    return panel;
  }

  private panelHandlers(): PanelHandlers {
    return {
      onMessage: (p, m) => this.handlers.onMessage(p, m),
      onDispose: (p) => {
        if (this.panels.get(id(p.key)) === p) this.panels.delete(id(p.key));
      },
    };
  }

  override dispose(): void {
    for (const p of this.panels.values()) p.panel.dispose();
    this.panels.clear();
    super.dispose();
  }
}

function id(key: PanelKey): string {
  return `${key.sendId}:${key.number}`;
}

/** Webview state comes back from the webview: accept only a model whose keys are what we write. */
function restoredModel(state: unknown): { key: PanelKey; model: ReportModel } | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const model = (state as { model?: unknown }).model as ReportModel | undefined;
  if (!model || typeof model !== 'object' || model.v !== 1) return undefined;
  if (typeof model.sendId !== 'string' || !/^\d{1,18}$/.test(model.sendId)) return undefined;
  if (typeof model.number !== 'string' || !/^\d{7,15}$/.test(model.number)) return undefined;
  if (!['loading', 'report', 'error'].includes(model.state)) return undefined;
  return { key: { sendId: model.sendId, number: model.number }, model };
}
