// The activation shell: everything VS Code needs at activation, and nothing more. It registers every command,
// the Recent Lookups view, the status-code hover and the panel serializer as thin proxies; the features themselves
// (dist/main.js) load on first use, and node-fetch (dist/http.js) only with the first lookup. No I/O here.
import { loadStart } from './instrumentation/loadMark'; // first: it marks when the bundle began to evaluate
import * as path from 'path';
import * as vscode from 'vscode';
import {
  ACCOUNTS_STATE_KEY,
  Commands,
  ContextKeys,
  HAS_KEY_FLAG,
  MCP_PROVIDER_ID,
  Settings,
  StatusBarItems,
  TOOL_NAMES,
  Views,
} from './constants';
import { activeAccountLabel, accountCount } from './core/accounts/accountName';
import { statusCodeAt } from './core/match/codeMatch';
import { matchTerminalLine } from './core/match/terminalMatch';
import type { McpRegister, McpStdioConstructor, McpStdioDefinition } from './commands/mcp';
import type { TerminalLinkData } from './commands/whileCoding';
import type { createMain, Main, MainOptions } from './main';
import type * as TestSurface from '../test/surface/register';

/** The bundle has finished evaluating once this line runs (the entry module's body runs after its imports). VS Code
 *  then prepares the extension context before it calls activate(), which is its time, not ours. */
const loadEnd = performance.now();

