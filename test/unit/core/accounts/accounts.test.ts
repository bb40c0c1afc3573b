// Accounts as data (src/core/accounts/accounts.ts, src/core/accounts/accountName.ts): the rules a name follows, the repair of what
// globalState holds, and the changes the commands make. The store and the commands are in
// test/integration/accounts.test.ts; what a user sees in test/ui/accounts.test.ts.
import { strict as assert } from 'node:assert';
import { accountCount, activeAccountLabel } from '../../../../src/core/accounts/accountName';
import {
  EMPTY,
  addAccount,
  checkName,
  newAccountId,
  removeAccount,
  renameAccount,
  repairAccounts,
  switchAccount,
  type AccountsState,
} from '../../../../src/core/accounts/accounts';
import { repairHistory } from '../../../../src/core/history/history';

const two: AccountsState = {
  v: 1,
  accounts: [
    { id: 'default', name: 'Default' },
    { id: 'a0000test', name: 'Müşteri A' },
  ],
  active: 'a0000test',
};

describe('account names', () => {
  it('are trimmed, inner spaces collapsed, 1 to 40 characters', () => {
    assert.deepEqual(checkName('  Test   hesabı ', []), { ok: true, name: 'Test hesabı' });
    assert.equal(checkName('   ', []).ok, false);
    assert.equal(checkName('x'.repeat(40), []).ok, true);
    assert.equal(checkName('x'.repeat(41), []).ok, false);
    assert.equal(checkName('ş'.repeat(40), []).ok, true, 'counted in characters, not bytes');
    assert.deepEqual(checkName('tab\there', []), { ok: true, name: 'tab here' }, 'a tab is a space');
  });

  it('are unique, ignoring case but not accents', () => {
    const r = checkName('müşteri a', two.accounts);
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /An account named "Müşteri A" already exists\./);
    assert.equal(checkName('Müşteri A', two.accounts, 'a0000test').ok, true, 'renaming to its own name');
  });

  it('hold no brackets, colons, slashes, $ or control characters: safe in notifications and the status bar', () => {
    for (const bad of ['[x](command:y)', 'a:b', 'a/b', '$(zap) x', 'bell\u0007', 'rtl\u202eoverride', '<b>'])
      assert.equal(checkName(bad, []).ok, false, bad);
    for (const good of ["O'Neil & Co.", 'Test-2 (staging)', 'İstanbul #1', 'ops@acme', 'Çağrı_Merkezi+'])
      assert.equal(checkName(good, []).ok, true, good);
  });
});

describe('the stored list of accounts', () => {
  it('is repaired: wrong shapes, bad ids, bad or duplicate names dropped, the active id kept valid', () => {
    assert.deepEqual(repairAccounts(undefined), EMPTY);
    assert.deepEqual(repairAccounts('x'), EMPTY);
    const r = repairAccounts({
      accounts: [
        { id: 'default', name: 'Default' },
        { id: 'default', name: 'Again' },
        { id: '../x', name: 'Bad id' },
        { id: 'a1234', name: '[x](command:y)' },
        { id: 'a5678', name: 'DEFAULT' },
        { id: 'a9999', name: 'Prod' },
        null,
      ],
      active: 'gone',
    });
    assert.deepEqual(r, {
      v: 1,
      accounts: [
        { id: 'default', name: 'Default' },
        { id: 'a9999', name: 'Prod' },
      ],
      active: 'default',
    });
  });

  it('add makes the new account active; remove moves the active one to the first left; switch needs a real id', () => {
    const added = addAccount(two, { id: 'a1111', name: 'Prod' });
    assert.equal(added.active, 'a1111');
    assert.equal(removeAccount(added, 'a1111').active, 'default');
    assert.equal(removeAccount(two, 'default').active, 'a0000test', 'removing another keeps the active one');
    assert.deepEqual(removeAccount({ v: 1, accounts: [{ id: 'default', name: 'D' }], active: 'default' }, 'default'), {
      v: 1,
      accounts: [],
    });
    assert.equal(switchAccount(two, 'default').active, 'default');
    assert.equal(switchAccount(two, 'nope').active, 'a0000test');
    assert.equal(renameAccount(two, 'default', 'Test').accounts[0].name, 'Test');
  });

  it('gives a new account an id no other has', () => {
    let n = 0;
    const fixed = [0.5, 0.5, 0.25];
    const state = addAccount(EMPTY, { id: newAccountId(EMPTY, () => 0.5), name: 'A' });
    const id = newAccountId(state, () => fixed[n++]);
    assert.notEqual(id, state.accounts[0].id);
    assert.match(id, /^a[0-9a-z]{8}$/);
  });

  it('tells the activation shell the active name only when there are two or more, and only a valid name', () => {
    assert.equal(activeAccountLabel(two), 'Müşteri A');
    assert.equal(activeAccountLabel({ ...two, accounts: two.accounts.slice(0, 1), active: 'default' }), undefined);
    assert.equal(
      activeAccountLabel({ ...two, accounts: [two.accounts[0], { id: 'a0000test', name: '$(zap)' }] }),
      undefined,
    );
    assert.equal(accountCount(two), 2);
    assert.equal(accountCount({ accounts: 'x' }), 0);
  });

  it('a Recent Lookups entry keeps its account as an id, never anything else', () => {
    const entry = (account: unknown) => ({
      sendId: '187',
      number: '5399999999',
      checkedAt: 1,
      report: { status: 'DELIVERED' },
      account,
    });
    assert.equal(repairHistory([entry('a0000test')], 50).entries[0].account, 'a0000test');
    assert.equal(repairHistory([entry('sk-live-123456')], 50).entries[0].account, undefined);
    assert.equal(repairHistory([entry(42)], 50).entries[0].account, undefined);
  });
});
