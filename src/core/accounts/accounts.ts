// Accounts: a name and an id each, one of them active. The list lives in globalState (this shape, repaired on read);
// each account's API key lives only in SecretStorage under its own secret (services/accounts.ts). Pure: the rules a
// name must follow, the repair of what is stored, and the changes the commands make.
import { ACCOUNT_NAME } from './accountName';
import { own, ownAccountName, type OwnText } from '../ownText';

/** The id of the account the key from before accounts was migrated to; stored lookups without an account are its. */
export const DEFAULT_ACCOUNT_ID = 'default';

export interface Account {
  /** Stable, never shown, never reused: "default" for the migrated key, else "a" + a random base-36 string. */
  readonly id: string;
  readonly name: string;
}

export interface AccountsState {
  readonly v: 1;
  readonly accounts: readonly Account[];
  /** The active account's id; undefined only when there is no account. */
  readonly active?: string;
}

export const EMPTY: AccountsState = { v: 1, accounts: [] };
const MAX_NAME = 40;
const MAX_ACCOUNTS = 50;
export const ACCOUNT_ID = /^(default|a[0-9a-z]{4,16})$/;

/** Trims the name and says what is wrong with it, if anything; `except`: the id of the account being renamed. */
export function checkName(
  raw: string,
  accounts: readonly Account[],
  except?: string,
): { ok: true; name: string } | { ok: false; message: OwnText } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: own('Give the account a name.') };
  if ([...name].length > MAX_NAME) return { ok: false, message: own('At most {0} characters.', MAX_NAME) };
  if (!ACCOUNT_NAME.test(name))
    return { ok: false, message: own("Use letters, digits, spaces and . _ - ( ) ' & + @ # only.") };
  const same = accounts.find((a) => a.id !== except && sameName(a.name, name));
  if (same) return { ok: false, message: own('An account named "{0}" already exists.', ownAccountName(same.name)) };
  return { ok: true, name };
}

function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

/** What globalState holds, repaired: unknown shapes dropped, duplicate ids and names dropped, the active id valid. */
export function repairAccounts(stored: unknown): AccountsState {
  if (!stored || typeof stored !== 'object') return EMPTY;
  const o = stored as { accounts?: unknown; active?: unknown };
  const accounts: Account[] = [];
  for (const a of Array.isArray(o.accounts) ? o.accounts.slice(0, MAX_ACCOUNTS) : []) {
    if (!a || typeof a !== 'object') continue;
    const { id, name } = a as { id?: unknown; name?: unknown };
    if (typeof id !== 'string' || !ACCOUNT_ID.test(id) || typeof name !== 'string') continue;
    const checked = checkName(name, accounts);
    if (!checked.ok || accounts.some((x) => x.id === id)) continue;
    accounts.push({ id, name: checked.name });
  }
  const active = typeof o.active === 'string' && accounts.some((a) => a.id === o.active) ? o.active : accounts[0]?.id;
  return active === undefined ? { v: 1, accounts } : { v: 1, accounts, active };
}

export function addAccount(s: AccountsState, account: Account): AccountsState {
  return { v: 1, accounts: [...s.accounts, account], active: account.id };
}

export function renameAccount(s: AccountsState, id: string, name: string): AccountsState {
  return { ...s, accounts: s.accounts.map((a) => (a.id === id ? { ...a, name } : a)) };
}

/** Removes the account; when it was active, the first remaining one becomes active. */
export function removeAccount(s: AccountsState, id: string): AccountsState {
  const accounts = s.accounts.filter((a) => a.id !== id);
  const active = s.active === id ? accounts[0]?.id : s.active;
  return active === undefined ? { v: 1, accounts } : { v: 1, accounts, active };
}

export function switchAccount(s: AccountsState, id: string): AccountsState {
  return s.accounts.some((a) => a.id === id) ? { ...s, active: id } : s;
}

export function findAccount(s: AccountsState, id: string | undefined): Account | undefined {
  return id === undefined ? undefined : s.accounts.find((a) => a.id === id);
}

/** A new account id no account has. `random` in [0, 1). */
export function newAccountId(s: AccountsState, random: () => number = Math.random): string {
  for (;;) {
    const id = `a${Math.floor(random() * 36 ** 8)
      .toString(36)
      .padStart(8, '0')}`;
    if (!s.accounts.some((a) => a.id === id)) return id;
  }
}
