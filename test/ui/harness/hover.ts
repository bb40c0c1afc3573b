// VS Code's hovers (tree tooltips, editor hovers): in the DOM, unlike native title tooltips.
import type { Page } from 'playwright-core';
import type { VSCode } from './driver';

export function hoverDriver(page: Page): Pick<VSCode, 'hover'> {
  return {
    hover(text) {
      const hovers = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true });
      return (text === undefined ? hovers : hovers.filter({ hasText: text })).first();
    },
  };
}
