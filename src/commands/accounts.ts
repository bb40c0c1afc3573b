// The API key and the accounts: Set API Key… / Clear API Key (the active account's key; Set creates "Default" when
// there is no account), Add Account… (a name, then the key in a password box; the new account becomes active),
// Switch Account… (a quick pick, the active one marked; also the status bar item), Rename Account…, Remove Account…
// (modal; its key is deleted), Filter Recent Lookups by Account…, and the key prompt a lookup shows when the active
// account has no key. Keys go only to SecretStorage (src/services/accounts.ts); nothing about a key is logged but
// that it was set or cleared.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { checkName, type Account } from '../core/accounts/accounts';
import { describeError } from '../core/api/errors';
import { own, ownAccountName } from '../core/ownText';
import { type AccountStore, KeyringError } from '../services/accounts';
import { type Log } from '../services/log';
import { pickAccount, pickAccountOrAll } from '../views/accountPick';
import { askModal, showError, showInfo, showWarning } from '../views/notify';
import { type CommandDeps } from './deps';
import { BACK, error, inputStep } from './input';

export function showKeyringError(): void {
  const d = describeError({ kind: 'keyring' });
  void showError(own('{0}: {1} {2}', d.title, d.message, d.action));
}

/** Runs `fn`, turning a keyring failure into the keyring message; undefined then. */
async function guarded<T>(log: Log, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof KeyringError)) throw e;
    showKeyringError();
    log.error(`${what}: secret storage unavailable`);
    return undefined;
  }
}

function keyBox(title: string, prompt: string, step?: { step: number; totalSteps: number; canGoBack: boolean }) {
  return inputStep({
    title,
    prompt,
    placeholder: vscode.l10n.t('API key from the VairoSMS panel'),
    password: true,
    ...step,
    validate: (v) => (v.trim() === '' ? error(vscode.l10n.t('The API key cannot be empty.')) : undefined),
  });
}

/** Asks for the active account's key and stores it (creating "Default" when there is no account). True when stored. */
async function promptForApiKey(accounts: AccountStore, log: Log, reason?: string): Promise<boolean> {
  const active = accounts.list().accounts.length > 1 ? accounts.active() : undefined;
  const value = await keyBox(
    active ? vscode.l10n.t('VairoSMS API Key of {0}', active.name) : vscode.l10n.t('VairoSMS API Key'),
    reason ??
      vscode.l10n.t("Paste your VairoSMS API key. It is kept in VS Code's secret storage, never in settings or logs."),
  );
  if (typeof value !== 'string' || value.trim() === '') return false;
  const account = await guarded(log, 'the API key could not be stored', () =>
    accounts.setActiveKey(value, vscode.l10n.t('Default')),
  );
  if (!account) return false;
  log.info(`API key of account ${account.id} stored in secret storage`);
  void showInfo(
    accounts.list().accounts.length > 1
      ? own("The API key of {0} is saved in VS Code's secret storage.", ownAccountName(account.name))
      : own("VairoSMS API key saved in VS Code's secret storage."),
  );
  return true;
}

/** Makes sure the account (the active one by default) has a key, asking for the active one's if not. False when the
 *  user declined, the account no longer exists, or the keyring failed. */
export async function ensureApiKey(accounts: AccountStore, log: Log, accountId?: string): Promise<boolean> {
  const has = await guarded(
    log,
    'the API key could not be read',
    async () => (await accounts.get(accountId)) !== undefined,
  );
  if (has === undefined) return false;
  if (has) return true;
  if (accountId !== undefined && accountId !== accounts.list().active) {
    const a = accounts.find(accountId);
    void showWarning(
      a
        ? own('The account {0} has no API key. Switch to it and run "VairoSMS: Set API Key…".', ownAccountName(a.name))
        : own('That account was removed.'),
    );
    return false;
  }
  return promptForApiKey(
    accounts,
    log,
    vscode.l10n.t("A VairoSMS API key is needed for lookups. Paste it here; it is kept in VS Code's secret storage."),
  );
}

/** The account a command names (by id or { id }), else the one picked; undefined on Esc. */
async function target(accounts: AccountStore, arg: unknown, placeHolder: string): Promise<Account | undefined> {
  const id = typeof arg === 'string' ? arg : arg && typeof arg === 'object' ? (arg as { id?: unknown }).id : undefined;
  const named = typeof id === 'string' ? accounts.find(id) : undefined;
  if (named) return named;
  const list = accounts.list().accounts;
  if (list.length === 0) {
    void showInfo(own('There is no account yet. Add one with "VairoSMS: Add Account…".'));
    return undefined;
  }
  return pickAccount(accounts.list(), placeHolder);
}

