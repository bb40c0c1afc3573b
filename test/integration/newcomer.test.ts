// What a newcomer tripped on (#13), in the real extension host against the sandbox: failures that say exactly what
// happened (the redirect rule and its target, the time limit, which of send or number was not found, an HTML error
// page read as text), Look Up Selection with a report panel in front, and log lines a batch's parallel lookups can be
// matched by. The visible parts (the submenu, the demo in Turkish) are in test/ui; the pure rules in
// test/unit/failures.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BATCH, SAMPLE, batchNumber } from '../sandbox/data';
import { TEXT, startSandbox, type Sandbox } from '../sandbox/server';
import {
  extensionLogFiles,
  fakeInputBoxes,
  leaveClean,
  panelFor,
  recordMessages,
  setApiKey,
  setSetting,
  until,
  userDataDir,
  type PanelModel,
} from './helpers';

const KEY = 'newcomer-suite-key-64';
type ErrorModel = PanelModel & { error?: PanelModel['error'] & { detail?: string; detailLabel?: string } };
const errorOf = async (sendId: string, number: string) =>
  ((await panelFor(sendId, number))?.model as ErrorModel | undefined)?.error;
const lookUp = (sendId: string, number: string) =>
  vscode.commands.executeCommand<{ ok: boolean; error?: string }>('vairosms.lookUpReport', sendId, number);

describe('what a newcomer tripped on', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });
  after(async () => {
    await leaveClean(sb, 'requestTimeoutSeconds');
  });

  it('a refused redirect names the rule: more than 3, or another host with its name', async () => {
    const messages = recordMessages();
    try {
      await lookUp('9005', SAMPLE.number);
      await lookUp('9018', SAMPLE.number);
    } finally {
      messages.restore();
    }
    assert.match((await errorOf('9005', SAMPLE.number))!.message, /more than 3 times/);
    assert.match(
      (await errorOf('9018', SAMPLE.number))!.message,
      new RegExp(`another host \\(http://localhost:${sb.port}\\)`),
    );
  });

  it('a timeout says the limit that passed', async () => {
    await setSetting('requestTimeoutSeconds', 1);
    const messages = recordMessages();
    try {
      assert.deepEqual(await lookUp('9001', SAMPLE.number), { ok: false, error: 'timeout' });
    } finally {
      messages.restore();
      await setSetting('requestTimeoutSeconds', undefined);
    }
    assert.equal((await errorOf('9001', SAMPLE.number))!.message, 'VairoSMS did not answer within 1 s.');
  });

  it('"no such send" and "number not in this send" read differently, with VairoSMS\'s text as before', async () => {
    const messages = recordMessages();
    try {
      await lookUp('7777', SAMPLE.number);
      await lookUp(SAMPLE.sendId, '5309999999');
    } finally {
      messages.restore();
    }
    const send = (await errorOf('7777', SAMPLE.number))!;
    assert.equal(send.title, 'Send not found');
    const number = (await errorOf(SAMPLE.sendId, '5309999999'))!;
    assert.equal(number.title, 'Number not in this send');
    assert.equal(
      ((await panelFor(SAMPLE.sendId, '5309999999'))?.model as { error?: { providerText?: string } }).error
        ?.providerText,
      TEXT.numberNotInSend,
    );
  });

  it('an HTML error page shows its title and text, not its markup', async () => {
    const messages = recordMessages();
    try {
      await lookUp('9002', SAMPLE.number);
    } finally {
      messages.restore();
    }
    const e = (await errorOf('9002', SAMPLE.number))!;
    assert.match(e.detailLabel ?? '', /^The server's answer, an HTML page/);
    assert.match(e.detail ?? '', /^502 Bad Gateway/);
    assert.ok(!/<|script/.test(e.detail ?? ''), e.detail);
  });

  it('Look Up Selection with a report panel in front reads the text editor that was active last', async () => {
    const doc = await vscode.workspace.openTextDocument({
      content: `[sms] sent sms_gonderim_id=${SAMPLE.sendId} numara=${SAMPLE.number}\n`,
    });
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, doc.lineAt(0).text.length);
    await lookUp(SAMPLE.sendId, '5301000004'); // a report panel opens beside and takes the focus
    await until(async () => (await panelFor(SAMPLE.sendId, '5301000004'))?.visible === true, 'the panel');
    assert.equal(vscode.window.activeTextEditor, undefined, 'the panel is in front');
    const boxes = fakeInputBoxes([]);
    const messages = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.lookUpSelection');
    } finally {
      boxes.restore();
      messages.restore();
    }
    assert.equal(boxes.asked.length, 0, 'both were read from the editor: nothing asked');
    assert.deepEqual(messages.texts(), []);
    await until(async () => (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model?.state === 'report', 'the report');
  });

  it('Look Up Selection with no text editor says so, and asks', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const boxes = fakeInputBoxes([undefined]);
    const messages = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.lookUpSelection');
    } finally {
      boxes.restore();
      messages.restore();
    }
    assert.deepEqual(messages.texts('information'), [
      'No text editor is open to read a selection from; asking for the send ID and number instead.',
    ]);
    assert.equal(boxes.asked.length, 1);
  });

  it("every log line of a batch's parallel lookups carries its lookup's id and masked number", async () => {
    const numbers = Array.from({ length: 6 }, (_, i) => batchNumber(i));
    sb.setLatency(100);
    try {
      await vscode.commands.executeCommand('vairosms.lookUpBatch', BATCH.sendId, numbers);
    } finally {
      sb.setLatency(0);
    }
    const masked = numbers.map((n) => `${n.slice(0, 3)}****${n.slice(-3)}`);
    let lines: string[] = [];
    await until(
      () => {
        const text = extensionLogFiles(path.join(userDataDir(), 'logs'))
          .filter((f) => f.includes(`smsdev.vairosms-reports${path.sep}`))
          .map((f) => fs.readFileSync(f, 'utf8'))
          .join('\n');
        lines = text.split('\n').filter((l) => /NumaraRaporu\/500/.test(l));
        return masked.every((m) => lines.some((l) => l.includes(m)));
      },
      'the batch lines in the log',
      15_000,
      () => lines.slice(-8).join('\n'),
    );
    for (const l of lines) assert.match(l, /\[[0-9a-z]{4} \d{3}\*{4}\d{3}\] (POST|GET) /, l);
    const ids = new Set(lines.map((l) => /\[([0-9a-z]{4}) /.exec(l)?.[1]));
    assert.ok(ids.size >= numbers.length, `one id per lookup: ${[...ids].join(', ')}`);
  });
});
