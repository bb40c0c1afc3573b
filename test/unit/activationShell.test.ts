// The activation shell on a host that lacks the chat APIs (#23): hosts built on VS Code may expose no vscode.lm, or
// one without registerTool (Cursor, which installs from Open VSX). No such host can be installed offline, so this
// runs the packaged dist/extension.js against an API object built here: activate() must not throw, every other
// contribution must register, and the features must be told what the host lacks (they log it once). A host that has
// the API is the control: there the tools do register, so a check that stopped registering them would fail here too.
// The same for the MCP server definition provider (#25): VS Code 1.101+ has it, 1.100 and the forks may not.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Commands, MCP_PROVIDER_ID, TOOL_NAMES, Views } from '../../src/constants';
import { projectRoot } from './l10nSetup';

interface Registered {
  commands: string[];
  handlers: Map<string, (...args: unknown[]) => unknown>;
  tools: string[];
  /** The MCP server definition providers registered, by id. */
  mcpProviders: string[];
  treeViews: string[];
  statusBarItems: string[];
  serializers: string[];
  hoverProviders: number;
  terminalLinkProviders: number;
  linkProvider?: { provideTerminalLinks(context: { line: string }): Array<{ data: unknown }> };
  /** What dist/main.js (a stand-in here) was given when a command first loaded it. */
  mainShell?: { hostLacks: readonly string[] };
}

const disposable = { dispose: () => undefined };

/** The API object VS Code hands the extension, as far as the shell uses it; any other member read is an error, so
 *  the shell cannot start using an API this test does not know about unnoticed. */
function fakeVscode(lm: unknown, r: Registered): unknown {
  const strict = <T extends object>(name: string, o: T): T =>
    new Proxy(o, {
      get(target, key) {
        if (typeof key === 'symbol' || key in target || key === 'then' || key === '__esModule')
          return Reflect.get(target, key);
        throw new Error(`the fake host has no ${name}.${String(key)}: add it to ${path.basename(__filename)}`);
      },
    });
  const api: Record<string, unknown> = {
    EventEmitter: class {
      event = () => disposable;
      fire(): void {}
      dispose(): void {}
    },
    StatusBarAlignment: { Left: 1, Right: 2 },
    window: strict('window', {
      createTreeView: (id: string) => (r.treeViews.push(id), { ...disposable }),
      createStatusBarItem: (id: string) => (
        r.statusBarItems.push(id),
        { show: () => undefined, hide: () => undefined, dispose: () => undefined }
      ),
      registerWebviewPanelSerializer: (id: string) => (r.serializers.push(id), disposable),
      registerTerminalLinkProvider: (provider: Registered['linkProvider']) => (
        r.terminalLinkProviders++,
        (r.linkProvider = provider),
        disposable
      ),
    }),
    commands: strict('commands', {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => (
        r.commands.push(id),
        r.handlers.set(id, handler),
        disposable
      ),
      executeCommand: async () => undefined,
    }),
    languages: strict('languages', { registerHoverProvider: () => (r.hoverProviders++, disposable) }),
    workspace: strict('workspace', {
      onDidChangeConfiguration: () => disposable,
      getConfiguration: () => ({ get: (_k: string, d: unknown) => d }),
    }),
    l10n: strict('l10n', { t: (s: string) => s }),
  };
  if (lm !== undefined) api.lm = lm;
  return strict('vscode', api);
}

/** dist/extension.js copied beside a stand-in dist/main.js that records what the shell hands it. */
function shellWithFakeMain(r: Registered): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-shell-'));
  fs.copyFileSync(path.join(projectRoot, 'dist', 'extension.js'), path.join(dir, 'extension.js'));
  fs.writeFileSync(
    path.join(dir, 'main.js'),
    `exports.createMain = (context, shell) => { globalThis.__vairosmsShell(shell);
       return { commands: { get: () => () => 'ran' }, dispose() {} }; };`,
  );
  (globalThis as { __vairosmsShell?: unknown }).__vairosmsShell = (shell: Registered['mainShell']) =>
    (r.mainShell = shell);
  return dir;
}

