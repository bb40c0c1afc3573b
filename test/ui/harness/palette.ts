// The command palette (F1) and Quick Open (Ctrl+P): open it, run a command by its exact title, open a file.
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { errorText, exactly, sleep } from './common';
import type { VSCode } from './driver';
import type { QuickInput } from './quickInput';

export function paletteDriver(
  page: Page,
  q: QuickInput,
  driver: Pick<VSCode, 'quickPick'>,
): Pick<VSCode, 'openCommandPalette' | 'runCommand' | 'openFile'> {
  const { widget, input, rows, paletteVisible, MAIN_LABEL, rowWithLabel } = q;

  async function openPalette(): Promise<void> {
    if (await paletteVisible()) {
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    }
    for (const key of ['F1', 'Control+Shift+P']) {
      // a focused webview iframe swallows the key (or forwards it late): give the focus back to the workbench
      await page.evaluate(() => {
        const a = document.activeElement;
        if (a instanceof HTMLIFrameElement) a.blur();
      });
      await page.keyboard.press(key);
      const opened = await page
        .waitForFunction(
          () => {
            const w = document.querySelector<HTMLElement>('.quick-input-widget');
            const i = w?.querySelector<HTMLInputElement>('.quick-input-box input');
            return (
              !!w &&
              !!i &&
              getComputedStyle(w).display !== 'none' &&
              document.activeElement === i &&
              i.value.startsWith('>')
            );
          },
          undefined,
          { timeout: 3000 },
        )
        .then(
          () => true,
          () => false,
        );
      if (opened) return;
      if (process.env.VERBOSE) console.log(`      [harness] ${key} did not open the command palette`);
    }
    throw new Error('the command palette did not open');
  }

  return {
    async openCommandPalette(filter = '') {
      await openPalette();
      if (filter) await input.fill(`>${filter}`);
    },

    async runCommand(title) {
      let last: unknown;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await openPalette();
          const text = `>${title}`;
          const row = rowWithLabel(title);
          // The palette computes its rows when the filter changes: commands registered later (just after start or
          // reload) show up only after the filter is typed again, so refill it until the row is there.
          const deadline = Date.now() + 15000;
          for (let refill = 0; ; refill++) {
            if (refill > 0) await input.fill('>');
            await input.fill(text);
            if (
              await row.waitFor({ state: 'visible', timeout: 1500 }).then(
                () => true,
                () => false,
              )
            )
              break;
            if (Date.now() > deadline)
              throw new Error(
                `no palette row labelled ${JSON.stringify(title)}; rows: ${JSON.stringify(await driver.quickPick.items())}`,
              );
          }
          if ((await input.inputValue()) !== text)
            throw new Error('the palette input changed while waiting (focus lost?)');
          if (await row.evaluate((el) => el.classList.contains('focused'))) await input.press('Enter');
          else await row.click();
          // accepted: the palette closes, or the command's own quick input replaces it
          await page.waitForFunction(
            (t) => {
              const w = document.querySelector<HTMLElement>('.quick-input-widget');
              const i = w?.querySelector<HTMLInputElement>('.quick-input-box input');
              return !w || !i || getComputedStyle(w).display === 'none' || i.value !== t;
            },
            text,
            { timeout: 5000 },
          );
          return;
        } catch (e) {
          last = e;
          if (process.env.VERBOSE)
            console.log(
              `      [harness] runCommand(${JSON.stringify(title)}) attempt ${attempt}: ${errorText(e).split('\n')[0]}`,
            );
          await page.keyboard.press('Escape').catch(() => undefined);
          await sleep(300 * attempt);
        }
      }
      throw new Error(`runCommand(${JSON.stringify(title)}) failed after 3 attempts: ${errorText(last)}`);
    },

    async openFile(relativePath) {
      const base = path.basename(relativePath);
      let last: unknown;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await openPalette();
          await input.fill(relativePath); // without the '>' prefix the palette is Quick Open (Go to File)
          const row = rows.filter({ has: page.locator(MAIN_LABEL).filter({ hasText: exactly(base) }) }).first();
          await row.waitFor({ state: 'visible', timeout: 15000 });
          await row.click();
          await page
            .locator('.tabs-container .tab.active')
            .filter({ hasText: base })
            .first()
            .waitFor({ timeout: 15000 });
          return;
        } catch (e) {
          last = e;
          if (process.env.VERBOSE)
            console.log(
              `      [harness] openFile(${JSON.stringify(relativePath)}) attempt ${attempt}: ${errorText(e).split('\n')[0]}`,
            );
          await page.keyboard.press('Escape').catch(() => undefined);
          await sleep(300 * attempt);
        }
      }
      throw new Error(`openFile(${JSON.stringify(relativePath)}) failed after 3 attempts: ${errorText(last)}`);
    },
  };
}
