// Report tabs that do not pile up (#13 item 8), as a user meets them with the default vairosms.reports.reuseTab: a
// new lookup opens in the last report tab the user did not keep (a preview tab, which says so and offers Keep Open);
// a tab the user keeps, or uses, stays, and the next lookup opens a tab of its own.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, PROGRESSING, SAMPLE } from '../sandbox/data';
import { useVSCode, type VSCode } from './harness';

const KEY = 'ui-tabs-key-3c81';
const NUMBERS = [NUMBER_FOR_STATUS.DELIVERED, NUMBER_FOR_STATUS.SENT, NUMBER_FOR_STATUS.EXPIRED];
const CHORDS = ['ctrl+alt+shift+f1', 'ctrl+alt+shift+f2', 'ctrl+alt+shift+f3'];
const PROGRESSING_CHORD = 'ctrl+alt+shift+f4';
const tabOf = (number: string) => `${number} · send ${SAMPLE.sendId}`;

/** The titles of the open report tabs, in the tab strip's order. */
const reportTabs = (v: VSCode): Promise<string[]> =>
  v.page
    .locator('.tabs-container .tab .label-name')
    .allInnerTexts()
    .then((ts) => ts.map((t) => t.trim()).filter((t) => / · send \d+$/.test(t)));

describe('Report tabs: a preview tab, kept when used (vairosms.reports.reuseTab)', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => ({
    settings: { 'vairosms.apiRoot': sb.root, 'vairosms.reports.reuseTab': true }, // the default, as users have it
    keybindings: [
      ...NUMBERS.map((number, i) => ({
        key: CHORDS[i],
        command: 'vairosms.lookUpReport',
        args: { sendId: SAMPLE.sendId, number },
      })),
      {
        key: PROGRESSING_CHORD,
        command: 'vairosms.lookUpReport',
        args: { sendId: PROGRESSING.sendId, number: PROGRESSING.number },
      },
    ],
  }));
  after(async () => {
    await sb?.close();
  });

  it('opens the next lookup in the preview tab; Keep Open keeps it, and the next lookup gets a tab of its own', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
    await v.runCommandByKey(CHORDS[0]);
    let frame = v.webview(tabOf(NUMBERS[0]));
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(
      await frame.locator('.preview-note').innerText(),
      'Preview tab: the next lookup of another number opens here.',
    );

    await v.runCommandByKey(CHORDS[1]);
    frame = v.webview(tabOf(NUMBERS[1]));
    await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal(await frame.locator('h1').innerText(), `${NUMBERS[1]} in send #${SAMPLE.sendId}`);
    assert.deepEqual(await reportTabs(v), [tabOf(NUMBERS[1])], 'one report tab: the second lookup reused it');

    await frame.getByRole('button', { name: 'Keep Open' }).click();
    await frame.locator('.preview-note').waitFor({ state: 'detached', timeout: 10000 });
    assert.equal(await frame.getByRole('button', { name: 'Keep Open' }).count(), 0);

    await v.runCommandByKey(CHORDS[2]);
    await v.webview(tabOf(NUMBERS[2])).locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.deepEqual(
      (await reportTabs(v)).sort(),
      [tabOf(NUMBERS[1]), tabOf(NUMBERS[2])].sort(),
      'the kept tab stays; the new lookup has a tab of its own',
    );
    // Refresh in the new preview tab keeps it too
    const third = v.webview(tabOf(NUMBERS[2]));
    await third.getByRole('button', { name: 'Refresh' }).click();
    await third.locator('.preview-note').waitFor({ state: 'detached', timeout: 10000 });
    await v.runCommandByKey(CHORDS[0]);
    await v.webview(tabOf(NUMBERS[0])).locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
    assert.equal((await reportTabs(v)).length, 3);
  });

  it('redraws what a status change changed, not the page: the legend stays the same element', async () => {
    const v = vscode();
    await v.setApiKey(KEY);
    sb.resetProgress(2); // answers WAITING twice, then DELIVERED
    await v.runCommandByKey(PROGRESSING_CHORD);
    const tab = `${PROGRESSING.number} · send ${PROGRESSING.sendId}`;
    const frame = v.webview(tab);
    await frame
      .locator('#app[data-state="report"] .status-section .badge[data-code="WAITING"]')
      .waitFor({ timeout: 30000 });
    const page = await v.webviewFrame(tab);
    // Each section gets a property no render would set: a section built again loses it.
    await page.evaluate(() => {
      for (const s of Array.from(document.querySelectorAll('#app > *'))) (s as { kept?: boolean }).kept = true;
    });
    for (let i = 0; i < 3; i++) {
      if ((await frame.locator('.status-section .badge[data-code="DELIVERED"]').count()) > 0) break;
      await frame.getByRole('button', { name: 'Refresh' }).click();
      await frame.locator('#app[data-state="report"]').waitFor({ timeout: 30000 });
      await frame.locator('.status-section:not(.stale)').waitFor({ timeout: 30000 });
    }
    await frame.locator('.status-section .badge[data-code="DELIVERED"]').waitFor({ timeout: 30000 });
    const kept = await page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('#app > *')).map((s) => [
          s.className.split(' ')[0] || s.tagName.toLowerCase(),
          (s as { kept?: boolean }).kept === true,
        ]),
      ),
    );
    assert.equal(kept['legend-section'], true, `the legend is the element drawn first: ${JSON.stringify(kept)}`);
    assert.equal(kept['status-section'], false, 'the status section is drawn again, with the new status');
    assert.equal(await frame.locator('.legend-section tr[data-code]').count(), 11, 'one legend, all 11 codes');
    assert.equal(await frame.locator('.status-section').count(), 1, 'one status section');
  });
});
