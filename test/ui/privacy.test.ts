// Fault-suite rows 8, 17 and 21 in the real VS Code (docs/reliability.md): vairosms.maskNumbers masks numbers in the
// sidebar, tab titles and notifications; vairosms.history.keepMessageText = false keeps the SMS text out of Recent
// Lookups; a window reloaded in the middle of a lookup raises nothing and stores nothing; a workspace's settings
// (which a cloned repository brings) can neither delete stored lookups nor loosen the user's privacy settings. This window runs the
// high-contrast theme, so the report's legibility there and its screen-reader announcement are checked too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import { ACTIVITY_TITLE, useVSCode } from './harness';

const KEY = 'privacy-test-key';
const MASKED = '539****999';
/** Looked up in row 21, beside SAMPLE: three more stored lookups. */
const MORE = [NUMBER_FOR_STATUS.WAITING, NUMBER_FOR_STATUS.SENT, NUMBER_FOR_STATUS.EXPIRED];
/** What a hostile (or careless) repository's .vscode/settings.json says: keep one lookup, show numbers, keep texts. */
const WORKSPACE_SETTINGS = JSON.stringify({
  'vairosms.maxRecentLookups': 1,
  'vairosms.maskNumbers': false,
  'vairosms.history.keepMessageText': true,
});

