// Where the developer already is, in the real VS Code: a terminal line that names a send ID and a number is a link
// (Ctrl+click looks the report up), a status code in a terminal line explains itself; "Look Up VairoSMS Report" in
// the Variables view's context menu of a stopped JavaScript debug session; and the walkthrough, whose steps complete
// on the real events. The tools are invoked in test/integration/tools.test.ts (no chat model is needed there).
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';
import { contextMenu, pickMenuItem, useVSCode, type VSCode } from './harness';

const KEY = 'ui-while-coding-key-3a7e';
const LINE = `sms_gonderim_id=${SAMPLE.sendId} numara=${SAMPLE.number}`;
const APP = [
  `const flat = { sms_gonderim_id: ${SAMPLE.sendId}, numara: '${SAMPLE.number}', note: 'from the send call' };`,
  'debugger;',
  'console.log(flat.numara);',
  '',
].join('\n');
const LAUNCH = JSON.stringify({
  version: '0.2.0',
  configurations: [{ type: 'node', request: 'launch', name: 'app', program: '${workspaceFolder}/app.js' }],
});

/** The terminal row whose text is exactly `text` (the DOM renderer draws one div per row). */
function terminalRow(v: VSCode, text: string): Locator {
  return v.page
    .locator('.terminal .xterm-rows > div')
    .filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
}

/** Ctrl+clicks a terminal link: the pointer rests on it first (xterm finds links on hover), as a user's would. */
async function ctrlClick(v: VSCode, row: Locator, xOffset: number): Promise<void> {
  const box = await row.boundingBox();
  assert.ok(box, 'the terminal row is on screen');
  const x = box.x + xOffset;
  const y = box.y + box.height / 2;
  await v.page.mouse.move(x, y - 30);
  await v.page.mouse.move(x, y, { steps: 5 });
  await v.page
    .locator('.terminal .xterm-hover, .terminal-hover-widget, .monaco-hover, .workbench-hover')
    .first()
    .waitFor({ timeout: 5000 })
    .catch(() => undefined); // the tooltip shows after a delay; the link works without it
  await v.page.keyboard.down('Control');
  await v.page.mouse.click(x, y);
  await v.page.keyboard.up('Control');
}

describe('While coding: terminal, debugger, walkthrough', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: {
      'vairosms.apiRoot': sb.root,
      'terminal.integrated.gpuAcceleration': 'off', // the DOM renderer: rows are elements the test can find
      'debug.openDebug': 'openOnDebugBreak',
    },
    files: { 'app.js': APP, '.vscode/launch.json': LAUNCH },
    keybindings: [
      {
        key: 'ctrl+alt+shift+f9',
        command: 'workbench.action.openWalkthrough',
        args: 'smsdev.vairosms-reports#gettingStarted',
      },
    ],
  }));
  after(async () => {
    await sb?.close();
  });

  it('opens the walkthrough on request, and its first step completes once a key is set', async () => {
    const v = vscode();
    await v.runCommandByKey('ctrl+alt+shift+f9');
    const page = v.page.locator('.gettingStartedContainer');
    await page.getByText('Get Started with VairoSMS Reports').first().waitFor({ timeout: 15000 });
    for (const step of [
      'Set your API key',
      'Look up a report',
      'Read the status',
      'Find your lookups again',
      'Watch a pending number',
      'Where you already are: terminal, debugger, chat',
    ])
      await page.getByText(step, { exact: true }).first().waitFor();
    const first = page.locator('[data-step-id$="#setKey"]').first();
    // VS Code's own icons for a step: getting-started-step-unchecked, then -checked when its event has happened.
    await first.locator('.codicon-getting-started-step-unchecked').first().waitFor({ timeout: 5000 });
    await v.setApiKey(KEY);
    // Shown again as a user opens it: on a loaded machine the harness's palette retry presses Escape, which takes the
    // Welcome page back from the walkthrough to its overview (the step's state is VS Code's, kept either way).
    await v.runCommandByKey('ctrl+alt+shift+f9');
    await first.locator('.codicon-getting-started-step-checked').first().waitFor({ timeout: 10000 });
    await v.runCommand('View: Close All Editors');
  });

  it('a terminal line with a send ID and a number is a link: Ctrl+click looks the report up', async () => {
    const v = vscode();
    await v.runCommand('Terminal: Create New Terminal');
    const terminal = v.page.locator('.terminal.xterm').first();
    await terminal.waitFor({ timeout: 15000 });
    // The shell's prompt first: keys typed before the shell runs are lost.
    await v.page
      .locator('.terminal .xterm-rows > div')
      .filter({ hasText: /[#$]\s*$/ })
      .first()
      .waitFor({ timeout: 20000 });
    await terminal.click();
    await v.page.keyboard.type(`printf '%s\\n' '${LINE}' 'status: EXPIRED'`);
    await v.page.keyboard.press('Enter');
    const row = terminalRow(v, LINE);
    await row.waitFor({ timeout: 15000 });
    await ctrlClick(v, row, 40);
    const frame = v.webview(`${SAMPLE.number} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(sb.requests.at(-1)?.sendId, SAMPLE.sendId);
  });

  it('a status code in a terminal line explains itself', async () => {
    const v = vscode();
    await v.runCommand('Terminal: Focus Terminal');
    const row = terminalRow(v, 'status: EXPIRED');
    await row.waitFor({ timeout: 10000 });
    await ctrlClick(v, row, 75); // over "EXPIRED"
    await v.notification(/^EXPIRED · Expired: .+What to do next: /).waitFor({ timeout: 15000 });
  });

  it('"Look Up VairoSMS Report" on a variable of a stopped debug session opens its report', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.runCommand('Debug: Start Debugging');
    // stopped on `debugger;` (the debug toolbar's Continue), then the Run and Debug view, as a user opens it: 1.100
    // reveals it on the break by itself (debug.openDebug), 1.139 only badges its activity bar entry
    await v.page.locator('.debug-toolbar .codicon-debug-continue').first().waitFor({ timeout: 60000 });
    await v.runCommand('View: Show Run and Debug');
    const rows = v.page.locator('.debug-view-content .monaco-list-row, .debug-pane .monaco-list-row');
    const variable = rows.filter({ hasText: /^flat/ });
    // the Local scope, expanded as a user would where VS Code left it collapsed (1.139 expands the first scope only
    // when the Variables view was already showing at the break)
    const local = rows.filter({ hasText: /^\s*Local\s*$/ }).first();
    for (const until = Date.now() + 60000; !(await variable.first().isVisible());) {
      if ((await local.getAttribute('aria-expanded', { timeout: 1000 }).catch(() => null)) === 'false')
        await local.click();
      if (Date.now() > until) assert.fail('the variable `flat` never showed in the Variables view');
      await v.page.waitForTimeout(250);
    }
    const menu = await contextMenu(v, variable.first());
    await pickMenuItem(v, menu, 'Look Up VairoSMS Report');
    const frame = v.webview(`${SAMPLE.number} · send ${SAMPLE.sendId}`);
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    await v.runCommand('Debug: Stop');
  });
});
