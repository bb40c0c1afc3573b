// The batch's guards in the real extension host (#24 items 4 and 11): a call with arguments asks before it sends
// anything, and a file is looked at before it is read: a folder, a FIFO or a file over the cap is refused with a
// message, and nothing is read or sent. The parse itself (in slices, capped) is test/unit/core/batch/.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BATCH, batchNumber } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { closeAllEditors, leaveClean, recordMessages, setApiKey, setSetting, stubWindow, within } from './helpers';
import { answerBatchConfirm } from './batchConfirm';

const KEY = 'batch-guard-suite-key-24';

describe('batch guards (#24)', function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let dir: string;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
    await closeAllEditors();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-batch-'));
  });

  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await leaveClean(sb);
  });

  it('a call with a send ID and numbers asks first: declined, nothing is sent; accepted, the batch runs', async () => {
    const numbers = [batchNumber(0), batchNumber(1), batchNumber(2)];
    const sent = () => sb.requests.length + sb.summaryRequests.length;
    const before = sent();
    const declined = answerBatchConfirm(false);
    let result: unknown;
    try {
      result = await vscode.commands.executeCommand('vairosms.lookUpBatch', BATCH.sendId, numbers);
    } finally {
      declined.restore();
    }
    assert.equal(result, undefined);
    assert.deepEqual(declined.asked, [`Look up 3 numbers in send #${BATCH.sendId}?`]);
    assert.match(declined.details[0], /Another extension, a link or a keybinding started this batch/);
    assert.equal(sent(), before, 'nothing was sent');

    const accepted = answerBatchConfirm(true);
    try {
      result = await vscode.commands.executeCommand('vairosms.lookUpBatch', BATCH.sendId, numbers.join('\n'));
    } finally {
      accepted.restore();
    }
    assert.equal(accepted.asked.length, 1);
    assert.equal((result as { items: unknown[] }).items.length, 3);
    assert.equal(sb.requests.length - before, 3);
  });

  /** The batch over a file the open dialog returns, with the send ID from the prompt (no argument, no question). */
  async function batchOverFile(file: string): Promise<{ result: unknown; errors: string[] }> {
    const undo = [
      stubWindow('showQuickPick', (items: Array<{ source?: string }>) =>
        Promise.resolve(items.find((i) => i.source === 'file')),
      ),
      stubWindow('showOpenDialog', () => Promise.resolve([vscode.Uri.file(file)])),
    ];
    const messages = recordMessages();
    const before = sb.requests.length;
    try {
      const result = await within(
        vscode.commands.executeCommand('vairosms.lookUpBatch', BATCH.sendId),
        20_000,
        'the batch over the file',
      );
      assert.equal(sb.requests.length, before, 'nothing was sent');
      return { result, errors: messages.texts('error') };
    } finally {
      messages.restore();
      undo.reverse().forEach((u) => u());
    }
  }

  it('a file over 5 MB is refused before it is read, saying how large it is and what fits', async () => {
    const big = path.join(dir, 'numbers-55mb.txt');
    const fd = fs.openSync(big, 'w');
    fs.writeSync(fd, `${batchNumber(0)}\n`);
    fs.ftruncateSync(fd, 55 * 1024 * 1024); // sparse: as large as the file, without writing it
    fs.closeSync(fd);
    const { result, errors } = await batchOverFile(big);
    assert.equal(result, undefined);
    assert.deepEqual(errors, [
      'The numbers were not read: they are 55 MB, and a batch reads at most 5 MB (up to 10,000 numbers). Split the list.',
    ]);
  });

  it('a folder, and a FIFO (reading one would wait forever), are refused as not regular files', async function () {
    const expected = ['The numbers were not read: this is not a regular file. Pick a text or CSV file.'];
    assert.deepEqual((await batchOverFile(dir)).errors, expected);
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'numbers.fifo');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual((await batchOverFile(fifo)).errors, expected);
  });
});
