// The Recent Lookups tree (references-view's history idiom): plain HistoryEntry records, TreeItems built in
// getTreeItem, contextValue for the item menu, a context key for the Clear All title action, relative times
// refreshed while the view is visible.
import * as vscode from 'vscode';
import { Commands, ContextKeys } from '../constants';
import { clampCap, type HistoryEntry } from '../core/history/history';
import { keyId, shownNumber } from '../core/lookupKey';
import { describeError } from '../core/api/errors';
import { describeStatus, STATUS_ICONS, type StatusGroup } from '../core/report/statuses';
import { Disposable } from '../disposable';
import { DEFAULT_ACCOUNT_ID } from '../core/accounts/accounts';
import { type AccountStore } from '../services/accounts';
import { type HistoryStore } from '../services/historyStore';
import * as settings from '../services/settings';
import { type Watcher } from '../services/watcher';
import { relativeTime } from '../core/providerTime';
import { failedLookupDescription, lookupDescription } from '../core/shortText';

function statusIcon(group: StatusGroup): vscode.ThemeIcon {
  const { codicon, color } = STATUS_ICONS[group];
  return new vscode.ThemeIcon(codicon, color ? new vscode.ThemeColor(color) : undefined);
}

/** A screen reader's label, with the account while there are several. */
function withAccount(label: string, account: string | undefined): string {
  return account === undefined ? label : vscode.l10n.t('{0}, account {1}', label, account);
}

/** A tooltip that renders our text and nothing of outside text as markdown: no command links, no HTML. */
function plainTip(): vscode.MarkdownString {
  const tip = new vscode.MarkdownString(undefined, false);
  tip.isTrusted = false;
  tip.supportHtml = false;
  return tip;
}

/** The tree view the activation shell created, and how to tell it that its data changed. */
export interface TreeHost {
  readonly view: vscode.TreeView<unknown>;
  readonly fireChange: () => void;
  /** Draws the shell's account status bar item: the active account's name, or hidden (undefined). */
  readonly showAccount: (name: string | undefined) => void;
}

/** Provides the Recent Lookups items; the activation shell's TreeDataProvider delegates here once loaded. */
export class RecentLookupsView extends Disposable {
  private readonly view: vscode.TreeView<unknown>;
  private ticker: NodeJS.Timeout | undefined;
  /** vairosms.maskNumbers, read once and on change (not once per item). */
  private mask = settings.maskNumbers();
  /** How many entries the view shows: a workspace's lower maxRecentLookups hides the older ones (they stay stored). */
  private shown = clampCap(settings.shownRecentLookups());
  /** Show only this account's lookups (Filter Recent Lookups by Account…); undefined: all. */
  private filter: string | undefined;

