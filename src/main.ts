// The extension's features, loaded by the activation shell (src/extension.ts) the first time anything is used:
// a command, the Recent Lookups view, a status-code hover, or a report panel restored after a reload. Building
// everything here keeps activation nearly free for the many windows where the extension is installed but idle.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { registerApiKeyCommands, promptForApiKey } from './commands/apiKey';
import { registerHistoryCommands } from './commands/history';
import { registerLookUpBatch } from './commands/lookUpBatch';
import { registerLookUpReport } from './commands/lookUpReport';
import { registerLookUpSelection } from './commands/lookUpSelection';
import { registerSnippetCommands } from './commands/snippets';
import { CommandTable } from './commands/table';
import { registerWatchCommands } from './commands/watch';
import { type CodeAt } from './core/codeMatch';
import { type HistoryEntry } from './core/history';
import { ApiKeyStore } from './services/apiKey';
import { HISTORY_STATE_KEY, HistoryStore } from './services/historyStore';
import { Log } from './services/log';
import { isTransportLoaded, ReportClient } from './services/reportClient';
import * as settings from './services/settings';
import { Watcher } from './services/watcher';
import { RAW_SCHEME, RawResponseProvider } from './views/rawResponse';
import { RecentLookupsView, type TreeHost } from './views/recentLookups';
import { ReportController } from './views/reportController';
import { statusHover } from './views/statusHover';

export interface MainState {
  readonly transportLoaded: boolean;
  readonly history: unknown;
  readonly panels: Array<{
    sendId: string;
    number: string;
    visible: boolean;
    model: unknown;
    html: string;
    options: unknown;
  }>;
  readonly watching: unknown;
  readonly renderTimings: unknown;
}

export interface Main extends vscode.Disposable {
  readonly commands: CommandTable;
  getChildren(element?: unknown): HistoryEntry[];
  getTreeItem(element: unknown): vscode.TreeItem;
  resolveTreeItem(item: vscode.TreeItem, element: unknown): vscode.TreeItem;
  hover(line: string, position: vscode.Position, at: CodeAt): vscode.Hover;
  restoreReport(panel: vscode.WebviewPanel, state: unknown): void;
  /** For the integration tests and the benchmark (only reachable with VAIROSMS_TEST_HOOKS=1). */
  testState(): MainState;
  /** Replaces what globalState holds for Recent Lookups (any value, corrupt on purpose) and reloads it. */
  setStoredHistory(raw: unknown): Promise<void>;
  /** Delivers `data` to a report panel's message handler as if its webview had posted it. */
  postFromWebview(panelIndex: number, data: unknown): void;
  /** Times getChildren and getTreeItem over every stored entry. */
  benchTree(): { entries: number; getChildrenMs: number; getTreeItemsMs: number; storedBytes: number };
}

export function createMain(context: vscode.ExtensionContext, treeHost: TreeHost): Main {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const commands = new CommandTable();
  const keys = new ApiKeyStore(context.secrets, context.globalState);
  const log = new Log(() => [keys.peek()]);
  const history = new HistoryStore(context.globalState);
  const client = new ReportClient(keys, log);
  const reports = new ReportController(context.extensionUri, client, history, log);
  const raw = new RawResponseProvider();
  const watcher = new Watcher(reports, history, log);
  reports.attachWatcher({
    watch: (k) => void watcher.start(k),
    stopWatching: (k) => watcher.stop(k),
    isWatching: (k) => watcher.isWatching(k),
  });
  const tree = new RecentLookupsView(history, treeHost, (e) => watcher.isWatching(e));
  const deps = { commands, keys, history, reports, log, raw, watcher, client };
  const owned = vscode.Disposable.from(
    log,
    keys,
    history,
    watcher,
    reports,
    raw,
    tree,
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, raw),
    registerLookUpReport(deps),
    registerApiKeyCommands(commands, keys, log),
    registerHistoryCommands(deps),
    registerLookUpSelection(deps),
    registerWatchCommands(deps),
    registerSnippetCommands(deps),
    registerLookUpBatch(deps),
    watcher.onDidChange(() => tree.refresh()),
    commands.register(Commands.setApiKeyInternal, () => promptForApiKey(keys, log)),
    commands.register(Commands.showLog, () => log.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (settings.affects(e, 'maxRecentLookups') || settings.affects(e, 'history.keepMessageText'))
        void history.reapplySettings();
    }),
  );
  /** Reads (and if needed repairs) the stored lookups, telling the user once when some had to be dropped. */
  const loadHistory = () => {
    history.all();
    tree.refresh();
    if (history.droppedOnLoad > 0) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} stored recent lookups were unreadable or over the limit and were removed.',
          history.droppedOnLoad,
        ),
      );
      history.droppedOnLoad = 0;
    }
  };
  // The context key behind "Clear API Key" in the palette, and the repair notice.
  setTimeout(() => {
    void keys.get().catch(() => undefined);
    loadHistory();
  }, 0);

  return {
    commands,
    getChildren: (element) => tree.getChildren(element as HistoryEntry | undefined),
    getTreeItem: (element) => tree.getTreeItem(element as HistoryEntry),
    resolveTreeItem: (item, element) => tree.resolveTreeItem(item, element as HistoryEntry),
    hover: (line, position, at) => statusHover(line, position, at),
    restoreReport: (panel, state) => reports.panels.restore(panel, state),
    testState: () => ({
      transportLoaded: isTransportLoaded(),
      history: JSON.parse(JSON.stringify(history.all())),
      panels: reports.panels.all().map((p) => ({
        sendId: p.key.sendId,
        number: p.key.number,
        visible: p.panel.visible,
        model: p.current,
        html: p.panel.webview.html,
        options: {
          ...p.panel.webview.options,
          localResourceRoots: p.panel.webview.options.localResourceRoots?.map(String),
        },
      })),
      watching: watcher.list(),
      renderTimings: [...reports.renderTimings],
    }),
    setStoredHistory: async (raw) => {
      await context.globalState.update(HISTORY_STATE_KEY, raw);
      history.invalidate();
      loadHistory();
      await history.reapplySettings(); // stored again in the store's own (compact) form, as after any change
    },
    postFromWebview: (panelIndex, data) => reports.panels.all()[panelIndex]?.receiveForTest(data),
    benchTree: () => {
      const t0 = performance.now();
      const children = tree.getChildren();
      const t1 = performance.now();
      for (const c of children) tree.getTreeItem(c);
      const t2 = performance.now();
      return {
        entries: children.length,
        getChildrenMs: t1 - t0,
        getTreeItemsMs: t2 - t1,
        storedBytes: JSON.stringify(context.globalState.get(HISTORY_STATE_KEY) ?? null).length,
      };
    },
    dispose: () => owned.dispose(),
  };
}