async function activateOn(lm: unknown): Promise<Registered> {
  const r: Registered = {
    commands: [],
    handlers: new Map(),
    tools: [],
    mcpProviders: [],
    treeViews: [],
    statusBarItems: [],
    serializers: [],
    hoverProviders: 0,
    terminalLinkProviders: 0,
  };
  const dir = shellWithFakeMain(r);
  const vscode = fakeVscode(typeof lm === 'function' ? (lm as (r: Registered) => unknown)(r) : lm, r);
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = mod._load;
  mod._load = (request, ...rest) => (request === 'vscode' ? vscode : load(request, ...rest));
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the packaged bundle, loaded as VS Code loads it
    const shell = require(path.join(dir, 'extension.js')) as { activate(context: unknown): void };
    const subscriptions: unknown[] = [];
    shell.activate({ subscriptions, globalState: { get: () => undefined } });
    return r;
  } finally {
    mod._load = load;
  }
}

const EXPECTED_COMMANDS = Object.values(Commands).sort();

describe('the activation shell on hosts without the chat APIs', () => {
  before(() => {
    assert.ok(fs.existsSync(path.join(projectRoot, 'dist', 'extension.js')), 'build dist/ first');
  });

  it('a terminal link carries the text it underlines, not its line, so it looks up nothing else (#24 item 8)', async () => {
    const r = await activateOn(undefined);
    const line = '[info] sms_gonderim_id=4711 numara=5321234567 retry of 5301234567 DELIVERED';
    assert.deepEqual(
      r.linkProvider?.provideTerminalLinks({ line }).map((l) => l.data),
      [
        { kind: 'lookup', text: 'sms_gonderim_id=4711 numara=5321234567' },
        { kind: 'status', code: 'DELIVERED' },
      ],
    );
  });

  const NO_MCP = 'vscode.lm.registerMcpServerDefinitionProvider';
  const registerTool = (r: Registered) => (name: string) => (r.tools.push(name), disposable);
  const hosts: Array<{ name: string; lm: unknown; lacks: string[]; tools: readonly string[]; mcp: string[] }> = [
    { name: 'no vscode.lm at all', lm: undefined, lacks: ['vscode.lm.registerTool', NO_MCP], tools: [], mcp: [] },
    {
      name: 'vscode.lm without registerTool (as Cursor)',
      lm: { selectChatModels: async () => [] },
      lacks: ['vscode.lm.registerTool', NO_MCP],
      tools: [],
      mcp: [],
    },
    {
      name: 'registerTool that throws (the tools not declared by this host)',
      lm: {
        registerTool: () => {
          throw new Error('tool is not declared');
        },
      },
      lacks: [...TOOL_NAMES.map((t) => `vscode.lm.registerTool (${t}): tool is not declared`), NO_MCP],
      tools: [],
      mcp: [],
    },
    {
      name: 'the tools but no MCP server definition provider API (VS Code 1.100)',
      lm: (r: Registered) => ({ registerTool: registerTool(r) }),
      lacks: [NO_MCP],
      tools: TOOL_NAMES,
      mcp: [],
    },
    {
      name: 'an MCP provider API that throws (the provider not declared by this host)',
      lm: (r: Registered) => ({
        registerTool: registerTool(r),
        registerMcpServerDefinitionProvider: () => {
          throw new Error('not declared');
        },
      }),
      lacks: [`${NO_MCP}: not declared`],
      tools: TOOL_NAMES,
      mcp: [],
    },
    {
      name: 'the chat and MCP APIs present (the control)',
      lm: (r: Registered) => ({
        registerTool: registerTool(r),
        registerMcpServerDefinitionProvider: (id: string, provider: { provideMcpServerDefinitions?: unknown }) => (
          typeof provider.provideMcpServerDefinitions === 'function' && r.mcpProviders.push(id),
          disposable
        ),
      }),
      lacks: [],
      tools: TOOL_NAMES,
      mcp: [MCP_PROVIDER_ID],
    },
  ];
  for (const host of hosts) {
    it(`${host.name}: activates, registers everything else, and tells the features what it lacks`, async () => {
      const r = await activateOn(host.lm);
      assert.deepEqual([...r.commands].sort(), EXPECTED_COMMANDS);
      assert.deepEqual(r.treeViews, [Views.recentLookups]);
      assert.deepEqual(r.serializers, [Views.reportPanel]);
      assert.equal(r.hoverProviders, 1);
      assert.equal(r.terminalLinkProviders, 1);
      assert.equal(r.statusBarItems.length, 1);
      assert.deepEqual(r.tools, [...host.tools]);
      assert.deepEqual(r.mcpProviders, host.mcp);
      // the features load on first use, not at activation; then they receive what the host lacks, to log it
      const given = () => r.mainShell?.hostLacks;
      assert.equal(given(), undefined);
      assert.equal(r.handlers.get(Commands.showLog)?.(), 'ran');
      assert.deepEqual(given(), host.lacks);
    });
  }
});