let main: Main | undefined;
let timings = { loadMs: 0, activationMs: 0, mainLoadMs: 0 };

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  /** The APIs this host lacks, said once in the log when the features load (src/main.ts). */
  const hostLacks: string[] = [];
  /** Registers what a host may lack: a throw costs only that feature, and is named in hostLacks. */
  const optional = <T>(api: string, register: () => T): T | undefined => {
    try {
      return register();
    } catch (e) {
      hostLacks.push(`${api}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };
  const changed = new vscode.EventEmitter<unknown>();
  /** The MCP server's definition changed (account, key, settings): a new version, and VS Code restarts the server. */
  let mcpVersion = 0;
  const mcpChanged = new vscode.EventEmitter<void>();
  const mcpChange = () => {
    mcpVersion++;
    mcpChanged.fire();
  };
  /** One stdio server, "VairoSMS": the bundled dist/mcp.js run by the runtime VS Code gives extensions (Electron as
   *  Node in desktop VS Code). Its settings and the key enter its env in resolve, at its start (src/commands/mcp.ts),
   *  so this, which VS Code asks for right after the registration, loads nothing. */
  const mcpProvider = {
    onDidChangeMcpServerDefinitions: mcpChanged.event,
    onDidChangeServerDefinitions: mcpChanged.event, // its name in 1.100
    provideMcpServerDefinitions: () => {
      const Definition = (vscode as { McpStdioServerDefinition?: McpStdioConstructor }).McpStdioServerDefinition;
      const d = {
        label: 'VairoSMS',
        command: process.execPath,
        args: [path.join(__dirname, 'mcp.js')],
        env: (process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}) as Record<string, string>,
        version: String(mcpVersion),
      };
      // a plain object where the host has no class (it never asks then; the tests read it)
      return [Definition ? new Definition(d.label, d.command, d.args, d.env, d.version) : d];
    },
    resolveMcpServerDefinition: (server: McpStdioDefinition) => load().mcp.resolve(server),
  };
  const view = vscode.window.createTreeView<unknown>(Views.recentLookups, {
    treeDataProvider: {
      onDidChangeTreeData: changed.event,
      getChildren: (element) => load().getChildren(element),
      getTreeItem: (element) => load().getTreeItem(element),
      resolveTreeItem: (item, element) => load().resolveTreeItem(item, element),
    },
    showCollapseAll: false,
  });

  let testOptions: MainOptions | undefined;

  /** Requires dist/main.js once; a computed path keeps esbuild from inlining it. */
  const load = (): Main => {
    if (!main) {
      const t0 = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime load by design (see above)
      const mod = require(path.join(__dirname, 'main.js')) as { createMain: typeof createMain };
      main = mod.createMain(
        context,
        {
          view,
          fireChange: () => changed.fire(undefined),
          showAccount,
          hostLacks,
          mcpChanged: mcpChange,
        },
        testOptions,
      );
      context.subscriptions.push(main);
      timings = { ...timings, mainLoadMs: performance.now() - t0 };
    }
    return main;
  };

  // The active account in the status bar while two or more exist: drawn from globalState here (no keyring, no
  // features loaded), and by src/views/accountStatus.ts through showAccount once they are.
  const accountItem = vscode.window.createStatusBarItem(StatusBarItems.account, vscode.StatusBarAlignment.Left, 50);
  accountItem.name = vscode.l10n.t('VairoSMS Account');
  accountItem.command = Commands.switchAccount;
  const showAccount = (name: string | undefined): void => {
    if (name === undefined) {
      accountItem.hide();
      return;
    }
    accountItem.text = `$(account) ${name}`; // a stored name holds no `$(…)` (src/core/accounts/accountName.ts)
    accountItem.tooltip = vscode.l10n.t('VairoSMS account: {0}. Click to switch.', name);
    accountItem.accessibilityInformation = {
      label: vscode.l10n.t('VairoSMS account {0}, switch account', name),
      role: 'button',
    };
    accountItem.show();
  };
  const storedAccounts = context.globalState.get(ACCOUNTS_STATE_KEY);
  showAccount(activeAccountLabel(storedAccounts));

  const subs = context.subscriptions;
  subs.push(changed, mcpChanged, view, accountItem);
  for (const id of Object.values(Commands)) {
    subs.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        const handler = load().commands.get(id);
        if (!handler) throw new Error(`VairoSMS: no handler for ${id}`);
        return handler(...args);
      }),
    );
  }
  subs.push(
    vscode.window.registerWebviewPanelSerializer(Views.reportPanel, {
      deserializeWebviewPanel: async (panel, state) => load().restoreReport(panel, state),
    }),
  );

  // The status-code hover: the cheap part (settings, whole-word match in the hovered line) runs here; the
  // explanation is built by the main bundle only when a code is actually under the cursor.
  let hover = readHoverSettings();
  subs.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.hover`)) hover = readHoverSettings();
    }),
  );
  subs.push(
    vscode.languages.registerHoverProvider(
      { pattern: '**' },
      {
        provideHover(document, position) {
          if (!hover.enabled || (hover.languages && !hover.languages.has(document.languageId))) return undefined;
          const line = document.lineAt(position.line).text;
          const at = statusCodeAt(line, position.character);
          return at ? load().hover(line, position, at) : undefined;
        },
      },
    ),
  );

  // The language model tools: proxies, as for the commands. Registered at activation so that a chat (or
  // vscode.lm.invokeTool) finds them; nothing of theirs runs until one is invoked. Hosts built on VS Code may lack
  // the chat APIs (Cursor, installing from Open VSX, has vscode.lm without registerTool): the tools are then left
  // out, and everything else still registers.
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  if (typeof lm?.registerTool === 'function') {
    const registerTool = lm.registerTool.bind(lm);
    for (const name of TOOL_NAMES) {
      const registered = optional(`vscode.lm.registerTool (${name})`, () =>
        registerTool<unknown>(name, {
          prepareInvocation: (options, token) => load().tools[name].prepareInvocation?.(options, token),
          invoke: (options, token) => load().tools[name].invoke(options, token),
        }),
      );
      if (registered) subs.push(registered);
    }
  } else {
    hostLacks.push('vscode.lm.registerTool');
  }
  // The MCP server (dist/mcp.js) for VS Code's own MCP support (stable in 1.101), feature-detected like the tools.
  const registerMcp = (lm as { registerMcpServerDefinitionProvider?: McpRegister } | undefined)
    ?.registerMcpServerDefinitionProvider;
  const mcpApi = 'vscode.lm.registerMcpServerDefinitionProvider';
  if (typeof registerMcp === 'function') {
    const registered = optional(mcpApi, () => registerMcp.call(lm, MCP_PROVIDER_ID, mcpProvider));
    if (registered) subs.push(registered);
  } else {
    hostLacks.push(mcpApi);
  }

  // Terminal links: the matching is a few regular expressions over at most MAX_LINE characters of a line
  // (src/core/match/terminalMatch.ts); what a link does loads with the features, when it is activated.
  let terminalLinks = readTerminalLinksSetting();
  subs.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${Settings.section}.${Settings.terminalLinksEnabled}`))
        terminalLinks = readTerminalLinksSetting();
    }),
    vscode.window.registerTerminalLinkProvider({
      provideTerminalLinks(context) {
        if (!terminalLinks) return [];
        return matchTerminalLine(context.line).map((m) => ({
          startIndex: m.start,
          length: m.length,
          tooltip:
            m.kind === 'lookup'
              ? vscode.l10n.t('Look up the VairoSMS report')
              : vscode.l10n.t('Explain the VairoSMS status {0}', m.code),
          data:
            m.kind === 'lookup'
              ? { kind: 'lookup', text: context.line.slice(m.start, m.start + m.length) }
              : { kind: 'status', code: m.code },
        }));
      },
      handleTerminalLink: (link: vscode.TerminalLink & { data: TerminalLinkData }) =>
        void load().terminalLink(link.data),
    } satisfies vscode.TerminalLinkProvider<vscode.TerminalLink & { data: TerminalLinkData }>),
  );

  // "Clear API Key" is offered when a key is stored: a non-secret flag says so, so the keyring is not read here.
  void vscode.commands.executeCommand(
    'setContext',
    ContextKeys.hasApiKey,
    context.globalState.get(HAS_KEY_FLAG) === true,
  );
  void vscode.commands.executeCommand('setContext', ContextKeys.hasAccounts, accountCount(storedAccounts) > 0);
  void vscode.commands.executeCommand('setContext', ContextKeys.multipleAccounts, accountCount(storedAccounts) > 1);

  timings = { loadMs: loadEnd - loadStart, activationMs: performance.now() - started, mainLoadMs: 0 };

  // The test build only (esbuild.js: out/test-extension, what the integration tests and the bench run): the test
  // surface's commands, and the options through which the features expose their parts to it. Registered after the
  // shell's own timing, so the bench measures the shell users get (the features load on first use, after this). The
  // packaged bundle keeps nothing of this branch, not even the require.
  if (VAIROSMS_TEST_BUILD) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled in only by the test build
    const surface = require('../test/surface/register') as typeof TestSurface;
    testOptions = surface.registerTestSurface(context, {
      state: () => ({ ...timings, mainLoaded: main !== undefined }),
      load: () => void load(),
      mcp: mcpProvider,
    });
  }
}

function readTerminalLinksSetting(): boolean {
  return (
    vscode.workspace.getConfiguration(Settings.section).get<boolean>(Settings.terminalLinksEnabled, true) !== false
  );
}

function readHoverSettings(): { enabled: boolean; languages: ReadonlySet<string> | undefined } {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const langs = c.get<string[]>('hover.languages', ['*']);
  return {
    enabled: c.get<boolean>('hover.enabled', true) !== false,
    languages: !Array.isArray(langs) || langs.length === 0 || langs.includes('*') ? undefined : new Set(langs),
  };
}

export function deactivate(): void {
  // The main bundle and everything else are disposed through context.subscriptions (watch timers included).
  main = undefined;
}
