// The send beside the number (#9) as a user meets it in the real VS Code: the Send section of a report with its state
// badge, whose tooltip is reached with the keyboard; the diagnosis line (a failed send's first, with its log as
// text); a summary that fails in its own section while the report stands; every hostile summary field as text;
// "Look Up Send Summary…" from the palette and its send panel; "Look Up Send Summary" from a lookup's context menu in Recent
// Lookups. The Turkish side is in test/ui/turkish.test.ts.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { HOSTILE_SUMMARY, NUMBER_FOR_STATUS, SAMPLE, SUMMARY_SENDS } from '../sandbox/data';
import { ACTIVITY_TITLE, contextMenu, pickMenuItem, tabTo, useVSCode, type VSCode } from './harness';

const KEY = 'ui-send-key-91d2';
const WAITING = { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING };
const chords = [
  { ...WAITING, key: 'ctrl+alt+shift+f1' },
  { ...SUMMARY_SENDS.failed, key: 'ctrl+alt+shift+f2' },
  { ...SUMMARY_SENDS.hostile, key: 'ctrl+alt+shift+f3' },
  { ...SUMMARY_SENDS.summaryFails, key: 'ctrl+alt+shift+f4' },
];
/** Elements a payload could have created; our own DOM has none of these. */
const FOREIGN = 'img, script:not([nonce]):not(#_vscodeApiScript), a, iframe, object, embed, form, b';

async function lookUp(v: VSCode, sendId: string, number: string): Promise<FrameLocator> {
  await v.runCommandByKey(chords.find((c) => c.sendId === sendId && c.number === number)!.key);
  const frame = v.webview(`${number} · send ${sendId}`);
  await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
  return frame;
}

