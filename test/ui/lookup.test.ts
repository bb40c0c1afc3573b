// "The lookup experience" as a user meets it in a real VS Code (code-server + chromium), English UI, light theme:
// the API key's password box, the palette prompts with a Turkish-form number, the report panel (exact Turkish
// message, the status tooltip on hover and on keyboard focus, the legend), Recent Lookups (tooltip, reopen without a
// request, context menu, Remove, Clear All), a window reload, and a wrong key. Writes media/screenshot-panel-light.png.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { startSandbox, TEXT, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE, SAMPLE_REPORT, STATUS_CODES } from '../sandbox/data';
import { ACTIVITY_TITLE, REPO_ROOT, contextMenu, pickMenuItem, useVSCode, type VSCode } from './harness';

const KEY = 'ui-lookup-key-7f21';
const MESSAGE = SAMPLE_REPORT.mesaj as string;
const SAMPLE_TAB = `${SAMPLE.number} · send ${SAMPLE.sendId}`;
const WRONG_KEY_NUMBER = NUMBER_FOR_STATUS.SENT;
const WRONG_KEY_TAB = `${WRONG_KEY_NUMBER} · send ${SAMPLE.sendId}`;
const LOOKUP_WRONG_KEY_CHORD = 'ctrl+alt+shift+f1';
const LOOKUP_WAITING_CHORD = 'ctrl+alt+shift+f2';
const LOOKUP_REDIRECT_CHORD = 'ctrl+alt+shift+f3';
const REDIRECT_SEND = '9018'; // the sandbox redirects it to another host
const LOOKUP_RATE_LIMITED_CHORD = 'ctrl+alt+shift+f4';
const RATE_LIMITED_SEND = '9022'; // the sandbox answers 429 with Retry-After: 6, every time

/** The report panel's content once it shows a report (or an error, with `state`). */
async function panel(v: VSCode, tabTitle: string, state: 'report' | 'error' = 'report'): Promise<FrameLocator> {
  const frame = v.webview(tabTitle);
  await frame.locator(`#app[data-state="${state}"]`).waitFor({ timeout: 30000 });
  return frame;
}

/** The tooltip element a badge names in aria-describedby (asserting the link exists and is a tooltip). */
async function describedTooltip(frame: FrameLocator, badge: Locator): Promise<Locator> {
  const id = await badge.getAttribute('aria-describedby');
  assert.ok(id, 'the badge has aria-describedby');
  const tip = frame.locator(`[id="${id}"]`);
  assert.equal(await tip.count(), 1, `exactly one element with id ${id}`);
  assert.equal(await tip.getAttribute('role'), 'tooltip');
  return tip;
}

/** Hovers `target` until a VS Code hover containing `text` shows (a tree row re-rendered under a still pointer shows
 *  no hover until the pointer moves again, as for a user). */
async function hoverUntil(v: VSCode, target: Locator, text: string | RegExp): Promise<Locator> {
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

/**
 * The editor tabs (title → the report model's state) the workbench has persisted so far. VS Code in the browser
 * writes its layout to IndexedDB lazily (on idle, seconds after a change), and its save during page unload does not
 * always land: a reload right after opening or closing a tab may restore an older layout. A user's reload comes
 * seconds later; a test waits for the write instead (see waitForPersistedTabs).
 */
async function persistedTabs(v: VSCode): Promise<string[]> {
  const raw = await v.page.evaluate(async () => {
    const name = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .find((n) => n.startsWith('vscode-web-state-db-') && n !== 'vscode-web-state-db-global');
    if (!name) return '';
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    try {
      const value = await new Promise<unknown>((resolve, reject) => {
        const r = db
          .transaction('ItemTable', 'readonly')
          .objectStore('ItemTable')
          .get('memento/workbench.parts.editor');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      return typeof value === 'string' ? value : value instanceof Uint8Array ? new TextDecoder().decode(value) : '';
    } finally {
      db.close();
    }
  });
  if (!raw) return [];
  type Node = { type: 'leaf'; data: { editors: Array<{ value: string }> } } | { type: 'branch'; data: Node[] };
  const tabs: string[] = [];
  const walk = (n: Node): void => {
    if (n.type === 'branch') {
      n.data.forEach(walk);
      return;
    }
    for (const e of n.data.editors) {
      const input = JSON.parse(e.value) as { title?: string; state?: string };
      const state = input.state ? (JSON.parse(input.state) as { model?: { state?: string } }).model?.state : undefined;
      tabs.push(`${input.title} (${state ?? 'no state'})`);
    }
  };
  walk(
    (JSON.parse(raw) as { 'editorpart.state': { serializedGrid: { root: Node } } })['editorpart.state'].serializedGrid
      .root,
  );
  return tabs;
}

async function waitForPersistedTabs(v: VSCode, expected: string[]): Promise<void> {
  const deadline = Date.now() + 20000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await persistedTabs(v);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await v.page.waitForTimeout(200);
  }
  throw new Error(`the workbench did not persist the tabs ${JSON.stringify(expected)}; it has ${JSON.stringify(seen)}`);
}

async function closeTab(v: VSCode, title: string): Promise<void> {
  await v.editorTab(title).hover();
  await v.editorTab(title).locator('.tab-actions .action-label').click();
  await v.editorTab(title).waitFor({ state: 'detached' });
}

const menuLabels = (menu: Locator): Promise<string[]> =>
  menu
    .locator('.action-item:not(.disabled) .action-label')
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));

