// Watch Until Final in the real extension host, through the lookup service: the panel's Watch and Stop Watching
// buttons reach the watcher (they run the commands by id, no wiring to forget), and a lookup of the same report that
// takes over a running watch check (a Refresh) leaves the watch checking on its schedule instead of stalling.
// The full flow a user sees (status bar item, the notification when final, the timeline) is in test/ui/codingLookups.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NUMBER_FOR_STATUS, SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { leaveClean, panelFor, setApiKey, setSetting, testState, until } from './helpers';
import { seam } from '../surface/client';

const KEY = 'watch-suite-key-73';
const WAITING = { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING };

interface WatchState {
  sendId: string;
  number: string;
  status: string;
  nextAt: number;
  checks: number;
}
const watching = async (): Promise<WatchState[]> => ((await testState()) as { watching?: WatchState[] }).watching ?? [];

describe('watch: through the lookup service', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });

  after(async () => {
    await vscode.commands.executeCommand('vairosms.stopWatching', WAITING);
    await leaveClean(sb);
  });

  it("the panel's Watch button starts a watch of its report, and Stop Watching ends it", async () => {
    const outcome = await vscode.commands.executeCommand<{ ok: boolean; status?: string }>(
      'vairosms.lookUpReport',
      WAITING.sendId,
      WAITING.number,
    );
    assert.deepEqual(outcome, { ok: true, status: 'WAITING' });
    await until(async () => (await panelFor(WAITING.sendId, WAITING.number))?.model?.state === 'report', 'the report');
    const index = (await testState()).panels.findIndex((p) => p.number === WAITING.number);
    await seam.postFromWebview(index, { type: 'watch' });
    await until(async () => (await watching()).length === 1, 'the watch started');
    assert.equal((await watching())[0].number, WAITING.number);
    await until(
      async () => (await panelFor(WAITING.sendId, WAITING.number))?.model?.watching === true,
      'the panel shows Stop Watching',
    );
    await seam.postFromWebview(index, { type: 'stopWatching' });
    await until(async () => (await watching()).length === 0, 'the watch stopped');
    await until(
      async () => (await panelFor(WAITING.sendId, WAITING.number))?.model?.watching === false,
      'the panel shows Watch Until Final again',
    );
  });

  it('a Refresh that takes over a running watch check leaves the watch checking again later', async () => {
    await vscode.commands.executeCommand('vairosms.watchReport', WAITING);
    await until(async () => (await watching()).length === 1, 'the watch started');
    sb.setLatency(3000); // the first check starts 5 s after the watch: hold it on the wire
    try {
      await until(() => sb.inFlight > 0, 'the first watch check is on the wire', 15_000);
      const before = (await watching())[0];
      assert.equal(before.checks, 1);
      sb.setLatency(0);
      await vscode.commands.executeCommand('vairosms.refreshLookup', WAITING); // the same report: the check is superseded
      await until(
        async () => (await watching())[0]?.nextAt > Date.now(),
        'the watch scheduled its next check',
        10_000,
        async () => JSON.stringify(await watching()),
      );
      const after = (await watching())[0];
      assert.equal(after.checks, 1, 'the superseded check counted once');
      assert.ok(after.nextAt > before.nextAt, 'a new check is scheduled after the one that was taken over');
    } finally {
      sb.setLatency(0);
    }
  });
});
