// The extension's features, loaded by the activation shell (src/extension.ts) the first time anything is used: a
// command, the Recent Lookups view, a status-code hover, or a report panel restored after a reload. Building
// everything here keeps activation nearly free for the many windows where the extension is installed but idle.
// This is the composition root: services first (state and lookups), then the views that listen to them, then the
// commands that use both (docs/architecture.md).
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { registerAccountCommands } from './commands/accounts';
import { type CommandDeps } from './commands/deps';
import { registerHistoryCommands } from './commands/history';
import { registerLookUpBatch } from './commands/lookUpBatch';
import { registerLookUpReport } from './commands/lookUpReport';
import { registerLookUpSelection } from './commands/lookUpSelection';
import { registerLookUpSend } from './commands/lookUpSend';
import { registerSnippetCommands } from './commands/snippets';
import { CommandTable } from './commands/table';
import { registerMcp, type McpServers } from './commands/mcp';
import { createTools, type Tools } from './commands/tools';
import { registerWatchCommands } from './commands/watch';
import { followTerminalLink, registerWhileCoding, type TerminalLinkData } from './commands/whileCoding';
import { type CodeAt } from './core/match/codeMatch';
import { type HistoryEntry } from './core/history/history';
import { plural } from './core/numbers';
import { own, ownCount } from './core/ownText';
import { ApiClient, transportLoadTiming } from './services/apiClient';
import { AccountStore } from './services/accounts';
import { HistoryStore } from './services/historyStore';
import { Log } from './services/log';
import { LookupService } from './services/lookupService';
import * as settings from './services/settings';
import { Watcher } from './services/watcher';
import { AccountStatus } from './views/accountStatus';
import { LookupNotifier } from './views/lookupNotifier';
import { showWarning } from './views/notify';
import { RAW_SCHEME, RawResponseProvider } from './views/rawResponse';
import { RecentLookupsView, type TreeHost } from './views/recentLookups';
import { ReportPanels } from './views/reportPanels';
import { SendPanels } from './views/sendPanel';
import { statusHover } from './views/statusHover';
import { WatchStatus } from './views/watchStatus';

export interface Main extends vscode.Disposable {
  readonly commands: CommandTable;
  readonly tools: Tools;
  readonly mcp: McpServers;
  terminalLink(data: TerminalLinkData): Promise<unknown>;
  getChildren(element?: unknown): HistoryEntry[];
  getTreeItem(element: unknown): vscode.TreeItem;
  resolveTreeItem(item: vscode.TreeItem, element: unknown): vscode.TreeItem;
  hover(line: string, position: vscode.Position, at: CodeAt): vscode.Hover;
  restoreReport(panel: vscode.WebviewPanel, state: unknown): void;
}

/** What the composition root can be given. Only the test build of the shell passes any (test/surface/register.ts);
 *  the packaged bundles keep neither option's use (esbuild.js drops what VAIROSMS_TEST_BUILD guards). */
export interface MainOptions {
  /** The watcher's clock, which the tests move to reach a watch's cap without waiting an hour. */
  readonly now?: () => number;
  /** Receives the parts the test surface reads (test/surface/seam.ts). */
  readonly expose?: (parts: MainParts) => void;
}

/** The composition root's parts, as the test surface reads them. */
export interface MainParts {
  readonly context: vscode.ExtensionContext;
  readonly commands: CommandTable;
  readonly history: HistoryStore;
  readonly lookups: LookupService;
  readonly accounts: AccountStore;
  readonly panels: ReportPanels;
  readonly sends: SendPanels;
  readonly watcher: Watcher;
  readonly tree: RecentLookupsView;
  /** Reads the stored lookups again and tells the user about what had to be dropped, as at startup. */
  readonly reloadHistory: () => void;
  readonly raw: RawResponseProvider;
  /** How long evaluating dist/http.js took, once it has been loaded. */
  readonly transportLoad: typeof transportLoadTiming;
  /** The MCP server definition provider's two calls (src/commands/mcp.ts). */
  readonly mcp: McpServers;
  /** What the activation shell found missing or refused on this host. */
  readonly hostLacks: readonly string[];
}

