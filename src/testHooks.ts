// Read-only views of the extension's state for the integration tests and the benchmark. Registered only when the
// test host sets VAIROSMS_TEST_HOOKS=1, never in a user's VS Code; nothing returned contains the API key.
import * as vscode from 'vscode';
import { type HistoryStore } from './services/historyStore';
import { isTransportLoaded } from './services/reportClient';
import { type ReportController } from './views/reportController';

export const TEST_STATE_COMMAND = '_vairosms.test.state';

export interface TestState {
  /** Evaluating dist/extension.js, then running activate(). */
  readonly loadMs: number;
  readonly activationMs: number;
  readonly transportLoaded: boolean;
  readonly history: unknown;
  readonly panels: Array<{ sendId: string; number: string; visible: boolean; model: unknown }>;
}

export function registerTestHooks(deps: { history: HistoryStore; reports: ReportController; loadMs: number; activationMs: () => number }): vscode.Disposable | undefined {
  if (process.env.VAIROSMS_TEST_HOOKS !== '1') return undefined;
  return vscode.commands.registerCommand(TEST_STATE_COMMAND, (): TestState => ({
    loadMs: deps.loadMs,
    activationMs: deps.activationMs(),
    transportLoaded: isTransportLoaded(),
    history: JSON.parse(JSON.stringify(deps.history.all())),
    panels: deps.reports.panels.all().map((p) => ({ sendId: p.key.sendId, number: p.key.number, visible: p.panel.visible, model: p.current })),
  }));
}
