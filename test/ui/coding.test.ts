// "While coding": the status-code hover a developer meets in the editor, in a real VS Code (code-server + chromium):
// in a PHP file and a log (with its prefilled lookup link), whole-word matching, and the hover settings changed live.
// Look Up Selection, Watch Until Final and Copy as cURL are codingLookups.test.ts. Writes media/screenshot-hover.png.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';
import {
  KEY,
  tabTitle,
  QUEUE_FILE,
  codingOptions,
  LOOKUP_PROMPT,
  report,
  hoverEnabledCheckbox,
  mediaShot,
} from './codingSetup';
import {
  useVSCode,
  pointAt,
  union,
  closeAllEditors,
  closeModalEditor,
  ourHover,
  hoverWord,
  expectNoHover,
  untilNoHover,
  startPromptProbe,
  stopPromptProbe,
  editUserSettingsJson,
  waitForUserSettings,
} from './harness';

describe('While coding: hover, look up selection, watch, copy as cURL', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => codingOptions(sb.root));
  after(async () => {
    await sb?.close();
  });

  it('stores the API key (setup) @floor', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
  });

  it('explains REJECTED when the pointer rests on it in send-report.php @floor', async () => {
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
    await waitForUserSettings(v, (saved) => saved['vairosms.hover.enabled'] === false, 'hover.enabled saved as false');
    // back to the log: VS Code 1.139 shows Settings in a modal over the editors, 1.100 in a tab left behind sms.log
    await closeModalEditor(v);
    await v.editorTab('sms.log').click();
    await v.page.locator('.tabs-container .tab.active').filter({ hasText: 'sms.log' }).waitFor();
    await untilNoHover(v, 'REJECTED', 'durum_gonderim=REJECTED', 'vairosms.hover.enabled false');
    await expectNoHover(v, 'WAITING', 'durum_gonderim=WAITING');

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
