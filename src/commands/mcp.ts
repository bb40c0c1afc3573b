// The MCP server (dist/mcp.js, src/mcp/) in VS Code and beside it (#25):
//   - the provider VS Code's MCP support asks (registered by the activation shell where the host has
//     vscode.lm.registerMcpServerDefinitionProvider, stable in 1.101): the shell offers the definition (one stdio
//     server, "VairoSMS") without loading the features, since VS Code asks for it at once; here, in resolve, at its
//     start, the settings (API root, time limit, tools.includeMessageText) and the active account's key enter its env
//     (the key never in the list, an argument, a file or a setting); a change of account, key or those settings is
//     signalled so VS Code restarts it;
//   - "VairoSMS: Copy MCP Server Configuration…": the server's entry for another client (core/mcp/clientConfig.ts),
//     the key as a reference to the user's environment variable, never the key.
// @types/vscode here predates the MCP API (1.101): the few types used are declared below, structurally.
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { DEFAULT_API_ROOT } from '../core/api/request';
import { MCP_CLIENTS, mcpClientConfig, type McpClient } from '../core/mcp/clientConfig';
import { MCP_ENV, mcpSettingsEnv } from '../core/mcp/env';
import { own } from '../core/ownText';
import { KeyringError } from '../services/accounts';
import * as settings from '../services/settings';
import { showError, showInfo } from '../views/notify';
import { type CommandDeps } from './deps';

type McpEnv = Record<string, string | number | null>;

/** vscode.McpStdioServerDefinition (1.101), as far as it is used here. */
export interface McpStdioDefinition {
  readonly label: string;
  command: string;
  args: string[];
  env: McpEnv;
  version?: string;
}
export type McpStdioConstructor = new (
  label: string,
  command: string,
  args?: string[],
  env?: McpEnv,
  version?: string,
) => McpStdioDefinition;

/** vscode.lm.registerMcpServerDefinitionProvider (1.101). */
export type McpRegister = (
  id: string,
  provider: {
    onDidChangeMcpServerDefinitions: vscode.Event<void>;
    provideMcpServerDefinitions(): object[];
    resolveMcpServerDefinition(server: McpStdioDefinition): Promise<McpStdioDefinition>;
  },
) => vscode.Disposable;

export interface McpServers {
  resolve(server: McpStdioDefinition): Promise<McpStdioDefinition>;
}

/** VS Code's id of the server: the extension's id and the definition's label (src/extension.ts). */
const MCP_SERVER_ID = 'smsdev.vairosms-reports/VairoSMS';

/** dist/mcp.js beside this bundle (dist/main.js). */
const serverPath = () => path.join(__dirname, 'mcp.js');

/** The settings and the key at the server's start (the definition itself is the activation shell's), the change
 *  signal for an account, a key or those settings, and the configuration command. */
