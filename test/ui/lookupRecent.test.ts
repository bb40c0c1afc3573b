// "The lookup experience", continued from a stored key and one lookup, in a real VS Code (code-server + chromium),
// English UI, light theme: Recent Lookups (tooltip, reopen without a request, context menu, Refresh in place, Remove,
// Clear All, each with Undo), a wrong key, a refused redirect, a Retry-After countdown, and a window reload.
import * as assert from 'node:assert/strict';
import { startSandbox, TEXT, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE } from '../sandbox/data';
import {
  KEY,
  MESSAGE,
  SAMPLE_TAB,
  WRONG_KEY_NUMBER,
  WRONG_KEY_TAB,
  LOOKUP_WRONG_KEY_CHORD,
  LOOKUP_WAITING_CHORD,
  LOOKUP_REDIRECT_CHORD,
  REDIRECT_SEND,
  LOOKUP_RATE_LIMITED_CHORD,
  RATE_LIMITED_SEND,
  LOOKUP_SAMPLE_CHORD,
  panel,
  lookupOptions,
} from './lookupSetup';
import {
  ACTIVITY_TITLE,
  contextMenu,
  pickMenuItem,
  useVSCode,
  hoverUntil,
  waitForPersistedTabs,
  closeTab,
  menuLabels,
} from './harness';

describe('Lookup experience (en, light)', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
  });
  const vscode = useVSCode(() => lookupOptions(sb.root));
  after(async () => {
    await sb?.close();
  });
  before(async () => {
    // where lookup.test.ts leaves off: the key stored, the sample looked up and its panel open
    const v = vscode();
    await v.setApiKey(KEY);
    await v.runCommandByKey(LOOKUP_SAMPLE_CHORD);
    await panel(v, SAMPLE_TAB);
  });

  it('shows the lookup in Recent Lookups with a tooltip explaining the status, and reopens it without a request @floor', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(SAMPLE.number).first();
    await row.waitFor();
    assert.equal(await row.locator('.label-name').textContent(), SAMPLE.number);
    assert.match(
      (await row.locator('.label-description').textContent()) ?? '',
      /^send 187 · DELIVERED$/, // short: the time is in the tooltip
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
    const row = v.treeRow(new RegExp(`^${WRONG_KEY_NUMBER}.*send 187 · failed`)).first();
    await row.waitFor({ timeout: 10000 }); // the failed lookup is kept, with its error in the tooltip
    await hoverUntil(v, row.locator('.label-name'), /The\slast\slookup\sfailed:\sWrong\sAPI\skey/); // NBSPs in markdown
    await v.page.mouse.move(700, 880); // the hover away from the row's actions
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

    // the failed lookup is kept in Recent Lookups, with an error icon and its error (in the tooltip: the description
    // stays short), and runs again from there (#13)
    await v.openSideBar(ACTIVITY_TITLE);
    const row = v.treeRow(new RegExp(`send ${REDIRECT_SEND} · failed`)).first();
    await row.waitFor({ timeout: 10000 });
    assert.equal(await row.locator('.label-description').innerText(), `send ${REDIRECT_SEND} · failed`);
    await hoverUntil(v, row.locator('.label-name'), /The\slast\slookup\sfailed:\sRedirect\srefused/); // NBSPs in markdown
    await v.page.mouse.move(700, 880); // the hover away from the row
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
    const row = v.treeRow(new RegExp(`send ${RATE_LIMITED_SEND} · failed`)).first();
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
      .dialog(
        'Remove the one lookup from Recent Lookups? Its stored report is deleted, and its open report tab closes.',
      )
      .waitFor();
    await v.clickDialogButton('Cancel');
    assert.equal(await v.treeRow(SAMPLE.number).count(), 1, 'cancel keeps the entries');
    await clearAll.click();
    await v.dialog(/Remove the one lookup from Recent Lookups\?/).waitFor();
    await v.clickDialogButton('Clear All');
    const welcome = v.page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor();
    // Clear All can be undone too; then clear for good
    await v
      .notification('Cleared 1 lookup from Recent Lookups.')
      .locator('.monaco-button', { hasText: 'Undo' })
      .click();
    await v.treeRow(SAMPLE.number).first().waitFor();
    await clearAll.click();
    await v.dialog(/Remove the one lookup from Recent Lookups\?/).waitFor();
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
