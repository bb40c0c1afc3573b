// Shared by the lookup, secrets, history and panel suites: fake input boxes that answer in turn, recorders for the
// notifications the extension shows, waiting utilities, the test-state command, and a scanner that looks for a
// sentinel string in every file of a folder (the profile code-server runs with).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'smsdev.vairosms-reports';

type Mutable = Record<string, unknown>;
const win = vscode.window as unknown as Mutable;

// ---- the test-state command ---------------------------------------------------------------------------------

// The state's types are the test surface's own (test/surface/seam.ts), which reads the extension's: Recent Lookups
// as stored (HistoryEntry), the report panels' models (ReportModel).
export type { PanelState, TestState } from '../surface/seam';
export type HistoryItem = HistoryEntry;
export type PanelModel = ReportModel;

export async function testState(): Promise<Required<Pick<TestState, 'history' | 'panels'>> & TestState> {
  const s = await seam.state();
  assert.ok(s, 'the test surface returned no state (is the test build out/test-extension what runs?)');
  return { ...s, history: s.history ?? [], panels: s.panels ?? [] };
}

export async function history(): Promise<HistoryItem[]> {
  return (await testState()).history;
}

export async function panelFor(sendId: string, number: string): Promise<PanelState | undefined> {
  return (await testState()).panels.find((p) => p.sendId === sendId && p.number === number);
}

