// Webviews: their iframes tagged with the editor title they are drawn over, and their content frames.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { cssString } from './common';
import type { VSCode } from './driver';

/**
 * Tags every visible webview iframe with the title of the active editor tab of the group it is drawn over
 * (`data-editor-title`), so a spec can find a webview by its panel title. Webview iframes live outside the
 * editor's DOM subtree (an overlay positioned over the group), so no selector links them.
 */
export function tagWebviewsInPage(): void {
  if (window.top !== window) return;
  const tag = (): void => {
    const groups = Array.from(document.querySelectorAll<HTMLElement>('.editor-group-container'));
    for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe.webview'))) {
      const r = frame.getBoundingClientRect();
      const visible = r.width > 0 && r.height > 0 && getComputedStyle(frame).visibility !== 'hidden';
      let title = '';
      if (visible) {
        const cx = r.left + r.width / 2;
        const cy = r.top + r.height / 2;
        for (const g of groups) {
          const gr = g.getBoundingClientRect();
          if (cx >= gr.left && cx <= gr.right && cy >= gr.top && cy <= gr.bottom) {
            const label =
              g.querySelector('.tab.active .label-name, .tab.active .tab-label') ??
              g.querySelector('.title-label .label-name');
            title = (label?.textContent ?? '').trim();
            break;
          }
        }
      }
      if (title) {
        if (frame.getAttribute('data-editor-title') !== title) frame.setAttribute('data-editor-title', title);
      } else if (frame.hasAttribute('data-editor-title')) frame.removeAttribute('data-editor-title');
    }
  };
  setInterval(tag, 200);
}

export function webviewDriver(page: Page): Pick<VSCode, 'webview' | 'webviewFrame'> {
  return {
    webview(titleOrIndex) {
      const frames = page.locator('iframe.webview.ready');
      let frame: Locator;
      if (typeof titleOrIndex === 'number') frame = frames.nth(titleOrIndex);
      else if (typeof titleOrIndex === 'string')
        frame = page.locator(`iframe.webview.ready[data-editor-title=${cssString(titleOrIndex)}]`).first();
      else frame = frames.filter({ visible: true }).first();
      return frame.contentFrame().frameLocator('#active-frame');
    },

    async webviewFrame(title) {
      const outer = await page
        .locator(`iframe.webview.ready[data-editor-title=${cssString(title)}]`)
        .first()
        .elementHandle({ timeout: 30000 });
      const outerFrame = await outer?.contentFrame();
      const inner = await outerFrame?.waitForSelector('#active-frame', { timeout: 30000 });
      const frame = await inner?.contentFrame();
      if (!frame) throw new Error(`no content frame in the webview "${title}"`);
      return frame;
    },
  };
}

/** The tooltip element a badge names in aria-describedby (asserting the link exists and is a tooltip). */
export async function describedTooltip(frame: FrameLocator, badge: Locator): Promise<Locator> {
  const id = await badge.getAttribute('aria-describedby');
  assert.ok(id, 'the badge has aria-describedby');
  const tip = frame.locator(`[id="${id}"]`);
  assert.equal(await tip.count(), 1, `exactly one element with id ${id}`);
  assert.equal(await tip.getAttribute('role'), 'tooltip');
  return tip;
}