describe('Lookup experience (en, light)', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    colorTheme: 'Default Light Modern',
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: [
      {
        key: LOOKUP_WRONG_KEY_CHORD,
        command: 'vairosms.lookUpReport',
        args: { sendId: SAMPLE.sendId, number: WRONG_KEY_NUMBER },
      },
      {
        key: LOOKUP_RATE_LIMITED_CHORD,
        command: 'vairosms.lookUpReport',
        args: { sendId: RATE_LIMITED_SEND, number: SAMPLE.number },
      },
      {
        key: LOOKUP_REDIRECT_CHORD,
        command: 'vairosms.lookUpReport',
        args: { sendId: REDIRECT_SEND, number: SAMPLE.number },
      },
      {
        key: LOOKUP_WAITING_CHORD,
        command: 'vairosms.lookUpReport',
        args: { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING },
      },
    ],
  }));
  after(async () => {
    await sb?.close();
  });

  it("stores the API key typed into the palette's password box", async () => {
    const v = vscode();
    await v.runCommand('VairoSMS: Set API Key…');
    await v.inputBox.waitFor(/Paste your VairoSMS API key/);
    assert.equal(await v.inputBox.isPassword(), true, 'the key box is an <input type=password>');
    assert.equal(await v.inputBox.input.getAttribute('type'), 'password');
    await v.inputBox.fill(KEY);
    await v.inputBox.enter();
    await v.notification('VairoSMS API key saved').waitFor();
    assert.equal(sb.requests.length, 0, 'storing a key sends nothing');
  });

  it('looks up a number typed in Turkish form through the palette prompts and shows the report', async () => {
    const v = vscode();
    sb.setLatency(1500); // long enough to see the progress notification and the panel's loading state
    try {
      await v.runCommand('VairoSMS: Look Up Number Report…');
      await v.inputBox.waitFor('Send ID: the number VairoSMS returned when the SMS was sent');
      assert.match(
        await v.page.locator('.quick-input-widget .quick-input-title').innerText(),
        /Look Up Number Report.*1\/2/s,
      );
      await v.inputBox.fill(SAMPLE.sendId);
      await v.inputBox.enter();
      await v.inputBox.waitFor(`Phone number the SMS of send #${SAMPLE.sendId} was sent to.`);
      assert.match(await v.page.locator('.quick-input-widget .quick-input-title').innerText(), /2\/2/);
      await v.inputBox.type('0539 999 99 99');
      await v.inputBox.waitForValidationMessage('Will be sent as 5399999999 (Turkish mobile number).');
      await v.inputBox.enter();
      await v
        .notification(`VairoSMS: looking up ${SAMPLE.number} in send #${SAMPLE.sendId}…`)
        .waitFor({ timeout: 10000 });
      const loading = v.webview(SAMPLE_TAB).locator('#app[data-state="loading"]');
      await loading.waitFor({ timeout: 10000 });
      // the loading state names the lookup and says "Looking up" once (#13)
      assert.equal(await loading.locator('h1').textContent(), `${SAMPLE.number} in send #${SAMPLE.sendId}`);
      assert.equal(((await loading.innerText()).match(/Looking up the report…/g) ?? []).length, 1);
    } finally {
      sb.setLatency(0);
    }
    const frame = await panel(v, SAMPLE_TAB);
    assert.equal(await frame.locator('h1').textContent(), `${SAMPLE.number} in send #${SAMPLE.sendId}`);
    assert.equal(await frame.locator('td[data-field="number"] .value').textContent(), SAMPLE.number);
    assert.equal(
      await frame.locator('#message-text').textContent(),
      MESSAGE,
      'the Turkish message, character for character',
    );
    assert.equal(await frame.locator('#message-text .cc').count(), 0);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'DELIVERED');
    assert.equal(await frame.locator('.status-line .badge .code').textContent(), 'DELIVERED');
    assert.equal(await frame.locator('.status-line .badge .label').textContent(), 'Delivered');
    assert.equal(await frame.locator('td[data-field="status"] .value').textContent(), 'DELIVERED');
    assert.equal(await frame.locator('#live').getAttribute('aria-live'), 'polite');
    assert.match((await frame.locator('#live').textContent()) ?? '', /Status DELIVERED: Delivered/);
    const last = sb.requests.at(-1)!;
    assert.equal(sb.requests.length, 1, 'one request for one lookup');
    assert.equal(last.apiKeyOk, true, 'the stored key was used');
    assert.equal(last.sendId, SAMPLE.sendId);
    assert.deepEqual(JSON.parse(last.body), { numara: SAMPLE.number }, 'sent in the 10-digit form');
  });

  it('Show Raw Response shows the body exactly as received, Turkish letters unboxed, with a Format action (#13)', async () => {
    const v = vscode();
    const frame = await panel(v, SAMPLE_TAB);
    await frame.getByRole('button', { name: 'Show Raw Response' }).click();
    const editor = v.page.locator('.part.editor .editor-group-container.active .monaco-editor').first();
    await editor.locator('.view-line').first().waitFor({ timeout: 15000 });
    const lines = () => editor.locator('.view-lines .view-line').allInnerTexts();
    // the sandbox answers compact JSON on one line: shown as it came, not pretty-printed
    const first = await lines();
    assert.equal(first.length, 1, `one line as received: ${JSON.stringify(first)}`);
    assert.ok(first[0].includes('ağacıyım'), 'the Turkish text as sent');
    assert.equal(await editor.locator('.unicode-highlight').count(), 0, 'no Turkish letter is boxed as ambiguous');
    const format = v.page.locator('.part.editor .editor-actions .action-label[aria-label^="Format Raw Response"]');
    await format.click();
    for (let i = 0; i < 50 && (await lines()).length === 1; i++) await v.page.waitForTimeout(100);
    const formatted = await lines();
    assert.ok(formatted.length > 5, `pretty-printed: ${formatted.length} lines`);
    assert.equal(formatted[0].trim(), '{');
    await v.page.keyboard.press('Control+W');
  });

  it('explains the status in a tooltip shown on hover and on keyboard focus, linked by aria-describedby', async () => {
    const v = vscode();
    const frame = await panel(v, SAMPLE_TAB);
    const badge = frame.locator('.status-line .badge');
    const tip = await describedTooltip(frame, badge);
    assert.equal(await badge.getAttribute('tabindex'), '0', 'reachable with Tab');
    assert.equal(
      await tip.evaluate(
        (t) => t.parentElement?.classList.contains('has-tip') && t.previousElementSibling?.classList.contains('badge'),
      ),
      true,
    );
    await frame.locator('h1').hover();
    assert.equal(await tip.isVisible(), false, 'hidden until hovered or focused');

    // hover
    await badge.hover();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await tip.textContent()) ?? '';
    for (const part of [
      'DELIVERED · Delivered',
      'Meaning: The operator confirmed delivery to the handset.',
      'Final or pending: Final',
      'What to do next: Nothing to do; stop polling.',
      'Mesaj iletildi.',
    ]) {
      assert.ok(text.includes(part), `the tooltip has "${part}": ${text}`);
    }
    assert.equal(
      await tip.locator('[lang="tr"]').textContent(),
      'Mesaj iletildi.',
      "the provider's Turkish text is marked lang=tr",
    );
    await frame.locator('h1').hover();
    await tip.waitFor({ state: 'hidden', timeout: 5000 });

    // keyboard: Tab from the last toolbar button lands on the badge
    const lastButton = frame.locator('.toolbar button').last();
    assert.equal(await lastButton.textContent(), 'Copy as cURL', 'no Watch button for a final status');
    await lastButton.focus();
    assert.equal(await tip.isVisible(), false);
    await lastButton.press('Tab');
    assert.equal(await badge.evaluate((b) => b === document.activeElement), true, 'Tab moved the focus to the badge');
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    // Escape dismisses it (WCAG 1.4.13), focusing it again shows it again
    await badge.press('Escape');
    await tip.waitFor({ state: 'hidden', timeout: 5000 });
    await lastButton.focus();
    await badge.focus();
    await tip.waitFor({ state: 'visible', timeout: 5000 });

    // the README screenshot: the panel with the tooltip open (by hover, with no focus ring anywhere)
    await badge.evaluate((b) => b.blur());
    await frame.locator('h1').hover();
    await badge.hover();
    await tip.waitFor({ state: 'visible' });
    const box = (await v.page.locator('iframe.webview.ready').filter({ visible: true }).first().boundingBox())!;
    const x = Math.round(box.x);
    await v.page.screenshot({
      path: path.join(REPO_ROOT, 'media', 'screenshot-panel-light.png'),
      clip: { x, y: Math.max(0, Math.round(box.y) - 36), width: Math.min(1000, 1400 - x), height: 620 },
    });
  });

  it('lists all 11 status codes in the legend, each with its own tooltip', async () => {
    const frame = await panel(vscode(), SAMPLE_TAB);
    const rows = frame.locator('table.legend tbody tr[data-code]');
    assert.deepEqual(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-code'))), [...STATUS_CODES]);
    const texts = new Set<string>();
    for (const code of STATUS_CODES) {
      const badge = frame.locator(`table.legend tr[data-code="${code}"] .badge`);
      assert.equal(await badge.getAttribute('data-code'), code);
      const tip = await describedTooltip(frame, badge);
      await frame.locator('#legend-h').hover();
      assert.equal(await tip.isVisible(), false);
      await badge.hover();
      await tip.waitFor({ state: 'visible', timeout: 5000 });
      const text = (await tip.textContent()) ?? '';
      assert.ok(text.startsWith(`${code} · `), `${code}: ${text}`);
      for (const label of ['Meaning: ', 'Final or pending: ', 'What to do next: '])
        assert.ok(text.includes(label), `${code} tooltip lacks ${label}`);
      texts.add(text);
    }
    assert.equal(texts.size, 11, 'eleven different tooltip texts');
  });

  it('opens a tooltip above its badge when there is no room below, on hover and on focus (#13)', async () => {
    const frame = await panel(vscode(), SAMPLE_TAB);
    const last = frame.locator(`table.legend tr[data-code="${STATUS_CODES.at(-1)}"] .badge`);
    // the badge at the very bottom of the panel, as when the legend is scrolled into view
    await last.evaluate((b) => {
      const gap = window.innerHeight - b.getBoundingClientRect().bottom - 8;
      window.scrollBy(0, -gap);
    });
    const inside = async (tip: Locator) => {
      const r = await tip.evaluate((t) => {
        const b = t.getBoundingClientRect();
        return { top: b.top, bottom: b.bottom, right: b.right, h: window.innerHeight, w: window.innerWidth };
      });
      assert.ok(
        r.top >= 0 && r.bottom <= r.h && r.right <= r.w,
        `the tooltip is inside the panel: ${JSON.stringify(r)}`,
      );
    };
    const tip = await describedTooltip(frame, last);
    await last.hover();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    await inside(tip);
    assert.match((await last.locator('xpath=..').getAttribute('class')) ?? '', /\btip-up\b/);
    await frame.locator('#legend-h').hover();
    await last.focus();
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    await inside(tip);
  });

  it('shows the lookup in Recent Lookups with a tooltip explaining the status, and reopens it without a request', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(SAMPLE.number).first();
    await row.waitFor();
    assert.equal(await row.locator('.label-name').textContent(), SAMPLE.number);
    assert.match(
      (await row.locator('.label-description').textContent()) ?? '',
      /^send 187 · DELIVERED · (now|\d+ seconds ago)$/,
    );
    const hover = await hoverUntil(v, row.locator('.label-name'), /DELIVERED\s·\sDelivered/); // markdown text: spaces are NBSPs
    const tip = (await hover.innerText()).replace(/\s+/g, ' ');
    for (const part of [
      'The operator confirmed delivery to the handset.',
      'Final',
      'What to do next: Nothing to do; stop polling.',
      `${SAMPLE.number} in send #${SAMPLE.sendId}`,
      'Click to reopen the stored report.',
    ]) {
      assert.ok(tip.includes(part), `tree tooltip has "${part}": ${tip}`);
    }
    await v.page.mouse.move(900, 880);
    await v.page.keyboard.press('Escape');

    // close the panel, then reopen it from the tree: no request reaches the sandbox
    await v.editorTab(SAMPLE_TAB).hover();
    await v.editorTab(SAMPLE_TAB).locator('.tab-actions .action-label').click();
    await v.editorTab(SAMPLE_TAB).waitFor({ state: 'detached' });
    assert.equal(await v.page.locator('iframe.webview').count(), 0, 'the panel is closed');
    const before = sb.requests.length;
    await row.click();
    const frame = await panel(v, SAMPLE_TAB);
    assert.match((await frame.locator('.subtitle').textContent()) ?? '', /^From Recent Lookups, checked/);
    assert.equal(await frame.locator('#message-text').textContent(), MESSAGE);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'DELIVERED');
    await v.page.waitForTimeout(500); // a late request would show up here
    assert.equal(sb.requests.length, before, 'reopening from Recent Lookups sends no request');
  });

  it('shows a wrong key in the panel, and in a notification only when the panel is not in front; both offer Set API Key…', async () => {
    const v = vscode();
    await v.runCommand('VairoSMS: Set API Key…');
    await v.inputBox.waitFor(/Paste your VairoSMS API key/);
    await v.inputBox.fill('not-the-right-key');
    await v.inputBox.enter();
    await v.inputBox.input.waitFor({ state: 'hidden' });
    await v.runCommand('Notifications: Clear All Notifications');
    await v.runCommandByKey(LOOKUP_WRONG_KEY_CHORD);
    const frame = await panel(v, WRONG_KEY_TAB, 'error');
    assert.equal(sb.requests.at(-1)?.apiKey, 'not-the-right-key');
    assert.equal(sb.requests.at(-1)?.status, 401);
    // the panel opened in front and says it: no toast repeats it (#13)
    await v.page.waitForTimeout(1000);
    assert.equal(await v.notification('Wrong API key').count(), 0, 'no toast while the panel is in front');
    const error = frame.locator('section.error');
    assert.equal(await error.getAttribute('data-kind'), 'unauthorized');
    assert.equal(await error.locator('.error-title').textContent(), 'Wrong API key');
    assert.equal(await error.locator('.provider figcaption').textContent(), 'Message from VairoSMS');
    assert.equal(await error.locator('.provider blockquote').textContent(), TEXT.wrongKey);
    assert.equal(await error.locator('.provider blockquote').getAttribute('lang'), 'tr');
    assert.match((await error.locator('.error-action').textContent()) ?? '', /Set API Key…/);
    assert.deepEqual(await error.locator('.actions button').allTextContents(), ['Set API Key…', 'Show Log']);
    assert.match((await frame.locator('#live').textContent()) ?? '', /Lookup failed: Wrong API key/);

    // the panel's action opens the password box; Esc cancels it and nothing is sent
    const sent = sb.requests.length;
    await error.locator('button', { hasText: 'Set API Key…' }).click();
    await v.inputBox.waitFor(/Paste your VairoSMS API key/);
    assert.equal(await v.inputBox.isPassword(), true);
    await v.inputBox.escape();
    await v.inputBox.input.waitFor({ state: 'hidden' });
    assert.equal(sb.requests.length, sent);

    // Refresh in Recent Lookups (the panel not brought to the front) fails again: now a notification says so, with
    // the same action
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(new RegExp(`^${WRONG_KEY_NUMBER}.*send 187 · failed: Wrong API key`)).first();
    await row.waitFor({ timeout: 10000 }); // the failed lookup is kept, with its error
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Refresh Report"]').click();
    const toast = v.notification('Wrong API key');
    await toast.waitFor({ timeout: 20000 });
    const toastText = (await toast.locator('.notification-list-item-message').innerText()).replace(/\s+/g, ' ');
    assert.match(toastText, new RegExp(`^Wrong API key \\(${WRONG_KEY_NUMBER} in send #187\\)`));
    assert.ok(!toastText.includes(TEXT.wrongKey), "the provider's text stays out of the notification");
    const toastSetKey = toast.locator('.monaco-button').filter({ hasText: /^Set API Key…$/ });
    assert.equal(await toastSetKey.count(), 1, 'the notification offers Set API Key…');
    // the notification's action opens the password box too; with the right key the lookup goes on
    await toastSetKey.click();
    await v.inputBox.waitFor(/Paste your VairoSMS API key/);
    assert.equal(await v.inputBox.isPassword(), true);
    await v.inputBox.fill(KEY);
    await v.inputBox.enter();
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 20000 });
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'SENT');
    assert.equal(sb.requests.at(-1)?.apiKeyOk, true);
  });

  it('says which redirect was refused, to which host, and links the setting it points to (#13)', async () => {
    const v = vscode();
    await v.runCommandByKey(LOOKUP_REDIRECT_CHORD);
    const tab = `${SAMPLE.number} · send ${REDIRECT_SEND}`;
    const frame = await panel(v, tab, 'error');
    const error = frame.locator('section.error');
    assert.equal(await error.getAttribute('data-kind'), 'redirect');
    assert.match(
      (await error.innerText()).replace(/\s+/g, ' '),
      new RegExp(`another host \\(http://localhost:${sb.port}\\)`),
    );
    assert.equal((await error.locator('.error-setting').innerText()).trim(), 'Setting: vairosms.apiRoot');
    await error.locator('.error-setting button.link').click();
    // VS Code's Settings editor opens on that setting
    await v.page
      .locator('.settings-editor .setting-item')
      .filter({ hasText: /Api Root/ })
      .first()
      .waitFor({ timeout: 15000 });
    await v.page.keyboard.press('Control+W');

    // the failed lookup is kept in Recent Lookups, with an error icon and its error, and runs again from there (#13)
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(new RegExp(`send ${REDIRECT_SEND} · failed: `)).first();
    await row.waitFor({ timeout: 10000 });
    assert.match(
      await row.locator('.label-description').innerText(),
      new RegExp(`^send ${REDIRECT_SEND} · failed: Redirect refused · (now|\\d+ seconds ago)$`),
    );
    assert.equal(await row.locator('.codicon-error').count(), 1, 'the error icon');
    await closeTab(v, tab);
    await row.click(); // reopens its error, without a request
    const reopened = await panel(v, tab, 'error');
    assert.equal(await reopened.locator('section.error').getAttribute('data-kind'), 'redirect');
    const asked = sb.requests.length;
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Refresh Report"]').click();
    for (let i = 0; i < 50 && sb.requests.length === asked; i++) await v.page.waitForTimeout(100);
    assert.ok(sb.requests.length > asked, 'Refresh runs it again');
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Remove"]').click();
    await row.waitFor({ state: 'detached' });
    await closeTab(v, tab);
  });

  it("counts down while it waits for VairoSMS's short Retry-After and asks again by itself (#13)", async () => {
    const v = vscode();
    const asked = sb.requests.length;
    await v.runCommandByKey(LOOKUP_RATE_LIMITED_CHORD);
    const tab = `${SAMPLE.number} · send ${RATE_LIMITED_SEND}`;
    const note = v.webview(tab).locator('#app[data-state="loading"] .retry-note');
    await note.waitFor({ timeout: 15000 });
    const left = async () =>
      Number(
        /^VairoSMS asked to wait \(HTTP 429\)\. Asking again by itself in (\d) s…$/.exec(
          await note.innerText({ timeout: 2000 }),
        )?.[1],
      );
    const first = await left();
    assert.ok(first >= 1 && first <= 6, `the seconds left: ${first}`);
    // it counts down
    for (let i = 0; i < 30 && (await left()) === first; i++) await v.page.waitForTimeout(100);
    assert.ok((await left()) < first, 'the countdown moves');
    // A webview reloaded mid-wait (as a hidden tab is when shown again) draws its saved model, then gets the same
    // model again from the extension: the countdown goes on counting.
    await v.runCommand('Developer: Reload Webviews');
    const seen = new Set<number>();
    for (let i = 0; i < 60 && seen.size < 2; i++) {
      const n = await left().catch(() => Number.NaN);
      if (Number.isFinite(n)) seen.add(n);
      await v.page.waitForTimeout(100);
    }
    assert.ok(seen.size >= 2, `the countdown moves after the reload: ${JSON.stringify([...seen])}`);
    // the second 429 ends it: then (and only then) the panel says to wait and try again
    const frame = await panel(v, tab, 'error');
    assert.equal(await frame.locator('section.error').getAttribute('data-kind'), 'rate-limited');
    assert.equal(sb.requests.length - asked, 2, 'asked twice: once, and once more by itself after the wait');
    await closeTab(v, tab);
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(new RegExp(`send ${RATE_LIMITED_SEND} · failed: `)).first();
    await row.hover();
    await row.locator('.actions .action-label[aria-label="Remove"]').click();
    await row.waitFor({ state: 'detached' });
  });

  it('brings the Recent Lookups entry and the report panel back after a window reload', async () => {
    const v = vscode();
    // only the sample's panel stays open
    await v.editorTab(WRONG_KEY_TAB).hover();
    await v.editorTab(WRONG_KEY_TAB).locator('.tab-actions .action-label').click();
    await v.editorTab(WRONG_KEY_TAB).waitFor({ state: 'detached' });
    await v.editorTab(SAMPLE_TAB).click();
    await panel(v, SAMPLE_TAB);
    const before = sb.requests.length;

    await waitForPersistedTabs(v, [`${SAMPLE_TAB} (report)`]);
    await v.reload();
    await v.openSideBar(ACTIVITY_TITLE);
    await v.treeRow(SAMPLE.number).first().waitFor({ timeout: 20000 });
    await v.treeRow(WRONG_KEY_NUMBER).first().waitFor();
    await v.editorTab(SAMPLE_TAB).waitFor({ timeout: 20000 });
    assert.deepEqual(
      await v.page.locator('.tabs-container .tab').allInnerTexts(),
      [SAMPLE_TAB],
      'the same tabs as before the reload',
    );
    const frame = await panel(v, SAMPLE_TAB);
    assert.equal(await frame.locator('h1').textContent(), `${SAMPLE.number} in send #${SAMPLE.sendId}`);
    assert.equal(await frame.locator('#message-text').textContent(), MESSAGE);
    assert.equal(await frame.locator('.status-line .badge').getAttribute('data-code'), 'DELIVERED');
    assert.equal(await frame.locator('table.legend tbody tr').count(), 11);
    assert.equal(sb.requests.length, before, 'restoring the panel sends no request');
  });

  it('refreshes an entry where it stands, removes one from its context menu and clears all, each with Undo', async () => {
    const v = vscode();
    await v.runCommandByKey(LOOKUP_WAITING_CHORD);
    await panel(v, `${NUMBER_FOR_STATUS.WAITING} · send ${SAMPLE.sendId}`);
    await v.openSideBar(ACTIVITY_TITLE);
    const waiting = v.treeRow(NUMBER_FOR_STATUS.WAITING).first();
    await waiting.waitFor();
    assert.equal(await v.page.locator('.part.sidebar .monaco-list-row').count(), 3);
    const order = () => v.page.locator('.part.sidebar .monaco-list-row .label-name').allTextContents();
    const listed = await order();
    assert.equal(listed[0], NUMBER_FOR_STATUS.WAITING, 'a new lookup goes to the top');

    // The inline Refresh of the bottom row asks VairoSMS again, and the row stays where the pointer is (#13)
    const bottom = v.treeRow(listed[2]).first();
    const asked = sb.requests.length;
    await bottom.hover();
    await bottom.locator('.actions .action-label[aria-label="Refresh Report"]').click();
    for (let i = 0; i < 20 && sb.requests.length === asked; i++) await v.page.waitForTimeout(100);
    assert.ok(sb.requests.length > asked, 'Refresh asked VairoSMS');
    for (let i = 0; i < 15; i++) {
      assert.deepEqual(await order(), listed, 'the refreshed row keeps its place');
      await v.page.waitForTimeout(200);
    }

    const menu = await contextMenu(v, waiting);
    const labels = await menuLabels(menu);
    for (const item of [
      'Open Report',
      'Refresh Report',
      'Show Raw Response',
      'Watch Until Final',
      'Copy Number',
      'Copy Send ID',
      'Copy as cURL',
      'Copy as Code Snippet…',
      'Remove',
    ]) {
      assert.ok(labels.includes(item), `context menu ${JSON.stringify(labels)} lacks ${item}`);
    }
    await pickMenuItem(v, menu, 'Remove');
    await waiting.waitFor({ state: 'detached' });
    assert.equal(await v.page.locator('.part.sidebar .monaco-list-row').count(), 2, 'only that entry is gone');
    await v.treeRow(SAMPLE.number).first().waitFor();
    // Undo in the notification puts it back where it stood
    const removed = v.notification(
      `Removed ${NUMBER_FOR_STATUS.WAITING} (send #${SAMPLE.sendId}) from Recent Lookups.`,
    );
    await removed.locator('.monaco-button', { hasText: 'Undo' }).click();
    await waiting.waitFor();
    assert.deepEqual(await order(), listed, 'Undo restores the entry in its place');
    await waiting.hover();
    await waiting.locator('.actions .action-label[aria-label="Remove"]').click();
    await waiting.waitFor({ state: 'detached' });

    // the inline Remove action (shown on hover) removes one entry too
    const sent = v.treeRow(WRONG_KEY_NUMBER).first();
    await sent.hover();
    await sent.locator('.actions .action-label[aria-label="Remove"]').click();
    await sent.waitFor({ state: 'detached' });
    assert.equal(await v.page.locator('.part.sidebar .monaco-list-row').count(), 1);

    // Clear All asks first; Cancel keeps the entries
    const clearAll = v.page.locator(
      '.part.sidebar .title-actions .action-label[aria-label="Clear All Recent Lookups"]',
    );
    await clearAll.click();
    await v
      .dialog('Remove all 1 lookups from Recent Lookups? Their stored reports are deleted, and open report tabs close.')
      .waitFor();
    await v.clickDialogButton('Cancel');
    assert.equal(await v.treeRow(SAMPLE.number).count(), 1, 'cancel keeps the entries');
    await clearAll.click();
    await v.dialog(/Remove all 1 lookups from Recent Lookups\?/).waitFor();
    await v.clickDialogButton('Clear All');
    const welcome = v.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor();
    // Clear All can be undone too; then clear for good
    await v
      .notification('Cleared 1 lookups from Recent Lookups.')
      .locator('.monaco-button', { hasText: 'Undo' })
      .click();
    await v.treeRow(SAMPLE.number).first().waitFor();
    await clearAll.click();
    await v.dialog(/Remove all 1 lookups from Recent Lookups\?/).waitFor();
    await v.clickDialogButton('Clear All');
    await welcome.waitFor();
    assert.match(await welcome.innerText(), /No lookups yet\./);
    for (const link of ['Look Up Number Report…', 'Set API Key…']) {
      await welcome.getByText(link, { exact: true }).waitFor();
    }
    assert.equal(await v.page.locator('.part.sidebar .monaco-list-row').filter({ hasText: SAMPLE.number }).count(), 0);
    // Clear All is offered only while there are entries
    await clearAll.waitFor({ state: 'detached', timeout: 5000 });

    // the welcome view's link runs the lookup command
    await welcome.getByText('Look Up Number Report…', { exact: true }).click();
    await v.inputBox.waitFor(/Send ID/);
    await v.inputBox.escape();
  });
});
