// Show Raw Response keeps a document's text only while VS Code has the document open (#24 item 9): what was shown
// once is released when its document closes, not held (up to 64 K characters each) until Clear All.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { seam } from '../surface/client';
import { closeAllEditors, leaveClean, setApiKey, setSetting, until } from './helpers';

const KEY = 'raw-suite-key-5521';

describe('Show Raw Response: released when its document closes', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });

  after(async () => leaveClean(sb));

  it('holds the answer while its tab is open (Format works), and nothing once the document is closed', async () => {
    const key = { sendId: SAMPLE.sendId, number: SAMPLE.number };
    await vscode.commands.executeCommand('vairosms.lookUpReport', key.sendId, key.number);
    await vscode.commands.executeCommand('vairosms.showRawResponse', key);
    const raw = () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'vairosms-raw');
    await until(() => raw() !== undefined, 'the raw response document is open');
    assert.match(raw()?.getText() ?? '', new RegExp(SAMPLE.sendId));
    assert.equal(await seam.rawDocumentsHeld(), 1);
    // still held after show() set its language (which closes and reopens the document): Format works on it
    await vscode.commands.executeCommand('vairosms.formatRawResponse', raw()?.uri);
    await until(() => (raw()?.getText() ?? '').includes('\n  "'), 'the answer pretty-printed');
    assert.equal(await seam.rawDocumentsHeld(), 1);
    await closeAllEditors();
    await until(async () => (await seam.rawDocumentsHeld()) === 0, 'the text is released', 30_000);
  });
});
