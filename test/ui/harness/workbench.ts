// The workbench around the parts: its start, the activity bar, editor tabs, the status bar, the clipboard,
// screenshots and Reload Window.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR, cssString, safeName, sleep } from './common';
import type { DriverParts, VSCode } from './driver';

/** The title of our activity-bar entry (package.json `viewsContainers.activitybar[0].title`, same in every language). */
export const ACTIVITY_TITLE = 'VairoSMS';

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('div.monaco-workbench').waitFor({ timeout: 60000 });
  // our contributions are in the UI once the remote extension host has scanned the extensions
  await activityEntry(page, ACTIVITY_TITLE).waitFor({ timeout: 60000 });
}

/** The activity-bar link of a view container; its aria-label is the title, plus " (keybinding)" when it has one. */
export function activityEntry(page: Page, title: string): Locator {
  return page.locator('.activitybar a.action-label').and(activityLabel(page, title)).first();
}

export function activityLabel(page: Page, title: string): Locator {
  return page.locator(`[aria-label=${cssString(title)}], [aria-label^=${cssString(`${title} (`)}]`);
}

export function workbenchDriver(
  page: Page,
  p: Pick<DriverParts, 'log'>,
): Pick<VSCode, 'editorTab' | 'statusBarItem' | 'readClipboard' | 'screenshot' | 'reload'> {
  return {
    editorTab(title) {
      return page.locator('.tabs-container .tab').filter({ hasText: title }).first();
    },

    statusBarItem(text) {
      return page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
    },

    async readClipboard() {
      await page.bringToFront();
      return page.evaluate(() => navigator.clipboard.readText());
    },

    async screenshot(name, dir = RESULTS_DIR) {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${safeName(name)}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    async reload() {
      // the activity-bar entry is restored from the workbench's cache at once; the new extension host comes later
      const launched = (): number => p.log().split('Launched Extension Host Process').length;
      const before = launched();
      await page.reload();
      await waitForWorkbench(page);
      const deadline = Date.now() + 60000;
      while (launched() <= before) {
        if (Date.now() > deadline) throw new Error('no new extension host after the reload');
        await sleep(100);
      }
    },
  };
}
