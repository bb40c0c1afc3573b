// The one test seam: what the integration tests and the benchmark may read or do that a user cannot. The activation
// shell registers it as _vairosms.test.* commands only when VAIROSMS_TEST_HOOKS=1 (test/integration/runTest.ts and
// the bench host set it); no production type carries a test hook.
import type * as vscode from 'vscode';
import { type CommandTable } from '../../src/commands/table';
import { ACCOUNTS_STATE_KEY } from '../../src/constants';
import { type AccountStore } from '../../src/services/accounts';
import { HISTORY_STATE_KEY, type HistoryStore } from '../../src/services/historyStore';
import { isTransportLoaded, transportLoadTiming } from '../../src/services/apiClient';
import { type LookupService } from '../../src/services/lookupService';
import { type Watcher } from '../../src/services/watcher';
import { type RecentLookupsView } from '../../src/views/recentLookups';
import { type ReportPanels } from '../../src/views/reportPanels';
import { type SendPanels } from '../../src/views/sendPanel';

export interface TestState {
  readonly transportLoaded: boolean;
  readonly transportLoad: { ms: number; at: number } | undefined;
  readonly history: unknown;
  readonly panels: Array<{
    sendId: string;
    number: string;
    visible: boolean;
    model: unknown;
    html: string;
    options: unknown;
  }>;
  readonly watching: unknown;
  readonly renderTimings: unknown;
  readonly renderCount: number;
  readonly sends: Array<{ sendId: string; visible: boolean; model: unknown }>;
}

export interface TestSeam {
  state(): TestState;
  /** Replaces what globalState holds for Recent Lookups (any value, corrupt on purpose) and reloads it. */
  setStoredHistory(raw: unknown): Promise<void>;
  /** Delivers `data` to a report panel as if its webview had posted it. */
  postFromWebview(panelIndex: number, data: unknown): void;
  /** Delivers `data` to the send panel of `sendId` as if its webview had posted it. */
  postFromSendWebview(sendId: string, data: unknown): void;
  /** Times getChildren and getTreeItem over every stored entry. */
  benchTree(): { entries: number; getChildrenMs: number; getTreeItemsMs: number; storedBytes: number };
  /** The command ids that have a handler. */
  handlers(): string[];
  /** Moves the watcher's clock by `ms` (a watch's cap is at least a minute away otherwise); returns the offset. */
  shiftWatchClock(ms: number): number;
  /** One lookup through the lookup service as a command runs it (the report and the send's summary), timed from its
   *  start to each answer (bench row 9). */
  /** SecretStorage of the extension, for the migration and removal tests: store or delete a secret of ours, or say
   *  whether one exists (never its value). */
  secret(op: 'store' | 'delete' | 'has', name: string, value?: string): Promise<boolean>;
  /** Sets what globalState holds for the accounts (undefined: none) and makes the store read everything again. */
  setStoredAccounts(raw: unknown): Promise<void>;
  /** The accounts as the store reads them (ids, names, the active one). */
  accounts(): unknown;
  lookUpBoth(
    sendId: string,
    number: string,
  ): Promise<{ ok: boolean; reportMs: number; summaryMs: number; wallMs: number }>;
}

export interface SeamParts {
  readonly context: vscode.ExtensionContext;
  readonly commands: CommandTable;
  readonly history: HistoryStore;
  readonly lookups: LookupService;
  readonly accounts: AccountStore;
  readonly panels: ReportPanels;
  readonly sends: SendPanels;
  readonly watcher: Watcher;
  readonly tree: RecentLookupsView;
  /** Reads the stored lookups again and tells the user about what had to be dropped, as at startup. */
  readonly reloadHistory: () => void;
  readonly shiftWatchClock: (ms: number) => number;
}

export function createTestSeam(p: SeamParts): TestSeam {
  return {
    state: () => ({
      transportLoaded: isTransportLoaded(),
      transportLoad: transportLoadTiming(),
      history: JSON.parse(JSON.stringify(p.history.all())),
      panels: p.panels.all().map((panel) => ({
        sendId: panel.key.sendId,
        number: panel.key.number,
        visible: panel.panel.visible,
        model: panel.current,
        html: panel.panel.webview.html,
        options: {
          ...panel.panel.webview.options,
          localResourceRoots: panel.panel.webview.options.localResourceRoots?.map(String),
        },
      })),
      watching: p.watcher.list(),
      renderTimings: [...p.panels.renderTimings.list],
      renderCount: p.panels.renderTimings.count,
      sends: p.sends.all().map((s) => ({ sendId: s.sendId, visible: s.panel.visible, model: s.current ?? null })),
    }),
    setStoredHistory: async (raw) => {
      await p.context.globalState.update(HISTORY_STATE_KEY, raw);
      p.history.invalidate();
      p.reloadHistory();
      await p.history.reapplySettings(); // stored again in the store's own (compact) form, as after any change
    },
    postFromWebview: (panelIndex, data) => p.panels.all()[panelIndex]?.receive(data),
    postFromSendWebview: (sendId, data) =>
      p.sends
        .all()
        .find((s) => s.sendId === sendId)
        ?.receive(data),
    benchTree: () => {
      const t0 = performance.now();
      const children = p.tree.getChildren();
      const t1 = performance.now();
      for (const c of children) p.tree.getTreeItem(c);
      const t2 = performance.now();
      return {
        entries: children.length,
        getChildrenMs: t1 - t0,
        getTreeItemsMs: t2 - t1,
        storedBytes: JSON.stringify(p.context.globalState.get(HISTORY_STATE_KEY) ?? null).length,
      };
    },
    handlers: () => p.commands.ids(),
    shiftWatchClock: (ms) => p.shiftWatchClock(Number(ms) || 0),
    secret: async (op, name, value) => {
      if (typeof name !== 'string' || !name.startsWith('vairosms.')) return false;
      if (op === 'store' && typeof value === 'string') await p.context.secrets.store(name, value);
      else if (op === 'delete') await p.context.secrets.delete(name);
      return (await p.context.secrets.get(name)) !== undefined;
    },
    setStoredAccounts: async (raw) => {
      await p.context.globalState.update(ACCOUNTS_STATE_KEY, raw);
      p.accounts.invalidate();
    },
    accounts: () => JSON.parse(JSON.stringify(p.accounts.list())),
    lookUpBoth: async (sendId, number) => {
      const t0 = performance.now();
      const summary = new Promise<{ at: number; ok: boolean }>((resolve) => {
        const sub = p.lookups.onDidFinishSend((e) => {
          if (e.sendId !== sendId) return;
          sub.dispose();
          resolve({ at: performance.now(), ok: e.result.ok });
        });
      });
      const report = p.lookups
        .lookUp({ sendId: String(sendId), number: String(number) })
        .then((r) => ({ at: performance.now(), ok: r.ok }));
      const [r, s] = await Promise.all([report, summary]);
      return { ok: r.ok && s.ok, reportMs: r.at - t0, summaryMs: s.at - t0, wallMs: Math.max(r.at, s.at) - t0 };
    },
  };
}
