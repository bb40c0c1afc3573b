// Recent Lookups in the real extension host: one entry per send ID + number (newest first), the
// vairosms.maxRecentLookups cap, what globalState holds (no key, no URL), Remove, Clear All (with and without the
// modal's confirmation), vairosms.history.keepMessageText, and reopening a stored lookup without a request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, OVERSIZED, SAMPLE, SAMPLE_REPORT } from '../sandbox/data';
import {
  clearHistory,
  closeAllEditors,
  history,
  leaveClean,
  panelFor,
  recordMessages,
  scanText,
  setApiKey,
  setSetting,
  sleep,
  testState,
  until,
  type HistoryItem,
} from './helpers';
import { seam } from '../surface/client';

const KEY = 'history-suite-key&=?';

/** What the extension persists for an entry: the report's echo of the send ID and number is dropped when equal, and
 *  a timeline of a single point (derivable from the status and checkedAt) is not stored. */
function compact(e: HistoryItem): HistoryItem {
  const { timeline, ...entry } = e as HistoryItem & { timeline?: unknown[] };
  if (!e.report) return { ...entry, ...(timeline && timeline.length > 1 ? { timeline } : {}) } as HistoryItem; // a failure
  const { sendId, number, ...rest } = e.report as NonNullable<HistoryItem['report']> & {
    sendId?: string;
    number?: string;
  };
  return {
    ...entry,
    ...(timeline && timeline.length > 1 ? { timeline } : {}),
    report: {
      ...rest,
      ...(sendId !== undefined && sendId !== e.sendId ? { sendId } : {}),
      ...(number !== undefined && number !== e.number ? { number } : {}),
    },
  } as HistoryItem;
}

/** Proves the in-memory list is what globalState holds: the stored value's JSON has the same size and count. */
async function assertPersisted(list: HistoryItem[]): Promise<void> {
  const stored = await seam.benchTree();
  assert.equal(stored.entries, list.length, 'entries in the tree = entries in the state');
  const expected = list.length ? JSON.stringify(list.map(compact)).length : JSON.stringify(null).length;
  assert.equal(
    stored.storedBytes,
    expected,
    `globalState["vairosms.recentLookups.v1"] holds exactly the ${list.length} entries`,
  );
}

