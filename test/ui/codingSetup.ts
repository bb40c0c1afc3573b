// What the two "while coding" specs share (coding.test.ts: the hover; codingLookups.test.ts: look up selection, watch,
// copy as cURL): the key, the workspace files, the chords, the launch options, and the report panel, the settings
// checkbox and the media screenshots they read and write.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { PROGRESSING, SAMPLE } from '../sandbox/data';
import { REPO_ROOT, type VSCode, type Box, type LaunchOptions } from './harness';

export const KEY = 'UI-SENTINEL-KEY-91b2';
const MEDIA = path.join(REPO_ROOT, 'media');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
export const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
export const tabTitle = (number: string, sendId = SAMPLE.sendId): string => `${number} · send ${sendId}`;
/** A plain-text file where one word only contains a code (SENDING_QUEUE) and one is the code itself (SENDING). */
export const QUEUE_FILE = 'queue-config.txt';
const QUEUE_TEXT = 'SENDING_QUEUE=redis://127.0.0.1:6379/2\nstatus after enqueue: SENDING\n';
export const LOOKUP_PROGRESSING_CHORD = 'ctrl+alt+shift+f9';
export const LOOKUP_SAMPLE_CHORD = 'ctrl+alt+shift+f10';
const MAX_MEDIA_BYTES = 200 * 1024;

/** The launch options of both "while coding" specs: the sandbox's root, the workspace files and the chords. */
export const codingOptions = (apiRoot: string): LaunchOptions => ({
  settings: {
    'vairosms.apiRoot': apiRoot,
    'editor.hover.delay': 300,
    // settings.json is edited by typing (see editUserSettingsJson): no brackets or indentation added while typing
    '[jsonc]': {
      'editor.autoClosingBrackets': 'never',
      'editor.autoClosingQuotes': 'never',
      'editor.autoIndent': 'none',
      'editor.formatOnType': false,
      'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    },
  },
  files: {
    'send-report.php': fixture('send-report.php'),
    'sms.log': fixture('sms.log'),
    [QUEUE_FILE]: QUEUE_TEXT,
  },
  keybindings: [
    {
      key: LOOKUP_PROGRESSING_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: PROGRESSING.sendId, number: PROGRESSING.number },
    },
    {
      key: LOOKUP_SAMPLE_CHORD,
      command: 'vairosms.lookUpReport',
      args: { sendId: SAMPLE.sendId, number: SAMPLE.number },
    },
  ],
});

export const LOOKUP_PROMPT = /Send ID|Phone number|API key/;

export async function report(v: VSCode, title: string): Promise<FrameLocator> {
  await v.editorTab(title).waitFor({ timeout: 30000 });
  const frame = v.webview(title);
  await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
  return frame;
}

/** The "Vairosms › Hover: Enabled" checkbox of the Settings editor (opened through the palette, filtered). */
export async function hoverEnabledCheckbox(v: VSCode) {
  await v.runCommand('Preferences: Open Settings (UI)');
  // by role: the editor that takes the typing is a <textarea> up to VS Code 1.100 and a div.native-edit-context (the
  // EditContext API) later, beside an aria-hidden textarea that takes no keys
  const search = v.page.locator('.settings-editor').getByRole('textbox', { name: 'Search settings' });
  await search.waitFor({ state: 'attached' }); // a 0×0 div on 1.139: attached, never "visible"
  await search.focus();
  await v.page.keyboard.type('vairosms.hover'); // keys: an EditContext editor (1.139) ignores CDP's insertText
  const item = v.page.locator('.settings-editor .setting-item-bool').filter({ hasText: 'Hover: Enabled' }).first();
  await item.waitFor({ timeout: 15000 });
  return item.locator('.setting-value-checkbox');
}

export async function mediaShot(v: VSCode, name: string, clip: Box): Promise<void> {
  const vp = v.page.viewportSize() ?? { width: 1400, height: 900 };
  const x = Math.max(0, Math.floor(clip.x));
  const y = Math.max(0, Math.floor(clip.y));
  const c = {
    x,
    y,
    width: Math.min(vp.width - x, Math.ceil(clip.width)),
    height: Math.min(vp.height - y, Math.ceil(clip.height)),
  };
  const file = path.join(MEDIA, name);
  await v.page.screenshot({ path: file, clip: c });
  const size = fs.statSync(file).size;
  assert.ok(size <= MAX_MEDIA_BYTES, `${name} is ${size} bytes (limit ${MAX_MEDIA_BYTES})`);
}
