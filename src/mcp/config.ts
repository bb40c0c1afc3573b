// The MCP server's configuration, read from its environment only (src/core/mcp/env.ts names the variables): the key,
// the API root (the rules of the setting vairosms.apiRoot: https, or http on loopback only, checked before any
// request), the time limit and whether the SMS text is included. Nothing here is ever an argument.
// The MCP server speaks English (agents read it, and no VS Code language reaches it); text shown in VS Code is
// localized where the extension shows it.
import { checkApiRoot, DEFAULT_API_ROOT } from '../core/api/request';
import { MCP_ENV } from '../core/mcp/env';

export interface McpConfig {
  /** Undefined when VAIROSMS_API_KEY is missing or blank: the server starts and lists its tools, a lookup says so. */
  readonly apiKey: string | undefined;
  /** The checked root, or why VAIROSMS_API_ROOT is refused (every lookup then fails with it, nothing is sent). */
  readonly apiRoot: { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };
  readonly timeoutMs: number;
  readonly includeMessage: boolean;
  /** What the log says about values it could not use (never a value of the key). */
  readonly warnings: readonly string[];
}

const DEFAULT_TIMEOUT_SECONDS = 30;

export function readConfig(env: Readonly<Record<string, string | undefined>>): McpConfig {
  const warnings: string[] = [];
  const rawKey = env[MCP_ENV.apiKey]?.trim();
  let apiKey = rawKey === '' ? undefined : rawKey;
  // A client that does not expand variables passes the reference itself ("${VAIROSMS_API_KEY}", "${env:…}"): it is
  // no key, and sending it would only earn a "wrong key" from VairoSMS.
  if (apiKey !== undefined && /^\$\{[^}]*\}$/.test(apiKey)) {
    warnings.push(
      `${MCP_ENV.apiKey} holds an unexpanded reference to a variable, not a key: this client does not expand it.`,
    );
    apiKey = undefined;
  }

  const rawRoot = env[MCP_ENV.apiRoot];
  let apiRoot: McpConfig['apiRoot'];
  if (rawRoot === undefined || rawRoot.trim() === '') apiRoot = { ok: true, value: DEFAULT_API_ROOT };
  else {
    const c = checkApiRoot(rawRoot);
    // The rule's own sentence names the setting; here the value came from the environment variable.
    apiRoot = c.ok ? c : { ok: false, message: c.message.replace('The setting vairosms.apiRoot', MCP_ENV.apiRoot) };
  }

  const rawTimeout = env[MCP_ENV.timeoutSeconds];
  let seconds = DEFAULT_TIMEOUT_SECONDS;
  if (rawTimeout !== undefined && rawTimeout.trim() !== '') {
    const n = Number(rawTimeout);
    if (Number.isFinite(n) && n > 0) seconds = Math.min(300, Math.max(1, n));
    else warnings.push(`${MCP_ENV.timeoutSeconds} is not a number of seconds; using ${DEFAULT_TIMEOUT_SECONDS}.`);
  }

  return {
    apiKey,
    apiRoot,
    timeoutMs: Math.round(seconds * 1000),
    includeMessage: env[MCP_ENV.includeMessageText]?.trim() === '1',
    warnings,
  };
}

/** The tool text when no key is set: what is missing and how to set it. */
export const NO_KEY_TEXT =
  `No API key: ${MCP_ENV.apiKey} is not set for the VairoSMS MCP server. ` +
  `Set ${MCP_ENV.apiKey} in the environment the MCP client starts the server with (for example "env_vars" in Codex, ` +
  `or "env": { "${MCP_ENV.apiKey}": "\${env:${MCP_ENV.apiKey}}" } in an mcp.json), then restart the server. ` +
  'Never put the key in an argument.';