export function registerAccountCommands({ commands, accounts, log, tree }: CommandDeps): vscode.Disposable {
  const nameBox = (title: string, value: string | undefined, except: string | undefined, step?: object) =>
    inputStep({
      title,
      prompt: vscode.l10n.t('A name for the account, e.g. "Test" or a customer\'s name (at most 40 characters).'),
      placeholder: vscode.l10n.t('for example Production'),
      value,
      ...step,
      validate: (v) => {
        const c = checkName(v, accounts.list().accounts, except);
        return c.ok ? undefined : error(c.message);
      },
    });

  return vscode.Disposable.from(
    commands.register(Commands.setApiKeyInternal, () => promptForApiKey(accounts, log)),
    commands.register(Commands.setApiKey, async () => {
      await promptForApiKey(accounts, log);
    }),
    commands.register(Commands.clearApiKey, async () => {
      const cleared = await guarded(log, 'the API key could not be removed', () => accounts.clearActiveKey());
      if (!cleared) return;
      log.info(`API key of account ${cleared.id} removed from secret storage`);
      void showInfo(
        accounts.list().accounts.length > 1
          ? own('The API key of {0} is removed.', ownAccountName(cleared.name))
          : own('VairoSMS API key removed.'),
      );
    }),

    commands.register(Commands.addAccount, async (): Promise<string | undefined> => {
      const title = vscode.l10n.t('Add VairoSMS Account');
      let name: string | undefined;
      for (let step = 1; step <= 2;) {
        if (step === 1) {
          const v = await nameBox(title, name, undefined, { step: 1, totalSteps: 2 });
          if (typeof v !== 'string') return undefined;
          const c = checkName(v, accounts.list().accounts);
          if (!c.ok) return undefined;
          name = c.name;
          step = 2;
        } else {
          const key = await keyBox(title, vscode.l10n.t('The API key of {0}, from its VairoSMS panel.', name ?? ''), {
            step: 2,
            totalSteps: 2,
            canGoBack: true,
          });
          if (key === BACK) {
            step = 1;
            continue;
          }
          if (typeof key !== 'string' || key.trim() === '' || name === undefined) return undefined;
          const account = await guarded(log, 'the account could not be added', () => accounts.add(name!, key));
          if (!account) return undefined;
          log.info(`account ${account.id} added and made active`);
          void showInfo(own('Account {0} added; lookups now use it.', ownAccountName(account.name)));
          return account.id;
        }
      }
      return undefined;
    }),

    commands.register(Commands.switchAccount, async (arg?: unknown): Promise<string | undefined> => {
      const a = await target(accounts, arg, vscode.l10n.t('Switch to which VairoSMS account?'));
      if (!a) return undefined;
      await accounts.switchTo(a.id);
      log.info(`switched to account ${a.id}`);
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(account) VairoSMS account: {0}', a.name), 3000);
      return a.id;
    }),

    commands.register(Commands.renameAccount, async (arg?: unknown): Promise<string | undefined> => {
      const a = await target(accounts, arg, vscode.l10n.t('Rename which VairoSMS account?'));
      if (!a) return undefined;
      const v = await nameBox(vscode.l10n.t('Rename VairoSMS Account'), a.name, a.id);
      if (typeof v !== 'string') return undefined;
      const c = checkName(v, accounts.list().accounts, a.id);
      if (!c.ok) return undefined;
      await accounts.rename(a.id, c.name);
      log.info(`account ${a.id} renamed`);
      return c.name;
    }),

    commands.register(Commands.filterByAccount, async (arg?: unknown): Promise<string | null | undefined> => {
      const id = typeof arg === 'string' ? arg : arg === null ? null : undefined;
      const picked =
        id === null
          ? null
          : id !== undefined
            ? accounts.find(id)
            : await pickAccountOrAll(accounts.list(), vscode.l10n.t('Show the lookups of which account?'));
      if (picked === undefined) return undefined;
      tree.setFilter(picked === null ? undefined : picked.id);
      return picked === null ? null : picked.id;
    }),

    commands.register(Commands.removeAccount, async (arg?: unknown): Promise<boolean> => {
      const a = await target(accounts, arg, vscode.l10n.t('Select the VairoSMS account to remove'));
      if (!a) return false;
      const remove = vscode.l10n.t('Remove Account');
      const choice = await askModal(
        own('Remove the account {0}?', ownAccountName(a.name)),
        own(
          "Its API key is deleted from VS Code's secret storage. Its lookups stay in Recent Lookups; refreshing one asks which account to use.",
        ),
        remove,
      );
      if (choice !== remove) return false;
      const done = await guarded(log, 'the account could not be removed', async () => {
        await accounts.remove(a.id);
        return true;
      });
      if (!done) return false;
      log.info(`account ${a.id} removed, its key deleted`);
      const now = accounts.active();
      void showInfo(
        now
          ? own('Account {0} removed; lookups now use {1}.', ownAccountName(a.name), ownAccountName(now.name))
          : own('Account {0} removed.', ownAccountName(a.name)),
      );
      return true;
    }),
  );
}