export async function activate(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in the extension host`);
  await ext.activate();
  return ext;
}

// ---- waiting ------------------------------------------------------------------------------------------------

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `cond` until it holds; fails with `what` (and the last value `describe` gives) after `ms`. */
export async function until(
  cond: () => Promise<boolean> | boolean,
  what = 'condition',
  ms = 10000,
  describe?: () => Promise<string> | string,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end)
      throw new Error(`${what}: not met within ${ms} ms${describe ? ` (${await describe()})` : ''}`);
    await sleep(50);
  }
}

/** Resolves to the promise's value, or rejects when it takes longer than `ms`. */
export async function within<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(p),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

// ---- stubs on vscode.window -----------------------------------------------------------------------------------

/** Replaces a vscode.window function; returns the undo. */
export function stubWindow(name: string, fn: unknown): () => void {
  const orig = win[name];
  win[name] = fn;
  return () => {
    win[name] = orig;
  };
}

/** What one fake input box was asked with, and what it answered. */
export interface AskedBox {
  title?: string;
  prompt?: string;
  placeholder?: string;
  step?: number;
  totalSteps?: number;
  password?: boolean;
  ignoreFocusOut?: boolean;
  /** The value the extension prefilled. */
  initialValue: string;
  validationMessage?: string | vscode.InputBoxValidationMessage;
  buttons: readonly vscode.QuickInputButton[];
  /** What the fake answered: a string was typed and accepted; undefined = Esc. */
  answer: string | undefined;
  disposed: boolean;
  /** The box refused the answer (an error kept it open), and the fake then pressed Esc, as a user giving up would. */
  refused?: boolean;
}

/** One answer: a string is typed and accepted, `undefined` is Esc, `BACK` presses the Back button. */
export const BACK = Symbol('back');
export type Answer = string | undefined | typeof BACK;

export interface FakeInputBoxes {
  /** Every box the extension created, in order. */
  readonly asked: AskedBox[];
  /** Answers not used yet. */
  readonly remaining: Answer[];
  restore(): void;
}

/**
 * Replaces vscode.window.createInputBox with boxes that answer in turn, after show(), on a later tick (as a user
 * would). A box created when no answer is left is cancelled (Esc), and the test sees it in `asked`.
 */
export function fakeInputBoxes(answers: Answer[]): FakeInputBoxes {
  const asked: AskedBox[] = [];
  const remaining = [...answers];
  const restore = stubWindow('createInputBox', () => {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const change = new vscode.EventEmitter<string>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    let hidden = false;
    const record: AskedBox = { initialValue: '', buttons: [], answer: undefined, disposed: false };
    const box = {
      value: '',
      title: undefined as string | undefined,
      prompt: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      step: undefined as number | undefined,
      totalSteps: undefined as number | undefined,
      password: false,
      ignoreFocusOut: false,
      enabled: true,
      busy: false,
      validationMessage: undefined as string | vscode.InputBoxValidationMessage | undefined,
      buttons: [] as readonly vscode.QuickInputButton[],
      onDidChangeValue: change.event,
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidTriggerButton: button.event,
      show() {
        Object.assign(record, {
          title: box.title,
          prompt: box.prompt,
          placeholder: box.placeholder,
          step: box.step,
          totalSteps: box.totalSteps,
          password: box.password,
          ignoreFocusOut: box.ignoreFocusOut,
          initialValue: box.value,
          buttons: box.buttons,
        });
        asked.push(record);
        const a = remaining.length ? remaining.shift() : undefined;
        setTimeout(() => {
          if (a === BACK) {
            const back = box.buttons.find((b) => b === vscode.QuickInputButtons.Back);
            if (back) button.fire(back);
            else box.hide();
          } else if (a === undefined) {
            box.hide();
          } else {
            box.value = a;
            change.fire(a);
            record.answer = a;
            accept.fire();
            record.validationMessage = box.validationMessage;
            // Still open: Enter was refused. Give up like a user (Esc) rather than leave the command waiting.
            setTimeout(() => {
              if (hidden) return;
              record.refused = true;
              box.hide();
            }, 5);
          }
        }, 5);
      },
      hide() {
        if (hidden) return;
        hidden = true;
        hide.fire();
      },
      dispose() {
        record.disposed = true;
        box.hide();
        accept.dispose();
        hide.dispose();
        change.dispose();
        button.dispose();
      },
    };
    return box;
  });
  return { asked, remaining, restore };
}

export interface ShownMessage {
  kind: 'error' | 'warning' | 'information';
  text: string;
  items: string[];
  /** Shown as a modal dialog ({ modal: true }). */
  modal: boolean;
}

export interface MessageRecorder {
  readonly shown: ShownMessage[];
  texts(kind?: ShownMessage['kind']): string[];
  restore(): void;
}

/**
 * Records every showErrorMessage / showWarningMessage / showInformationMessage the extension makes (and answers
 * undefined, like a dismissed notification, unless `answer` says otherwise).
 */
/** `answer` may return a promise: the message stays open until it settles (a toast the user has not closed yet). */
export function recordMessages(
  answer?: (m: ShownMessage) => string | undefined | Promise<string | undefined>,
): MessageRecorder {
  const shown: ShownMessage[] = [];
  const undo: Array<() => void> = [];
  for (const [name, kind] of [
    ['showErrorMessage', 'error'],
    ['showWarningMessage', 'warning'],
    ['showInformationMessage', 'information'],
  ] as const) {
    undo.push(
      stubWindow(name, async (text: unknown, ...rest: unknown[]) => {
        const items = rest
          .filter((r): r is string => typeof r === 'string')
          .concat(
            rest
              .filter(
                (r): r is vscode.MessageItem =>
                  !!r && typeof r === 'object' && typeof (r as { title?: unknown }).title === 'string',
              )
              .map((r) => r.title),
          );
        const options = rest.find(
          (r): r is vscode.MessageOptions => !!r && typeof r === 'object' && ('modal' in r || 'detail' in r),
        );
        const m: ShownMessage = { kind, text: String(text), items, modal: options?.modal === true };
        shown.push(m);
        const a = await answer?.(m);
        if (a === undefined) return undefined;
        const item = rest.find(
          (r) => r === a || (r && typeof r === 'object' && (r as { title?: unknown }).title === a),
        );
        return item;
      }),
    );
  }
  return {
    shown,
    texts: (kind) => shown.filter((m) => !kind || m.kind === kind).map((m) => m.text),
    restore: () => undo.reverse().forEach((u) => u()),
  };
}

// ---- running commands -----------------------------------------------------------------------------------------

export interface CommandRun {
  readonly id: string;
  readonly value?: unknown;
  readonly error?: string;
}

/** Runs a command and records its value or the full text of what it threw (message and stack). */
export async function runCommand(id: string, ...args: unknown[]): Promise<CommandRun> {
  try {
    return { id, value: await vscode.commands.executeCommand(id, ...args) };
  } catch (e) {
    return { id, error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

// ---- settings -------------------------------------------------------------------------------------------------

export const vairoConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('vairosms');

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vairoConfig().update(key, value, vscode.ConfigurationTarget.Global);
}

// ---- the key ----------------------------------------------------------------------------------------------------

/** Stores `key` through the real command, with a fake password box; returns what the box was asked with. */
export async function setApiKey(key: string): Promise<AskedBox[]> {
  const boxes = fakeInputBoxes([key]);
  const messages = recordMessages();
  try {
    await vscode.commands.executeCommand('vairosms.setApiKey');
  } finally {
    boxes.restore();
    messages.restore();
  }
  assert.equal(boxes.asked.length, 1, 'Set API Key asked exactly once');
  return boxes.asked;
}

/** Removes any stored key through the real command (its notification is swallowed). */
export async function clearApiKey(): Promise<void> {
  const messages = recordMessages();
  try {
    await vscode.commands.executeCommand('vairosms.clearApiKey');
  } finally {
    messages.restore();
  }
}

/** Removes every stored lookup, answering Clear All's confirmation (no argument skips it). */
export async function clearHistory(): Promise<void> {
  const confirm = recordMessages((m) => (m.kind === 'warning' && m.modal ? 'Clear All' : undefined));
  try {
    await vscode.commands.executeCommand('vairosms.clearHistory');
  } finally {
    confirm.restore();
  }
  await until(async () => (await history()).length === 0, 'history cleared');
}

/** What a suite that used the sandbox leaves behind: no editors, no stored lookups, `apiRoot` and the named
 *  settings back to their defaults, the sandbox closed. */
export async function leaveClean(
  sandbox: { close(): Promise<void> } | undefined,
  ...settings: string[]
): Promise<void> {
  await closeAllEditors();
  await clearHistory();
  for (const key of [...settings, 'apiRoot']) await setSetting(key, undefined);
  await sandbox?.close();
}

// ---- scanning files for a secret --------------------------------------------------------------------------------

import { listFiles } from '../scan';
import { type HistoryEntry } from '../../src/core/history/history';
import { type ReportModel } from '../../src/shared/protocol/report';
import { seam } from '../surface/client';
import { type PanelState, type TestState } from '../surface/seam';
export { listFiles, scanFiles, scanText, secretForms, type Finding } from '../scan';

/** The profile folder code-server runs with (runTest passes it); fails the test when it is unknown. */
export function userDataDir(): string {
  const dir = process.env.VAIROSMS_TEST_USER_DATA;
  assert.ok(dir, 'VAIROSMS_TEST_USER_DATA is not set: run the suite through out/test-extension/integration/runTest.js');
  assert.ok(fs.existsSync(dir), `the user-data-dir ${dir} does not exist`);
  return dir;
}

/** The extension's log files: every file under <user-data-dir>/logs whose path or content names the extension
 *  or its "VairoSMS" output channel. */
export function extensionLogFiles(root = path.join(userDataDir(), 'logs')): string[] {
  return listFiles(root).filter((f) => {
    if (/smsdev\.vairosms-reports|VairoSMS/i.test(f)) return true;
    try {
      const text = fs.readFileSync(f, 'utf8');
      return /VairoSMS|smsdev\.vairosms-reports/.test(text);
    } catch {
      return false;
    }
  });
}

/** Brings the workspace's README to the front, as a user back in their code: a report panel opening now stays behind. */
export async function focusEditor(): Promise<vscode.TextEditor> {
  const readme = vscode.Uri.file(path.join(process.env.VAIROSMS_TEST_WORKSPACE ?? '', 'README.md'));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme), {
    viewColumn: vscode.ViewColumn.One,
    preserveFocus: false,
  });
}

/** A lookup the way Refresh in Recent Lookups runs it, from a text editor in front: its report panel opens (or is
 *  revealed) without taking the focus, so a failure is told in a notification too (a panel in front shows it alone,
 *  src/views/lookupNotifier.ts). */
export async function lookUpBehindEditor(sendId: string, number: string): Promise<unknown> {
  await focusEditor();
  return vscode.commands.executeCommand('vairosms.refreshLookup', { sendId, number });
}
