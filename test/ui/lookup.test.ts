// "The lookup experience" as a user meets it in a real VS Code (code-server + chromium), English UI, light theme:
// the API key's password box, the palette prompts with a Turkish-form number, the report panel (exact Turkish
// message, Show Raw Response, the status tooltip on hover and on keyboard focus, the legend). Recent Lookups, failures
// and a reload are lookupRecent.test.ts. Writes media/screenshot-panel-light.png.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE, STATUS_CODES } from '../sandbox/data';
import { KEY, MESSAGE, SAMPLE_TAB, panel, lookupOptions } from './lookupSetup';
import { REPO_ROOT, useVSCode, describedTooltip } from './harness';

describe('Lookup experience (en, light)', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => lookupOptions(sb.root));
  after(async () => {
    await sb?.close();
  });

  it("stores the API key typed into the palette's password box @floor", async () => {
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

  it('looks up a number typed in Turkish form through the palette prompts and shows the report @floor', async () => {
    const v = vscode();
    // the answer waits until the progress notification and the panel's loading state have been seen (on VS Code 1.139
    // the window's first webview takes 2-3 s to boot: a fixed latency let the report arrive before the page did)
    const release = sb.hold();
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
      release();
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
});
