// An input box (showInputBox): its prompt, value, validation message, Enter and Escape.
import type { Locator } from 'playwright-core';
import { sleep } from './common';
import type { QuickInput } from './quickInput';

export interface InputBoxDriver {
  /** The `<input>` of the visible quick input. */
  readonly input: Locator;
  /** Waits until a quick input shows `promptText` in its prompt/message line or its title. */
  waitFor(promptText: string | RegExp, timeoutMs?: number): Promise<void>;
  isPassword(): Promise<boolean>;
  value(): Promise<string>;
  /** Types key by key (validation runs on every change). */
  type(text: string): Promise<void>;
  /** Replaces the value in one go. */
  fill(text: string): Promise<void>;
  /** The validation message shown now, or '' when the input is valid (the prompt is not a validation message). */
  validationMessage(): Promise<string>;
  /** Waits until the validation message matches (or, with '', until there is none). */
  waitForValidationMessage(text: string | RegExp, timeoutMs?: number): Promise<void>;
  enter(): Promise<void>;
  escape(): Promise<void>;
}

export function inputBoxDriver(q: QuickInput): InputBoxDriver {
  const { widget, input } = q;
  const box: InputBoxDriver = {
    input,
    async waitFor(promptText, timeoutMs = 30000) {
      await widget
        .locator('.quick-input-message, .quick-input-title')
        .filter({ hasText: promptText })
        .first()
        .waitFor({ state: 'visible', timeout: timeoutMs });
      await input.waitFor({ state: 'visible', timeout: timeoutMs });
    },
    async isPassword() {
      return (await input.getAttribute('type')) === 'password';
    },
    async value() {
      return input.inputValue();
    },
    async type(text) {
      await input.pressSequentially(text);
    },
    async fill(text) {
      await input.fill(text);
    },
    async validationMessage() {
      return widget.evaluate((w) => {
        const box = w.querySelector('.quick-input-box .monaco-inputbox');
        const invalid = !!box && ['error', 'warning', 'info'].some((c) => box.classList.contains(c));
        return invalid ? (w.querySelector('.quick-input-message')?.textContent ?? '').trim() : '';
      });
    },
    async waitForValidationMessage(text, timeoutMs = 10000) {
      const deadline = Date.now() + timeoutMs;
      let seen = '';
      for (;;) {
        seen = await box.validationMessage();
        if (typeof text === 'string' ? (text === '' ? seen === '' : seen.includes(text)) : text.test(seen)) return;
        if (Date.now() > deadline)
          throw new Error(`validation message ${JSON.stringify(seen)} does not match ${String(text)}`);
        await sleep(100);
      }
    },
    async enter() {
      await input.press('Enter');
    },
    async escape() {
      await input.press('Escape');
    },
  };
  return box;
}
