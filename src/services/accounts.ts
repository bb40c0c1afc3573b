// Accounts and their API keys. The list of accounts (ids, names, the active one) lives in globalState, so reading it
// never touches the keyring; each account's key lives only in SecretStorage (encrypted, never synced), under its own
// secret, read on first use and cached for the window. If the keyring fails we say so and never fall back to
// plaintext.
//
// Other windows: globalState has no change event, so every change of the list also writes a revision secret;
// SecretStorage tells every window about it (onDidChange), and they read the list again. A key's own secret changing
// drops that key from the cache.
//
// Migration: the single key of earlier versions (secret "vairosms.apiKey") becomes the account "Default"
// ("Varsayılan" in Turkish), active, without a prompt. The new secret is stored and the list written before the old
// secret is deleted, so an interrupted migration loses nothing and simply runs again.
import * as vscode from 'vscode';
import {
  ACCOUNTS_STATE_KEY,
  ContextKeys,
  HAS_KEY_FLAG,
  KEY_SECRET_PREFIX,
  REVISION_SECRET,
  SECRET_API_KEY,
} from '../constants';
import {
  DEFAULT_ACCOUNT_ID,
  EMPTY,
  addAccount,
  findAccount,
  newAccountId,
  removeAccount,
  renameAccount,
  repairAccounts,
  switchAccount,
  type Account,
  type AccountsState,
} from '../core/accounts/accounts';
import { Disposable } from '../disposable';

export class KeyringError extends Error {
  constructor(readonly operation: 'read' | 'store' | 'delete') {
    super(`secret storage ${operation} failed`);
    this.name = 'KeyringError';
  }
}

const secretOf = (id: string) => KEY_SECRET_PREFIX + id;

