// VS Code's hovers (tree tooltips, editor hovers): in the DOM, unlike native title tooltips.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { VSCode } from './driver';
import { pointAt, type Box } from './editor';

export function hoverDriver(page: Page): Pick<VSCode, 'hover'> {
  return {
    hover(text) {
      const hovers = page.locator('.monaco-hover, .workbench-hover').filter({ visible: true });
      return (text === undefined ? hovers : hovers.filter({ hasText: text })).first();
    },
  };
}

// ---- the VairoSMS hover in a text editor ----------------------------------------------------------------------

/** A visible editor hover that is ours (our hovers always end with the lookup link). */
export const ourHover = (v: VSCode, text?: string | RegExp) => {
  const hovers = v.page
    .locator('.monaco-editor .monaco-hover')
    .filter({ visible: true })
    .filter({ hasText: 'What to do next' });
  return (text === undefined ? hovers : hovers.filter({ hasText: text })).first();
};

/** Hovers `word` until our hover with `text` shows (an editor hover needs the pointer to move onto the word). */
export async function hoverWord(v: VSCode, word: string, text: string | RegExp, lineHint?: string): Promise<Box> {
  for (let attempt = 1; ; attempt++) {
    const box = await pointAt(v, word, lineHint);
    if (
      await ourHover(v, text)
        .waitFor({ timeout: 6000 })
        .then(
          () => true,
          () => false,
        )
    )
      return box;
    if (process.env.VERBOSE)
      console.log(
        `      [coding] attempt ${attempt}: no hover over "${word}"; visible hovers: ${JSON.stringify(await v.page.locator('.monaco-hover').filter({ visible: true }).allInnerTexts())}`,
      );
    if (attempt === 3)
      throw new Error(`no VairoSMS hover with ${String(text)} over "${word}" after ${attempt} attempts`);
  }
}

/** Hovers `word` and proves that no VairoSMS hover comes: none within `ms` of the pointer resting on it. */
export async function expectNoHover(v: VSCode, word: string, lineHint?: string, ms = 2500): Promise<void> {
  await pointAt(v, word, lineHint);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await ourHover(v).count()) > 0)
      assert.fail(`a VairoSMS hover appeared over "${word}": ${await ourHover(v).innerText()}`);
    await v.page.waitForTimeout(100);
  }
}

/** Hovers `word` until our hover no longer comes (settings reach the extension host asynchronously; 20 s). */
export async function untilNoHover(v: VSCode, word: string, lineHint: string, why: string): Promise<void> {
  for (const until = Date.now() + 20000; ;) {
    await pointAt(v, word, lineHint);
    if (
      !(await ourHover(v)
        .waitFor({ timeout: 2500 })
        .then(
          () => true,
          () => false,
        ))
    )
      return;
    if (Date.now() > until) assert.fail(`the hover still shows with ${why}`);
  }
}

/** Hovers `target` until a VS Code hover containing `text` shows (a tree row re-rendered under a still pointer shows
 *  no hover until the pointer moves again, as for a user). */
export async function hoverUntil(v: VSCode, target: Locator, text: string | RegExp): Promise<Locator> {
  const hover = v.hover(text);
  for (let attempt = 1; ; attempt++) {
    await v.page.mouse.move(700, 880);
    await target.hover();
    if (
      await hover.waitFor({ timeout: 4000 }).then(
        () => true,
        () => false,
      )
    )
      return hover;
    if (attempt === 3) throw new Error(`no hover with ${String(text)} after ${attempt} attempts`);
  }
}
