// "While coding", in a real VS Code (code-server + chromium): Look Up Selection on a log line and on a bare number;
// Watch Until Final with its status bar item, final notification and status timeline; Copy as cURL without and (after
// a modal) with the API key. Writes media/screenshot-selection.png, screenshot-watch.png and screenshot-curl.png.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, PROGRESSING, SAMPLE } from '../sandbox/data';
import {
  KEY,
  fixture,
  tabTitle,
  LOOKUP_PROGRESSING_CHORD,
  LOOKUP_SAMPLE_CHORD,
  codingOptions,
  LOOKUP_PROMPT,
  report,
  mediaShot,
} from './codingSetup';
import { useVSCode, union, wordBox, closeAllEditors, startPromptProbe, stopPromptProbe, center } from './harness';

describe('While coding: hover, look up selection, watch, copy as cURL', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => codingOptions(sb.root));
  after(async () => {
    await sb?.close();
  });
  before(async () => {
    await vscode().setApiKey(KEY); // as coding.test.ts's setup test does
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
    // short in the status bar: the number and its status; the next check is in its tooltip and its label (#26)
    const item = v.statusBarItem(new RegExp(`^\\s*Watching ${PROGRESSING.number}: WAITING\\s*$`));
    await item.waitFor({ timeout: 15000 });
    await v.page
      .locator('.part.statusbar [aria-label]')
      .filter({ hasText: `Watching ${PROGRESSING.number}: WAITING` })
      .and(v.page.locator(`[aria-label^="Watching ${PROGRESSING.number}: WAITING. Next check in "]`))
      .first()
      .waitFor({ timeout: 5000 });
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
});
