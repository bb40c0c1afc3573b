// Every id the manifest and the code share, in one place (js-debug's contributionUtils idiom).
export const Commands = {
  lookUpReport: 'vairosms.lookUpReport',
  setApiKey: 'vairosms.setApiKey',
  clearApiKey: 'vairosms.clearApiKey',
  showLog: 'vairosms.showLog',
  refreshLookup: 'vairosms.refreshLookup',
  openLookup: 'vairosms.openLookup',
  copyNumber: 'vairosms.copyNumber',
  copySendId: 'vairosms.copySendId',
  removeLookup: 'vairosms.removeLookup',
  clearHistory: 'vairosms.clearHistory',
  showRawResponse: 'vairosms.showRawResponse',
  formatRawResponse: 'vairosms.formatRawResponse',
  watchReport: 'vairosms.watchReport',
  stopWatching: 'vairosms.stopWatching',
  showWatches: 'vairosms.showWatches',
  lookUpSelection: 'vairosms.lookUpSelection',
  copyAsCurl: 'vairosms.copyAsCurl',
  copyAsSnippet: 'vairosms.copyAsSnippet',
  lookUpBatch: 'vairosms.lookUpBatch',
  lookUpVariable: 'vairosms.lookUpVariable',
  lookUpSend: 'vairosms.lookUpSend',
  addAccount: 'vairosms.addAccount',
  switchAccount: 'vairosms.switchAccount',
  renameAccount: 'vairosms.renameAccount',
  removeAccount: 'vairosms.removeAccount',
  filterByAccount: 'vairosms.filterByAccount',
  showSend: 'vairosms.showSend',
  copyMcpConfig: 'vairosms.copyMcpConfig',
  /** Internal: the key prompt, resolving to true when a key was stored. */
  setApiKeyInternal: '_vairosms.promptForApiKey',
} as const;

export const Views = {
  container: 'vairosms',
  recentLookups: 'vairosms.recentLookups',
  reportPanel: 'vairosms.report',
  sendPanel: 'vairosms.send',
  batchPanel: 'vairosms.batch',
} as const;

export const ContextKeys = {
  hasApiKey: 'vairosms.hasApiKey',
  hasHistory: 'vairosms.hasRecentLookups',
  isWatching: 'vairosms.isWatching',
  /** Two or more accounts: the status bar item, the account in Recent Lookups, the filter. */
  multipleAccounts: 'vairosms.multipleAccounts',
  hasAccounts: 'vairosms.hasAccounts',
  /** A terminal link was followed or a language model tool ran (the walkthrough's last step). */
  usedWhileCoding: 'vairosms.usedWhileCoding',
  /** A report panel has shown a report (the walkthrough's "Read the status" step). */
  hasShownReport: 'vairosms.hasShownReport',
} as const;

/** The language model tools (package.json languageModelTools); the MCP server offers the same names. */
const Tools = {
  lookUpReport: 'vairosms_lookUpReport',
  lookUpSend: 'vairosms_lookUpSend',
  explainStatus: 'vairosms_explainStatus',
} as const;
export const TOOL_NAMES = [Tools.lookUpReport, Tools.lookUpSend, Tools.explainStatus] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** The MCP server definition provider (package.json contributes.mcpServerDefinitionProviders). */
export const MCP_PROVIDER_ID = 'vairosms.mcpServers';

/** Status bar items, by id (VS Code lists them by these under "Hide"). */
export const StatusBarItems = {
  account: 'vairosms.account',
  watch: 'vairosms.watch',
} as const;

export const Settings = {
  section: 'vairosms',
  apiRoot: 'apiRoot',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  maxRecentLookups: 'maxRecentLookups',
  keepMessageText: 'history.keepMessageText',
  maskNumbers: 'maskNumbers',
  watchMaxMinutes: 'watch.maxMinutes',
  batchConcurrency: 'batchConcurrency',
  reuseTab: 'reports.reuseTab',
  toolsIncludeMessageText: 'tools.includeMessageText',
  terminalLinksEnabled: 'terminalLinks.enabled',
} as const;

/** The single key of versions before accounts; migrated to the account "Default" (src/services/accounts.ts). */
export const SECRET_API_KEY = 'vairosms.apiKey';
/** globalState: the accounts (ids, names, the active one; never a key). The activation shell reads it for the status
 *  bar item and the context keys. */
export const ACCOUNTS_STATE_KEY = 'vairosms.accounts.v1';
/** globalState: Recent Lookups (src/services/historyStore.ts). */
export const HISTORY_STATE_KEY = 'vairosms.recentLookups.v1';
/** globalState: who wrote HISTORY_STATE_KEY last: `<window id>.<counter>`. */
export const WRITER_STATE_KEY = 'vairosms.recentLookups.writer';
/** SecretStorage: each account's API key is `${KEY_SECRET_PREFIX}${account id}`. */
export const KEY_SECRET_PREFIX = 'vairosms.apiKey.';
/** SecretStorage: a counter other windows watch to learn that the accounts' keys changed. */
export const REVISION_SECRET = 'vairosms.accounts.revision';
/** globalState: whether a key is stored (never the key), read by the activation shell for the context key. */
export const HAS_KEY_FLAG = 'vairosms.hasApiKey';
