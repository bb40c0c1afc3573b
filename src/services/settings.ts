// Typed access to the extension's settings; values are validated where they are used.
import * as vscode from 'vscode';
import { Settings as S } from '../constants';
import { shownNumber, type Checked } from '../core/lookupKey';
import { checkApiRoot, DEFAULT_API_ROOT } from '../core/request';

export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(S.section);
}

export function apiRoot(): Checked<string> {
  return checkApiRoot(config().get<string>(S.apiRoot, DEFAULT_API_ROOT) ?? DEFAULT_API_ROOT);
}

export function timeoutMs(): number {
  const s = config().get<number>(S.requestTimeoutSeconds, 30);
  return Math.round(Math.min(300, Math.max(1, Number.isFinite(s) ? s : 30)) * 1000);
}

export function maxRecentLookups(): number {
  return config().get<number>(S.maxRecentLookups, 50);
}

export function keepMessageText(): boolean {
  return config().get<boolean>(S.keepMessageText, true) !== false;
}

export function maskNumbers(): boolean {
  return config().get<boolean>(S.maskNumbers, false) === true;
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

export function batchConcurrency(): number {
  const n = config().get<number>(S.batchConcurrency, 4);
  return Math.min(16, Math.max(1, Number.isFinite(n) ? Math.floor(n) : 4));
}
