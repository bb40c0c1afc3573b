// Fault-suite row 20 (docs/reliability.md): no notification carries text from a file, a selection or the provider.
// VS Code renders [label](target) in a notification as a link and a click runs command: targets (case-insensitive,
// percent-decoded), so every path that once quoted outside text is driven here with link payloads, and every
// notification shown is checked: no payload, no markdown link, no command: target. The structural half (one module
// shows notifications, and takes only OwnText) is lint's: test/unit/layers.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LINK_PAYLOADS, LINK_STATUS, SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  history,
  leaveClean,
  lookUpBehindEditor,
  recordMessages,
  setApiKey,
  setSetting,
  testState,
  until,
} from './helpers';
import { seam } from '../surface/client';
import { confirmedBatch } from './batchConfirm';

const KEY = 'notification-suite-key-52';
const LINK = { sendId: SAMPLE.sendId, number: LINK_STATUS.number };

/** What must not be in a notification: a payload (in any case), a markdown link, a command target. */
function assertNoLink(texts: string[]): void {
  assert.ok(texts.length > 0, 'a notification was shown');
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const p of LINK_PAYLOADS) assert.ok(!lower.includes(p.toLowerCase()), `payload in: ${text}`);
    assert.ok(!/\]\s*\(/.test(text), `a markdown link in: ${text}`);
    assert.ok(!/command(:|%3a)/i.test(text), `a command target in: ${text}`);
    assert.ok(!/<a\b/i.test(text), `an anchor in: ${text}`);
  }
}

describe('row 20: notifications carry no text from outside', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
    // Something to lose: the payload [..](command:vairosms.clearHistory?[true]) would clear it without asking.
    await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
    await until(async () => (await history()).length === 1, 'one stored lookup');
  });

  after(async () => {
    await vscode.commands.executeCommand('vairosms.stopWatching', LINK);
    await leaveClean(sb);
  });

  it('a batch over lines that are all link payloads: the notification counts them, the log quotes them', async () => {
    const messages = recordMessages();
    try {
      const result = await vscode.commands.executeCommand(
        'vairosms.lookUpBatch',
        SAMPLE.sendId,
        LINK_PAYLOADS.join('\n'),
      );
      assert.equal(result, undefined, 'nothing was looked up');
      assertNoLink(messages.texts());
      assert.match(messages.texts('error')[0], /none of the 5 lines is a phone number/);
      assert.deepEqual(messages.shown[0].items, ['Show Log']);
    } finally {
      messages.restore();
    }
    assert.equal((await history()).length, 1, 'history is untouched');
  });

  it('a batch whose bad lines are payloads beside real numbers: the warning counts them', async () => {
    const messages = recordMessages();
    try {
      await confirmedBatch(SAMPLE.sendId, [SAMPLE.number, ...LINK_PAYLOADS]);
      await until(() => messages.texts('warning').length > 0, 'the warning');
      assertNoLink(messages.texts());
      assert.match(messages.texts('warning')[0], /Lines that are not phone numbers: 5/);
    } finally {
      messages.restore();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('a lookup whose status is a link payload: no notification quotes it, a watch that hits its cap names it "an unknown status"', async () => {
    const messages = recordMessages();
    let shifted = 0;
    try {
      const outcome = await vscode.commands.executeCommand<{ ok: boolean; status?: string }>(
        'vairosms.lookUpReport',
        LINK.sendId,
        LINK.number,
      );
      assert.equal(outcome?.ok, true);
      assert.equal(outcome?.status, LINK_STATUS.status.toUpperCase(), 'upper-cased, and still a link');
      await vscode.commands.executeCommand('vairosms.watchReport', LINK);
      await until(async () => ((await testState()) as { watching?: unknown[] }).watching?.length === 1, 'watching');
      // The watch's cap (vairosms.watch.maxMinutes, at least a minute) is an hour away: move the watcher's clock past
      // it; the first check, 5 s after the start, ends the watch.
      shifted = await seam.shiftWatchClock(61 * 60_000);
      await until(() => messages.texts('warning').length > 0, 'the watch stopped at its cap', 20_000);
      assertNoLink(messages.texts());
      assert.match(messages.texts('warning')[0], /after 61 minutes; it is still an unknown status/);
    } finally {
      if (shifted) await seam.shiftWatchClock(-shifted);
      messages.restore();
    }
  });

  it('a failed lookup whose provider text is a link: the notification has our sentence only', async () => {
    const messages = recordMessages();
    try {
      await lookUpBehindEditor('9021', SAMPLE.number);
      await until(() => messages.texts('error').length > 0, 'the error notification');
      assertNoLink(messages.texts());
      assert.match(messages.texts('error')[0], /VairoSMS reported an error/);
    } finally {
      messages.restore();
    }
    assert.equal((await history()).length >= 1, true, 'history is untouched');
  });

  it('error toasts do not pile up: none while the panel is in front, one per lookup while it stays open (#13)', async () => {
    // a lookup from the palette: its panel opens in front and shows the error; no toast repeats it
    let messages = recordMessages();
    try {
      assert.deepEqual(await vscode.commands.executeCommand('vairosms.lookUpReport', '9007', SAMPLE.number), {
        ok: false,
        error: 'server',
      });
      assert.deepEqual(messages.texts('error'), [], 'the panel in front says it');
    } finally {
      messages.restore();
    }
    // behind an editor: a toast; while the user has not closed it, the same lookup failing again adds none
    let close: () => void = () => undefined;
    const open = new Promise<undefined>((resolve) => (close = () => resolve(undefined)));
    messages = recordMessages((m) => (m.kind === 'error' ? open : undefined));
    try {
      await lookUpBehindEditor('9007', SAMPLE.number);
      await lookUpBehindEditor('9007', SAMPLE.number);
      assert.equal(messages.texts('error').length, 1, 'one toast for the lookup');
      await lookUpBehindEditor('9015', SAMPLE.number);
      assert.equal(messages.texts('error').length, 2, 'another lookup has its own');
      close();
      await new Promise((r) => setTimeout(r, 50));
      await lookUpBehindEditor('9007', SAMPLE.number);
      assert.equal(messages.texts('error').length, 3, 'once closed, the next failure tells again');
    } finally {
      close();
      messages.restore();
    }
  });
});
