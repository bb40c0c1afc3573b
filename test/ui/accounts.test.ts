// Several accounts as a user meets them in the real VS Code: Add Account… from the palette (name, then a password
// box), the status bar item with its accessible label and a click that switches, the account named in a report and
// in Recent Lookups, the tree filtered to one account, and neither key anywhere in the user-data folder (settings,
// globalState, logs). The store and every rule behind it are in test/integration/accounts.test.ts.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE, SECOND_ACCOUNT } from '../sandbox/data';
import { listFiles, scanFiles } from '../scan';
import { ACTIVITY_TITLE, useVSCode, type VSCode } from './harness';

const KEY_A = 'UI-ACCOUNT-A-7c1f&x';
const KEY_B = 'UI-ACCOUNT-B-0d9e%y';
const chords = [
  { sendId: SAMPLE.sendId, number: SAMPLE.number, key: 'ctrl+alt+shift+f1' },
  { sendId: SECOND_ACCOUNT.sendId, number: SECOND_ACCOUNT.number, key: 'ctrl+alt+shift+f2' },
];

async function lookUp(v: VSCode, sendId: string, number: string) {
  await v.runCommandByKey(chords.find((c) => c.sendId === sendId && c.number === number)!.key);
  const frame = v.webview(`${number} · send ${sendId}`);
  await frame.locator('#app[data-state="report"], #app[data-state="error"]').waitFor({ timeout: 30000 });
  return frame;
}

describe('Several accounts', function () {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ apiKey: KEY_A, secondKey: KEY_B });
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

  it('adds a second account from the palette: a name, then the key in a password box; it becomes active', async () => {
    const v = vscode();
    await v.setApiKey(KEY_A); // the first key makes the account "Default"
    assert.equal(await v.statusBarItem(/Default/).count(), 0, 'no status bar item with one account');
    await v.runCommand('VairoSMS: Add Account…');
    await v.inputBox.waitFor(/A name for the account/);
    await v.inputBox.type('Default');
    await v.inputBox.waitForValidationMessage('An account named "Default" already exists.');
    await v.inputBox.fill('Müşteri B');
    await v.inputBox.enter();
    await v.inputBox.waitFor('The API key of Müşteri B, from its VairoSMS panel.');
    assert.equal(await v.inputBox.isPassword(), true, 'the key box masks its input');
    await v.inputBox.fill(KEY_B);
    await v.inputBox.enter();
    await v.notification('Account Müşteri B added; lookups now use it.').waitFor();
    await v.statusBarItem('Müşteri B').waitFor();
    await v.page
      .locator('.part.statusbar [aria-label="VairoSMS account Müşteri B, switch account"]')
      .first()
      .waitFor({ timeout: 5000 });
  });

  it('looks up with the active account, names it in the report, and each key sees only its own sends', async () => {
    const v = vscode();
    const frame = await lookUp(v, SECOND_ACCOUNT.sendId, SECOND_ACCOUNT.number);
    assert.equal(await frame.locator('#app').getAttribute('data-state'), 'report');
    assert.equal(await frame.locator('td[data-field="account"] .value').textContent(), 'Müşteri B');
    assert.equal(sb.requests.at(-1)?.account, 2);
    const sample = await lookUp(v, SAMPLE.sendId, SAMPLE.number);
    assert.equal(await sample.locator('#app').getAttribute('data-state'), 'error', 'B cannot see send 187');
    assert.equal(await sample.locator('section.error .provider blockquote').textContent(), 'Gönderim bulunamadı.');
  });

  it('switches from the status bar item, and the next lookup uses the other key', async () => {
    const v = vscode();
    await v.statusBarItem('Müşteri B').click();
    await v.quickPick.waitFor();
    assert.match((await v.quickPick.items()).join('|'), /Müşteri B/);
    await v.quickPick.pick(/Default/);
    await v.statusBarItem('Default').waitFor();
    await v.runCommand('View: Close All Editors');
    const frame = await lookUp(v, SAMPLE.sendId, SAMPLE.number);
    assert.equal(await frame.locator('#app').getAttribute('data-state'), 'report');
    assert.equal(await frame.locator('td[data-field="account"] .value').textContent(), 'Default');
    assert.equal(sb.requests.at(-1)?.account, 1);
  });

  it('Recent Lookups names the account of each lookup, and can show one account only', async () => {
    const v = vscode();
    await v.openSideBar(ACTIVITY_TITLE);
    const b = v.treeRow(`send ${SECOND_ACCOUNT.sendId} ·`).first();
    await b.waitFor();
    assert.match((await b.locator('.label-description').textContent()) ?? '', / · Müşteri B$/);
    assert.match(
      (await v.treeRow(`send ${SAMPLE.sendId} ·`).first().locator('.label-description').textContent()) ?? '',
      / · Default$/,
    );
    await v.page
      .locator('.part.sidebar .title-actions .action-label[aria-label="Filter Recent Lookups by Account…"]')
      .click();
    await v.quickPick.waitFor();
    await v.quickPick.pick(/Müşteri B/);
    await v.treeRow(`send ${SAMPLE.sendId} ·`).first().waitFor({ state: 'detached' });
    assert.equal(await v.treeRow(`send ${SECOND_ACCOUNT.sendId} ·`).count(), 1);
    await v.page.locator('.part.sidebar').getByText('Showing the lookups of Müşteri B only.').first().waitFor();
  });

  it('neither key is anywhere in the user-data folder: settings, globalState, logs', async () => {
    const v = vscode();
    await v.runCommand('View: Close All Editors');
    await v.page.waitForTimeout(1500); // globalState and the log are written lazily
    const files = listFiles(v.userDataDir);
    assert.ok(files.length > 5, `scanned ${files.length} files`);
    for (const key of [KEY_A, KEY_B]) assert.deepEqual(scanFiles(files, key), [], key);
  });
});
