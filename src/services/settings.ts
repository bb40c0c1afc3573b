// Typed access to the extension's settings; values are validated where they are used.
//
// Privacy settings are read across scopes so that a workspace (a cloned repository's .vscode/settings.json, trusted
// or not) can only make privacy stricter, never looser, and no setting deletes stored lookups by itself:
//   - maskNumbers is on when any scope turns it on;
//   - history.keepMessageText is off when any scope turns it off;
//   - maxRecentLookups: Recent Lookups keeps what the user's own settings say; a workspace's lower value only hides
//     the older entries in the view (they come back when the workspace is closed).
import * as vscode from 'vscode';
import { Settings as S } from '../constants';
import { shownNumber, type Checked } from '../core/lookupKey';
import { checkApiRoot, DEFAULT_API_ROOT } from '../core/api/request';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(S.section);
}

export function apiRoot(): Checked<string> {
  return checkApiRoot(config().get<string>(S.apiRoot, DEFAULT_API_ROOT) ?? DEFAULT_API_ROOT);
}

export function timeoutMs(): number {
  const s = config().get<number>(S.requestTimeoutSeconds, 30);
  return Math.round(Math.min(300, Math.max(1, Number.isFinite(s) ? s : 30)) * 1000);
}

/** The value in each scope a workspace controls, and the user's own (or the default). */
function scoped<T>(key: string): { user: T | undefined; workspace: Array<T | undefined> } {
  const i = config().inspect<T>(key);
  return { user: i?.globalValue ?? i?.defaultValue, workspace: [i?.workspaceValue, i?.workspaceFolderValue] };
}

/** How many lookups Recent Lookups keeps: the user's own setting only, so a workspace cannot delete any. */
export function maxRecentLookups(): number {
  return scoped<number>(S.maxRecentLookups).user ?? 50;
}

/** How many the view shows: the user's cap, or a workspace's lower one (hidden, not deleted). */
export function shownRecentLookups(): number {
  const { user, workspace } = scoped<number>(S.maxRecentLookups);
  return Math.min(user ?? 50, ...workspace.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
}

/** Keep the SMS text with stored lookups: only when no scope says not to. */
export function keepMessageText(): boolean {
  const { user, workspace } = scoped<boolean>(S.keepMessageText);
  return user !== false && !workspace.includes(false);
}

/** Mask numbers: when any scope says so. */
export function maskNumbers(): boolean {
  const { user, workspace } = scoped<boolean>(S.maskNumbers);
  return user === true || workspace.includes(true);
}

/** A number as the user wants to see it in a title, a notification or a prompt (masked when maskNumbers is on). */
export function displayNumber(number: string): string {
  return shownNumber(number, maskNumbers());
}

export function affects(e: vscode.ConfigurationChangeEvent, key: string): boolean {
  return e.affectsConfiguration(`${S.section}.${key}`);
}

export function watchCapMs(): number {
  const m = config().get<number>(S.watchMaxMinutes, 60);
  return Math.round(Math.min(1440, Math.max(1, Number.isFinite(m) ? m : 60)) * 60_000);
}

/** vairosms.reports.reuseTab: a new lookup opens in the last report tab the user did not keep (default true). */
export function reuseTab(): boolean {
  return config().get<boolean>(S.reuseTab, true) !== false;
}

export function batchConcurrency(): number {
  const n = config().get<number>(S.batchConcurrency, 4);
  return Math.min(16, Math.max(1, Number.isFinite(n) ? Math.floor(n) : 4));
}

/** Include the SMS text in language model tool results: the user's own setting only (application scope), since the
 *  text can hold one-time codes. */
export function toolsIncludeMessageText(): boolean {
  return scoped<boolean>(S.toolsIncludeMessageText).user === true;
}
