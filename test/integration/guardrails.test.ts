// The usual guardrails hold whoever asks (#24 item 11): a language model tool's lookup records nothing in Recent
// Lookups and never cancels the user's own lookup of the same report; Clear All asks first even when a command
// argument says it need not.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { clearHistory, history, leaveClean, recordMessages, setApiKey, setSetting, until } from './helpers';

const KEY = 'guardrails-key-8c31';

async function invoke(name: string, input: object): Promise<string> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe('guardrails, whoever asks', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY, latencyMs: 1500 });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
    await clearHistory();
  });
  after(async () => leaveClean(sb));

  it("a tool's lookup records nothing, and the user's lookup of the same report running meanwhile still ends with its report", async () => {
    const user = vscode.commands.executeCommand<{ ok: boolean; status?: string }>(
      'vairosms.lookUpReport',
      SAMPLE.sendId,
      SAMPLE.number,
    );
    await until(() => sb.requests.length >= 1, 'the user lookup is on its way');
    const tool = await invoke('vairosms_lookUpReport', { sendId: SAMPLE.sendId, number: SAMPLE.number });
    assert.match(tool, /VairoSMS report of/);
    assert.deepEqual(await user, { ok: true, status: 'DELIVERED' }, 'not cancelled by the tool');
    const list = await history();
    assert.equal(list.length, 1, "only the user's lookup is in Recent Lookups");
    const before = list[0].checkedAt;
    await invoke('vairosms_lookUpReport', { sendId: SAMPLE.sendId, number: SAMPLE.number });
    assert.equal((await history())[0].checkedAt, before, 'a tool lookup leaves the entry as it was');
  });

  it('Clear All asks first even when called with an argument that used to skip the question', async () => {
    await until(async () => (await history()).length >= 1, 'a stored lookup');
    const asked = recordMessages(() => undefined); // the user dismisses the question
    try {
      await vscode.commands.executeCommand('vairosms.clearHistory', true);
    } finally {
      asked.restore();
    }
    assert.equal(asked.shown.filter((m) => m.modal).length, 1, 'the confirmation was shown');
    assert.equal((await history()).length, 1, 'nothing cleared without the answer');
  });
});
