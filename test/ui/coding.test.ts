// "While coding": the features a developer meets in the editor, in a real VS Code (code-server + chromium): the
// status-code hover in a PHP file and a log (with its prefilled lookup link), whole-word matching, the hover
// settings changed live; Look Up Selection on a log line and on a bare number; Watch Until Final with its status bar
// item, final notification and status timeline; Copy as cURL without and (after a modal) with the API key.
// Writes media/screenshot-hover.png, screenshot-selection.png, screenshot-watch.png and screenshot-curl.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, PROGRESSING, SAMPLE } from '../sandbox/data';
import { REPO_ROOT, useVSCode, type VSCode } from './harness';

const KEY = 'UI-SENTINEL-KEY-91b2';
const MEDIA = path.join(REPO_ROOT, 'media');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const tabTitle = (number: string, sendId = SAMPLE.sendId): string => `${number} · send ${sendId}`;
/** A plain-text file where one word only contains a code (SENDING_QUEUE) and one is the code itself (SENDING). */
const QUEUE_FILE = 'queue-config.txt';
const QUEUE_TEXT = 'SENDING_QUEUE=redis://127.0.0.1:6379/2\nstatus after enqueue: SENDING\n';
const LOOKUP_PROGRESSING_CHORD = 'ctrl+alt+shift+f9';
const LOOKUP_SAMPLE_CHORD = 'ctrl+alt+shift+f10';
const MAX_MEDIA_BYTES = 200 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// Editor helpers

interface Box {
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
async function wordBox(page: Page, word: string, lineHint?: string): Promise<Box> {
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

const center = (b: Box): { x: number; y: number } => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** Moves the pointer off the editor, then onto the middle of `word`, in small steps like a user. */
async function pointAt(v: VSCode, word: string, lineHint?: string): Promise<Box> {
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

/** A visible editor hover that is ours (our hovers always end with the lookup link). */
const ourHover = (v: VSCode, text?: string | RegExp) => {
  const hovers = v.page
    .locator('.monaco-editor .monaco-hover')
    .filter({ visible: true })
    .filter({ hasText: 'What to do next' });
  return (text === undefined ? hovers : hovers.filter({ hasText: text })).first();
};

/** Hovers `word` until our hover with `text` shows (an editor hover needs the pointer to move onto the word). */
async function hoverWord(v: VSCode, word: string, text: string | RegExp, lineHint?: string): Promise<Box> {
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
async function expectNoHover(v: VSCode, word: string, lineHint?: string, ms = 2500): Promise<void> {
  await pointAt(v, word, lineHint);
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await ourHover(v).count()) > 0)
      assert.fail(`a VairoSMS hover appeared over "${word}": ${await ourHover(v).innerText()}`);
    await v.page.waitForTimeout(100);
  }
}

/** Records every quick input (title | message) shown from now on, to prove that a flow asked nothing. */
async function startPromptProbe(page: Page): Promise<void> {
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

async function stopPromptProbe(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __vsPrompts: string[]; __vsProbe?: number };
    if (w.__vsProbe) clearInterval(w.__vsProbe);
    w.__vsProbe = undefined;
    return w.__vsPrompts;
  });
}

const LOOKUP_PROMPT = /Send ID|Phone number|API key/;

async function report(v: VSCode, title: string): Promise<FrameLocator> {
  await v.editorTab(title).waitFor({ timeout: 30000 });
  const frame = v.webview(title);
  await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
  return frame;
}

async function closeAllEditors(v: VSCode): Promise<void> {
  await v.runCommand('View: Close All Editors');
  await v.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10000 });
}

/** The "Vairosms › Hover: Enabled" checkbox of the Settings editor (opened through the palette, filtered). */
async function hoverEnabledCheckbox(v: VSCode) {
  await v.runCommand('Preferences: Open Settings (UI)');
  const search = v.page.locator('.settings-editor .suggest-input-container .monaco-editor textarea').first();
  await search.waitFor();
  await search.focus();
  await v.page.keyboard.insertText('vairosms.hover');
  const item = v.page.locator('.settings-editor .setting-item-bool').filter({ hasText: 'Hover: Enabled' }).first();
  await item.waitFor({ timeout: 15000 });
  return item.locator('.setting-value-checkbox');
}

