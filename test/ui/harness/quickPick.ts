// A quick pick (showQuickPick): its rows by their own label, and a pick.
import type { Locator } from 'playwright-core';
import type { QuickInput } from './quickInput';

export interface QuickPickDriver {
  /** Waits until a quick pick with rows is visible (optionally with `title` in its title/prompt). */
  waitFor(title?: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The labels of the rendered rows. */
  items(): Promise<string[]>;
  /** The first row whose own label is exactly `label` (string) or matches (RegExp); not the English alias line. */
  row(label: string | RegExp): Locator;
  /** Clicks the row whose label is exactly `label` (string) or matches (RegExp). */
  pick(label: string | RegExp): Promise<void>;
}

export function quickPickDriver(q: QuickInput): QuickPickDriver {
  const { widget, rows, MAIN_LABEL, rowWithLabel } = q;
  const picker: QuickPickDriver = {
    async waitFor(title, timeoutMs = 30000) {
      if (title !== undefined) {
        await widget
          .locator('.quick-input-title, .quick-input-message')
          .filter({ hasText: title })
          .first()
          .waitFor({ state: 'visible', timeout: timeoutMs });
      }
      await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
    },
    async items() {
      return rows.evaluateAll(
        (els, sel) =>
          els.map((el) => (el.querySelector(sel)?.textContent ?? el.getAttribute('aria-label') ?? '').trim()),
        MAIN_LABEL,
      );
    },
    row: rowWithLabel,
    async pick(label) {
      const row = rowWithLabel(label);
      await row.waitFor({ state: 'visible' });
      await row.click();
    },
  };
  return picker;
}
