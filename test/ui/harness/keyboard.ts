// The keyboard: key chords bound in keybindings.json, and Tab through a webview.
import type { FrameLocator, Page } from 'playwright-core';
import type { VSCode } from './driver';

/** 'ctrl+shift+alt+f1' (keybindings.json) → 'Control+Shift+Alt+F1' (Playwright); chords separated by spaces. */
export function toPlaywrightChord(chord: string): string[] {
  const names: Record<string, string> = {
    ctrl: 'Control',
    shift: 'Shift',
    alt: 'Alt',
    cmd: 'Meta',
    meta: 'Meta',
    win: 'Meta',
    enter: 'Enter',
    escape: 'Escape',
    tab: 'Tab',
    space: 'Space',
    backspace: 'Backspace',
    delete: 'Delete',
    up: 'ArrowUp',
    down: 'ArrowDown',
    left: 'ArrowLeft',
    right: 'ArrowRight',
    home: 'Home',
    end: 'End',
    pageup: 'PageUp',
    pagedown: 'PageDown',
    insert: 'Insert',
  };
  return chord
    .trim()
    .split(/\s+/)
    .map((part) =>
      part
        .split('+')
        .map((k) => {
          const key = k.toLowerCase();
          if (names[key]) return names[key];
          if (/^f\d{1,2}$/.test(key)) return key.toUpperCase();
          return key.length === 1 ? key : k;
        })
        .join('+'),
    );
}

export function keyboardDriver(page: Page): Pick<VSCode, 'runCommandByKey'> {
  return {
    async runCommandByKey(chord) {
      await page.evaluate(() => {
        const a = document.activeElement;
        if (a instanceof HTMLIFrameElement) a.blur();
      });
      for (const step of toPlaywrightChord(chord)) await page.keyboard.press(step);
    },
  };
}

/** Presses Tab from the top of the panel until the element marked data-focus=`key` has the focus. */
export async function tabTo(frame: FrameLocator, v: VSCode, key: string): Promise<void> {
  await frame.locator('h1').click();
  for (let i = 0; i < 40; i++) {
    await v.page.keyboard.press('Tab');
    const at = await frame
      .locator(':focus')
      .getAttribute('data-focus')
      .catch(() => null);
    if (at === key) return;
  }
  throw new Error(`Tab never reached [data-focus="${key}"]`);
}