describe('The send beside the number', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root },
    keybindings: chords.map((c) => ({
      key: c.key,
      command: 'vairosms.lookUpReport',
      args: { sendId: c.sendId, number: c.number },
    })),
  }));
  after(async () => {
    await sb?.close();
  });
  before(async () => {
    await vscode().setApiKey(KEY);
  });

  it("shows the send's summary in the report, and its state's tooltip is reached with the keyboard", async () => {
    const v = vscode();
    const frame = await lookUp(v, WAITING.sendId, WAITING.number);
    const send = frame.locator('section.send-section[data-state="summary"]');
    await send.waitFor({ timeout: 15000 });
    assert.equal(await send.locator('h2').innerText(), `Send ${WAITING.sendId}`);
    assert.equal(await send.locator('.badge .code').innerText(), '0');
    assert.equal(await send.locator('.badge .label').innerText(), 'Sending');
    assert.equal(await send.locator('td[data-field="send:sender"] .value').innerText(), '08505326480');
    assert.equal(await send.locator('td[data-field="send:validity"] .value').innerText(), '24:00:00');
    assert.match(
      await send.locator('td[data-field="send:validity"] .note').innerText(),
      /^Ends .+, counted from when the send was created\.$/,
    );
    assert.match(
      (await frame.locator('p.diagnosis[data-diagnosis="may-expire"]').textContent()) ?? '',
      /^Diagnosis: If no delivery report arrives by .+, it becomes EXPIRED\.$/,
    );

    await tabTo(frame, v, 'send');
    const badge = send.locator('.badge');
    const tip = frame.locator(`[id="${await badge.getAttribute('aria-describedby')}"]`);
    await tip.waitFor({ state: 'visible', timeout: 5000 });
    const text = (await tip.innerText()).replace(/\s+/g, ' ');
    for (const part of [
      '0 · Sending',
      'Meaning: The send started and has not finished yet: reports of its numbers may still change.',
      'Final or pending: In progress: may still change',
      "What to do next: Wait: the numbers' reports change while the send goes on.",
    ])
      assert.ok(text.includes(part), `the tooltip has "${part}": ${text}`);
  });

  it('a failed send: the diagnosis comes first and overrides the status, the log is shown as text', async () => {
    const v = vscode();
    const { sendId, number } = SUMMARY_SENDS.failed;
    const frame = await lookUp(v, sendId, number);
    const line = frame.locator('p.diagnosis[data-diagnosis="send-failed"]');
    await line.waitFor({ timeout: 15000 });
    assert.equal(await line.textContent(), 'Diagnosis: This send failed: nothing was sent and no credit was used.');
    const order = await frame
      .locator('p.diagnosis, section.status-section')
      .evaluateAll((els) => els.map((e) => e.tagName));
    assert.deepEqual(order, ['P', 'SECTION'], 'the diagnosis is above the status');
    assert.match(await frame.locator('section.send-section pre.log').innerText(), /"hata": "Yetersiz kredi"/);
    assert.equal(await frame.locator('section.send-section .badge .label').innerText(), 'Send failed');
  });

  it('a summary that fails shows its own short error; the report stands', async () => {
    const v = vscode();
    const { sendId, number } = SUMMARY_SENDS.summaryFails;
    const frame = await lookUp(v, sendId, number);
    const send = frame.locator('section.send-section[data-state="error"]');
    await send.waitFor({ timeout: 15000 });
    assert.match(await send.locator('.error-title').innerText(), /^The send's summary could not be looked up: /);
    assert.equal(await frame.locator('section.status-section .badge .code').innerText(), 'DELIVERED');
    assert.equal(await frame.locator('section.error').count(), 0, 'the report has no error');
  });

  it('every hostile summary field is text: nothing runs, loads or links; the 200 KB log is capped', async () => {
    const v = vscode();
    const { sendId, number } = SUMMARY_SENDS.hostile;
    const frame = await lookUp(v, sendId, number);
    const send = frame.locator('section.send-section[data-state="summary"]');
    await send.waitFor({ timeout: 15000 });
    assert.equal(await send.locator('td[data-field="send:sender"] .value').innerText(), HOSTILE_SUMMARY.sender);
    assert.equal(await send.locator('.badge .code').innerText(), HOSTILE_SUMMARY.state);
    assert.equal(await send.locator('td[data-field="send:validity"] .value').innerText(), HOSTILE_SUMMARY.validity);
    const log = await send.locator('pre.log').innerText();
    assert.ok(log.startsWith("<script>document.title='pwned'</script>"), 'the log starts as received, as text');
    assert.ok(log.length <= 4096, `the log is capped (${log.length} characters)`);
    assert.equal(await frame.locator(`#app :is(${FOREIGN})`).count(), 0, 'no element came from the summary');
    assert.ok(!(await v.page.title()).includes('pwned'), 'no script ran');
  });

  it('"Look Up Send Summary…" asks for a send ID only and opens the send with its numbers; one opens its report', async () => {
    const v = vscode();
    await lookUp(v, WAITING.sendId, WAITING.number);
    await v.runCommand('VairoSMS: Look Up Send Summary…');
    await v.inputBox.waitFor(/Send ID/);
    assert.equal(await v.inputBox.value(), WAITING.sendId, 'prefilled from the last lookup');
    await v.inputBox.enter();
    const frame = v.webview(`Send ${WAITING.sendId}`);
    await frame.locator('#app[data-state="summary"]').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('h1').innerText(), `VairoSMS send ${WAITING.sendId}`);
    assert.match(
      await frame.locator('p.diagnosis[data-diagnosis="in-progress"]').innerText(),
      /The send is still in progress\./,
    );
    const open = frame.locator('ul.send-lookups button', { hasText: WAITING.number });
    await open.waitFor();
    await v.page.keyboard.press('Escape');
    await open.focus();
    await v.page.keyboard.press('Enter');
    await v.webview(`${WAITING.number} · send ${WAITING.sendId}`).locator('#app[data-state="report"]').waitFor({
      timeout: 15000,
    });
  });

  it('"Look Up Send Summary" on a lookup in Recent Lookups opens its send without asking', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(`send ${SUMMARY_SENDS.failed.sendId} ·`).first();
    await row.waitFor();
    await pickMenuItem(v, await contextMenu(v, row), 'Look Up Send Summary');
    const frame = v.webview(`Send ${SUMMARY_SENDS.failed.sendId}`);
    await frame.locator('#app[data-state="summary"]').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('section.send-section .badge .label').innerText(), 'Send failed');
    assert.equal(await v.page.locator('.quick-input-widget:visible').count(), 0, 'nothing was asked');
  });
});
