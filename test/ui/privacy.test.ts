// Fault-suite rows 8 and 17 in the real VS Code (docs/reliability.md): vairosms.maskNumbers masks numbers in the
// sidebar, tab titles and notifications; vairosms.history.keepMessageText = false keeps the SMS text out of Recent
// Lookups; a window reloaded in the middle of a lookup raises nothing and stores nothing. This window runs the
// high-contrast theme, so the report's legibility there and its screen-reader announcement are checked too.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';
import { ACTIVITY_TITLE, useVSCode } from './harness';

const KEY = 'privacy-test-key';
const MASKED = '539****999';

describe('Privacy settings and a reload mid-request', () => {
  let sb: Sandbox;
  const vscode = useVSCode(async () => {
    sb = await startSandbox({ apiKey: KEY });
    return {
      colorTheme: 'Default High Contrast',
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
    await v.runCommandByKey('ctrl+alt+shift+f2'); // HTTP 500: an error notification names the lookup
    const toast = v.notification(/VairoSMS server error/);
    await toast.waitFor();
    const text = (await toast.textContent()) ?? '';
    assert.ok(text.includes(MASKED), text);
    assert.ok(!text.includes(SAMPLE.number), text);
    const tabs = (await v.page.locator('.tabs-container .tab').allTextContents()).join(' | ');
    assert.ok(!tabs.includes(SAMPLE.number), tabs);
  });

  it('row 8: keeps no message text in Recent Lookups with keepMessageText off', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    const before = sb.requests.length;
    await v.openSideBar(ACTIVITY_TITLE);
    await v.treeRow(MASKED).first().click();
    const frame = v.webview(`${MASKED} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.match((await frame.locator('.subtitle').first().textContent()) ?? '', /From recent lookups/);
    assert.equal(await frame.locator('#message-text').count(), 0, 'the stored entry has no message text');
    assert.equal(sb.requests.length, before, 'reopened without a request');
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
});