/** What the activation shell hands the features: the Recent Lookups view's host, and the APIs it found missing. */
export interface ShellHost extends TreeHost {
  readonly hostLacks: readonly string[];
  /** Tells VS Code the MCP server's definition changed (it restarts a running server). */
  readonly mcpChanged: () => void;
}

export function createMain(context: vscode.ExtensionContext, shell: ShellHost, options: MainOptions = {}): Main {
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  // services
  const accounts = new AccountStore(context.secrets, context.globalState);
  const log = new Log(() => accounts.peekAll());
  const history = new HistoryStore(context.globalState);
  const lookups = new LookupService(new ApiClient(accounts, log), history, accounts);
  const watcher = new Watcher(lookups, log, VAIROSMS_TEST_BUILD && options.now ? options.now : Date.now);
  // views
  const { extensionUri } = context;
  const panels = new ReportPanels({ extensionUri, lookups, watcher, history, log, accounts });
  const sends = new SendPanels({ extensionUri, lookups, history, accounts, log });
  if (shell.hostLacks.length) {
    log.info(`This host lacks ${shell.hostLacks.join('; ')}: what needs it is not offered, everything else works.`);
  }
  const tree = new RecentLookupsView(history, shell, watcher, accounts);
  const raw = new RawResponseProvider();
  // commands
  const commands = new CommandTable();
  const deps: CommandDeps = {
    commands,
    accounts,
    history,
    lookups,
    watcher,
    panels,
    tree,
    raw,
    log,
    extensionUri: context.extensionUri,
  };
  const mcp = registerMcp(deps, shell.mcpChanged);
  const owned = vscode.Disposable.from(
    mcp,
    log,
    accounts,
    history,
    lookups,
    watcher,
    panels,
    sends,
    tree,
    raw,
    new WatchStatus(watcher),
    new AccountStatus(accounts, shell.showAccount),
    new LookupNotifier(lookups, panels),
    vscode.workspace.registerTextDocumentContentProvider(RAW_SCHEME, raw),
    registerLookUpReport(deps),
    registerAccountCommands(deps),
    registerHistoryCommands(deps),
    registerLookUpSelection(deps),
    registerWatchCommands(deps),
    registerSnippetCommands(deps),
    registerLookUpBatch(deps),
    registerLookUpSend(deps, sends),
    registerWhileCoding(deps),
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
      const dropped = ownCount(history.droppedOnLoad, vscode.env.language);
      void showWarning(
        plural(
          history.droppedOnLoad,
          own('{0} lookup stored in Recent Lookups was unreadable or over the limit and was removed.', dropped),
          own('{0} lookups stored in Recent Lookups were unreadable or over the limit and were removed.', dropped),
        ),
      );
      history.droppedOnLoad = 0;
    }
  };
  // The context key behind "Clear API Key" in the palette, and the repair notice.
  setTimeout(() => {
    void accounts.get().catch(() => undefined);
    loadHistory();
  }, 0);

  if (VAIROSMS_TEST_BUILD) {
    options.expose?.({
      ...{ context, commands, history, lookups, accounts, panels, sends, watcher, tree, raw },
      reloadHistory: loadHistory,
      transportLoad: transportLoadTiming,
      mcp: mcp.servers,
      hostLacks: shell.hostLacks,
    });
  }
  return {
    commands,
    tools: createTools(deps),
    mcp: mcp.servers,
    terminalLink: (data) => followTerminalLink(deps, data),
    getChildren: (element) => tree.getChildren(element as HistoryEntry | undefined),
    getTreeItem: (element) => tree.getTreeItem(element as HistoryEntry),
    resolveTreeItem: (item, element) => tree.resolveTreeItem(item, element as HistoryEntry),
    hover: (line, position, at) => statusHover(line, position, at),
    restoreReport: (panel, state) => panels.restore(panel, state),
    dispose: () => owned.dispose(),
  };
}
