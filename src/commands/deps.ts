// What a command handler may use: the services (state and lookups) and the views (panels), built once in
// src/main.ts. Every register function takes this one object.
import type * as vscode from 'vscode';
import { type AccountStore } from '../services/accounts';
import { type HistoryStore } from '../services/historyStore';
import { type Log } from '../services/log';
import { type LookupService } from '../services/lookupService';
import { type Watcher } from '../services/watcher';
import { type RawResponseProvider } from '../views/rawResponse';
import { type RecentLookupsView } from '../views/recentLookups';
import { type ReportPanels } from '../views/reportPanels';
import { type CommandTable } from './table';

export interface CommandDeps {
  readonly commands: CommandTable;
  readonly accounts: AccountStore;
  readonly history: HistoryStore;
  readonly lookups: LookupService;
  readonly watcher: Watcher;
  readonly panels: ReportPanels;
  readonly tree: RecentLookupsView;
  readonly raw: RawResponseProvider;
  readonly log: Log;
  readonly extensionUri: vscode.Uri;
}
