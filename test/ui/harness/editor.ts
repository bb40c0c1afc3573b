// Text editors: where a word is drawn (through a DOM Range over Monaco's token spans), pointing at it like a user,
// and closing editors.
import type { Page } from 'playwright-core';
import type { VSCode } from './driver';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Where `word` is drawn in the visible text editor: the first whole-word occurrence on a rendered line whose text
 * contains `lineHint` (if given). Found through a DOM Range over Monaco's token spans, so it does not depend on how
 * the grammar split the line into tokens (`"REJECTED"` may be one span or three).
 */
export async function wordBox(page: Page, word: string, lineHint?: string): Promise<Box> {
  // an editor draws its lines a moment after its tab appears: look again until the word is there (10 s)
  for (const until = Date.now() + 10000; ;) {
    const box = await findWord(page, word, lineHint);
    if (box) return box;
    if (Date.now() > until)
      throw new Error(`"${word}"${lineHint ? ` on a line with "${lineHint}"` : ''} is not drawn in a visible editor`);
    await page.waitForTimeout(100);
  }
}

function findWord(page: Page, word: string, lineHint?: string): Promise<Box | undefined> {
  return page.evaluate(
    ({ word, lineHint }) => {
      const isWord = (c: string | undefined): boolean => !!c && /[A-Za-z0-9_]/.test(c);
      const editors = Array.from(
        document.querySelectorAll<HTMLElement>('.part.editor .monaco-editor .view-lines'),
      ).filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      for (const lines of editors) {
        for (const line of Array.from(lines.querySelectorAll<HTMLElement>('.view-line'))) {
          const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
          if (lineHint && !text.includes(lineHint)) continue;
          let at = -1;
          for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            if (!isWord(text[i - 1]) && !isWord(text[i + word.length])) {
              at = i;
              break;
            }
          }
          if (at < 0) continue;
          // map the character offset onto the text nodes of the line's spans
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let offset = 0;
          let startSet = false;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const len = n.textContent?.length ?? 0;
            if (!startSet && at < offset + len) {
              range.setStart(n, at - offset);
              startSet = true;
            }
            if (startSet && at + word.length <= offset + len) {
              range.setEnd(n, at + word.length - offset);
              break;
            }
            offset += len;
          }
          const r = range.getBoundingClientRect();
          if (r.width > 0) return { x: r.left, y: r.top, width: r.width, height: r.height };
        }
      }
      return undefined;
    },
    { word, lineHint },
  );
}

export const center = (b: Box): { x: number; y: number } => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

export const union = (a: Box, b: Box, pad = 12): Box => {
  const x = Math.min(a.x, b.x) - pad;
  const y = Math.min(a.y, b.y) - pad;
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) + pad - x,
    height: Math.max(a.y + a.height, b.y + b.height) + pad - y,
  };
};

/** Moves the pointer off the editor, then onto the middle of `word`, in small steps like a user. */
export async function pointAt(v: VSCode, word: string, lineHint?: string): Promise<Box> {
  // away from any hover (the status bar), until the last hover has gone (it hides after editor.hover.hidingDelay)
  await v.page.mouse.move(700, 880);
  const anyHover = v.page.locator('.monaco-editor .monaco-hover').filter({ visible: true });
  if (
    !(await anyHover
      .first()
      .waitFor({ state: 'hidden', timeout: 3000 })
      .then(
        () => true,
        () => false,
      ))
  ) {
    await v.page.keyboard.press('Escape');
    await anyHover.first().waitFor({ state: 'hidden', timeout: 3000 });
  }
  const box = await wordBox(v.page, word, lineHint);
  const c = center(box);
  await v.page.mouse.move(c.x - 30, c.y + 4, { steps: 3 });
  await v.page.mouse.move(c.x, c.y, { steps: 6 });
  return box;
}

export async function closeAllEditors(v: VSCode): Promise<void> {
  await v.runCommand('View: Close All Editors');
  await v.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 });
}

export async function closeTab(v: VSCode, title: string): Promise<void> {
  await v.editorTab(title).hover();
  await v.editorTab(title).locator('.tab-actions .action-label').click();
  await v.editorTab(title).waitFor({ state: 'detached' });
}

/** The modal editor VS Code 1.139 opens Settings and settings.json in, over the editor groups (none on 1.100). */
export const modalEditor = (v: VSCode) => v.page.locator('.monaco-modal-editor-block');

/** Closes the modal editor if one is open, by Escape or its Close action, as a user would: while it is open it takes
 *  the keys (the command palette does not open) and the clicks on the tabs behind it. */
export async function closeModalEditor(v: VSCode): Promise<void> {
  const modal = modalEditor(v);
  if ((await modal.count()) === 0) return;
  await v.page.keyboard.press('Escape');
  const closed = await modal.waitFor({ state: 'detached', timeout: 3000 }).then(
    () => true,
    () => false,
  );
  if (!closed) await modal.locator('.action-label[aria-label^="Close"]').first().click();
  await modal.waitFor({ state: 'detached' });
}
