// activate() builds the services and registers every contribution. It does no I/O: no network, no secrets read
// before a lookup needs them, and node-fetch (dist/http.js) is required only by the first lookup.
import { loadStart } from './loadMark'; // first: it marks when the bundle began to evaluate
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { registerApiKeyCommands, promptForApiKey } from './commands/apiKey';
import { registerHistoryCommands } from './commands/history';
import { registerLookUpReport } from './commands/lookUpReport';
import { registerLookUpSelection } from './commands/lookUpSelection';
import { registerSnippetCommands } from './commands/snippets';
import { registerWatchCommands } from './commands/watch';
import { ApiKeyStore } from './services/apiKey';
import { HistoryStore } from './services/historyStore';
import { Log } from './services/log';
import { ReportClient } from './services/reportClient';
import * as settings from './services/settings';
import { Watcher } from './services/watcher';
import { RAW_SCHEME, RawResponseProvider } from './views/rawResponse';
import { RecentLookupsView } from './views/recentLookups';
import { StatusHoverProvider } from './views/statusHover';
import { ReportController } from './views/reportController';
import { registerTestHooks } from './testHooks';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const subs = context.subscriptions;
  const keys = new ApiKeyStore(context.secrets);
  const log = new Log(() => [keys.peek()]);
  const history = new HistoryStore(context.globalState);
  const client = new ReportClient(keys, log);
  const reports = new ReportController(context.extensionUri, client, history, log);
  const raw = new RawResponseProvider();
  const watcher = new Watcher(reports, history, log);
  reports.attachWatcher({ watch: (k) => void watcher.start(k), stopWatching: (k) => watcher.stop(k), isWatching: (k) => watcher.isWatching(k) });
  const tree = new RecentLookupsView(history, (e) => watcher.isWatching(e));
  const deps = { keys, history, reports, log, raw, watcher };
  subs.push(
    log, keys, history, watcher, reports, raw, tree, new StatusHoverProvider(),
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, raw),
    registerLookUpReport(deps),
    registerApiKeyCommands(keys, log),
    registerHistoryCommands(deps),
    registerLookUpSelection(deps),
    registerWatchCommands(deps),
    registerSnippetCommands(deps),
    watcher.onDidChange(() => tree.refresh()),
    vscode.commands.registerCommand(Commands.setApiKeyInternal, () => promptForApiKey(keys, log)),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (settings.affects(e, 'maxRecentLookups') || settings.affects(e, 'history.keepMessageText')) void history.reapplySettings();
    }),
  );
  const loadMs = started - loadStart;
  const testHooks = registerTestHooks({ history, reports, loadMs, activationMs: () => activationMs });
  if (testHooks) subs.push(testHooks);
  const activationMs = performance.now() - started;
  // After activation, off the critical path: the context key for the welcome view, and a one-time notice if
  // stored lookups had to be repaired.
  setTimeout(() => {
    void keys.get().catch(() => undefined);
    tree.refresh();
    if (history.droppedOnLoad > 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} stored recent lookups were unreadable or over the limit and were removed.', history.droppedOnLoad));
      history.droppedOnLoad = 0;
    }
  }, 0);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
