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

/**
 * The editor tabs (title → the report model's state) the workbench has persisted so far. VS Code in the browser
 * writes its layout to IndexedDB lazily (on idle, seconds after a change), and its save during page unload does not
 * always land: a reload right after opening or closing a tab may restore an older layout. A user's reload comes
 * seconds later; a test waits for the write instead (see waitForPersistedTabs).
 */
async function persistedTabs(v: VSCode): Promise<string[]> {
  const raw = await v.page.evaluate(async () => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => n.startsWith('vscode-web-state-db-') && n !== 'vscode-web-state-db-global');
    if (!name) return '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        const r = db
          .transaction('ItemTable', 'readonly')
          .objectStore('ItemTable')
          .get('memento/workbench.parts.editor');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      return typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
    } finally {
      db.close();
    }
  });
  if (!raw) return [];
  type Node = { type: 'leaf'; data: { editors: Array<{ value: string }> } } | { type: 'branch'; data: Node[] };
  const tabs: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'branch') {
      n.data.forEach(walk);
      return;
    }
    for (const e of n.data.editors) {
      const input = JSON.parse(e.value) as { title?: string; state?: string };
      const state = input.state ? (JSON.parse(input.state) as { model?: { state?: string } }).model?.state : undefined;
      tabs.push(`${input.title} (${state ?? 'no state'})`);
    }
  };
  walk(
    (JSON.parse(raw) as { 'editorpart.state': { serializedGrid: { root: Node } } })['editorpart.state'].serializedGrid
      .root,
  );
  return tabs;
}

export async function waitForPersistedTabs(v: VSCode, expected: string[]): Promise<void> {
  const deadline = Date.now() + 20000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await persistedTabs(v);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await v.page.waitForTimeout(200);
  }
  throw new Error(`the workbench did not persist the tabs ${JSON.stringify(expected)}; it has ${JSON.stringify(seen)}`);
}