  constructor(
    private readonly history: HistoryStore,
    private readonly host: TreeHost,
    private readonly watcher: Watcher,
    private readonly accounts: AccountStore,
  ) {
    super();
    this.view = host.view;
    this.register(history.onDidChange(() => this.refresh()));
    this.register(
      accounts.onDidChange(() => {
        if (this.filter !== undefined && !accounts.find(this.filter)) this.filter = undefined;
        this.describe();
        this.refresh();
      }),
    );
    this.register(watcher.onDidChange(() => this.refresh())); // the Watch / Stop Watching item actions
    this.register(this.view.onDidChangeVisibility((e) => this.tick(e.visible)));
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (settings.affects(e, 'maxRecentLookups')) {
          this.shown = clampCap(settings.shownRecentLookups());
          this.refresh();
        }
        if (settings.affects(e, 'maskNumbers')) {
          this.mask = settings.maskNumbers();
          this.refresh();
        }
      }),
    );
    this.register({ dispose: () => this.tick(false) });
    this.tick(this.view.visible);
  }

  /** Shows one account's lookups only (undefined: all of them). */
  setFilter(account: string | undefined): void {
    this.filter = account;
    this.describe();
    this.refresh();
  }

  get filteredBy(): string | undefined {
    return this.filter;
  }

  /** A message above the list names the filter, so a filtered list never looks like the whole one. */
  private describe(): void {
    const name = this.filter !== undefined ? this.accounts.find(this.filter)?.name : undefined;
    this.view.message = name !== undefined ? vscode.l10n.t('Showing the lookups of {0} only.', name) : undefined;
  }

  /** The account of an entry: lookups from before accounts belong to "Default". */
  private accountOf(e: HistoryEntry): string {
    return e.account ?? DEFAULT_ACCOUNT_ID;
  }

  /** The account's name while there are two or more accounts (else nothing is said of accounts). */
  private accountName(e: HistoryEntry): string | undefined {
    if (this.accounts.list().accounts.length < 2) return undefined;
    return this.accounts.find(this.accountOf(e))?.name ?? vscode.l10n.t('(removed account)');
  }

  refresh(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.hasHistory, this.history.all().length > 0);
    this.host.fireChange();
  }

  /** Relative times ("2 min ago") stay true while the view is visible; nothing runs while it is hidden. */
  private tick(visible: boolean): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (visible) {
      this.history.invalidate(); // another window may have added lookups meanwhile
      this.ticker = setInterval(() => this.host.fireChange(), 30_000);
    }
  }

  getChildren(element?: HistoryEntry): HistoryEntry[] {
    if (element) return [];
    const all = this.history.all();
    void vscode.commands.executeCommand('setContext', ContextKeys.hasHistory, all.length > 0);
    const shown = all.slice(0, this.shown);
    return this.filter === undefined ? shown : shown.filter((e) => this.accountOf(e) === this.filter);
  }

  getTreeItem(e: HistoryEntry): vscode.TreeItem {
    if (!e.report || e.failure) return this.failedItem(e);
    const info = describeStatus(e.report.status);
    const number = shownNumber(e.number, this.mask);
    const item = this.itemFor(e, number);
    const when = relativeTime(e.checkedAt, Date.now(), vscode.env.language);
    const account = this.accountName(e);
    item.description = lookupDescription(e.sendId, info.code, account);
    item.iconPath = statusIcon(info.group);
    item.contextValue = this.watcher.isWatching(e)
      ? 'lookup watching'
      : info.group === 'pending'
        ? 'lookup pending'
        : 'lookup';
    const label = vscode.l10n.t(
      '{0} in send #{1}: {2}, {3}, checked {4}',
      number,
      e.sendId,
      info.code || '—',
      info.label,
      when,
    );
    item.accessibilityInformation = { label: withAccount(label, account) };
    return item;
  }

  /** The item of one lookup: its id, and a click reopens it (stored, no request). */
  private itemFor(e: HistoryEntry, label: string): vscode.TreeItem {
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = keyId(e);
    item.command = {
      command: Commands.openLookup,
      title: vscode.l10n.t('Open Report'),
      arguments: [{ sendId: e.sendId, number: e.number }],
    };
    return item;
  }

  /** A lookup whose last attempt failed: the error icon and its class; the last report's status, if there is one. */
  private failedItem(e: HistoryEntry): vscode.TreeItem {
    const failure = e.failure ?? { kind: 'bad-response' as const, at: e.checkedAt };
    const title = describeError(failure).title;
    const number = shownNumber(e.number, this.mask);
    const item = this.itemFor(e, number);
    const when = relativeTime(failure.at, Date.now(), vscode.env.language);
    const code = e.report ? describeStatus(e.report.status).code || '—' : undefined;
    const account = this.accountName(e);
    item.description = failedLookupDescription(e.sendId, code !== undefined, account);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.contextValue = this.watcher.isWatching(e) ? 'lookup watching' : 'lookup failed';
    const label =
      code === undefined
        ? vscode.l10n.t('{0} in send #{1}: the lookup failed, {2}, {3}', number, e.sendId, title, when)
        : vscode.l10n.t('{0} in send #{1}: {2}; the last try failed, {3}, {4}', number, e.sendId, code, title, when);
    item.accessibilityInformation = { label: withAccount(label, account) };
    return item;
  }

  /** The tooltip, built only when the user hovers the item (VS Code calls this lazily). */
  resolveTreeItem(item: vscode.TreeItem, e: HistoryEntry): vscode.TreeItem {
    if (!e.report || e.failure) return this.resolveFailed(item, e);
    const info = describeStatus(e.report.status);
    const number = shownNumber(e.number, this.mask);
    const when = relativeTime(e.checkedAt, Date.now(), vscode.env.language);
    const tip = plainTip();
    tip
      .appendMarkdown('**')
      .appendText(`${info.code || '—'} · ${info.label}`)
      .appendMarkdown('**\n\n');
    tip.appendText(info.meaning).appendMarkdown('\n\n');
    tip.appendMarkdown('*').appendText(info.finality).appendMarkdown('*\n\n');
    tip.appendText(`${vscode.l10n.t('What to do next')}: ${info.nextStep}`).appendMarkdown('\n\n---\n\n');
    const account = this.accountName(e);
    if (account !== undefined) tip.appendText(vscode.l10n.t('Account: {0}', account)).appendMarkdown('\n\n');
    tip.appendText(
      vscode.l10n.t('{0} in send #{1}, checked {2}. Click to reopen the stored report.', number, e.sendId, when),
    );
    item.tooltip = tip;
    return item;
  }

  private resolveFailed(item: vscode.TreeItem, e: HistoryEntry): vscode.TreeItem {
    const failure = e.failure ?? { kind: 'bad-response' as const, at: e.checkedAt };
    const d = describeError(failure, vscode.env.language);
    const number = shownNumber(e.number, this.mask);
    const lang = vscode.env.language;
    const tip = plainTip();
    tip.appendMarkdown('**').appendText(vscode.l10n.t('The last lookup failed: {0}', d.title)).appendMarkdown('**\n\n');
    tip.appendText(`${d.message} ${d.action}`).appendMarkdown('\n\n');
    if (e.report) {
      const info = describeStatus(e.report.status);
      tip
        .appendText(
          vscode.l10n.t(
            'The last report, checked {0}: {1} · {2}',
            relativeTime(e.checkedAt, Date.now(), lang),
            info.code || '—',
            info.label,
          ),
        )
        .appendMarkdown('\n\n');
    }
    tip.appendMarkdown('---\n\n');
    const account = this.accountName(e);
    if (account !== undefined) tip.appendText(vscode.l10n.t('Account: {0}', account)).appendMarkdown('\n\n');
    tip.appendText(
      vscode.l10n.t(
        '{0} in send #{1}, tried {2}. Click to see the error; Refresh to try again.',
        number,
        e.sendId,
        relativeTime(failure.at, Date.now(), lang),
      ),
    );
    item.tooltip = tip;
    return item;
  }

  override dispose(): void {
    this.tick(false);
    super.dispose();
  }
}
