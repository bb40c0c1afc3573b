// Every notification the extension shows goes through here, and takes only text of our own (src/core/ownText.ts):
// VS Code renders `[label](target)` in a notification as a link and runs `command:` targets with their arguments when
// it is clicked, so text from a file, a workspace, a selection or the provider must never reach one. Such text is
// quoted in a panel (as text) or the log. The lint rules of eslint.config.mjs allow the show*Message calls in this
// file only. Button labels are our own constants too; modal details follow the same rule.
import * as vscode from 'vscode';
import { type OwnText } from '../core/ownText';

export function showInfo<T extends string>(text: OwnText, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showInformationMessage(text, ...items);
}

export function showWarning<T extends string>(text: OwnText, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(text, ...items);
}

export function showError<T extends string>(text: OwnText, ...items: T[]): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(text, ...items);
}

/** A modal question: `detail` under the message, the buttons, and Cancel (VS Code adds it). */
export function askModal<T extends string>(
  text: OwnText,
  detail: OwnText | undefined,
  ...items: T[]
): Thenable<T | undefined> {
  return vscode.window.showWarningMessage(text, { modal: true, ...(detail ? { detail } : {}) }, ...items);
}

/** An error with next steps as buttons (MessageItems, so two steps may share a label across languages). */
export function showErrorWith<T extends vscode.MessageItem & { title: OwnText }>(
  text: OwnText,
  ...items: T[]
): Thenable<T | undefined> {
  return vscode.window.showErrorMessage(text, ...items);
}
