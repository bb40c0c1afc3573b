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
