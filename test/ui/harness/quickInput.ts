// The quick input widget VS Code shows for the palette, Quick Open, input boxes and quick picks.
import type { Locator, Page } from 'playwright-core';
import { exactly } from './common';

export interface QuickInput {
  widget: Locator;
  input: Locator;
  rows: Locator;
  paletteVisible(): Promise<boolean>;
  MAIN_LABEL: string;
  rowWithLabel(label: string | RegExp): Locator;
}

export function quickInput(page: Page): QuickInput {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  const paletteVisible = async (): Promise<boolean> => (await widget.isVisible()) && (await input.isVisible());
  // the row's own label; in a non-English UI a second line (.quick-input-list-label-meta) repeats the English title
  const MAIN_LABEL = '.quick-input-list-rows > .quick-input-list-row:first-child .label-name';
  const rowWithLabel = (label: string | RegExp): Locator =>
    rows
      .filter({ has: page.locator(MAIN_LABEL).filter({ hasText: typeof label === 'string' ? exactly(label) : label }) })
      .first();
  return { widget, input, rows, paletteVisible, MAIN_LABEL, rowWithLabel };
}

/** Records every quick input (title | message) shown from now on, to prove that a flow asked nothing. */
export async function startPromptProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __vsPrompts: string[]; __vsProbe?: number };
    if (w.__vsProbe) clearInterval(w.__vsProbe);
    w.__vsPrompts = [];
    w.__vsProbe = window.setInterval(() => {
      const q = document.querySelector<HTMLElement>('.quick-input-widget');
      if (!q || getComputedStyle(q).display === 'none') return;
      const t = `${q.querySelector('.quick-input-title')?.textContent ?? ''} | ${q.querySelector('.quick-input-message')?.textContent ?? ''}`;
      if (!w.__vsPrompts.includes(t)) w.__vsPrompts.push(t);
    }, 40);
  });
}

export async function stopPromptProbe(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __vsPrompts: string[]; __vsProbe?: number };
    if (w.__vsProbe) clearInterval(w.__vsProbe);
    w.__vsProbe = undefined;
    return w.__vsPrompts;
  });
}