export function registerMcp(deps: CommandDeps, changed: () => void): vscode.Disposable & { servers: McpServers } {
  const servers: McpServers = {
    resolve: async (server) => {
      let key: string | undefined;
      try {
        key = await deps.accounts.get();
        // No key stored: the same prompt as "Set API Key…" (resolving to true once a key is stored).
        if (!key && (await vscode.commands.executeCommand<boolean>(Commands.setApiKeyInternal)))
          key = await deps.accounts.get();
      } catch (e) {
        if (!(e instanceof KeyringError)) throw e;
        throw new Error(
          vscode.l10n.t(
            "VS Code's secret storage is not available, so the VairoSMS API key cannot be read and the VairoSMS MCP server was not started.",
          ),
        );
      }
      if (!key)
        throw new Error(
          vscode.l10n.t(
            'No VairoSMS API key is stored, so the VairoSMS MCP server was not started. Run "VairoSMS: Set API Key…", then start it again.',
          ),
        );
      deps.log.info("MCP server: VS Code starts it with the active account's key");
      const c = vscode.workspace.getConfiguration(Settings.section);
      server.env = {
        ...server.env,
        ...mcpSettingsEnv({
          apiRoot: c.get(Settings.apiRoot),
          requestTimeoutSeconds: c.get(Settings.requestTimeoutSeconds),
          includeMessageText: settings.toolsIncludeMessageText(),
        }),
        [MCP_ENV.apiKey]: key,
      };
      return server;
    },
  };

  // Another account or key: the running server still holds the old key in its environment (a new version only marks
  // it outdated), so it is stopped as well; VS Code starts it again, resolved with the key as it is now, when a tool
  // of it is next used. A host without the command (no MCP support) has no server to stop.
  const keyChanged = () => {
    changed();
    void Promise.resolve(vscode.commands.executeCommand('workbench.mcp.stopServer', MCP_SERVER_ID)).catch(
      () => undefined,
    );
  };
  const disposable = vscode.Disposable.from(
    deps.accounts.onDidChange(keyChanged),
    deps.accounts.onDidChangeKey(keyChanged),
    // A started server was resolved here, so this is loaded by then: a change of what it follows restarts it.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        settings.affects(e, Settings.apiRoot) ||
        settings.affects(e, Settings.requestTimeoutSeconds) ||
        settings.affects(e, Settings.toolsIncludeMessageText)
      )
        changed();
    }),
    deps.commands.register(Commands.copyMcpConfig, (client?: unknown) => copyConfig(client)),
  );
  return Object.assign(disposable, { servers });
}

/** Where each client keeps the entry: a file name, shown beside the client's name. */
const CLIENTS: Record<McpClient, { label: string; file: string }> = {
  claudeCode: { label: 'Claude Code', file: '.mcp.json' },
  cursor: { label: 'Cursor', file: '~/.cursor/mcp.json' },
  windsurf: { label: 'Windsurf', file: '~/.codeium/windsurf/mcp_config.json' },
  claudeDesktop: { label: 'Claude Desktop', file: 'claude_desktop_config.json' },
  codex: { label: 'Codex', file: '~/.codex/config.toml' },
  vscode: { label: 'VS Code', file: '.vscode/mcp.json' },
};

/** Asks for the client (or takes it as the argument), copies its configuration, and returns the text copied. */
async function copyConfig(given?: unknown): Promise<string | undefined> {
  let client = MCP_CLIENTS.find((c) => c === given);
  if (!client) {
    const pick = await vscode.window.showQuickPick(
      MCP_CLIENTS.map((c) => ({ label: CLIENTS[c].label, description: CLIENTS[c].file, client: c })),
      {
        title: vscode.l10n.t('Copy MCP Server Configuration'),
        placeHolder: vscode.l10n.t('Which MCP client is the configuration for?'),
      },
    );
    client = pick?.client;
  }
  if (!client) return undefined;
  // The setting as the lookups read it: one they refuse (a query, user info, http to another host) is never copied,
  // since it may hold what it must not (a pasted URL with ?api_key=…).
  const root = settings.apiRoot();
  if (!root.ok) {
    void showError(own('The VairoSMS MCP server configuration was not copied: {0}', root.message));
    return undefined;
  }
  const seconds = settings.timeoutMs() / 1000;
  const text = mcpClientConfig(client, {
    serverPath: serverPath(),
    apiRoot: root.value !== DEFAULT_API_ROOT ? root.value : undefined,
    timeoutSeconds: seconds !== 30 ? seconds : undefined,
    includeMessageText: settings.toolsIncludeMessageText(),
  });
  await vscode.env.clipboard.writeText(text);
  void showInfo(
    client === 'claudeDesktop'
      ? own(
          'The VairoSMS MCP server configuration is on the clipboard. Claude Desktop expands no environment variables: add the key to its "env" yourself (docs/mcp.md), or use a client that reads VAIROSMS_API_KEY from your environment.',
        )
      : own(
          'The VairoSMS MCP server configuration is on the clipboard. It reads the key from your environment variable VAIROSMS_API_KEY: set it before you start the client.',
        ),
  );
  return text;
}