/** Hovers `word` until our hover no longer comes (settings reach the extension host asynchronously; 20 s). */
async function untilNoHover(v: VSCode, word: string, lineHint: string, why: string): Promise<void> {
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

async function waitForUserSettings(
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
async function editUserSettingsJson(v: VSCode, change: Record<string, unknown>): Promise<void> {
  const next = await waitForUserSettings(v, () => true, 'readable');
  for (const [k, val] of Object.entries(change)) {
    if (val === undefined) delete next[k];
    else next[k] = val;
  }
  const text = JSON.stringify(next, null, 2);
  await v.runCommand('Preferences: Open User Settings (JSON)');
  await v.page.locator('.tabs-container .tab.active').filter({ hasText: 'settings.json' }).waitFor();
  const editor = v.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
  await editor.locator('.view-lines').waitFor();
  await editor.locator('textarea').first().focus();
  await v.page.keyboard.press('Control+A');
  await v.page.keyboard.insertText(text);
  // whatever the editor added after the typed text (a closing bracket) goes
  await v.page.keyboard.press('Control+Shift+End');
  await v.page.keyboard.press('Delete');
  await v.page.keyboard.press('Control+S');
  await v.page.locator('.tabs-container .tab.active.dirty').first().waitFor({ state: 'detached', timeout: 10000 });
  await waitForUserSettings(v, (saved) => JSON.stringify(saved) === JSON.stringify(next), 'saved as typed');
}

/** Saves a PNG of `clip` (clamped to the page) into media/, and checks its size. */
async function mediaShot(v: VSCode, name: string, clip: Box): Promise<void> {
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

const union = (a: Box, b: Box, pad = 12): Box => {
  const x = Math.min(a.x, b.x) - pad;
  const y = Math.min(a.y, b.y) - pad;
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) + pad - x,
    height: Math.max(a.y + a.height, b.y + b.height) + pad - y,
  };
};

// ---------------------------------------------------------------------------------------------------------------

describe('While coding: hover, look up selection, watch, copy as cURL', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: {
      'vairosms.apiRoot': sb.root,
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
  }));
  after(async () => {
    await sb?.close();
  });

  it('stores the API key (setup)', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
  });

  it('explains REJECTED when the pointer rests on it in send-report.php', async () => {
    const v = vscode();
    await v.openFile('send-report.php');
    const word = await hoverWord(v, 'REJECTED', 'REJECTED · Rejected', 'case');
    const hover = ourHover(v, 'REJECTED · Rejected');
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const part of [
      'REJECTED · Rejected',
      'Final: not delivered',
      "The send was refused, usually by the operator's content check.",
      'What to do next:',
      'Review the text, the sender header',
      'VairoSMS documentation (Turkish):',
      'Mesajınızın gönderimi reddedildi.',
    ]) {
      assert.ok(text.includes(part), `the hover has "${part}": ${text}`);
    }
    // no send ID and number on `case "REJECTED":` → the plain lookup link
    const link = hover.locator('a').filter({ hasText: 'Look Up Number Report…' });
    assert.equal(await link.count(), 1, `one "Look Up Number Report…" link: ${text}`);
    assert.equal(
      await hover
        .locator('a')
        .filter({ hasText: /Look up \d+ in send/ })
        .count(),
      0,
    );
    const shot = union(word, (await hover.boundingBox())!, 16);
    await mediaShot(v, 'screenshot-hover.png', { ...shot, x: shot.x - 60, width: shot.width + 60 });
  });

  it('offers "Look up 5399999999 in send #187" on a log line naming both, and the link opens that report without prompts', async () => {
    const v = vscode();
    await closeAllEditors(v);
    await v.openFile('sms.log');
    await hoverWord(v, 'WAITING', 'WAITING · Waiting for report', 'durum_gonderim=WAITING');
    const hover = ourHover(v, 'WAITING · Waiting for report');
    const link = hover.locator('a').filter({ hasText: `Look up ${SAMPLE.number} in send #${SAMPLE.sendId}` });
    assert.equal(await link.count(), 1, `the prefilled link: ${await hover.innerText()}`);
    assert.equal(
      await hover.locator('a').filter({ hasText: 'Look Up Number Report…' }).count(),
      0,
      'not the generic link',
    );
    const before = sb.requests.length;
    await startPromptProbe(v.page);
    await link.click();
    const frame = await report(v, tabTitle(SAMPLE.number));
    const prompts = await stopPromptProbe(v.page);
    assert.deepEqual(
      prompts.filter((p) => LOOKUP_PROMPT.test(p)),
      [],
      'nothing was asked',
    );
    assert.equal(await frame.locator('h1').textContent(), `${SAMPLE.number} in send #${SAMPLE.sendId}`);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'DELIVERED');
    const sent = sb.requests.slice(before);
    assert.equal(sent.length, 1, 'one request');
    assert.equal(sent[0].sendId, SAMPLE.sendId);
    assert.deepEqual(JSON.parse(sent[0].body), { numara: SAMPLE.number });
  });

  it('matches whole words only: SENDING_QUEUE gets no hover, SENDING on the next line does', async () => {
    const v = vscode();
    await closeAllEditors(v);
    await v.openFile(QUEUE_FILE);
    await expectNoHover(v, 'SENDING_QUEUE');
    // the control: the same file, the same pointer moves, a whole word → our hover
    await hoverWord(v, 'SENDING', 'SENDING · Sending', 'status after enqueue');
  });

  it('looks up a selected log line ("… sendId=187 to=+90 539 999 99 99") without asking anything', async () => {
    const v = vscode();
    await closeAllEditors(v);
    await v.openFile('sms.log');
    const queued = await wordBox(v.page, 'queued', 'sms queued');
    await v.page.mouse.click(center(queued).x, center(queued).y);
    await v.page.keyboard.press('Home');
    await v.page.keyboard.press('Shift+End');
    const line = fixture('sms.log').split('\n')[0];
    await v.page.locator('.part.statusbar').getByText(`(${line.length} selected)`).waitFor({ timeout: 10000 });
    // The editor's context menu offers it on a selection, in a "VairoSMS" submenu of its own (README screenshot),
    // then Escape and run it from the palette.
    await v.page.mouse.click(center(queued).x, center(queued).y, { button: 'right' });
    const submenu = v.page.locator('.monaco-menu .action-item', { hasText: /^VairoSMS$/ }).first();
    await submenu.waitFor({ timeout: 10000 });
    assert.equal(
      await v.page
        .locator('.context-view .monaco-menu')
        .first()
        .locator('.action-item', { hasText: /^Look Up Selection$/ })
        .count(),
      0,
      'not loose in the editor menu',
    );
    await submenu.hover();
    const menuItem = v.page.locator('.monaco-menu .action-item', { hasText: /^Look Up Selection$/ }).first();
    await menuItem.waitFor({ timeout: 10000 });
    await v.page
      .locator('.monaco-menu .action-item', { hasText: /^Look Up Several Numbers…$/ })
      .first()
      .waitFor();
    const menus = v.page.locator('.context-view .monaco-menu');
    const boxes = await Promise.all([menus.first().boundingBox(), menus.last().boundingBox()]);
    const editorBox = await v.page.locator('.part.editor').boundingBox();
    if (boxes[0] && boxes[1] && editorBox)
      await mediaShot(
        v,
        'screenshot-selection.png',
        union(union({ ...editorBox, height: 140 }, boxes[0], 8), boxes[1], 8),
      );
    await v.page.keyboard.press('Escape');
    await v.page.keyboard.press('Escape');
    await menuItem.waitFor({ state: 'hidden' });
    await v.page.locator('.part.statusbar').getByText(`(${line.length} selected)`).waitFor({ timeout: 10000 });
    const before = sb.requests.length;
    await startPromptProbe(v.page);
    await v.runCommand('VairoSMS: Look Up Selection');
    const frame = await report(v, tabTitle(SAMPLE.number));
    const prompts = await stopPromptProbe(v.page);
    assert.deepEqual(
      prompts.filter((p) => LOOKUP_PROMPT.test(p)),
      [],
      'both were found in the line: no prompt',
    );
    assert.equal(await frame.locator('td[data-field="number"] .value').textContent(), SAMPLE.number);
    const sent = sb.requests.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].sendId, SAMPLE.sendId);
    assert.deepEqual(JSON.parse(sent[0].body), { numara: SAMPLE.number }, '+90 539 999 99 99 sent as 5399999999');
  });

  it('asks only for the send ID when the selection holds only a number', async () => {
    const v = vscode();
    const number = NUMBER_FOR_STATUS.REJECTED; // 5301000009, on the "durum_gonderim=REJECTED" line
    await closeAllEditors(v);
    await v.openFile('sms.log');
    const box = await wordBox(v.page, number);
    await v.page.mouse.dblclick(center(box).x, center(box).y);
    await v.page.locator('.part.statusbar').getByText(`(${number.length} selected)`).waitFor({ timeout: 10000 });
    await startPromptProbe(v.page);
    await v.runCommand('VairoSMS: Look Up Selection');
    await v.inputBox.waitFor(/Send ID/);
    await v.inputBox.fill(SAMPLE.sendId);
    await v.inputBox.enter();
    const frame = await report(v, tabTitle(number));
    const prompts = (await stopPromptProbe(v.page)).filter((p) => LOOKUP_PROMPT.test(p));
    assert.equal(prompts.length, 1, `one prompt: ${JSON.stringify(prompts)}`);
    assert.match(prompts[0], /Send ID/);
    assert.doesNotMatch(prompts.join('\n'), /Phone number/);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'REJECTED');
  });

  it('watches a WAITING report until it is final: status bar item, notification, timeline', async function () {
    this.timeout(150000);
    const v = vscode();
    await closeAllEditors(v);
    sb.resetProgress();
    await v.runCommandByKey(LOOKUP_PROGRESSING_CHORD);
    const title = tabTitle(PROGRESSING.number, PROGRESSING.sendId);
    const frame = await report(v, title);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'WAITING');
    const watch = frame.locator('.toolbar button', { hasText: 'Watch Until Final' });
    const startedAt = Date.now();
    await watch.click();
    const item = v.statusBarItem(new RegExp(`Watching ${PROGRESSING.number}: WAITING, next check in \\d+ s`));
    await item.waitFor({ timeout: 15000 });
    await frame.locator('.toolbar button', { hasText: 'Stop Watching' }).waitFor({ timeout: 10000 });
    // beside the status: the watch's state, and a link down to the timeline it builds (#13)
    const note = frame.locator('.status-section .watch-note');
    assert.match(
      await note.innerText(),
      /^Watching until final\. No change since the first check at .+\.\s+Status timeline ↓$/,
    );
    await note.locator('button.link').click();
    assert.equal(await frame.locator(':focus').getAttribute('id'), 'timeline-h', 'the link moves to the timeline');
    assert.equal(await frame.locator('.timeline-section ol.timeline li').count(), 1, 'the first check, so far');
    await frame.locator('h1').scrollIntoViewIfNeeded();
    // the screenshot: the watching panel and the status bar item below it
    await v.page.mouse.move(700, 300);
    const editor = (await v.page.locator('.part.editor').boundingBox())!;
    const bar = (await item.boundingBox())!;
    await mediaShot(v, 'screenshot-watch.png', union({ ...editor, height: editor.height * 0.55 }, bar, 0));

    const done = v.notification(
      `${PROGRESSING.number} in send #${PROGRESSING.sendId} is now final: DELIVERED (Delivered).`,
    );
    await done.waitFor({ timeout: 40000 });
    const took = Date.now() - startedAt;
    assert.ok(took <= 30000, `final after ${took} ms (the watch re-checks after 5 s, then about 10 s)`);
    await item.waitFor({ state: 'hidden', timeout: 10000 }); // hidden or removed
    assert.equal(
      await v.page
        .locator('.part.statusbar .statusbar-item')
        .filter({ hasText: /Watching \d+/ })
        .filter({ visible: true })
        .count(),
      0,
      'no watch item left',
    );

    await frame.locator('.timeline-section ol.timeline li').nth(1).waitFor({ timeout: 15000 });
    assert.equal(await frame.locator('.timeline-section h2').textContent(), 'Status timeline');
    const codes = await frame
      .locator('.timeline-section ol.timeline li .badge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    assert.deepEqual(codes, ['WAITING', 'DELIVERED']);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'DELIVERED');
    assert.equal(await frame.locator('.watch-note').count(), 0, 'the watch ended: no note');
    assert.equal(
      await frame.locator('.toolbar button', { hasText: /Watch Until Final|Stop Watching/ }).count(),
      0,
      'nothing left to watch',
    );
    const checks = sb.requests.filter((r) => r.status === 200 && r.body.includes(PROGRESSING.number));
    assert.equal(checks.length, 3, 'the lookup + 2 checks (WAITING, then DELIVERED)');
  });

  it('copies a cURL command without the key, and with it only after the modal warning is confirmed', async () => {
    const v = vscode();
    await closeAllEditors(v);
    await v.runCommandByKey(LOOKUP_SAMPLE_CHORD);
    const frame = await report(v, tabTitle(SAMPLE.number));
    const copyButton = frame.locator('.toolbar button', { hasText: 'Copy as cURL' });
    const copiedText = 'cURL (shell) copied. It reads the API key from the environment variable VAIROSMS_API_KEY';

    // 1. the placeholder version
    await v.page.evaluate(() => navigator.clipboard.writeText('before'));
    await v.runCommand('Notifications: Clear All Notifications');
    await copyButton.click();
    let toast = v.notification(copiedText);
    await toast.waitFor({ timeout: 15000 });
    // README screenshot: the notification with its two actions, once its fade-in is over.
    await v.page.waitForTimeout(800);
    const toastBox = await toast.boundingBox();
    if (toastBox)
      await mediaShot(v, 'screenshot-curl.png', {
        x: toastBox.x - 360,
        y: toastBox.y - 40,
        width: toastBox.width + 372,
        height: toastBox.height + 52,
      });
    const plain = await v.readClipboard();
    assert.match(plain, /^curl |\ncurl /, plain);
    assert.ok(plain.includes(`NumaraRaporu/${SAMPLE.sendId}`), plain);
    assert.ok(plain.includes('${VAIROSMS_API_KEY'), plain);
    assert.ok(!plain.includes(KEY), 'the key is not in the snippet');

    // 2. "Copy with API Key…" → modal → Cancel: the clipboard keeps the placeholder version
    await toast.locator('.monaco-button', { hasText: 'Copy with API Key…' }).click();
    const modal = v.dialog('Copy the snippet with your API key in it?');
    await modal.waitFor({ timeout: 10000 });
    assert.match(await modal.innerText(), /plain text in your clipboard/);
    await v.clickDialogButton('Cancel');
    for (const until = Date.now() + 2000; Date.now() < until;) {
      assert.equal(await v.readClipboard(), plain, 'cancelling left the placeholder version');
      await v.page.waitForTimeout(200);
    }

    // 3. again, confirming: now the key is in it
    await copyButton.click();
    toast = v.notification(copiedText);
    await toast.locator('.monaco-button', { hasText: 'Copy with API Key…' }).click();
    await v.dialog('Copy the snippet with your API key in it?').waitFor({ timeout: 10000 });
    await v.clickDialogButton('Copy with API Key');
    let withKey = '';
    for (const until = Date.now() + 15000; Date.now() < until; await v.page.waitForTimeout(200)) {
      withKey = await v.readClipboard();
      if (withKey.includes(KEY)) break;
    }
    assert.ok(withKey.includes(`api_key=${KEY}`), `the key is in the confirmed snippet: ${withKey}`);
    assert.ok(withKey.includes(`NumaraRaporu/${SAMPLE.sendId}`));
    assert.ok(!withKey.includes('${VAIROSMS_API_KEY'), 'no placeholder in the keyed version');
    assert.match(withKey, /contains your API key/);
  });

  it('follows the hover settings: unchecking "Hover: Enabled" hides it, hover.languages ["php"] keeps it to PHP', async function () {
    this.timeout(120000);
    const v = vscode();
    await closeAllEditors(v);
    await v.openFile('sms.log');
    await hoverWord(v, 'REJECTED', 'REJECTED · Rejected', 'durum_gonderim=REJECTED'); // on before the change

    // 1. the Settings editor: uncheck "Vairosms › Hover: Enabled"
    const checkbox = await hoverEnabledCheckbox(v);
    assert.equal(await checkbox.getAttribute('aria-checked'), 'true');
    await checkbox.click();
    await v.page
      .locator('.settings-editor .setting-item-bool')
      .filter({ hasText: 'Hover: Enabled' })
      .locator('.setting-value-checkbox[aria-checked="false"]')
      .waitFor({ timeout: 10000 });
    await v.editorTab('sms.log').click();
    await v.page.locator('.tabs-container .tab.active').filter({ hasText: 'sms.log' }).waitFor();
    await untilNoHover(v, 'REJECTED', 'durum_gonderim=REJECTED', 'vairosms.hover.enabled false');
    await expectNoHover(v, 'WAITING', 'durum_gonderim=WAITING');
    await waitForUserSettings(v, (saved) => saved['vairosms.hover.enabled'] === false, 'hover.enabled saved as false');

    // 2. settings.json: back on, but only for PHP
    await editUserSettingsJson(v, { 'vairosms.hover.enabled': undefined, 'vairosms.hover.languages': ['php'] });
    await v.openFile('send-report.php');
    for (const until = Date.now() + 20000; ;) {
      await pointAt(v, 'DELIVERED', 'case');
      if (
        await ourHover(v, 'DELIVERED · Delivered')
          .waitFor({ timeout: 2000 })
          .then(
            () => true,
            () => false,
          )
      )
        break;
      if (Date.now() > until) assert.fail('no hover in the PHP file with vairosms.hover.languages ["php"]');
    }
    await v.editorTab('sms.log').click();
    await v.page.locator('.tabs-container .tab.active').filter({ hasText: 'sms.log' }).waitFor();
    await expectNoHover(v, 'REJECTED', 'durum_gonderim=REJECTED');
  });
});
