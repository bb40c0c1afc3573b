// One step of a multi-step input (a QuickInput InputBox with Back, live validation and info messages), the
// pattern of VS Code's multi-step-input sample. Resolves to the accepted value, BACK, or undefined on Esc.
import * as vscode from 'vscode';
import { markAccepted } from '../instrumentation/renderTimings';

export const BACK = Symbol('back');

export interface StepOptions {
  readonly title: string;
  readonly step?: number;
  readonly totalSteps?: number;
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  readonly canGoBack?: boolean;
  /** An error blocks Enter; an info message is shown but Enter is allowed. */
  readonly validate: (value: string) => vscode.InputBoxValidationMessage | undefined;
}

export function inputStep(o: StepOptions): Promise<string | typeof BACK | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = o.title;
    box.step = o.step;
    box.totalSteps = o.totalSteps;
    box.prompt = o.prompt;
    box.placeholder = o.placeholder;
    box.value = o.value ?? '';
    box.password = o.password === true;
    box.ignoreFocusOut = true;
    box.buttons = o.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    let settled = false;
    const finish = (v: string | typeof BACK | undefined) => {
      if (settled) return;
      settled = true;
      resolve(v);
      box.dispose();
    };
    const check = (value: string) => {
      const v = value === '' ? undefined : o.validate(value);
      box.validationMessage = v;
      return v;
    };
    check(box.value);
    box.onDidChangeValue(check);
    box.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish(BACK);
    });
    box.onDidAccept(() => {
      const v = o.validate(box.value);
      if (v && v.severity === vscode.InputBoxValidationSeverity.Error) {
        box.validationMessage = v;
        return;
      }
      markAccepted();
      finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

export const error = (message: string): vscode.InputBoxValidationMessage => ({
  message,
  severity: vscode.InputBoxValidationSeverity.Error,
});
export const info = (message: string): vscode.InputBoxValidationMessage => ({
  message,
  severity: vscode.InputBoxValidationSeverity.Info,
});
