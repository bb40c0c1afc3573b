// Accessibility, measured in the real VS Code: axe-core (WCAG 2.1 A and AA rules) inside the report panel, the send
// panel, the batch panel and the raw response, in the light, dark and high-contrast themes (one VS Code, the theme
// switched live); no violation of impact serious or critical may remain (docs/accessibility.md lists the rest with
// why). Then the whole flow by keyboard only — palette, prompts, panel, badge tooltip, legend, Recent Lookups, re-run —
// with no mouse event at all, and a status change in an open panel announced by its live region exactly once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Frame } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { BATCH, NUMBER_FOR_STATUS, PROGRESSING, SAMPLE, batchNumber } from '../sandbox/data';
import { useVSCode, type VSCode } from './harness';

const KEY = 'ui-a11y-key-6d2c';
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const THEMES = [
  ['light', 'Light Modern', 'vscode-light'],
  ['dark', 'Dark Modern', 'vscode-dark'],
  ['high contrast', 'Dark High Contrast', 'vscode-high-contrast'],
] as const;
const SAMPLE_TAB = `${SAMPLE.number} · send ${SAMPLE.sendId}`;
const SEND_TAB = `Send ${SAMPLE.sendId}`;
const BATCH_TAB = `Batch · send ${BATCH.sendId}`;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core in the frame (evaluated through the debugging protocol, so the webview's CSP stays as it is). */
async function audit(frame: Frame, include?: string): Promise<Violation[]> {
  await frame.evaluate(`${AXE};0`);
  return frame.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[] }> } })
      .axe;
    const r = await axe.run(scope ? { include: [[scope]] } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return (
      r.violations as Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>
    ).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  }, include ?? null);
}

const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Switches the color theme the way a user does: Preferences: Color Theme, the theme's name as the picker shows it
 *  ("Light Modern" is the theme "Default Light Modern"), Enter. */
