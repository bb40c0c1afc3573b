// VairoSMS: Look Up Number Report… in the real extension host: the input steps (fake input boxes), asking for the
// key first when none is stored, Esc at any step, arguments from code, invalid arguments, cancelling a hanging
// lookup by closing its panel, and the HTTP transport (node-fetch) loaded only with the first lookup.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE } from '../sandbox/data';
import {
  activate,
  BACK,
  clearApiKey,
  clearHistory,
  closeAllEditors,
  fakeInputBoxes,
  history,
  leaveClean,
  panelFor,
  recordMessages,
  setApiKey,
  setSetting,
  sleep,
  stubWindow,
  testState,
  until,
  within,
  type TestState,
} from './helpers';
import { seam } from '../surface/client';

const KEY = 'lookup-suite-key-41';

// A root-level hook: it runs before every suite of the run (whatever MOCHA_GREP selects), so nothing has looked
// anything up yet. It activates the extension and keeps the state right after activation for the transport test.
let atActivation: TestState | undefined;
before(async function () {
  this.timeout(30000);
  await activate();
  atActivation = await seam.state();
});

describe('lookup: Look Up Number Report', () => {
  let sb: Sandbox;
  const requestsFor = (sendId: string) => sb.requests.filter((r) => r.sendId === sendId);

  before(async function () {
    this.timeout(30000);
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await closeAllEditors();
    await clearHistory();
  });

  after(async function () {
    this.timeout(30000);
    await leaveClean(sb, 'requestTimeoutSeconds');
  });

  describe('the HTTP transport', () => {
    it('is not evaluated during activation, only by the first lookup', async () => {
      assert.ok(atActivation, 'the root hook read the state after activation');
      console.log(
        `      activation: module load ${atActivation.loadMs.toFixed(1)} ms, activate() ${atActivation.activationMs.toFixed(1)} ms` +
          `, main bundle loaded at activation: ${atActivation.mainLoaded === true}`,
      );
      assert.notEqual(atActivation.transportLoaded, true, 'node-fetch (dist/http.js) was evaluated during activation');
      await setApiKey(KEY);
      const outcome = await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
      assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
      const after = await testState();
      assert.equal(after.transportLoaded, true, 'the transport is loaded after a lookup');
      if (after.mainLoadMs !== undefined)
        console.log(`      main bundle load ${after.mainLoadMs.toFixed(1)} ms (on first use)`);
    });
  });

  describe('asking for input', () => {
    beforeEach(async () => {
      await closeAllEditors();
      await clearHistory();
    });

    it('asks for the send ID, the number, then (no key stored) the key in a password box, and goes on', async () => {
      await clearApiKey();
      const before = sb.requests.length;
      const boxes = fakeInputBoxes([SAMPLE.sendId, SAMPLE.number, KEY]);
      const messages = recordMessages();
      let outcome: unknown;
      try {
        outcome = await within(vscode.commands.executeCommand('vairosms.lookUpReport'), 20000, 'the lookup');
      } finally {
        boxes.restore();
        messages.restore();
      }
      assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
      assert.equal(boxes.asked.length, 3, `three boxes: ${JSON.stringify(boxes.asked.map((b) => b.prompt))}`);
      const [id, number, key] = boxes.asked;
      assert.match(id.prompt ?? '', /Send ID/);
      assert.equal(id.step, 1);
      assert.equal(id.totalSteps, 2);
      assert.notEqual(id.password, true, 'the send ID is not a password');
      assert.match(number.prompt ?? '', /Phone number/);
      assert.match(number.prompt ?? '', new RegExp(`send #${SAMPLE.sendId}`), 'the number step names the send ID');
      assert.equal(number.step, 2);
      assert.equal(number.totalSteps, 2);
      assert.ok(number.buttons.includes(vscode.QuickInputButtons.Back), 'the number step offers Back');
      assert.equal(key.password, true, 'the key is asked for in a password box');
      assert.equal(key.ignoreFocusOut, true);
      assert.match(key.prompt ?? '', /API key is needed/);
      assert.ok(
        boxes.asked.every((b) => b.disposed),
        'every box was disposed',
      );
      assert.equal(messages.texts('error').length, 0, `no error: ${messages.texts('error').join(' | ')}`);
      assert.equal(sb.requests.length, before + 1, 'one request');
      const last = sb.requests[sb.requests.length - 1];
      assert.equal(last.apiKeyOk, true, 'the request carried the key just typed');
      assert.deepEqual(JSON.parse(last.body), { numara: SAMPLE.number });
      const h = await history();
      assert.deepEqual(
        h.map((e) => [e.sendId, e.number]),
        [[SAMPLE.sendId, SAMPLE.number]],
      );
      assert.equal((await panelFor(SAMPLE.sendId, SAMPLE.number))?.model?.state, 'report');

      // The key is now stored: the next lookup asks nothing.
      const again = fakeInputBoxes([]);
      try {
        assert.deepEqual(
          await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, NUMBER_FOR_STATUS.WAITING),
          { ok: true, status: 'WAITING' },
        );
      } finally {
        again.restore();
      }
      assert.equal(again.asked.length, 0, 'no box: the key was stored');
    });

    it('normalizes the typed number and goes Back from the number to the send ID', async () => {
      await setApiKey(KEY);
      const boxes = fakeInputBoxes(['999', BACK, ` #${SAMPLE.sendId} `, '0539 999 99 99']);
      let outcome: unknown;
      try {
        outcome = await within(vscode.commands.executeCommand('vairosms.lookUpReport'), 20000, 'the lookup');
      } finally {
        boxes.restore();
      }
      assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
      assert.equal(boxes.asked.length, 4);
      assert.equal(boxes.asked[2].initialValue, '999', 'Back returns to the send ID with what was typed');
      assert.equal(boxes.asked[3].step, 2);
      const last = sb.requests[sb.requests.length - 1];
      assert.equal(last.sendId, SAMPLE.sendId, 'the corrected send ID was used');
      assert.deepEqual(JSON.parse(last.body), { numara: SAMPLE.number }, 'the number is sent in its 10-digit form');
    });

    for (const [step, answers, keyStored] of [
      ['the send ID', [undefined], true],
      ['the number', [SAMPLE.sendId, undefined], true],
      ['the key (none stored)', [SAMPLE.sendId, NUMBER_FOR_STATUS.SENT, undefined], false],
    ] as const) {
      it(`cancels quietly on Esc at ${step}: no request, panel, history entry or message`, async () => {
        if (keyStored) await setApiKey(KEY);
        else await clearApiKey();
        const before = sb.requests.length;
        const boxes = fakeInputBoxes([...answers]);
        const messages = recordMessages();
        let outcome: unknown = 'not run';
        try {
          outcome = await within(
            vscode.commands.executeCommand('vairosms.lookUpReport'),
            20000,
            'the cancelled lookup',
          );
          await sleep(300); // anything started late would show up now
        } finally {
          boxes.restore();
          messages.restore();
        }
        assert.equal(outcome, undefined, 'the command resolves to undefined');
        assert.equal(boxes.asked.length, answers.length, `asked ${boxes.asked.length} boxes`);
        assert.equal(boxes.remaining.length, 0);
        assert.equal(sb.requests.length, before, 'no request reached the sandbox');
        const s = await testState();
        assert.deepEqual(
          s.panels.map((p) => `${p.sendId}:${p.number}`),
          [],
          'no panel',
        );
        assert.deepEqual(s.history, [], 'no history entry');
        assert.deepEqual(messages.shown, [], 'no message');
      });
    }

    it('asks nothing when called with arguments (two strings, an object, a numeric send ID)', async () => {
      await setApiKey(KEY);
      const boxes = fakeInputBoxes([]);
      const outcomes: unknown[] = [];
      try {
        outcomes.push(await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number));
        outcomes.push(
          await vscode.commands.executeCommand('vairosms.lookUpReport', {
            sendId: SAMPLE.sendId,
            number: NUMBER_FOR_STATUS.REJECTED,
          }),
        );
        outcomes.push(
          await vscode.commands.executeCommand('vairosms.lookUpReport', Number(SAMPLE.sendId), '+90 530 100 00 10'),
        );
      } finally {
        boxes.restore();
      }
      assert.equal(boxes.asked.length, 0, 'no input box');
      assert.deepEqual(outcomes, [
        { ok: true, status: 'DELIVERED' },
        { ok: true, status: 'REJECTED' },
        { ok: true, status: 'SEND_ERROR' },
      ]);
      assert.deepEqual(
        (await history()).map((e) => e.number),
        [NUMBER_FOR_STATUS.SEND_ERROR, NUMBER_FOR_STATUS.REJECTED, SAMPLE.number],
      );
    });

    it('refuses invalid arguments with an error message, asking nothing and sending nothing', async () => {
      await setApiKey(KEY);
      const before = sb.requests.length;
      const boxes = fakeInputBoxes([]);
      const messages = recordMessages();
      const cases: unknown[][] = [
        ['abc', SAMPLE.number],
        ['../x', SAMPLE.number],
        ['0', SAMPLE.number],
        ['1'.repeat(19), SAMPLE.number],
        [SAMPLE.sendId, '12'],
        [SAMPLE.sendId, '1?api_key=evil'],
        [SAMPLE.sendId, 'not a number'],
        [{ sendId: '-5', number: SAMPLE.number }],
      ];
      const outcomes: unknown[] = [];
      try {
        for (const args of cases) outcomes.push(await vscode.commands.executeCommand('vairosms.lookUpReport', ...args));
      } finally {
        boxes.restore();
        messages.restore();
      }
      assert.deepEqual(
        outcomes,
        cases.map(() => ({ ok: false, error: 'input' })),
      );
      assert.equal(
        messages.texts('error').length,
        cases.length,
        `one error message per call: ${messages.texts('error').join(' | ')}`,
      );
      for (const text of messages.texts('error')) assert.match(text, /send ID|phone number|digits/i);
      assert.equal(boxes.asked.length, 0, 'no input box');
      assert.equal(sb.requests.length, before, 'no request reached the sandbox');
      const s = await testState();
      assert.deepEqual(s.panels, [], 'no panel');
      assert.deepEqual(s.history, [], 'no history entry');
    });
  });

  describe('the progress notification', () => {
    /** Records the progress notifications shown (still shown by VS Code); `cancel` is their Cancel button. */
    function recordProgress() {
      const shown: Array<{ title?: string; cancellable?: boolean; location: unknown }> = [];
      const cancel = new vscode.CancellationTokenSource();
      const real = vscode.window.withProgress;
      type Task = (p: vscode.Progress<unknown>, t: vscode.CancellationToken) => Thenable<unknown>;
      const restore = stubWindow('withProgress', (options: vscode.ProgressOptions, task: Task) => {
        shown.push({ title: options.title, cancellable: options.cancellable, location: options.location });
        return real(options, (p) => task(p, cancel.token));
      });
      return { shown, cancel: () => cancel.cancel(), restore };
    }

    it('shows the lookup with Cancel while it runs, and Cancel cancels it', async function () {
      this.timeout(20000);
      await setApiKey(KEY);
      sb.setLatency(3000);
      const progress = recordProgress();
      try {
        const pending = vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
        await until(() => progress.shown.length === 1, 'the progress notification', 3000);
        assert.equal(progress.shown[0].title, `VairoSMS: looking up ${SAMPLE.number} in send #${SAMPLE.sendId}…`);
        assert.equal(progress.shown[0].cancellable, true);
        assert.equal(progress.shown[0].location, vscode.ProgressLocation.Notification);
        progress.cancel();
        assert.deepEqual(await within(Promise.resolve(pending), 2000, 'the cancelled lookup'), {
          ok: false,
          error: 'cancelled',
        });
      } finally {
        progress.restore();
        sb.setLatency(0);
      }
    });
  });

  describe('cancelling', () => {
    it('resolves promptly as cancelled when the panel of a hanging lookup (9001) is closed, and stores nothing', async function () {
      this.timeout(30000);
      await setApiKey(KEY);
      await setSetting('requestTimeoutSeconds', 30);
      await closeAllEditors();
      await clearHistory();
      const messages = recordMessages();
      try {
        const before = requestsFor('9001').length;
        let settled = false;
        const pending = Promise.resolve(
          vscode.commands.executeCommand('vairosms.lookUpReport', '9001', SAMPLE.number),
        ).finally(() => {
          settled = true;
        });
        await until(() => requestsFor('9001').length > before, 'the request reached the sandbox', 10000);
        await until(
          async () => (await panelFor('9001', SAMPLE.number))?.model?.state === 'loading',
          'the panel shows loading',
          5000,
        );
        await sleep(200);
        assert.equal(settled, false, 'the lookup is still hanging');
        const findTab = () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('vairosms.report'));
        await until(() => findTab() !== undefined, 'the report panel has a tab', 5000);
        const tab = findTab()!;
        const closedAt = Date.now();
        await vscode.window.tabGroups.close(tab);
        const outcome = await within(pending, 3000, 'the cancelled lookup');
        console.log(`      resolved ${Date.now() - closedAt} ms after the panel closed`);
        assert.deepEqual(outcome, { ok: false, error: 'cancelled' });
        await sleep(300);
        const s = await testState();
        assert.deepEqual(s.history, [], 'no history entry');
        assert.equal(s.panels.length, 0, 'no panel');
        assert.deepEqual(messages.texts('error'), [], 'no error message for a cancel');
      } finally {
        messages.restore();
        await setSetting('requestTimeoutSeconds', undefined);
      }
    });
  });
});
