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