export class AccountStore extends Disposable {
  private cache: AccountsState | undefined;
  /** Keys read this window, by account id (undefined: read, none stored). */
  private readonly keys = new Map<string, string | undefined>();
  private migration: Promise<void> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** The list, a name or the active account changed (here or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly keyChanged = this.register(new vscode.EventEmitter<void>());
  /** A key was stored, replaced or deleted (here or in another window): what runs with a key restarts (the MCP
   *  server, src/commands/mcp.ts). Never carries the key. */
  readonly onDidChangeKey = this.keyChanged.event;

  /** `state` holds the list and one non-secret boolean, "the active account has a key", so the activation shell can
   *  set the context key behind "Clear API Key" without reading the keyring at startup. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {
    super();
    this.register(
      secrets.onDidChange((e) => {
        if (e.key === REVISION_SECRET) {
          this.cache = undefined;
          this.changed.fire();
          void this.refreshFlag();
        } else if (e.key.startsWith(KEY_SECRET_PREFIX)) {
          this.keys.delete(e.key.slice(KEY_SECRET_PREFIX.length));
          this.keyChanged.fire();
          void this.refreshFlag();
        } else if (e.key === SECRET_API_KEY) {
          this.migration = undefined; // another window may have migrated, or an older version stored a key
        }
      }),
    );
    this.register(
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) this.cache = undefined; // another window may have changed the list meanwhile
      }),
    );
  }

  /** Forgets what this window read: the list, the keys, whether the migration ran (the test seam, after it changed
   *  globalState or SecretStorage behind the store's back). */
  invalidate(): void {
    this.cache = undefined;
    this.keys.clear();
    this.migration = undefined;
    this.changed.fire();
  }

  /** The accounts and the active one, from globalState (repaired; never the keyring). */
  list(): AccountsState {
    this.cache ??= repairAccounts(this.state.get(ACCOUNTS_STATE_KEY));
    return this.cache;
  }

  active(): Account | undefined {
    const s = this.list();
    return findAccount(s, s.active);
  }

  find(id: string | undefined): Account | undefined {
    return findAccount(this.list(), id);
  }

  /** Every key in memory, for redaction only. */
  peekAll(): string[] {
    return [...this.keys.values()].filter((k): k is string => k !== undefined);
  }

  /** The key of the account (the active one by default); undefined when it has none or does not exist. */
  async get(accountId?: string): Promise<string | undefined> {
    await this.migrate();
    const id = accountId ?? this.list().active;
    if (id === undefined || !this.find(id)) return undefined;
    if (this.keys.has(id)) return this.keys.get(id);
    let value: string | undefined;
    try {
      value = await this.secrets.get(secretOf(id));
    } catch {
      throw new KeyringError('read');
    }
    const key = value === undefined || value.trim() === '' ? undefined : value;
    this.keys.set(id, key);
    if (id === this.list().active) await this.setFlag(key !== undefined);
    return key;
  }

  /** Sets the key of the active account; with no account, creates "Default" with it. */
  async setActiveKey(key: string, defaultName: string): Promise<Account> {
    await this.migrate();
    const active = this.active();
    if (!active) return this.add(defaultName, key, DEFAULT_ACCOUNT_ID);
    await this.storeKey(active.id, key);
    await this.setFlag(true);
    return active;
  }

  /** Removes the active account's key (the account stays, without a key). */
  async clearActiveKey(): Promise<Account | undefined> {
    await this.migrate();
    const active = this.active();
    if (!active) return undefined;
    try {
      await this.secrets.delete(secretOf(active.id));
    } catch {
      throw new KeyringError('delete');
    }
    this.keys.set(active.id, undefined);
    this.keyChanged.fire();
    await this.setFlag(false);
    return active;
  }

  /** A new account with its key, made active. The key is stored before the list names it. */
  async add(name: string, key: string, id?: string): Promise<Account> {
    await this.migrate();
    const s = this.list();
    const account: Account = { id: id && !findAccount(s, id) ? id : newAccountId(s), name };
    await this.storeKey(account.id, key);
    await this.write(addAccount(this.list(), account));
    await this.setFlag(true);
    return account;
  }

  async rename(id: string, name: string): Promise<void> {
    await this.write(renameAccount(this.list(), id, name));
  }

  /** Removes the account and deletes its key from SecretStorage. */
  async remove(id: string): Promise<void> {
    try {
      await this.secrets.delete(secretOf(id));
    } catch {
      throw new KeyringError('delete');
    }
    this.keys.delete(id);
    await this.write(removeAccount(this.list(), id));
    await this.refreshFlag();
  }

  async switchTo(id: string): Promise<void> {
    await this.write(switchAccount(this.list(), id));
    await this.refreshFlag();
  }

  /** Runs the migration of the single key of earlier versions, once per window (again after an interruption). */
  migrate(): Promise<void> {
    this.migration ??= this.runMigration().catch((e: unknown) => {
      this.migration = undefined;
      throw e instanceof KeyringError ? e : new KeyringError('read');
    });
    return this.migration;
  }

  private async runMigration(): Promise<void> {
    let old: string | undefined;
    try {
      old = await this.secrets.get(SECRET_API_KEY);
    } catch {
      throw new KeyringError('read');
    }
    if (old === undefined) return;
    const s = this.list();
    if (old.trim() !== '') {
      const existing = findAccount(s, DEFAULT_ACCOUNT_ID);
      if (!existing || (await this.secrets.get(secretOf(DEFAULT_ACCOUNT_ID))) === undefined) {
        await this.storeKey(DEFAULT_ACCOUNT_ID, old);
        if (!existing) {
          const name = uniqueName(vscode.l10n.t('Default'), s);
          await this.write(
            s.accounts.length === 0
              ? addAccount(s, { id: DEFAULT_ACCOUNT_ID, name })
              : { ...s, accounts: [...s.accounts, { id: DEFAULT_ACCOUNT_ID, name }] },
          );
        }
      }
    }
    try {
      await this.secrets.delete(SECRET_API_KEY); // only now: the key is safe under its account
    } catch {
      throw new KeyringError('delete');
    }
  }

  private async storeKey(id: string, key: string): Promise<void> {
    const value = key.trim();
    try {
      await this.secrets.store(secretOf(id), value);
    } catch {
      throw new KeyringError('store');
    }
    this.keys.set(id, value);
    this.keyChanged.fire();
  }

  private async write(next: AccountsState): Promise<void> {
    this.cache = next.accounts.length ? next : EMPTY;
    await this.state.update(ACCOUNTS_STATE_KEY, this.cache);
    this.changed.fire();
    // Tells the other windows (globalState has no change event); a failure here only delays them to their next focus.
    await Promise.resolve(this.secrets.store(REVISION_SECRET, `${Date.now()}-${Math.random()}`)).catch(() => undefined);
  }

  /** The context key "the active account has a key", from what is known without reading the keyring. */
  private async refreshFlag(): Promise<void> {
    const id = this.list().active;
    if (id !== undefined && !this.keys.has(id)) {
      await this.get(id).catch(() => undefined); // sets the flag itself
      return;
    }
    await this.setFlag(id !== undefined && this.keys.get(id) !== undefined);
  }

  private async setFlag(has: boolean): Promise<void> {
    if (this.state.get(HAS_KEY_FLAG) !== has) await this.state.update(HAS_KEY_FLAG, has);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, has);
    await vscode.commands.executeCommand('setContext', ContextKeys.multipleAccounts, this.list().accounts.length > 1);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasAccounts, this.list().accounts.length > 0);
  }
}

/** "Default", or "Default 2" when an account already has that name. */
function uniqueName(base: string, s: AccountsState): string {
  const taken = (n: string) => s.accounts.some((a) => a.name.toLowerCase() === n.toLowerCase());
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base} ${i}`)) return `${base} ${i}`;
}
