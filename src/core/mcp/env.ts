// The MCP server's configuration, by environment variable only (docs/mcp.md): their names, shared by the server
// (src/mcp/config.ts reads them) and by the configurations the extension writes for other clients (clientConfig.ts).
// The key is never an argument: a process's arguments are visible to every user of the machine.
export const MCP_ENV = {
  apiKey: 'VAIROSMS_API_KEY',
  apiRoot: 'VAIROSMS_API_ROOT',
  timeoutSeconds: 'VAIROSMS_TIMEOUT_SECONDS',
  includeMessageText: 'VAIROSMS_INCLUDE_MESSAGE_TEXT',
} as const;

/** The server's name in every client's configuration. */
export const MCP_SERVER_NAME = 'vairosms';

/** The settings the server follows (vairosms.*), read through `get`. */
interface McpSettings {
  readonly apiRoot: unknown;
  readonly requestTimeoutSeconds: unknown;
  /** The user's own value only (application scope), as the language model tools read it. */
  readonly includeMessageText: unknown;
}

/** The server's environment from the settings, without the key: added to the definition when VS Code starts the
 *  server (resolve, src/commands/mcp.ts), with the key. The server checks each value again (src/mcp/config.ts). */
export function mcpSettingsEnv(s: McpSettings): Record<string, string> {
  return {
    [MCP_ENV.apiRoot]: typeof s.apiRoot === 'string' ? s.apiRoot : '',
    [MCP_ENV.timeoutSeconds]: typeof s.requestTimeoutSeconds === 'number' ? String(s.requestTimeoutSeconds) : '30',
    [MCP_ENV.includeMessageText]: s.includeMessageText === true ? '1' : '0',
  };
}