describe('history: Recent Lookups', () => {
  let sb: Sandbox;
  const lookup = async (sendId: string, number: string): Promise<unknown> =>
    vscode.commands.executeCommand('vairosms.lookUpReport', sendId, number);
  const keys = (list: HistoryItem[]) => list.map((e) => `${e.sendId}:${e.number}`);
  const k = (number: string, sendId: string = SAMPLE.sendId) => `${sendId}:${number}`;

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

  afterEach(async () => {
    await setSetting('maxRecentLookups', undefined);
    await setSetting('history.keepMessageText', undefined);
  });

  after(async function () {
    this.timeout(30000);
    await leaveClean(sb);
  });

  it('keeps one entry per send ID + number, newest first', async () => {
    assert.deepEqual(await lookup(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
    const first = (await history())[0];
    assert.deepEqual(await lookup(SAMPLE.sendId, NUMBER_FOR_STATUS.WAITING), { ok: true, status: 'WAITING' });
    assert.deepEqual(keys(await history()), [k(NUMBER_FOR_STATUS.WAITING), k(SAMPLE.number)]);
    assert.deepEqual(await lookup(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
    const list = await history();
    assert.deepEqual(
      keys(list),
      [k(SAMPLE.number), k(NUMBER_FOR_STATUS.WAITING)],
      'the repeated lookup moved to the top, not added twice',
    );
    assert.ok(list[0].checkedAt > first.checkedAt, 'the entry carries the newer check time');
    assert.equal(list[0].report?.status, 'DELIVERED');
    await assertPersisted(list);
  });

  it('keeps only the newest vairosms.maxRecentLookups entries', async () => {
    await setSetting('maxRecentLookups', 3);
    const numbers = [
      NUMBER_FOR_STATUS.DEFAULT,
      NUMBER_FOR_STATUS.SENDING,
      NUMBER_FOR_STATUS.WAITING,
      NUMBER_FOR_STATUS.DELIVERED,
      NUMBER_FOR_STATUS.SENT,
    ];
    for (const n of numbers) assert.equal(((await lookup(SAMPLE.sendId, n)) as { ok: boolean }).ok, true);
    const list = await history();
    assert.deepEqual(
      keys(list),
      numbers
        .slice(-3)
        .reverse()
        .map((n) => k(n)),
      'the three newest, newest first',
    );
    await assertPersisted(list);

    // Lowering the cap trims what is stored at once.
    await setSetting('maxRecentLookups', 1);
    await until(async () => (await history()).length === 1, 'trimmed to the new cap', 5000);
    assert.deepEqual(keys(await history()), [k(NUMBER_FOR_STATUS.SENT)]);
    await assertPersisted(await history());
  });

  it('stores plain records: no key, no URL, no host, in globalState', async () => {
    for (const n of [SAMPLE.number, NUMBER_FOR_STATUS.REJECTED]) await lookup(SAMPLE.sendId, n);
    const messages = recordMessages();
    try {
      assert.equal(((await lookup('9002', SAMPLE.number)) as { ok: boolean }).ok, false, 'a failure (HTML 502)');
    } finally {
      messages.restore();
    }
    const list = await history();
    assert.deepEqual(keys(list), [k(SAMPLE.number, '9002'), k(NUMBER_FOR_STATUS.REJECTED), k(SAMPLE.number)]);
    assert.equal(list[0].report, undefined, 'the failure is kept, with no report');
    assert.deepEqual([list[0].failure?.kind, list[0].failure?.httpStatus], ['server', 502]);
    const json = JSON.stringify(list);
    assert.deepEqual(scanText('history', json, KEY), [], 'no form of the key');
    assert.doesNotMatch(json, /api_key|https?:|127\.0\.0\.1|Panel\/api/, 'no URL or host');
    assert.ok(!json.includes(String(sb.port)), 'no port');
    for (const e of list) {
      assert.deepEqual(
        Object.keys(e)
          .sort()
          .filter((x) => x !== 'timeline' && x !== 'sendState' && x !== 'account'),
        e.failure ? ['checkedAt', 'failure', 'number', 'sendId'] : ['checkedAt', 'number', 'report', 'sendId'],
      );
      if (e.failure)
        assert.deepEqual(
          Object.keys(e.failure).sort(),
          ['at', 'httpStatus', 'kind'],
          'a failure keeps no text from outside',
        );
      assert.equal(typeof e.checkedAt, 'number');
      assert.ok(e.sendState === undefined || [-1, 0, 1].includes(e.sendState), "the send's state is only -1, 0 or 1");
      assert.ok(
        e.account === undefined || /^(default|a[0-9a-z]{4,16})$/.test(e.account),
        `the account is an id, never a key or a name: ${e.account}`,
      );
    }
    const sample = list.find((e) => e.number === SAMPLE.number && e.sendId === SAMPLE.sendId);
    assert.equal(sample?.report?.message, SAMPLE_REPORT.mesaj, 'the message text is kept by default');
    await assertPersisted(list);
  });

  it('removes one lookup with vairosms.removeLookup, and nothing for arguments that are not a lookup', async () => {
    const numbers = [NUMBER_FOR_STATUS.DEFAULT, NUMBER_FOR_STATUS.SENDING, NUMBER_FOR_STATUS.WAITING];
    for (const n of numbers) await lookup(SAMPLE.sendId, n);
    for (const junk of [
      undefined,
      'x',
      { sendId: '../x', number: NUMBER_FOR_STATUS.SENDING },
      { sendId: SAMPLE.sendId },
      [SAMPLE.sendId, NUMBER_FOR_STATUS.SENDING],
    ]) {
      await vscode.commands.executeCommand('vairosms.removeLookup', junk);
    }
    assert.equal((await history()).length, 3, 'nothing removed by junk arguments');
    await vscode.commands.executeCommand('vairosms.removeLookup', {
      sendId: SAMPLE.sendId,
      number: NUMBER_FOR_STATUS.SENDING,
    });
    const list = await history();
    assert.deepEqual(keys(list), [k(NUMBER_FOR_STATUS.WAITING), k(NUMBER_FOR_STATUS.DEFAULT)]);
    await assertPersisted(list);
  });

  it('clears everything only when the modal warning is confirmed with "Clear All"', async () => {
    for (const n of [SAMPLE.number, NUMBER_FOR_STATUS.EXPIRED]) await lookup(SAMPLE.sendId, n);
    const declined = recordMessages(() => undefined);
    try {
      await vscode.commands.executeCommand('vairosms.clearHistory');
    } finally {
      declined.restore();
    }
    assert.equal(declined.shown.length, 1, 'one confirmation');
    const [ask] = declined.shown;
    assert.equal(ask.kind, 'warning');
    assert.equal(ask.modal, true, 'a modal dialog');
    assert.deepEqual(ask.items, ['Clear All']);
    assert.match(ask.text, /Remove all 2 lookups from Recent Lookups/);
    assert.equal((await history()).length, 2, 'dismissed: nothing cleared');

    const confirmed = recordMessages((m) => (m.kind === 'warning' && m.modal ? 'Clear All' : undefined));
    try {
      await vscode.commands.executeCommand('vairosms.clearHistory');
    } finally {
      confirmed.restore();
    }
    assert.deepEqual(
      confirmed.shown.map((m) => [m.kind, m.text, m.items]),
      [
        ['warning', ask.text, ['Clear All']],
        ['information', 'Cleared 2 lookups from Recent Lookups.', ['Undo']],
      ],
      'the confirmation, then the offer to undo',
    );
    assert.deepEqual(await history(), [], 'confirmed: cleared');
    await assertPersisted([]);
  });

  it('Undo stores what it brings back as entries are stored now: no SMS text once keepMessageText is off', async () => {
    await lookup(SAMPLE.sendId, SAMPLE.number);
    assert.equal((await history())[0].report?.message, SAMPLE_REPORT.mesaj);
    let undo: (a: string | undefined) => void = () => undefined;
    const later = new Promise<string | undefined>((resolve) => (undo = resolve));
    const answered = recordMessages((m) => (m.items.includes('Undo') ? later : undefined));
    try {
      await vscode.commands.executeCommand('vairosms.removeLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number });
      await until(() => answered.texts('information').length === 1, 'the offer to undo');
      await setSetting('history.keepMessageText', false); // turned off while the Undo is still on offer
      undo('Undo');
      await until(async () => (await history()).length === 1, 'the lookup is back');
    } finally {
      answered.restore();
      await setSetting('history.keepMessageText', undefined);
    }
    assert.equal((await history())[0].report?.message, undefined, 'without its SMS text');
    assert.doesNotMatch(JSON.stringify(await history()), /ceviz/);
  });

  it('Undo after Remove or Clear All puts the lookups back where they stood; a newer lookup of one wins', async () => {
    for (const n of [SAMPLE.number, NUMBER_FOR_STATUS.EXPIRED, NUMBER_FOR_STATUS.SENT]) await lookup(SAMPLE.sendId, n);
    const before = await history();
    const undo = (m: { kind: string; modal?: boolean; items: readonly string[] }) =>
      m.kind === 'warning' && m.modal ? 'Clear All' : m.items.includes('Undo') ? 'Undo' : undefined;
    let answered = recordMessages(undo);
    try {
      await vscode.commands.executeCommand('vairosms.removeLookup', {
        sendId: SAMPLE.sendId,
        number: NUMBER_FOR_STATUS.EXPIRED,
      });
      await until(async () => (await history()).length === 3, 'the removed lookup is back');
    } finally {
      answered.restore();
    }
    assert.match(
      answered.texts('information')[0],
      new RegExp(`^Removed ${NUMBER_FOR_STATUS.EXPIRED} \\(send #${SAMPLE.sendId}\\)`),
    );
    assert.deepEqual(keys(await history()), keys(before), 'in its place, the middle one');
    answered = recordMessages(undo);
    try {
      await vscode.commands.executeCommand('vairosms.clearHistory');
      await until(async () => (await history()).length === 3, 'the cleared lookups are back');
    } finally {
      answered.restore();
    }
    assert.deepEqual(keys(await history()), keys(before));
    await assertPersisted(await history());
  });

  it('stores a report far over every cap cut to size and marked: 4 K of message, 8 fields of 100 (rows 24, 38)', async () => {
    await lookup(SAMPLE.sendId, OVERSIZED.number);
    const stored = (await history()).find((e) => e.number === OVERSIZED.number);
    assert.ok(stored, 'stored');
    assert.equal(String(stored.report!.message).length, 4096);
    const report = stored.report as {
      extra?: Record<string, unknown>;
      cut?: { message?: number; droppedFields?: number };
    };
    assert.equal(report.cut?.message, OVERSIZED.messageLength);
    assert.equal(Object.keys(report.extra ?? {}).length, 8);
    assert.ok(Object.values(report.extra ?? {}).every((v) => String(v).length <= 100));
    assert.equal(report.cut?.droppedFields, OVERSIZED.extraFields - 8);
    assert.ok(JSON.stringify(stored).length < 16 * 1024, `${JSON.stringify(stored).length} characters stored`);
    // Reopened from Recent Lookups, the panel says the text was cut.
    await closeAllEditors();
    await vscode.commands.executeCommand('vairosms.openLookup', { sendId: SAMPLE.sendId, number: OVERSIZED.number });
    await until(async () => (await panelFor(SAMPLE.sendId, OVERSIZED.number))?.model?.state === 'report', 'reopened');
    const model = (await panelFor(SAMPLE.sendId, OVERSIZED.number))?.model as { message?: { note?: string } };
    assert.match(model.message?.note ?? '', /Shortened to its first 4,096 of 300,000 characters when saved/);
  });

  it('Clear All also closes the open reports: no model, raw answer or saved state of them is left (row 23)', async () => {
    await lookup(SAMPLE.sendId, SAMPLE.number);
    await until(async () => (await testState()).panels.length >= 1, 'the report is open');
    const confirmed = recordMessages((m) => (m.kind === 'warning' && m.modal ? 'Clear All' : undefined));
    try {
      await vscode.commands.executeCommand('vairosms.clearHistory');
    } finally {
      confirmed.restore();
    }
    assert.match(confirmed.shown[0].text, /open report tabs? close/); // one lookup: "its open report tab closes"
    await until(async () => (await testState()).panels.length === 0, 'the report panels closed', 5000);
    const after = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.showRawResponse', {
        sendId: SAMPLE.sendId,
        number: SAMPLE.number,
      });
      assert.match(after.texts('information')[0] ?? '', /There is no response to show yet/, 'no raw answer is kept');
    } finally {
      after.restore();
    }
  });

  it('stores no message text with vairosms.history.keepMessageText = false, and strips what was stored', async () => {
    await lookup(SAMPLE.sendId, SAMPLE.number);
    assert.equal((await history())[0].report?.message, SAMPLE_REPORT.mesaj);
    await setSetting('history.keepMessageText', false);
    await until(
      async () => (await history()).every((e) => e.report!.message === undefined),
      'stored message texts removed',
      5000,
    );
    await lookup(SAMPLE.sendId, NUMBER_FOR_STATUS.NOT_DELIVERED);
    const list = await history();
    assert.deepEqual(keys(list), [k(NUMBER_FOR_STATUS.NOT_DELIVERED), k(SAMPLE.number)]);
    for (const e of list) {
      assert.equal(e.report!.message, undefined, `no message text stored for ${e.number}`);
      assert.equal(e.report!.status.length > 0, true, 'the rest of the report is kept');
    }
    assert.doesNotMatch(JSON.stringify(list), /ceviz|Üyeliğiniz/, 'no text of either message');
    await assertPersisted(list);
  });

  it('reopens a stored lookup (vairosms.openLookup) without any request', async () => {
    await lookup(SAMPLE.sendId, SAMPLE.number);
    await closeAllEditors();
    await until(async () => (await testState()).panels.length === 0, 'the panel closed', 5000);
    const before = sb.requests.length;
    await vscode.commands.executeCommand('vairosms.openLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number });
    await until(
      async () => (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model?.state === 'report',
      'the stored report is shown',
      5000,
    );
    const model = (await panelFor(SAMPLE.sendId, SAMPLE.number))?.model;
    assert.equal(model?.status?.code, 'DELIVERED');
    assert.match(model?.subtitle ?? '', /From Recent Lookups/);
    assert.equal(model?.message?.text, SAMPLE_REPORT.mesaj);

    const messages = recordMessages();
    try {
      await vscode.commands.executeCommand('vairosms.openLookup', {
        sendId: SAMPLE.sendId,
        number: NUMBER_FOR_STATUS.SENT,
      });
    } finally {
      messages.restore();
    }
    assert.match(
      messages.texts('warning').join(' | '),
      /no longer in Recent Lookups/,
      'a lookup that is not stored: a warning',
    );
    await sleep(500);
    assert.equal(sb.requests.length, before, 'no request reached the sandbox');
    assert.equal(
      await panelFor(SAMPLE.sendId, NUMBER_FOR_STATUS.SENT),
      undefined,
      'no panel for a lookup that is not stored',
    );
  });
});
