// What "VairoSMS: Copy MCP Server Configuration…" copies: the server's entry in each client's own format, with the
// absolute path of the installed dist/mcp.js and the key as a reference to the user's environment variable
// VAIROSMS_API_KEY, in the syntax that client expands; never the key. docs/mcp.md shows each form.
import { MCP_ENV, MCP_SERVER_NAME } from './env';

export type McpClient = 'claudeCode' | 'cursor' | 'windsurf' | 'claudeDesktop' | 'codex' | 'vscode';
export const MCP_CLIENTS: readonly McpClient[] = [
  'claudeCode',
  'cursor',
  'windsurf',
  'claudeDesktop',
  'codex',
  'vscode',
];

export interface McpConfigInput {
  /** The absolute path of dist/mcp.js in the installed extension. */
  readonly serverPath: string;
  /** Non-secret settings worth carrying over, when they differ from the server's defaults. */
  readonly apiRoot?: string;
  readonly timeoutSeconds?: number;
  readonly includeMessageText?: boolean;
}

/** How each client writes a reference to an environment variable of the user's; undefined: it has none. */
const REFERENCE: Record<McpClient, ((name: string) => string) | undefined> = {
  claudeCode: (name) => `\${${name}}`, // .mcp.json expands ${VAR}
  cursor: (name) => `\${env:${name}}`,
  windsurf: (name) => `\${env:${name}}`,
  claudeDesktop: undefined, // expands nothing; see docs/mcp.md
  codex: undefined, // forwards variables by name instead (env_vars)
  vscode: (name) => `\${env:${name}}`,
};

/** The settings as the server's environment, the key first (as a reference, when the client has one). */
function environment(client: McpClient, input: McpConfigInput): Record<string, string> {
  const ref = REFERENCE[client];
  const env: Record<string, string> = {};
  if (ref) env[MCP_ENV.apiKey] = ref(MCP_ENV.apiKey);
  if (input.apiRoot !== undefined) env[MCP_ENV.apiRoot] = input.apiRoot;
  if (input.timeoutSeconds !== undefined) env[MCP_ENV.timeoutSeconds] = String(input.timeoutSeconds);
  if (input.includeMessageText) env[MCP_ENV.includeMessageText] = '1';
  return env;
}

/** A TOML basic string: JSON's escapes are all valid TOML ones, and TOML also forbids DEL raw. (A path is never a
 *  lone surrogate: file systems hand out well-formed text.) */
const toml = (s: string) => JSON.stringify(s).replace(/\x7f/g, '\\u007F');

/** The configuration text to paste into the client's file. */
export function mcpClientConfig(client: McpClient, input: McpConfigInput): string {
  const env = environment(client, input);
  const args = [input.serverPath];
  if (client === 'codex') {
    const lines = [
      `[mcp_servers.${MCP_SERVER_NAME}]`,
      `command = "node"`,
      `args = [${args.map(toml).join(', ')}]`,
      // Codex passes the user's own variable through by its name: the key stays in the environment.
      `env_vars = [${toml(MCP_ENV.apiKey)}]`,
    ];
    const rest = Object.entries(env);
    if (rest.length) lines.push(`env = { ${rest.map(([k, v]) => `${k} = ${toml(v)}`).join(', ')} }`);
    return lines.join('\n') + '\n';
  }
  const entry: Record<string, unknown> =
    client === 'vscode' ? { type: 'stdio', command: 'node', args } : { command: 'node', args };
  if (Object.keys(env).length) entry.env = env;
  const root = client === 'vscode' ? 'servers' : 'mcpServers';
  return JSON.stringify({ [root]: { [MCP_SERVER_NAME]: entry } }, null, 2) + '\n';
}
