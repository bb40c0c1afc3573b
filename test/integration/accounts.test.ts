// Several accounts in the real extension host against the sandbox, whose second key sees only its own send: the
// migration of the single key of earlier versions (and one interrupted half-way), Add / Switch / Rename / Remove
// Account with the names checked in the box, lookups with the active account, Recent Lookups remembering each
// lookup's account (refresh uses it; a removed one asks), a batch and a watch keeping their account when the user
// switches, the removed account's key gone from SecretStorage, and neither key anywhere in the user data folder.
// What a user sees (the status bar item, the tree, both languages) is test/ui/accounts.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE, SECOND_ACCOUNT, batchNumber, NUMBER_FOR_STATUS } from '../sandbox/data';
import { TEXT, startSandbox, type Sandbox } from '../sandbox/server';
import {
  BACK,
  fakeInputBoxes,
  history,
  leaveClean,
  listFiles,
  panelFor,
  recordMessages,
  scanFiles,
  setApiKey,
  setSetting,
  stubWindow,
  testState,
  until,
  userDataDir,
} from './helpers';
import { seam } from '../surface/client';
import { confirmedBatch } from './batchConfirm';

const KEY_A = 'ACCOUNT-A-KEY-51c3&x';
const KEY_B = 'ACCOUNT-B-KEY-8e2d%y';
const LEGACY = 'vairosms.apiKey';

interface Accounts {
  v: 1;
  accounts: Array<{ id: string; name: string }>;
  active?: string;
}
const accounts = async () => (await seam.accounts()) as Accounts;
const secretExists = (name: string) => seam.secret('has', name);
const idOf = async (name: string) => (await accounts()).accounts.find((a) => a.name === name)?.id;
const lookUp = (sendId: string, number: string) =>
  vscode.commands.executeCommand<{ ok: boolean; status?: string; error?: string }>(
    'vairosms.lookUpReport',
    sendId,
    number,
  );

/** Runs a command while the quick pick answers with the item whose label contains `label`. */
async function withPick<T>(label: string, run: () => Thenable<T>): Promise<{ value: T; asked: string[] }> {
  const asked: string[] = [];
  const restore = stubWindow(
    'showQuickPick',
    async (
      items: Array<vscode.QuickPickItem> | Thenable<Array<vscode.QuickPickItem>>,
      options?: { placeHolder?: string },
    ) => {
      asked.push(options?.placeHolder ?? '');
      return (await items).find((i) => i.label.includes(label));
    },
  );
  try {
    return { value: await run(), asked };
  } finally {
    restore();
  }
}

async function addAccount(name: string, key: string): Promise<string | undefined> {
  const boxes = fakeInputBoxes([name, key]);
  const messages = recordMessages();
  try {
    return await vscode.commands.executeCommand<string | undefined>('vairosms.addAccount');
  } finally {
    boxes.restore();
    messages.restore();
  }
}

async function resetAccounts(): Promise<void> {
  for (const a of (await accounts()).accounts) await seam.secret('delete', `vairosms.apiKey.${a.id}`);
  await seam.secret('delete', LEGACY);
  await seam.setStoredAccounts(undefined);
}

