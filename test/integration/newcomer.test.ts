// What a newcomer tripped on (#13), in the real extension host against the sandbox: failures that say exactly what
// happened (the redirect rule and its target, the time limit, which of send or number was not found, an HTML error
// page read as text), Look Up Selection with a report panel in front, and log lines a batch's parallel lookups can be
// matched by. The visible parts (the submenu, the demo in Turkish) are in test/ui; the pure rules in
// test/unit/failures.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BATCH, SAMPLE, SAMPLE_REPORT, batchNumber } from '../sandbox/data';
import { TEXT, startSandbox, type Sandbox } from '../sandbox/server';
import {
  extensionLogFiles,
  fakeInputBoxes,
  leaveClean,
  lookUpBehindEditor,
  panelFor,
  recordMessages,
  setApiKey,
  setSetting,
  testState,
  until,
  userDataDir,
  type PanelModel,
} from './helpers';
import { seam } from '../surface/client';
import { confirmedBatch } from './batchConfirm';

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
    // the host is the server's text: named in the panel, never in a notification
    const toasts = recordMessages();
    try {
      await lookUpBehindEditor('9018', SAMPLE.number);
    } finally {
      toasts.restore();
    }
    assert.deepEqual(toasts.texts('error'), [
      `Redirect refused (${SAMPLE.number} in send #9018): The server redirected the request to another host; it was not followed, so the number and key went nowhere else. Check vairosms.apiRoot.`,
    ]);
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
    const error = (await errorOf('9001', SAMPLE.number)) as ErrorModel['error'] & {
      setting?: { id: string };
      actions: Array<{ id: string }>;
    };
    assert.equal(error!.message, 'VairoSMS did not answer within 1 s.');
    assert.equal(error!.setting?.id, 'vairosms.requestTimeoutSeconds', 'the panel links the setting');
    assert.ok(error!.actions.some((a) => a.id === 'openSettings'));
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

  it('Show Raw Response: the body exactly as received, in a language with no ambiguous-character boxes; Format', async () => {
    await lookUp(SAMPLE.sendId, SAMPLE.number);
    const rawDoc = async (sendId: string) => {
      await vscode.commands.executeCommand('vairosms.showRawResponse', { sendId, number: SAMPLE.number });
      let doc: vscode.TextDocument | undefined;
      await until(() => {
        doc = vscode.workspace.textDocuments.find(
          (d) => d.uri.scheme === 'vairosms-raw' && d.uri.path === `/${sendId}/${SAMPLE.number}.json` && d.getText(),
        );
        return doc !== undefined;
      }, 'the raw response');
      return doc!;
    };
    const doc = await rawDoc(SAMPLE.sendId);
    const text = doc.getText();
    assert.equal(text, JSON.stringify(JSON.parse(text)), "the sandbox's compact JSON, not pretty-printed");
    assert.equal((JSON.parse(text) as { aciklama: { mesaj: string } }).aciklama.mesaj, SAMPLE_REPORT.mesaj);
    assert.equal(doc.languageId, 'vairosms-json');
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'vairosms-json' });
    assert.equal(editor.get('unicodeHighlight.ambiguousCharacters'), false, 'Turkish letters are not boxed');
    assert.equal(editor.get('unicodeHighlight.invisibleCharacters'), true, 'hidden characters still are');
    assert.equal(
      vscode.workspace.getConfiguration('editor', { languageId: 'json' }).get('unicodeHighlight.ambiguousCharacters'),
      true,
      "the user's own JSON files keep the highlight",
    );
    await vscode.commands.executeCommand('vairosms.formatRawResponse', doc.uri);
    await until(() => doc.getText() === JSON.stringify(JSON.parse(text), null, 2), 'formatted in place');
    // An HTML error page is shown as it came, as text
    const messages = recordMessages();
    try {
      await lookUp('9002', SAMPLE.number);
    } finally {
      messages.restore();
    }
    const page = await rawDoc('9002');
    assert.match(page.getText(), /<title>502 Bad Gateway<\/title>/);
    assert.equal(page.languageId, 'vairosms-text');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("a new panel's page itself carries the loading state: heading, the number and send, 'Looking up' once", async () => {
    sb.setLatency(1500);
    try {
      const pending = lookUp(SAMPLE.sendId, '5301000005');
      await until(async () => (await panelFor(SAMPLE.sendId, '5301000005')) !== undefined, 'the panel opened');
      const html = (await panelFor(SAMPLE.sendId, '5301000005'))!.html;
      const main = /<main id="app"[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? '';
      assert.match(main, /<p class="eyebrow">VairoSMS number report<\/p>/);
      assert.match(main, /<h1 dir="auto">5301000005 in send #187<\/h1>/);
      assert.equal(main.split('Looking up the report…').length - 1, 2, 'the progress text and its aria-label');
      assert.match(main, /role="progressbar"/);
      const loading = (await panelFor(SAMPLE.sendId, '5301000005'))!.model;
      assert.equal(loading?.state, 'loading');
      assert.equal(loading?.subtitle, undefined, 'the loading model does not say it a second time');
      await pending;
    } finally {
      sb.setLatency(0);
    }
  });

  it("a lookup that waits for VairoSMS's short Retry-After shows the countdown in its panel, then the answer", async () => {
    const messages = recordMessages();
    try {
      const pending = lookUp('9006', SAMPLE.number);
      await until(
        async () => (await panelFor('9006', SAMPLE.number))?.model?.retry !== undefined,
        'the panel shows the wait',
      );
      const waiting = (await panelFor('9006', SAMPLE.number))!.model!;
      assert.equal(waiting.state, 'loading');
      assert.match(waiting.retry!.template, /Asking again by itself in \{0\} s/);
      assert.ok(waiting.retry!.at > Date.now() - 1000 && waiting.retry!.at <= Date.now() + 2500, 'about 2 s ahead');
      assert.deepEqual(await pending, { ok: false, error: 'rate-limited' });
      assert.equal((await panelFor('9006', SAMPLE.number))!.model!.retry, undefined, 'the answer replaces it');
    } finally {
      messages.restore();
    }
  });

  it('tabs do not pile up: a new lookup opens in the preview tab until the user keeps it (reports.reuseTab)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until(async () => (await testState()).panels.length === 0, 'no report tab');
    await setSetting('reports.reuseTab', true);
    const tabs = async () => (await testState()).panels.map((p) => p.number);
    const indexOf = async (number: string) => (await testState()).panels.findIndex((p) => p.number === number);
    try {
      await lookUp(SAMPLE.sendId, '5301000004');
      await lookUp(SAMPLE.sendId, '5301000005');
      assert.deepEqual(await tabs(), ['5301000005'], "the second lookup opened in the first one's tab");
      const preview = (await panelFor(SAMPLE.sendId, '5301000005'))!.model as PanelModel & {
        preview?: { keep: string; note: string };
      };
      assert.equal(preview.state, 'report');
      assert.deepEqual(preview.preview, {
        keep: 'Keep Open',
        note: 'Preview tab: the next lookup of another number opens here.',
      });
      // Keep Open: the next lookup opens a tab of its own (the new one is the preview now)
      await seam.postFromWebview(await indexOf('5301000005'), {
        type: 'keep',
      });
      await until(
        async () =>
          ((await panelFor(SAMPLE.sendId, '5301000005'))!.model as { preview?: unknown }).preview === undefined,
        'the kept tab drops its note',
      );
      await lookUp(SAMPLE.sendId, '5301000006');
      assert.deepEqual((await tabs()).sort(), ['5301000005', '5301000006']);
      // using the preview tab (here: Refresh in it) keeps it too
      await seam.postFromWebview(await indexOf('5301000006'), {
        type: 'refresh',
      });
      await until(
        async () =>
          ((await panelFor(SAMPLE.sendId, '5301000006'))!.model as { preview?: unknown }).preview === undefined,
        'the used tab is kept',
      );
      await lookUp(SAMPLE.sendId, SAMPLE.number);
      assert.deepEqual((await tabs()).sort(), ['5301000005', '5301000006', SAMPLE.number].sort());
      // the same lookup again reveals its tab, and turning the setting off keeps every tab
      await lookUp(SAMPLE.sendId, SAMPLE.number);
      assert.equal((await tabs()).length, 3);
      await setSetting('reports.reuseTab', false);
      await until(
        async () =>
          ((await panelFor(SAMPLE.sendId, SAMPLE.number))!.model as { preview?: unknown }).preview === undefined,
        'off: no preview tab',
      );
      await lookUp(SAMPLE.sendId, '5301000007');
      assert.equal((await tabs()).length, 4);
    } finally {
      await setSetting('reports.reuseTab', false); // as the suite runs (test/integration/runTest.ts)
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
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
      await confirmedBatch(BATCH.sendId, numbers);
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
