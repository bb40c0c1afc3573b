// The quick pick of accounts: by name, the active one marked. Used by Switch, Rename and Remove Account, the Recent
// Lookups filter (with "All accounts" first), and a refresh whose account was removed.
import * as vscode from 'vscode';
import { type Account, type AccountsState } from '../core/accounts/accounts';

type Item = vscode.QuickPickItem & { id: string | null };

function items(s: AccountsState): Item[] {
  return s.accounts.map((a) => ({
    label: a.id === s.active ? `$(check) ${a.name}` : `$(blank) ${a.name}`,
    description: a.id === s.active ? vscode.l10n.t('active') : undefined,
    id: a.id,
  }));
}

export async function pickAccount(s: AccountsState, placeHolder: string): Promise<Account | undefined> {
  const picked = await vscode.window.showQuickPick(items(s), { placeHolder });
  return picked ? s.accounts.find((a) => a.id === picked.id) : undefined;
}

/** An account, or null for "All accounts"; undefined on Esc. */
export async function pickAccountOrAll(s: AccountsState, placeHolder: string): Promise<Account | null | undefined> {
  const all: Item = { label: `$(list-flat) ${vscode.l10n.t('All accounts')}`, id: null };
  const picked = await vscode.window.showQuickPick([all, ...items(s)], { placeHolder });
  if (!picked) return undefined;
  return picked.id === null ? null : s.accounts.find((a) => a.id === picked.id);
}