describe('accounts: named API keys, one active', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY_A, secondKey: KEY_B });
    await setSetting('apiRoot', sb.root);
    await resetAccounts();
  });
  after(async () => {
    await vscode.commands.executeCommand('vairosms.stopWatching', {
      sendId: SECOND_ACCOUNT.sendId,
      number: SECOND_ACCOUNT.waiting,
    });
    await resetAccounts();
    await leaveClean(sb);
  });
  beforeEach(() => {
    sb.setLatency(0);
    sb.resetStats();
  });

  it('migrates the single key of earlier versions to "Default", active, without a prompt', async () => {
    assert.equal(await seam.secret('store', LEGACY, KEY_A), true);
    await seam.setStoredAccounts(undefined);
    const boxes = fakeInputBoxes([]);
    try {
      assert.deepEqual(await lookUp(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 0, 'nothing was asked');
    assert.deepEqual(await accounts(), { v: 1, accounts: [{ id: 'default', name: 'Default' }], active: 'default' });
    assert.equal(sb.requests.at(-1)?.account, 1, 'the migrated key was sent');
    assert.equal(await secretExists(LEGACY), false, 'the old secret is gone');
    assert.equal(await secretExists('vairosms.apiKey.default'), true);
  });

  it('a migration interrupted after the new secret was stored runs again and loses nothing', async () => {
    await resetAccounts();
    await seam.secret('store', LEGACY, KEY_A);
    await seam.secret('store', 'vairosms.apiKey.default', KEY_A); // stored, but the list was never written
    await seam.setStoredAccounts(undefined);
    assert.deepEqual(await lookUp(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
    assert.deepEqual((await accounts()).accounts, [{ id: 'default', name: 'Default' }]);
    assert.equal(await secretExists(LEGACY), false);
  });

  it('Add Account… refuses a bad name in its box, with the reason, and adds nothing', async () => {
    for (const [name, reason] of [
      ['   ', 'Give the account a name.'],
      ['default', 'An account named "Default" already exists.'],
      ['x'.repeat(41), 'At most 40 characters.'],
      ['[x](command:y)', "Use letters, digits, spaces and . _ - ( ) ' & + @ # only."],
    ]) {
      const boxes = fakeInputBoxes([name]);
      try {
        assert.equal(await vscode.commands.executeCommand('vairosms.addAccount'), undefined, name);
      } finally {
        boxes.restore();
      }
      const box = boxes.asked[0];
      assert.equal(box.refused, true, `"${name}" was refused`);
      const shown = typeof box.validationMessage === 'string' ? box.validationMessage : box.validationMessage?.message;
      assert.equal(shown, reason);
    }
    assert.equal((await accounts()).accounts.length, 1);
  });

  it('Add Account… asks for the name, then the key in a password box (Back keeps the name), and makes it active', async () => {
    const boxes = fakeInputBoxes(['Müşteri B', BACK, 'Müşteri B', KEY_B]);
    const messages = recordMessages();
    let id: string | undefined;
    try {
      id = await vscode.commands.executeCommand<string>('vairosms.addAccount');
    } finally {
      boxes.restore();
      messages.restore();
    }
    assert.ok(id, 'an account id');
    assert.deepEqual(
      boxes.asked.map((b) => [b.step, b.totalSteps, b.password ?? false]),
      [
        [1, 2, false],
        [2, 2, true],
        [1, 2, false],
        [2, 2, true],
      ],
    );
    assert.equal(boxes.asked[2].initialValue, 'Müşteri B', 'Back keeps the name typed');
    assert.equal((await accounts()).active, id);
    assert.deepEqual(
      (await accounts()).accounts.map((a) => a.name),
      ['Default', 'Müşteri B'],
    );
    assert.deepEqual(messages.texts('information'), ['Account Müşteri B added; lookups now use it.']);
  });

  it('looks up with the active account: each key sees its own sends, and says "Gönderim bulunamadı." for the other', async () => {
    assert.deepEqual(await lookUp(SECOND_ACCOUNT.sendId, SECOND_ACCOUNT.number), { ok: true, status: 'DELIVERED' });
    assert.equal(sb.requests.at(-1)?.account, 2);
    const b = await idOf('Müşteri B');
    assert.equal((await history()).find((e) => e.sendId === SECOND_ACCOUNT.sendId)?.account, b);
    await withPick('Default', () => vscode.commands.executeCommand('vairosms.switchAccount'));
    assert.equal((await accounts()).active, 'default');
    const other = await lookUp(SECOND_ACCOUNT.sendId, NUMBER_FOR_STATUS.DELIVERED);
    assert.deepEqual(other, { ok: false, error: 'not-found' });
    const m = (await panelFor(SECOND_ACCOUNT.sendId, NUMBER_FOR_STATUS.DELIVERED))?.model as {
      error?: { providerText?: string };
    };
    assert.equal(m.error?.providerText, TEXT.otherAccount);
    assert.equal(sb.requests.at(-1)?.account, 1);
  });

  it("keeps each account's send summary in its own panels: the other account's send of the same ID is another send", async () => {
    // After the test above: "Müşteri B" sees send 801 (a summary, paket_durum 1); "Default" does not (the summary
    // fails with "Gönderim bulunamadı."). One account's summary never lands in the other's panel or entries.
    type WithSend = { send?: { state?: string } };
    const sendOf = async (number: string) => ((await panelFor(SECOND_ACCOUNT.sendId, number))?.model as WithSend)?.send;
    await until(async () => (await sendOf(NUMBER_FOR_STATUS.DELIVERED))?.state === 'error', "Default's summary failed");
    assert.equal((await sendOf(SECOND_ACCOUNT.number))?.state, 'summary', "B's panel keeps B's summary");
    const entries = (await history()).filter((e) => e.sendId === SECOND_ACCOUNT.sendId);
    assert.equal(entries.find((e) => e.number === SECOND_ACCOUNT.number)?.sendState, 1);
    assert.equal(entries.find((e) => e.number === NUMBER_FOR_STATUS.DELIVERED)?.sendState, undefined);
    // B's summary asked again (Look Up Send Summary with B active) is drawn into B's panel only.
    await withPick('Müşteri B', () => vscode.commands.executeCommand('vairosms.switchAccount'));
    await vscode.commands.executeCommand('vairosms.lookUpSend', SECOND_ACCOUNT.sendId);
    assert.equal((await sendOf(NUMBER_FOR_STATUS.DELIVERED))?.state, 'error', "Default's panel keeps its own");
    await withPick('Default', () => vscode.commands.executeCommand('vairosms.switchAccount'));
  });

  it("Refresh uses the lookup's own account, not the active one, and the panel names it", async () => {
    assert.equal((await accounts()).active, 'default');
    sb.resetStats();
    await vscode.commands.executeCommand('vairosms.refreshLookup', {
      sendId: SECOND_ACCOUNT.sendId,
      number: SECOND_ACCOUNT.number,
    });
    assert.deepEqual(
      sb.requests.map((r) => r.account),
      [2],
    );
    const fields = (await panelFor(SECOND_ACCOUNT.sendId, SECOND_ACCOUNT.number))?.model?.fields ?? [];
    assert.equal(fields.find((f) => f.id === 'account')?.value, 'Müşteri B');
  });

  it('a batch keeps the account it started with when the user switches meanwhile', async () => {
    await withPick('Müşteri B', () => vscode.commands.executeCommand('vairosms.switchAccount'));
    sb.setLatency(300);
    const numbers = [
      SECOND_ACCOUNT.number,
      SECOND_ACCOUNT.waiting,
      ...Array.from({ length: 6 }, (_, i) => batchNumber(i)),
    ];
    const running = confirmedBatch<{ items: unknown[] }>(SECOND_ACCOUNT.sendId, numbers);
    await until(() => sb.requests.length > 0, 'the batch started');
    await withPick('Default', () => vscode.commands.executeCommand('vairosms.switchAccount'));
    await running;
    assert.ok(sb.requests.length >= numbers.length);
    assert.deepEqual([...new Set(sb.requests.map((r) => r.account))], [2], 'every request with the second key');
    assert.deepEqual([...new Set(sb.summaryRequests.map((r) => r.account))], [2]);
  });

  it('a watch keeps the account of the report it watches', async () => {
    assert.equal((await accounts()).active, 'default');
    const key = { sendId: SECOND_ACCOUNT.sendId, number: SECOND_ACCOUNT.waiting };
    await vscode.commands.executeCommand('vairosms.watchReport', key);
    await until(async () => ((await testState()) as { watching?: unknown[] }).watching?.length === 1, 'watching');
    sb.resetStats();
    await until(() => sb.requests.length > 0, 'the first check', 15_000);
    assert.equal(sb.requests[0].account, 2);
    await vscode.commands.executeCommand('vairosms.stopWatching', key);
  });

  it('Rename Account… renames; the panel and the lists follow', async () => {
    const b = await idOf('Müşteri B');
    const boxes = fakeInputBoxes(['Müşteri Beta']);
    try {
      assert.equal(await vscode.commands.executeCommand('vairosms.renameAccount', b), 'Müşteri Beta');
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked[0].initialValue, 'Müşteri B');
    assert.deepEqual(
      (await accounts()).accounts.map((a) => a.name),
      ['Default', 'Müşteri Beta'],
    );
    await until(
      async () =>
        (await panelFor(SECOND_ACCOUNT.sendId, SECOND_ACCOUNT.number))?.model?.fields.find((f) => f.id === 'account')
          ?.value === 'Müşteri Beta',
      'the open report names the account by its new name',
    );
  });

  it('Remove Account… asks first, deletes its key; refreshing one of its lookups then asks which account', async () => {
    const b = (await idOf('Müşteri Beta'))!;
    const cancel = recordMessages(() => undefined);
    try {
      assert.equal(await vscode.commands.executeCommand('vairosms.removeAccount', b), false);
    } finally {
      cancel.restore();
    }
    assert.equal(cancel.shown[0].modal, true, 'a modal confirmation');
    assert.equal(await secretExists(`vairosms.apiKey.${b}`), true, 'cancelled: nothing removed');
    const confirm = recordMessages((m) => (m.modal ? 'Remove Account' : undefined));
    try {
      assert.equal(await vscode.commands.executeCommand('vairosms.removeAccount', b), true);
    } finally {
      confirm.restore();
    }
    assert.equal(await secretExists(`vairosms.apiKey.${b}`), false, "the removed account's key is gone");
    assert.deepEqual(
      (await accounts()).accounts.map((a) => a.id),
      ['default'],
    );

    sb.resetStats();
    const { asked } = await withPick('Default', () =>
      vscode.commands.executeCommand('vairosms.refreshLookup', {
        sendId: SECOND_ACCOUNT.sendId,
        number: SECOND_ACCOUNT.number,
      }),
    );
    assert.deepEqual(asked, ['The account this report was looked up with was removed. Refresh it with which account?']);
    assert.equal(sb.requests.at(-1)?.account, 1, 'refreshed with the account picked');
  });

  it('Set API Key sets the active account\'s key; with no account it creates "Default"', async () => {
    await resetAccounts();
    await setApiKey(KEY_A);
    assert.deepEqual((await accounts()).accounts, [{ id: 'default', name: 'Default' }]);
    assert.deepEqual(await lookUp(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
  });

  it('neither key is anywhere in the user data folder: settings, globalState, logs, history', async () => {
    await addAccount('Scan B', KEY_B);
    await lookUp(SECOND_ACCOUNT.sendId, SECOND_ACCOUNT.number);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 1500)); // let globalState and the log flush
    const files = listFiles(userDataDir());
    assert.ok(files.length > 10, `scanned ${files.length} files`);
    for (const key of [KEY_A, KEY_B]) assert.deepEqual(scanFiles(files, key), [], `a form of ${key.slice(0, 9)}…`);
  });
});