async function setTheme(v: VSCode, theme: string): Promise<void> {
  await v.runCommand('Preferences: Color Theme');
  await v.quickPick.waitFor();
  await v.page.keyboard.type(theme);
  await v.quickPick.row(new RegExp(`^${theme}$`)).waitFor();
  await v.page.keyboard.press('Enter');
  await v.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

const serious = (vs: Violation[]) => vs.filter((v) => v.impact === 'serious' || v.impact === 'critical');

describe('Accessibility: axe-core in every panel and theme, the keyboard only', function () {
  let sb: Sandbox;
  /** Every violation seen, by panel and theme, printed at the end for docs/accessibility.md. */
  const seen: string[] = [];
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root },
    colorTheme: 'Default Light Modern',
    keybindings: [
      {
        key: 'ctrl+alt+shift+f1',
        command: 'vairosms.lookUpReport',
        args: { sendId: SAMPLE.sendId, number: SAMPLE.number },
      },
      { key: 'ctrl+alt+shift+f2', command: 'vairosms.lookUpSend', args: SAMPLE.sendId },
      { key: 'ctrl+alt+shift+f3', command: 'vairosms.showRawResponse', args: SAMPLE },
      { key: 'ctrl+alt+shift+f5', command: 'vairosms.recentLookups.focus' },
      {
        key: 'ctrl+alt+shift+f4',
        command: 'vairosms.lookUpReport',
        args: { sendId: PROGRESSING.sendId, number: PROGRESSING.number },
      },
    ],
  }));
  after(async () => {
    if (seen.length) console.log(`      axe, impact below serious:\n        ${seen.join('\n        ')}`);
    await sb?.close();
  });

  it('the audit can fail: axe finds the violations of a page built to have them', async () => {
    const v = vscode();
    const page = await v.context.newPage();
    try {
      await page.setContent(
        '<html><body><img src="data:,"><button></button><p style="color:#777;background:#888">low</p></body></html>',
      );
      const ids = (await audit(page.mainFrame())).map((x) => `${x.id}:${x.impact}`);
      for (const want of ['image-alt:critical', 'button-name:critical', 'color-contrast:serious'])
        assert.ok(ids.includes(want), `${want} in ${ids.join(', ')}`);
    } finally {
      await page.close();
    }
  });

  it('opens the four panels: a report, its send, a batch, the raw response', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
    await v.runCommandByKey('ctrl+alt+shift+f1');
    await v.webview(SAMPLE_TAB).locator('section.send-section[data-state="summary"]').waitFor({ timeout: 30000 });
    await v.runCommandByKey('ctrl+alt+shift+f2');
    await v.webview(SEND_TAB).locator('#app[data-state="summary"]').waitFor({ timeout: 30000 });
    await v.runCommand('VairoSMS: Look Up Several Numbers…');
    await v.inputBox.waitFor(/Send ID/);
    await v.inputBox.fill(BATCH.sendId);
    await v.inputBox.enter();
    await v.quickPick.waitFor(/Where are the numbers\?|Look Up Several Numbers/);
    await v.quickPick.pick(/Type or paste numbers/);
    await v.inputBox.waitFor(/separated by commas or semicolons/);
    await v.inputBox.fill(Array.from({ length: 12 }, (_, i) => batchNumber(i)).join(', '));
    await v.inputBox.enter();
    await v.webview(BATCH_TAB).locator('#app[data-state="done"]').waitFor({ timeout: 60000 });
    await v.runCommandByKey('ctrl+alt+shift+f3');
    await v
      .editorTab(/Raw response|ham yanıt|\.json/i)
      .first()
      .waitFor({ timeout: 15000 })
      .catch(() => undefined);
  });

  for (const [name, theme, bodyClass] of THEMES) {
    it(`no serious or critical axe violation in any panel, ${name} theme`, async () => {
      const v = vscode();
      await setTheme(v, theme);
      for (const [panel, tab] of [
        ['report', SAMPLE_TAB],
        ['send', SEND_TAB],
        ['batch', BATCH_TAB],
      ] as const) {
        await v.page
          .locator('.tabs-container .tab')
          .filter({ hasText: exact(tab) })
          .first()
          .click();
        const frame = await v.webviewFrame(tab);
        await frame.waitForSelector(`body.${bodyClass}`, { timeout: 15000 });
        const found = await audit(frame);
        for (const x of found)
          if (!serious([x]).length) seen.push(`${panel} / ${name}: ${x.id} (${x.impact}) ${x.help}`);
        assert.deepEqual(serious(found), [], `${panel} panel, ${name} theme`);
      }
      // The raw response is a VS Code text editor: audited within the editor area only.
      await v.runCommandByKey('ctrl+alt+shift+f3');
      const editor = '.part.editor .editor-group-container.active .editor-instance';
      await v.page.locator(editor).first().waitFor({ timeout: 15000 });
      const found = await audit(v.page.mainFrame(), editor);
      for (const x of found)
        if (!serious([x]).length) seen.push(`raw response / ${name}: ${x.id} (${x.impact}) ${x.help}`);
      assert.deepEqual(serious(found), [], `raw response, ${name} theme`);
    });
  }

  it('the whole flow by keyboard only: palette, prompts, panel, tooltip, legend, Recent Lookups, re-run', async () => {
    const v = vscode();
    await setTheme(v, 'Light Modern');
    const k = v.page.keyboard;
    // The palette (F1; the harness moves the focus out of a webview first, by script, as Escape would) and the two
    // prompts.
    await v.openCommandPalette();
    await k.type('VairoSMS: Look Up Number Report');
    await v.quickPick.row(/Look Up Number Report…/).waitFor();
    await k.press('Enter');
    await v.inputBox.waitFor(/Send ID/);
    await k.type(SAMPLE.sendId);
    await k.press('Enter');
    await v.inputBox.waitFor(/Phone number/);
    await k.type(NUMBER_FOR_STATUS.REJECTED);
    await k.press('Enter');
    const tab = `${NUMBER_FOR_STATUS.REJECTED} · send ${SAMPLE.sendId}`;
    const frame = await v.webviewFrame(tab);
    await frame.waitForSelector('#app[data-state="report"]', { timeout: 30000 });
    // Into the panel: the first Tab lands on its toolbar; then on to the status badge, whose tooltip shows on focus.
    const focusKey = () => frame.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus ?? '');
    const tabUntil = async (want: (key: string) => boolean, what: string) => {
      for (let i = 0; i < 60; i++) {
        await k.press('Tab');
        if (want(await focusKey())) return;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    await tabUntil((f) => f === 'status', 'the status badge');
    const tipOf = async (key: string) => {
      const id = await frame.evaluate(
        (f) => document.querySelector(`[data-focus="${f}"]`)?.getAttribute('aria-describedby') ?? '',
        key,
      );
      return frame.locator(`[id="${id}"]`);
    };
    await (await tipOf('status')).waitFor({ state: 'visible', timeout: 5000 });
    await tabUntil((f) => f.startsWith('legend:'), 'the legend');
    const legendKey = await focusKey();
    await (await tipOf(legendKey)).waitFor({ state: 'visible', timeout: 5000 });
    // Recent Lookups by a key chord (its focus command), the first row, and Shift+F10 re-runs it from its menu.
    // The view's focus command shows it; Ctrl+0 (View: Focus into Primary Side Bar) then puts the keyboard in its list
    // (in code-server the command alone leaves the focus on the page body).
    await v.runCommandByKey('ctrl+alt+shift+f5');
    await v.page.waitForTimeout(500);
    await k.press('Control+0');
    await v.page.waitForTimeout(500);
    await v.page.locator('.part.sidebar .monaco-list:focus, .part.sidebar .monaco-list :focus').first().waitFor({
      timeout: 10000,
    });
    await k.press('Home');
    await k.press('ArrowDown');
    await k.press('ArrowUp');
    const before = sb.requests.length;
    await k.press('Shift+F10');
    const menu = v.page.locator('.monaco-menu').filter({ visible: true }).first();
    await menu.waitFor();
    // Down through the menu to "Refresh Report" (the menu opens with no item focused, or with the first).
    const labels: string[] = [];
    for (let i = 0; i < 14; i++) {
      const label = (
        (await menu
          .locator('li.action-item.focused')
          .first()
          .textContent()
          .catch(() => '')) ?? ''
      ).trim();
      labels.push(label);
      if (label === 'Refresh Report') break;
      await k.press('ArrowDown');
    }
    assert.ok(labels.includes('Refresh Report'), `the menu reached Refresh Report: ${JSON.stringify(labels)}`);
    await k.press('Enter');
    for (let i = 0; i < 50 && sb.requests.length === before; i++) await v.page.waitForTimeout(100);
    assert.equal(sb.requests.length, before + 1, 'Refresh Report ran from the keyboard');
  });

  it('a status change in an open panel is announced by its live region once', async () => {
    const v = vscode();
    sb.resetProgress(1); // the progressing number: WAITING once, then DELIVERED
    await v.runCommandByKey('ctrl+alt+shift+f4');
    const tab = `${PROGRESSING.number} · send ${PROGRESSING.sendId}`;
    const frame = await v.webviewFrame(tab);
    await frame.waitForSelector('#app[data-state="report"]', { timeout: 30000 });
    // Count what the live region says from here on.
    await frame.evaluate(() => {
      const live = document.getElementById('live');
      const said: string[] = [];
      (window as unknown as { said: string[] }).said = said;
      if (live)
        new MutationObserver(() => {
          const t = live.textContent?.trim();
          if (t) said.push(t);
        }).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await v.runCommandByKey('ctrl+alt+shift+f4'); // WAITING → DELIVERED
    await frame.waitForSelector('.status-section .badge[data-code="DELIVERED"]', { timeout: 30000 });
    await v.runCommandByKey('ctrl+alt+shift+f4'); // DELIVERED again: no change to announce
    await v.page.waitForTimeout(1500);
    const said = await frame.evaluate(() => (window as unknown as { said: string[] }).said);
    const changes = said.filter((s) => /WAITING.*DELIVERED|DELIVERED/.test(s) && /changed|→|from/i.test(s));
    assert.equal(changes.length, 1, `announced: ${JSON.stringify(said)}`);
  });
});
