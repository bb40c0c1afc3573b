// The report panel in the real extension host: the model after a lookup (state, status, fields), a failed refresh
// that keeps the last report, restoring a panel through the extension's WebviewPanelSerializer, and ten lookups
// into one panel within a second (the latest wins, the others end as cancelled, nothing is left unhandled).
//
// Restoring: a window reload would end the test run, and code-server never revives a closed webview any other way
// (Reopen Closed Editor skips webviews: they have no untyped form). So this suite captures the serializer the
// extension registers (vscode.window is the same object for the extension and this file, and this file is loaded
// before the extension activates: it activates on onStartupFinished or on first use, after mocha has loaded every
// test file), and hands it a real WebviewPanel of the extension's view type with the state its webview writes
// ({ v: 1, model }). The webview's setState/getState and a real reload are covered by the UI layer.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, PROGRESSING, SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import {
  clearHistory,
  closeAllEditors,
  EXTENSION_ID,
  history,
  leaveClean,
  lookUpBehindEditor,
  panelFor,
  recordMessages,
  setApiKey,
  setSetting,
  sleep,
  testState,
  until,
  type PanelModel,
} from './helpers';

const KEY = 'panel-suite-key';
const VIEW_TYPE = 'vairosms.report';

// ---- capture the extension's serializer as it registers it ----
const activeAtLoad = vscode.extensions.getExtension(EXTENSION_ID)?.isActive === true;
let serializer: vscode.WebviewPanelSerializer | undefined;
{
  const win = vscode.window as unknown as {
    registerWebviewPanelSerializer: typeof vscode.window.registerWebviewPanelSerializer;
  };
  const original = win.registerWebviewPanelSerializer;
  win.registerWebviewPanelSerializer = function (viewType: string, s: vscode.WebviewPanelSerializer) {
    if (viewType === VIEW_TYPE) {
      serializer = s;
      win.registerWebviewPanelSerializer = original; // one capture is all we need
    }
    return original.call(vscode.window, viewType, s);
  };
}

const fieldsById = (m: PanelModel | undefined): Record<string, string> =>
  Object.fromEntries((m?.fields ?? []).map((f) => [f.id, f.value]));

