// The send beside the number (GonderimBilgisi, #9) in the real extension host against the sandbox: both requests at
// the same moment, the report never waiting for the summary, a failed summary kept to its own section, the method
// that worked remembered per API root, the diagnosis, "Look Up Send Summary…" and its panel, "Look Up Send Summary" from a
// lookup, the batch's one summary, a watch that ends when its send failed, and the other form of a number offered
// once. What a user sees of it (the section, the badge's tooltip by keyboard, both languages) is test/ui/send.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NUMBER_FOR_STATUS, SAMPLE, SUMMARY_SENDS, TWELVE_DIGIT, batchNumber, BATCH } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  clearHistory,
  fakeInputBoxes,
  history,
  leaveClean,
  panelFor,
  recordMessages,
  setApiKey,
  setSetting,
  testState,
  until,
  type PanelModel,
} from './helpers';
import { seam } from '../surface/client';
import { confirmedBatch } from './batchConfirm';

const KEY = 'send-suite-key-19';
const WAITING = { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING };

interface SendView {
  state: 'loading' | 'summary' | 'error';
  badge?: { code: string; group: string; label: string };
  fields: Array<{ id: string; value: string }>;
  log?: { text: string };
  error?: { title: string };
}
interface DiagnosisView {
  id: string;
  overrides: boolean;
  text: string;
}
type WithSend = PanelModel & {
  send?: SendView;
  diagnosis?: DiagnosisView;
  error?: PanelModel['error'] & { actions?: Array<{ id: string; label: string }> };
};
interface SendPanelState {
  sendId: string;
  visible: boolean;
  model: {
    kind: 'send';
    send: SendView;
    diagnosis?: DiagnosisView;
    lookups: Array<{ number: string; status: { code: string } }>;
  } | null;
}

const model = async (sendId: string, number: string) => (await panelFor(sendId, number))?.model as WithSend | undefined;
const sends = async () => ((await testState()) as unknown as { sends: SendPanelState[] }).sends;
const sendPanel = async (sendId: string) => (await sends()).find((s) => s.sendId === sendId);
const lookUp = (sendId: string, number: string) =>
  vscode.commands.executeCommand<{ ok: boolean; status?: string; error?: string }>(
    'vairosms.lookUpReport',
    sendId,
    number,
  );

