// User settings: settings.json as VS Code saved it, and edited like a user (through its editor, saved by VS Code).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VSCode } from './driver';
import { closeModalEditor, modalEditor } from './editor';

/** The user settings file as VS Code saved it (undefined while it is being written or not valid JSON). */
function readUserSettings(v: VSCode): Record<string, unknown> | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(v.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
  } catch {
    return undefined;
  }
}

export async function waitForUserSettings(
  v: VSCode,
  ok: (s: Record<string, unknown>) => boolean,
  what: string,
): Promise<Record<string, unknown>> {
  for (const until = Date.now() + 10000; ;) {
    const s = readUserSettings(v);
    if (s && ok(s)) return s;
    if (Date.now() > until) assert.fail(`settings.json: ${what}; it holds ${JSON.stringify(s)}`);
    await v.page.waitForTimeout(100);
  }
}

/**
 * Edits settings.json like a user: "Preferences: Open User Settings (JSON)", select all, type the new content, save.
 * (code-server does not notice a settings file changed on disk behind its back, so the file must be saved by VS Code.)
 * Auto-indent is off for JSON in this suite's settings, and whatever the editor adds after the typed text is deleted.
 */
export async function editUserSettingsJson(v: VSCode, change: Record<string, unknown>): Promise<void> {
  const next = await waitForUserSettings(v, () => true, 'readable');
  for (const [k, val] of Object.entries(change)) {
    if (val === undefined) delete next[k];
    else next[k] = val;
  }
  const text = JSON.stringify(next, null, 2);
  await v.runCommand('Preferences: Open User Settings (JSON)');
  // in the active group's tab (VS Code 1.100) or in a modal editor over the groups (1.139)
  const modal = modalEditor(v);
  await modal
    .or(v.page.locator('.tabs-container .tab.active').filter({ hasText: 'settings.json' }))
    .first()
    .waitFor();
  const inModal = (await modal.count()) > 0;
  const editor = (inModal ? modal : v.page.locator('.part.editor .editor-group-container.active'))
    .locator('.monaco-editor')
    .first();
  await editor.locator('.view-lines').waitFor();
  // the element that takes the keys: by role (a textarea up to VS Code 1.100, div.native-edit-context later)
  await editor.getByRole('textbox').first().focus();
  await v.page.keyboard.press('Control+A');
  // typed key by key: an editor that takes keys through EditContext (VS Code 1.139) ignores CDP's insertText (the
  // suite's settings turn auto-closing, auto-indent and suggestions off for JSON, so nothing is added while typing)
  await v.page.keyboard.type(text);
  // whatever the editor added after the typed text (a closing bracket) goes
  await v.page.keyboard.press('Control+Shift+End');
  await v.page.keyboard.press('Delete');
  await v.page.keyboard.press('Control+S');
  if (!inModal)
    await v.page.locator('.tabs-container .tab.active.dirty').first().waitFor({ state: 'detached', timeout: 10000 });
  await waitForUserSettings(v, (saved) => JSON.stringify(saved) === JSON.stringify(next), 'saved as typed');
  await closeModalEditor(v);
}