describe('panel: the report panel', () => {
  let sb: Sandbox;
  const reportTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(VIEW_TYPE));

  before(async function () {
    this.timeout(30000);
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });

  beforeEach(async () => {
    await closeAllEditors();
    await clearHistory();
  });

  after(async function () {
    this.timeout(30000);
    sb?.setLatency(0);
    await leaveClean(sb);
  });

  it('shows the report: state, status, fields, message and title', async () => {
    assert.deepEqual(await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number), {
      ok: true,
      status: 'DELIVERED',
    });
    const p = await panelFor(SAMPLE.sendId, SAMPLE.number);
    assert.ok(p, 'a panel for the lookup');
    assert.equal(p.visible, true);
    const m = p.model;
    assert.equal(m?.state, 'report');
    assert.equal(m?.v, 1);
    assert.equal(m?.sendId, SAMPLE.sendId);
    assert.equal(m?.number, SAMPLE.number);
    assert.equal(m?.status?.code, 'DELIVERED');
    assert.equal(m?.status?.group, 'delivered');
    const f = fieldsById(m);
    assert.equal(f.sendId, SAMPLE.sendId);
    assert.equal(f.rowId, String(SAMPLE_REPORT.id));
    assert.equal(f.number, SAMPLE.number);
    assert.equal(f.parts, '1');
    assert.equal(f.status, 'DELIVERED');
    assert.match(f.refund, /^No/);
    assert.equal(f.createdAt, SAMPLE_REPORT.created_at);
    assert.equal(f.updatedAt, SAMPLE_REPORT.updated_at);
    assert.equal(m?.message?.text, SAMPLE_REPORT.mesaj);
    assert.match(m?.subtitle ?? '', /^Checked/);
    assert.ok(p.html.includes('Content-Security-Policy'), 'the webview has its HTML');
    const tab = reportTabs().find((t) => t.label.includes(SAMPLE.number));
    assert.ok(
      tab,
      `a tab titled with the number: ${reportTabs()
        .map((t) => t.label)
        .join(', ')}`,
    );
    assert.match(tab.label, new RegExp(`send ${SAMPLE.sendId}`));

    assert.deepEqual(
      await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, NUMBER_FOR_STATUS.REJECTED),
      { ok: true, status: 'REJECTED' },
    );
    const rejected = (await panelFor(SAMPLE.sendId, NUMBER_FOR_STATUS.REJECTED))?.model;
    assert.equal(rejected?.status?.code, 'REJECTED');
    assert.equal(rejected?.status?.group, 'failed');
    assert.equal((await testState()).panels.length, 2, 'one panel per send ID + number');
  });

  it("keeps the last report's fields when a refresh fails, and shows the new one when it works again", async () => {
    const messages = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
      const good = (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model;
      assert.equal(good?.state, 'report');
      sb.setFault({ kind: 'html', status: 502 });
      let outcome: unknown;
      try {
        outcome = await lookUpBehindEditor(SAMPLE.sendId, SAMPLE.number); // Refresh from the tree, the code in front
      } finally {
        sb.setFault(undefined);
      }
      assert.equal((outcome as { ok: boolean }).ok, false, `the refresh failed: ${JSON.stringify(outcome)}`);
      const failed = (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model;
      assert.equal(failed?.state, 'error');
      assert.ok(failed?.error?.kind, 'the error is described');
      assert.deepEqual(failed?.fields, good?.fields, "the previous report's fields are kept");
      assert.equal(failed?.status?.code, 'DELIVERED', 'and its status');
      assert.equal(failed?.message?.text, SAMPLE_REPORT.mesaj, 'and its message');
      assert.match(failed?.subtitle ?? '', /last successful report/);
      assert.equal(messages.texts('error').length, 1, 'one error notification');
      const kept = await history();
      assert.equal(kept.length, 1, 'one entry for the key');
      assert.equal(kept[0].report?.status, 'DELIVERED', 'the failed refresh never replaces the stored report');
      assert.equal(kept[0].failure?.kind, 'server', 'and it is kept beside it');

      assert.deepEqual(
        await vscode.commands.executeCommand('vairosms.refreshLookup', {
          sendId: SAMPLE.sendId,
          number: SAMPLE.number,
        }),
        { ok: true, status: 'DELIVERED' },
      );
      assert.equal((await panelFor(SAMPLE.sendId, SAMPLE.number))?.model?.state, 'report');
      await until(async () => (await history())[0].failure === undefined, 'a lookup that worked clears the failure');
    } finally {
      messages.restore();
    }
  });

  it("shows a status change in the panel's timeline with the report that brought it, the same timeline as recent lookups keep", async () => {
    sb.resetProgress(1); // one WAITING answer, then DELIVERED
    try {
      assert.deepEqual(
        await vscode.commands.executeCommand('vairosms.lookUpReport', PROGRESSING.sendId, PROGRESSING.number),
        { ok: true, status: 'WAITING' },
      );
      const first = (await panelFor(PROGRESSING.sendId, PROGRESSING.number))?.model;
      assert.equal(first?.timeline, undefined, 'one status is no timeline yet');
      assert.deepEqual(
        await vscode.commands.executeCommand('vairosms.lookUpReport', PROGRESSING.sendId, PROGRESSING.number),
        { ok: true, status: 'DELIVERED' },
      );
      const second = (await panelFor(PROGRESSING.sendId, PROGRESSING.number))?.model as PanelModel & {
        timeline?: { points: Array<{ status: { code: string } }> };
      };
      assert.deepEqual(
        second?.timeline?.points.map((p) => p.status.code),
        ['WAITING', 'DELIVERED'],
      );
      const stored = (await history()).find((e) => e.sendId === PROGRESSING.sendId && e.number === PROGRESSING.number);
      assert.deepEqual(
        stored?.timeline?.map((p) => p.status),
        ['WAITING', 'DELIVERED'],
      );
    } finally {
      sb.resetProgress();
    }
  });

  describe('restoring through the WebviewPanelSerializer', () => {
    const newPanel = () =>
      vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'restoring',
        { viewColumn: vscode.ViewColumn.One, preserveFocus: true },
        {},
      );
    const disposed = (p: vscode.WebviewPanel) => {
      let gone = false;
      p.onDidDispose(() => {
        gone = true;
      });
      return () => gone;
    };

    it('captured the serializer the extension registered', () => {
      assert.equal(
        activeAtLoad,
        false,
        'the extension was already active when this file loaded (its serializer cannot be captured)',
      );
      assert.ok(serializer, `no serializer for ${VIEW_TYPE} was registered by the extension`);
    });

    it('brings back a closed report from its saved state, from Recent Lookups, without a request', async () => {
      assert.ok(serializer, 'the serializer was captured');
      await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
      const saved = (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model;
      assert.equal(saved?.state, 'report');
      await closeAllEditors();
      await until(async () => (await testState()).panels.length === 0, 'the panel closed', 5000);
      const before = sb.requests.length;

      const panel = newPanel();
      await serializer.deserializeWebviewPanel(panel, { v: 1, model: saved });
      const restored = await panelFor(SAMPLE.sendId, SAMPLE.number);
      assert.ok(restored, 'the extension tracks the restored panel');
      assert.equal(restored.model?.state, 'report');
      assert.equal(restored.model?.status?.code, 'DELIVERED');
      assert.deepEqual(fieldsById(restored.model), fieldsById(saved), 'the same fields');
      assert.match(restored.model?.subtitle ?? '', /From Recent Lookups/, 'rendered from the stored lookup');
      assert.ok((restored.model?.seq ?? 0) > (saved?.seq ?? 0), 'a newer model than the saved one');
      assert.ok(restored.html.includes('Content-Security-Policy'), 'the restored panel got its HTML');
      assert.equal(panel.title, `${SAMPLE.number} · send ${SAMPLE.sendId}`, 'and its title');
      await sleep(300);
      assert.equal(sb.requests.length, before, 'no request');

      // It is a working panel again: a refresh runs into it.
      assert.deepEqual(
        await vscode.commands.executeCommand('vairosms.refreshLookup', {
          sendId: SAMPLE.sendId,
          number: SAMPLE.number,
        }),
        { ok: true, status: 'DELIVERED' },
      );
      assert.equal((await testState()).panels.length, 1, 'the refresh used the restored panel');
    });

    it('shows a saved error as it was when nothing is stored, and closes panels with unusable or duplicate state', async () => {
      assert.ok(serializer, 'the serializer was captured');
      const errorModel = {
        v: 1,
        seq: 7,
        lang: 'en',
        sendId: '9002',
        number: SAMPLE.number,
        state: 'error',
        fields: [],
        title: 't',
        legend: [],
        strings: {},
        error: { kind: 'server', title: 'Server error', message: 'm', action: 'a', actions: [] },
        announcement: 'x',
      };
      const p1 = newPanel();
      await serializer.deserializeWebviewPanel(p1, { v: 1, model: errorModel });
      const shown = await panelFor('9002', SAMPLE.number);
      assert.equal(shown?.model?.state, 'error');
      assert.equal(shown?.model?.error?.kind, 'server');
      assert.equal(shown?.model?.seq, 8, 'the saved model, with the next sequence number');

      const cases: Array<[string, unknown]> = [
        ['no state', undefined],
        ['another version', { v: 1, model: { ...errorModel, v: 2, number: NUMBER_FOR_STATUS.SENT } }],
        ['a send ID that is not one', { v: 1, model: { ...errorModel, sendId: '../x' } }],
        ['a number that is not one', { v: 1, model: { ...errorModel, number: '1?api_key=x' } }],
        ['an unknown state', { v: 1, model: { ...errorModel, number: NUMBER_FOR_STATUS.SENT, state: 'evil' } }],
        [
          'mid-lookup with nothing stored',
          { v: 1, model: { ...errorModel, number: NUMBER_FOR_STATUS.SENT, state: 'loading' } },
        ],
        ['a duplicate of an open panel', { v: 1, model: errorModel }],
      ];
      for (const [what, state] of cases) {
        const p = newPanel();
        const gone = disposed(p);
        await serializer.deserializeWebviewPanel(p, state);
        await until(gone, `${what}: the panel is closed`, 3000);
      }
      const s = await testState();
      assert.deepEqual(
        s.panels.map((p) => `${p.sendId}:${p.number}`),
        [`9002:${SAMPLE.number}`],
        'only the valid one is tracked',
      );
    });
  });

  describe('ten lookups into one panel within a second', () => {
    for (const [how, gapMs] of [
      ['spread over a second', 90],
      ['all at once', 0],
    ] as const) {
      it(`the latest wins, the others end as cancelled (${how}), nothing unhandled`, async function () {
        this.timeout(30000);
        const rejections: unknown[] = [];
        const onRejection = (reason: unknown) => {
          rejections.push(reason);
        };
        process.on('unhandledRejection', onRejection);
        const messages = recordMessages();
        sb.setLatency(400);
        const before = sb.requests.length;
        const started = Date.now();
        try {
          const pending: Array<Promise<unknown>> = [];
          for (let i = 0; i < 10; i++) {
            if (i > 0 && gapMs) await sleep(gapMs);
            pending.push(
              Promise.resolve(vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number)),
            );
          }
          const spread = Date.now() - started;
          assert.ok(spread < 2000, `all ten started within about a second (${spread} ms)`);
          const outcomes = await Promise.all(pending);
          assert.deepEqual(
            outcomes.slice(0, 9),
            Array(9).fill({ ok: false, error: 'cancelled' }),
            'the nine earlier lookups end as cancelled',
          );
          assert.deepEqual(outcomes[9], { ok: true, status: 'DELIVERED' }, 'the last lookup wins');
          await sleep(500);
          const s = await testState();
          assert.equal(s.panels.length, 1, 'one panel');
          const m = s.panels[0].model;
          assert.equal(m?.state, 'report', 'the panel shows the report, not a loading or cancelled state');
          assert.equal(m?.status?.code, 'DELIVERED');
          assert.deepEqual(
            s.history.map((e) => e.number),
            [SAMPLE.number],
            'one history entry',
          );
          assert.deepEqual(messages.shown, [], 'no notification');
          const sent = sb.requests.length - before;
          console.log(`      ${how}: ${sent} request(s) reached the sandbox for 10 lookups`);
          assert.ok(sent >= 1 && sent <= 10);
          assert.deepEqual(rejections, [], 'no unhandled promise rejection');
        } finally {
          sb.setLatency(0);
          messages.restore();
          process.off('unhandledRejection', onRejection);
        }
      });
    }
  });
});