describe('Privacy settings and a reload mid-request', () => {
  let sb: Sandbox;
  const vscode = useVSCode(async () => {
    sb = await startSandbox({ apiKey: KEY });
    return {
      colorTheme: 'Default High Contrast',
      files: { 'README.md': '# privacy\n', '.vscode/settings.json': WORKSPACE_SETTINGS },
      settings: {
        'vairosms.apiRoot': sb.root,
        'vairosms.maskNumbers': true,
        'vairosms.history.keepMessageText': false,
      },
      keybindings: [
        {
          key: 'ctrl+alt+shift+f1',
          command: 'vairosms.lookUpReport',
          args: { sendId: SAMPLE.sendId, number: SAMPLE.number },
        },
        { key: 'ctrl+alt+shift+f2', command: 'vairosms.lookUpReport', args: { sendId: '9007', number: SAMPLE.number } },
        { key: 'ctrl+alt+shift+f3', command: 'vairosms.lookUpReport', args: { sendId: '9001', number: SAMPLE.number } },
        ...MORE.map((number, i) => ({
          key: `ctrl+alt+shift+f${5 + i}`,
          command: 'vairosms.lookUpReport',
          args: { sendId: SAMPLE.sendId, number },
        })),
      ],
    };
  });
  after(async () => {
    await sb?.close();
  });

  before(async () => {
    const v = vscode();
    await v.setApiKey(KEY);
  });

  it('row 8: masks the number in the tab title, the sidebar and notifications (539****999)', async () => {
    const v = vscode();
    await v.runCommandByKey('ctrl+alt+shift+f1');
    const frame = v.webview(`${MASKED} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    // High contrast: the badge keeps a visible border and text in the theme's foreground, and the live region says
    // what a screen reader announces.
    const badge = await frame.locator('.status-line .badge').evaluate((b) => {
      const cs = getComputedStyle(b);
      return {
        border: cs.borderTopStyle,
        borderColor: cs.borderTopColor,
        color: cs.color,
        bodyBg: getComputedStyle(document.body).backgroundColor,
      };
    });
    assert.equal(badge.border, 'solid');
    assert.notEqual(badge.borderColor, 'rgba(0, 0, 0, 0)');
    assert.notEqual(badge.color, badge.bodyBg, 'text stands out from the background');
    assert.equal(await frame.locator('#live').getAttribute('aria-live'), 'polite');
    assert.match((await frame.locator('#live').textContent()) ?? '', /Status DELIVERED: Delivered\. Final/);
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(MASKED).first();
    await row.waitFor();
    assert.equal(await v.treeRow(SAMPLE.number).count(), 0, 'the full number is not in the sidebar');
    // Earlier toasts (the key saved, a progress that is still closing) can fill VS Code's three toast slots; the
    // error's toast would then wait in the notification center. Start from none.
    await v.runCommand('Notifications: Clear All Notifications');
    await v.runCommandByKey('ctrl+alt+shift+f2'); // HTTP 500, shown in its panel in front
    await v.webview(`${MASKED} · send 9007`).locator('#app[data-state="error"]').waitFor({ timeout: 30000 });
    // Refresh in Recent Lookups (the panel not brought to the front): the notification names the lookup, masked
    const failedRow = v.treeRow(new RegExp(`${MASKED.replace(/\*/g, '\\*')}.*send 9007 · failed`)).first();
    await failedRow.waitFor();
    await failedRow.hover();
    await failedRow.locator('.actions .action-label[aria-label="Refresh Report"]').click();
    const toast = v.notification(/VairoSMS server error/);
    await toast.waitFor();
    const text = (await toast.textContent()) ?? '';
    assert.ok(text.includes(MASKED), text);
    assert.ok(!text.includes(SAMPLE.number), text);
    const tabs = (await v.page.locator('.tabs-container .tab').allTextContents()).join(' | ');
    assert.ok(!tabs.includes(SAMPLE.number), tabs);
    // the failed lookup is kept in Recent Lookups too, masked; removed here, as this workspace shows one entry only
    const failed = v.treeRow(new RegExp(`${MASKED.replace(/\*/g, '\\*')}.*send 9007 · failed`)).first();
    await failed.waitFor();
    assert.equal(await v.treeRow(SAMPLE.number).count(), 0, 'masked in the failure row too');
    await failed.hover();
    await failed.locator('.actions .action-label[aria-label="Remove"]').click();
    await failed.waitFor({ state: 'detached' });
  });

  it('row 8: keeps no message text in Recent Lookups with keepMessageText off', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    const before = sb.requests.length;
    await v.openSideBar(ACTIVITY_TITLE);
    const frame = v.webview(`${MASKED} · send ${SAMPLE.sendId}`);
    // A click that lands while the tree redraws (the send's state of the last lookup being stored) selects the row
    // without running its command, for a user too: click again then, as they would.
    for (let attempt = 1; ; attempt++) {
      await v.treeRow(MASKED).first().click();
      const opened = await frame
        .locator('#app[data-state="report"]')
        .waitFor({ timeout: 8000 })
        .then(
          () => true,
          () => false,
        );
      if (opened) break;
      if (attempt === 3) throw new Error('the row did not open its report');
    }
    assert.match((await frame.locator('.subtitle').first().textContent()) ?? '', /From Recent Lookups/);
    assert.equal(await frame.locator('#message-text').count(), 0, 'the stored entry has no message text');
    assert.equal(sb.requests.length, before, 'reopened without a request');
  });

  it('row 23: with keepMessageText off the panel shows the SMS text, and its saved state (for a reload) has none', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.runCommandByKey('ctrl+alt+shift+f1');
    const title = `${MASKED} · send ${SAMPLE.sendId}`;
    const frame = v.webview(title);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(
      (await frame.locator('#message-text').textContent())?.trim(),
      String(SAMPLE_REPORT.mesaj),
      'shown in the panel',
    );
    // What the webview hands VS Code to save (setState → "do-update-state" on the webview host's message port),
    // recorded in the host frame while the report is drawn again.
    const host = await v.page.locator(`iframe.webview.ready[data-editor-title="${title}"]`).first().elementHandle();
    const hostFrame = await host!.contentFrame();
    await hostFrame!.evaluate(() => {
      const w = window as unknown as { __saved: string[] };
      w.__saved = [];
      const post = MessagePort.prototype.postMessage;
      MessagePort.prototype.postMessage = function (this: MessagePort, msg: unknown, ...rest: unknown[]) {
        const m = msg as { channel?: string; data?: unknown };
        if (m && m.channel === 'do-update-state') w.__saved.push(String(m.data));
        return (post as (...a: unknown[]) => void).call(this, msg, ...rest);
      } as typeof post;
    });
    await frame.getByRole('button', { name: 'Refresh' }).click();
    await hostFrame!.waitForFunction(() => (window as unknown as { __saved: string[] }).__saved.length > 0, undefined, {
      timeout: 15000,
    });
    const states = await hostFrame!.evaluate(() => (window as unknown as { __saved: string[] }).__saved);
    assert.ok(states.length >= 1, 'the webview saved its state');
    for (const state of states) {
      const model = (JSON.parse(state) as { model?: { sendId?: string; message?: unknown } }).model;
      assert.equal(model?.sendId, SAMPLE.sendId, 'the saved state is the report');
      assert.equal(model?.message, undefined, 'no SMS text in the saved state');
      assert.ok(!state.includes(String(SAMPLE_REPORT.mesaj).slice(0, 20)), 'not anywhere in it');
    }
  });

  it('row 27: the raw response opens in a tab titled with the masked number', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.runCommandByKey('ctrl+alt+shift+f1');
    const frame = v.webview(`${MASKED} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    await frame.getByRole('button', { name: 'Show Raw Response' }).click();
    await v.editorTab(`${MASKED}.json`).first().waitFor({ timeout: 15000 });
    const tabs = (await v.page.locator('.tabs-container .tab').allTextContents()).join(' | ');
    assert.ok(!tabs.includes(SAMPLE.number), tabs);
  });

  it('row 17: a window reloaded in the middle of a lookup raises nothing and stores nothing', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    const before = sb.requests.filter((r) => r.sendId === '9001').length;
    await v.runCommandByKey('ctrl+alt+shift+f3');
    await v.webview(`${MASKED} · send 9001`).locator('#app[data-state="loading"]').waitFor({ timeout: 30000 });
    assert.equal(sb.requests.filter((r) => r.sendId === '9001').length, before + 1, 'the hanging request is in flight');
    await v.reload();
    await v.openSideBar(ACTIVITY_TITLE);
    await v.treeRow(MASKED).first().waitFor();
    assert.equal(await v.treeRow(/send 9001/).count(), 0, 'no entry for the interrupted lookup');
    assert.equal(
      await v.page
        .locator('.notification-toast')
        .filter({ hasText: /VairoSMS|Error|error/ })
        .count(),
      0,
      'no error after the reload',
    );
    await v.runCommandByKey('ctrl+alt+shift+f1');
    await v
      .webview(`${MASKED} · send ${SAMPLE.sendId}`)
      .locator('#app[data-state="report"]')
      .waitFor({ timeout: 30000 });
  });

  it('row 21: a workspace that sets a cap of 1, masking off and message text on deletes nothing and loosens nothing', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.runCommandByKey('ctrl+alt+shift+f1'); // SAMPLE (stored already when the tests above ran)
    await v
      .webview(`${MASKED} · send ${SAMPLE.sendId}`)
      .locator('#app[data-state="report"]')
      .waitFor({ timeout: 30000 });
    for (let i = 0; i < MORE.length; i++) {
      await v.runCommandByKey(`ctrl+alt+shift+f${5 + i}`);
      await v
        .webview(`${masked(MORE[i])} · send ${SAMPLE.sendId}`)
        .locator('#app[data-state="report"]')
        .waitFor({ timeout: 30000 });
    }
    const rows = () => v.page.locator('.pane-body .monaco-list-row').filter({ hasText: /send 187/ });
    await v.openSideBar(ACTIVITY_TITLE);
    // The workspace's cap hides the older entries in the view; the user's masking holds against the workspace's.
    await v.treeRow(masked(MORE[2])).first().waitFor();
    assert.equal(await rows().count(), 1, 'the workspace cap of 1 hides the rest');
    assert.equal(await v.treeRow(MORE[2]).count(), 0, 'still masked: the workspace cannot turn masking off');
    await v.reload();
    await v.openSideBar(ACTIVITY_TITLE);
    await v.treeRow(masked(MORE[2])).first().waitFor();
    assert.equal(await rows().count(), 1, 'after a reload: still hidden, not gone');
    fs.rmSync(path.join(v.workspace, '.vscode', 'settings.json'));
    await v.reload();
    await v.openSideBar(ACTIVITY_TITLE);
    await v.treeRow(masked(MORE[0])).first().waitFor({ timeout: 30000 });
    assert.equal(await rows().count(), 1 + MORE.length, 'every lookup is still stored');
    for (const n of [SAMPLE.number, ...MORE]) assert.equal(await v.treeRow(n).count(), 0, `${n} masked`);
    // The workspace said "keep the message text"; the user said no: none was stored.
    const frame = v.webview(`${masked(MORE[1])} · send ${SAMPLE.sendId}`);
    await v.treeRow(masked(MORE[1])).first().click();
    // Right after a reload the first click may only select the row (the view is still settling): Enter opens it.
    await frame
      .locator('#app[data-state="report"]')
      .waitFor({ timeout: 5000 })
      .catch(() => v.page.keyboard.press('Enter'));
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.match((await frame.locator('.subtitle').first().textContent()) ?? '', /From Recent Lookups/);
    assert.equal(await frame.locator('#message-text').count(), 0, 'no SMS text was stored');
  });
});

function masked(number: string): string {
  return `${number.slice(0, 3)}****${number.slice(-3)}`;
}
