// The modal a batch started with arguments asks before it sends anything (#24 item 11), answered as a user would:
// accepted ("Look Up") or declined (Esc). Every other message passes through to whatever showWarningMessage is at
// the time (the real one, or a test's recorder), so a test can record the batch's own notifications as before.
import * as vscode from 'vscode';

export interface BatchConfirmAnswer {
  /** The questions the batch asked, in order. */
  readonly asked: string[];
  /** Their details (what the modal says under the question). */
  readonly details: string[];
  restore(): void;
}

export function answerBatchConfirm(accept: boolean): BatchConfirmAnswer {
  const win = vscode.window as unknown as Record<string, unknown>;
  const previous = win.showWarningMessage as (...args: unknown[]) => unknown;
  const asked: string[] = [];
  const details: string[] = [];
  win.showWarningMessage = (text: unknown, ...rest: unknown[]) => {
    const options = rest[0] as { modal?: unknown; detail?: unknown } | undefined;
    if (options && typeof options === 'object' && options.modal === true && rest.includes('Look Up')) {
      asked.push(String(text));
      details.push(String(options.detail ?? ''));
      return Promise.resolve(accept ? 'Look Up' : undefined);
    }
    return previous.call(vscode.window, text, ...rest);
  };
  return {
    asked,
    details,
    restore: () => {
      win.showWarningMessage = previous;
    },
  };
}

/** vairosms.lookUpBatch with arguments, its confirmation accepted. */
export async function confirmedBatch<T>(...args: unknown[]): Promise<T> {
  const answer = answerBatchConfirm(true);
  try {
    return await vscode.commands.executeCommand<T>('vairosms.lookUpBatch', ...args);
  } finally {
    answer.restore();
  }
}
