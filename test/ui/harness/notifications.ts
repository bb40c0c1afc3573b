// Notification toasts and the in-page modal dialog.
import type { Page } from 'playwright-core';
import { exactly } from './common';
import type { VSCode } from './driver';

export function notificationsDriver(page: Page): Pick<VSCode, 'notification' | 'dialog' | 'clickDialogButton'> {
  return {
    notification(text) {
      return page.locator('.notification-toast').filter({ hasText: text }).first();
    },

    dialog(text) {
      const boxes = page.locator('.monaco-dialog-box').filter({ visible: true });
      return (text === undefined ? boxes : boxes.filter({ hasText: text })).first();
    },

    async clickDialogButton(label) {
      const button = page
        .locator('.monaco-dialog-box .dialog-buttons .monaco-button')
        .filter({ hasText: exactly(label) })
        .first();
      await button.click();
      await page
        .locator('.monaco-dialog-box')
        .filter({ visible: true })
        .first()
        .waitFor({ state: 'hidden', timeout: 10000 });
    },
  };
}
