// The one test surface: what the integration tests and the benchmark may read or do that a user cannot, declared once
// here. It is test code: esbuild.js compiles it only into the test build of the extension (out/test-extension, what
// test/integration/runTest.ts and the bench run), where src/extension.ts registers each of its methods as a
// _vairosms.test.<name> command (test/surface/register.ts); the packaged dist/ has none of it
// (test/unit/sizes.test.ts reads the bundles). Tests call it through test/surface/client.ts, typed from this file.
import { ACCOUNTS_STATE_KEY, HISTORY_STATE_KEY } from '../../src/constants';
import { type HistoryEntry } from '../../src/core/history/history';
import { type MainParts } from '../../src/main';
import { type ReportModel } from '../../src/shared/protocol/report';

/** What the activation shell measured of itself: the bundle's evaluation, activate(), loading dist/main.js. */
export interface ShellState {
  readonly loadMs: number;
  readonly activationMs: number;
  readonly mainLoadMs: number;
  readonly mainLoaded: boolean;
}

export interface SeamHost {
  /** The shell's own timings (never loads the features). */
  readonly shell: () => ShellState;
  /** The features' parts once dist/main.js is loaded, without loading it. */
  readonly parts: () => MainParts | undefined;
  /** Loads dist/main.js if it is not yet, and gives its parts. */
  readonly load: () => MainParts;
  /** Moves the watcher's clock (src/main.ts takes it from MainOptions.now in the test build); returns the offset. */
  readonly shiftClock: (ms: number) => number;
  /** The MCP server definition provider the shell registers (or would, on a host without the API). */
  readonly mcp: McpProvider;
}

interface McpDefinition {
  label: string;
  command: string;
  args: string[];
  env: object;
  version?: string;
}
export interface McpProvider {
  provideMcpServerDefinitions(): object[];
  resolveMcpServerDefinition(server: McpDefinition): Promise<McpDefinition>;
}

export type TestSeam = ReturnType<typeof createTestSeam>;
export type TestState = ReturnType<TestSeam['state']>;
export type PanelState = NonNullable<TestState['panels']>[number];

/** The test commands' ids: `${TEST_COMMAND_PREFIX}${name}` for each method of the seam. */
export const TEST_COMMAND_PREFIX = '_vairosms.test.';

export function createTestSeam(host: SeamHost) {
  const mainState = (p: MainParts) => ({
    transportLoaded: p.transportLoad() !== undefined,
    transportLoad: p.transportLoad(),
    history: JSON.parse(JSON.stringify(p.history.all())) as HistoryEntry[],
    panels: p.panels.all().map((panel) => ({
      sendId: panel.key.sendId,
      number: panel.key.number,
      visible: panel.panel.visible,
      model: panel.current as ReportModel | undefined,
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
  });
  return {
    /** The shell's timings, and once the features are loaded, what they hold: Recent Lookups as stored, the open
     *  report and send panels with their models and HTML, the watches, the render timings. Never loads them. */
    state: (): ShellState & Partial<ReturnType<typeof mainState>> => {
      const p = host.parts();
      return { ...host.shell(), ...(p ? mainState(p) : {}) };
    },
    /** Replaces what globalState holds for Recent Lookups (any value, corrupt on purpose) and reloads it. */
    setStoredHistory: async (raw: unknown): Promise<void> => {
      const p = host.load();
      await p.context.globalState.update(HISTORY_STATE_KEY, raw);
      p.history.invalidate();
      p.reloadHistory();
      await p.history.reapplySettings(); // stored again in the store's own (compact) form, as after any change
    },
    /** Delivers `data` to a report panel as if its webview had posted it. */
    postFromWebview: (panelIndex: number, data: unknown): void => host.load().panels.all()[panelIndex]?.receive(data),
    /** Delivers `data` to the send panel of `sendId` as if its webview had posted it. */
    postFromSendWebview: (sendId: string, data: unknown): void =>
      host
        .load()
        .sends.all()
        .find((s) => s.sendId === sendId)
        ?.receive(data),
    /** Times getChildren and getTreeItem over every stored entry. */
    benchTree: () => {
      const p = host.load();
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
    /** How many Show Raw Response documents' texts are held. */
    rawDocumentsHeld: (): number => host.load().raw.held,
    /** The command ids that have a handler. */
    handlers: (): string[] => host.load().commands.ids(),
    /** Moves the watcher's clock by `ms` (a watch's cap is at least a minute away otherwise); returns the offset. */
    shiftWatchClock: (ms: number): number => host.shiftClock(Number(ms) || 0),
    /** SecretStorage of the extension, for the migration and removal tests: store or delete a secret of ours, or say
     *  whether one exists (never its value). */
    secret: async (op: 'store' | 'delete' | 'has', name: string, value?: string): Promise<boolean> => {
      const { context } = host.load();
      if (typeof name !== 'string' || !name.startsWith('vairosms.')) return false;
      if (op === 'store' && typeof value === 'string') await context.secrets.store(name, value);
      else if (op === 'delete') await context.secrets.delete(name);
      return (await context.secrets.get(name)) !== undefined;
    },
    /** Sets what globalState holds for the accounts (undefined: none) and makes the store read everything again. */
    setStoredAccounts: async (raw: unknown): Promise<void> => {
      const p = host.load();
      await p.context.globalState.update(ACCOUNTS_STATE_KEY, raw);
      p.accounts.invalidate();
    },
    /** The accounts as the store reads them (ids, names, the active one). */
    accounts: (): unknown => JSON.parse(JSON.stringify(host.load().accounts.list())),
    /** The MCP server definitions the provider offers (#25), and with `resolve` the first one as
     *  resolveMcpServerDefinition returns it, or the message it failed with. The resolved env holds the key: this is
     *  the test build only, and the tests never print it. */
    mcpServers: async (resolve?: boolean) => {
      const plain = (d: McpDefinition) =>
        JSON.parse(
          JSON.stringify({ label: d.label, command: d.command, args: d.args, env: d.env, version: d.version }),
        ) as {
          label: string;
          command: string;
          args: string[];
          env: Record<string, string>;
          version?: string;
        };
      const provide = () => host.mcp.provideMcpServerDefinitions() as McpDefinition[];
      const list = provide().map(plain);
      const hostLacks = [...host.load().hostLacks];
      if (!resolve) return { list, hostLacks };
      try {
        return { list, hostLacks, resolved: plain(await host.mcp.resolveMcpServerDefinition(provide()[0])) };
      } catch (e) {
        return { list, hostLacks, error: e instanceof Error ? e.message : String(e) };
      }
    },
    /** One lookup through the lookup service as a command runs it (the report and the send's summary), timed from
     *  its start to each answer (bench row 9). */
    lookUpBoth: async (sendId: string, number: string) => {
      const p = host.load();
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