describe('the send summary beside the number report', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });
  after(async () => {
    await vscode.commands.executeCommand('vairosms.stopWatching', {
      sendId: SUMMARY_SENDS.failed.sendId,
      number: SUMMARY_SENDS.failed.number,
    });
    await leaveClean(sb);
  });
  beforeEach(async () => {
    sb.setLatency(0);
    sb.setSummaryLatency(undefined);
    sb.setSummaryMethods('both');
    sb.setSummaryFault(undefined);
    sb.resetStats();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('asks for both at the same moment, and the panel shows the send, its state badge and the diagnosis', async () => {
    sb.setLatency(800); // both answers held on the wire: the summary must be asked before the report is answered
    assert.deepEqual(await lookUp(WAITING.sendId, WAITING.number), { ok: true, status: 'WAITING' });
    assert.equal(sb.requests.length, 1);
    assert.equal(sb.summaryRequests.length, 1);
    const gap = Math.abs(sb.summaryRequests[0].at - sb.requests[0].at);
    assert.ok(gap < 800, `the summary was asked ${gap} ms apart from the report: one after the other, not together`);
    await until(async () => (await model(WAITING.sendId, WAITING.number))?.send?.state === 'summary', 'the summary');
    const m = (await model(WAITING.sendId, WAITING.number))!;
    assert.equal(m.state, 'report');
    assert.equal(m.send!.badge!.code, '0');
    assert.equal(m.send!.badge!.group, 'pending');
    const ids = m.send!.fields.map((f) => f.id);
    for (const id of ['send:sender', 'send:numbers', 'send:credits', 'send:createdAt', 'send:validity'])
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    assert.equal(m.diagnosis?.id, 'may-expire', 'WAITING, created an hour ago with 24 hours of validity');
  });

  it('renders the report as soon as it arrives, while the summary is still on the wire; then the summary', async () => {
    sb.setSummaryLatency(4000);
    assert.deepEqual(await lookUp(WAITING.sendId, WAITING.number), { ok: true, status: 'WAITING' });
    const m = (await model(WAITING.sendId, WAITING.number))!;
    assert.equal(m.state, 'report', 'the report did not wait for the summary');
    assert.equal(m.send?.state, 'loading');
    await until(
      async () => (await model(WAITING.sendId, WAITING.number))?.send?.state === 'summary',
      'the summary after it',
      10_000,
    );
  });

  it('a summary that fails (an HTML 502) shows its own short error and leaves the report as it is', async () => {
    const { sendId, number } = SUMMARY_SENDS.summaryFails;
    assert.deepEqual(await lookUp(sendId, number), { ok: true, status: 'DELIVERED' });
    await until(async () => (await model(sendId, number))?.send?.state === 'error', 'the summary error');
    const m = (await model(sendId, number))!;
    assert.equal(m.state, 'report');
    assert.equal(m.status?.code, 'DELIVERED');
    assert.match(m.send!.error!.title, /^The send's summary could not be looked up: /);
    assert.equal(m.error, undefined, "the number's report has no error");
  });

  it('Refresh asks for both again', async () => {
    await lookUp(WAITING.sendId, WAITING.number);
    await until(() => sb.summaryRequests.length === 1, 'the first summary');
    await vscode.commands.executeCommand('vairosms.refreshLookup', WAITING);
    await until(() => sb.requests.length === 2 && sb.summaryRequests.length === 2, 'both asked again');
  });

  it('remembers per API root that only POST works: GET, 405, POST, and POST from then on', async () => {
    sb.setSummaryMethods('POST');
    await lookUp(WAITING.sendId, WAITING.number);
    await until(async () => (await model(WAITING.sendId, WAITING.number))?.send?.state === 'summary', 'summary 1');
    await lookUp(WAITING.sendId, WAITING.number);
    await until(() => sb.summaryRequests.length === 3, 'the second summary');
    assert.deepEqual(
      sb.summaryRequests.map((q) => `${q.method} ${q.status}`),
      ['GET 405', 'POST 200', 'POST 200'],
    );
    sb.setSummaryMethods('both');
  });

  it('a failed send (paket_durum -1): the diagnosis overrides the status and the log is shown as text', async () => {
    const { sendId, number } = SUMMARY_SENDS.failed;
    await lookUp(sendId, number);
    await until(async () => (await model(sendId, number))?.diagnosis?.id === 'send-failed', 'the diagnosis');
    const m = (await model(sendId, number))!;
    assert.equal(m.diagnosis!.overrides, true);
    assert.equal(m.diagnosis!.text, 'This send failed: nothing was sent and no credit was used.');
    assert.match(m.send!.log!.text, /Yetersiz kredi/);
    await until(
      async () => (await history()).find((e) => e.sendId === sendId)?.sendState === -1,
      'Recent Lookups keeps the send state',
    );
  });

  it('a scheduled send: "Scheduled for …; not sent yet."', async () => {
    const { sendId, number } = SUMMARY_SENDS.scheduled;
    await lookUp(sendId, number);
    await until(async () => (await model(sendId, number))?.diagnosis?.id === 'scheduled', 'the diagnosis');
    assert.match((await model(sendId, number))!.diagnosis!.text, /^Scheduled for .+; not sent yet\.$/);
    assert.ok((await model(sendId, number))!.send!.fields.some((f) => f.id === 'send:scheduledAt'));
  });

  it('a watch ends early when its send failed (paket_durum -1): its report can never become final', async () => {
    const key = { sendId: SUMMARY_SENDS.failed.sendId, number: SUMMARY_SENDS.failed.number };
    const messages = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.watchReport', key);
      await until(async () => ((await testState()) as { watching?: unknown[] }).watching?.length === 1, 'watching');
      await until(
        async () => ((await testState()) as { watching?: unknown[] }).watching?.length === 0,
        'the watch stopped after its first check',
        20_000,
      );
      await until(() => messages.shown.some((m) => /the send failed/.test(m.text)), 'the user is told why', 5_000);
    } finally {
      messages.restore();
    }
  });

  it('a number not in the send: the other form is offered once, and from it not back again', async () => {
    const outcome = await lookUp(SAMPLE.sendId, TWELVE_DIGIT.typed);
    assert.deepEqual(outcome, { ok: false, error: 'not-found' });
    const first = (await model(SAMPLE.sendId, TWELVE_DIGIT.typed))!;
    const offer = first.error!.actions!.find((a) => a.id === 'tryOtherForm');
    assert.ok(offer, JSON.stringify(first.error));
    assert.equal(offer.label, `Look up ${TWELVE_DIGIT.stored} instead`);
    const index = (await testState()).panels.findIndex((p) => p.number === TWELVE_DIGIT.typed);
    await seam.postFromWebview(index, {
      type: 'errorAction',
      action: 'tryOtherForm',
    });
    await until(async () => (await model(SAMPLE.sendId, TWELVE_DIGIT.stored))?.state === 'report', 'the 12 digits');
    assert.equal((await model(SAMPLE.sendId, TWELVE_DIGIT.stored))!.status?.code, 'DELIVERED');
    // A number in neither form: the offer is made once; the offered form, not found in its turn, offers nothing back.
    await lookUp(SAMPLE.sendId, '5309999999');
    const again = (await testState()).panels.findIndex((p) => p.number === '5309999999');
    await seam.postFromWebview(again, {
      type: 'errorAction',
      action: 'tryOtherForm',
    });
    await until(async () => (await model(SAMPLE.sendId, '905309999999'))?.state === 'error', 'the other form fails');
    const back = (await model(SAMPLE.sendId, '905309999999'))!;
    assert.equal(back.error!.kind, 'not-found');
    assert.equal(
      back.error!.actions!.some((a) => a.id === 'tryOtherForm'),
      false,
      'no offer back to the 10 digits',
    );
  });

  it('"Look Up Send Summary…" asks for a send ID only (prefilled) and opens the send panel with its lookups', async () => {
    await clearHistory();
    await lookUp(WAITING.sendId, WAITING.number);
    await lookUp(SAMPLE.sendId, NUMBER_FOR_STATUS.DELIVERED);
    const boxes = fakeInputBoxes([SAMPLE.sendId]);
    let outcome: unknown;
    try {
      outcome = await vscode.commands.executeCommand('vairosms.lookUpSend');
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 1, 'one box: the send ID');
    assert.equal(boxes.asked[0].initialValue, SAMPLE.sendId, 'prefilled from the last lookup');
    assert.deepEqual(outcome, { ok: true, state: 0 });
    await until(async () => (await sendPanel(SAMPLE.sendId))?.model?.send.state === 'summary', 'the send panel');
    const panel = (await sendPanel(SAMPLE.sendId))!;
    assert.equal(panel.model!.diagnosis?.id, 'in-progress');
    assert.deepEqual(
      panel.model!.lookups.map((l) => l.number).sort(),
      [WAITING.number, NUMBER_FOR_STATUS.DELIVERED].sort(),
    );
    // A number opens its stored report.
    await seam.postFromSendWebview(SAMPLE.sendId, {
      type: 'openLookup',
      number: NUMBER_FOR_STATUS.DELIVERED,
    });
    await until(
      async () => (await panelFor(SAMPLE.sendId, NUMBER_FOR_STATUS.DELIVERED))?.visible === true,
      'the report of the number opened',
    );
  });

  it('"Look Up Send Summary" on a lookup opens its send without asking; a bad send ID is refused with a message', async () => {
    await lookUp(SUMMARY_SENDS.lenient.sendId, SUMMARY_SENDS.lenient.number);
    const entry = (await history()).find((e) => e.sendId === SUMMARY_SENDS.lenient.sendId)!;
    const boxes = fakeInputBoxes([]);
    try {
      assert.deepEqual(await vscode.commands.executeCommand('vairosms.showSend', entry), { ok: true, state: 0 });
      assert.equal(boxes.asked.length, 0);
    } finally {
      boxes.restore();
    }
    const panel = (await sendPanel(SUMMARY_SENDS.lenient.sendId))!;
    assert.equal(panel.model!.send.fields.find((f) => f.id === 'send:numbers')?.value, '2', 'lenient: "2"');
    const messages = recordMessages();
    try {
      assert.deepEqual(await vscode.commands.executeCommand('vairosms.lookUpSend', 'abc'), {
        ok: false,
        error: 'input',
      });
      assert.equal(messages.shown.length, 1);
    } finally {
      messages.restore();
    }
  });

  it('a batch asks for the summary once, not once per number', async () => {
    const numbers = Array.from({ length: 20 }, (_, i) => batchNumber(i));
    const result = await confirmedBatch<{ items: unknown[] }>(BATCH.sendId, numbers);
    assert.equal(result.items.length, 20);
    assert.equal(sb.requests.length, 20);
    assert.equal(sb.summaryRequests.length, 1);
    await until(
      async () =>
        (await history()).filter((e) => e.sendId === BATCH.sendId && (e as { sendState?: number }).sendState === 1)
          .length === 20,
      "every stored result carries the send's state, though the summary came before the batch wrote them",
    );
  });
});
