// The side bar: open a view container from the activity bar, its tree rows, and a row's context menu.
import type { Locator, Page } from 'playwright-core';
import { sleep } from './common';
import type { VSCode } from './driver';
import { activityEntry, activityLabel } from './workbench';

export function sidebarDriver(page: Page): Pick<VSCode, 'openSideBar' | 'treeRow'> {
  return {
    async openSideBar(containerTitle) {
      const entry = activityEntry(page, containerTitle);
      await entry.waitFor({ state: 'visible' });
      // the <li> around the link carries `checked` while its container is shown
      const item = page
        .locator('.activitybar li.action-item')
        .filter({ has: page.locator('a.action-label').and(activityLabel(page, containerTitle)) })
        .first();
      const isOpen = async (): Promise<boolean> =>
        (await item.evaluate((el) => el.classList.contains('checked'))) &&
        (await page.locator('.part.sidebar').isVisible());
      // Right after a reload the workbench may restore the side bar just after our first look, and then a click
      // toggles it closed again: keep checking, and click again when it stays closed.
      const deadline = Date.now() + 15000;
      let lastClick = 0;
      while (!(await isOpen())) {
        if (Date.now() > deadline) throw new Error(`the "${containerTitle}" side bar did not open`);
        if (Date.now() - lastClick > 2000) {
          await entry.click();
          lastClick = Date.now();
        }
        await sleep(100);
      }
    },

    treeRow(text) {
      return page
        .locator('.part.sidebar .monaco-list-row, .part.panel .monaco-list-row, .part.auxiliarybar .monaco-list-row')
        .filter({ hasText: text });
    },
  };
}

// ---- menus -------------------------------------------------------------------------------------------------

/** Opens the item context menu of a Recent Lookups row; returns the visible menu. */
export async function contextMenu(v: VSCode, row: Locator): Promise<Locator> {
  await row.click({ button: 'right' });
  const menu = v.page.locator('.monaco-menu').filter({ visible: true }).first();
  await menu.waitFor();
  return menu;
}

/** Clicks a context-menu item like a user: pointer onto it first (a click that arrives right after the menu opened,
 *  before the item took the hover focus, is ignored by VS Code's menu). */
export async function pickMenuItem(v: VSCode, menu: Locator, label: string): Promise<void> {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const item = menu.locator('a.action-menu-item').filter({ hasText: exact });
  await item.hover();
  await menu
    .locator('li.action-item.focused')
    .filter({ has: v.page.locator('a.action-menu-item', { hasText: exact }) })
    .waitFor({ timeout: 5000 });
  await item.click();
  // A click the menu swallowed (it re-rendered under the pointer): the item has the focus, so Enter picks it.
  if (
    !(await menu.waitFor({ state: 'hidden', timeout: 2500 }).then(
      () => true,
      () => false,
    ))
  ) {
    await v.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 5000 });
  }
}

export const menuLabels = (menu: Locator): Promise<string[]> =>
  menu
    .locator('.action-item:not(.disabled) .action-label')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
