// The MCP server in the real extension host (#25): the provider's definition (the bundled dist/mcp.js run by the
// runtime VS Code gives extensions, the settings in its environment, no key until resolve), resolve with and without
// a stored key, the change signal, a round trip to the server the resolved definition starts (as VS Code would start
// it) against the sandbox, and "Copy MCP Server Configuration…". VS Code's MCP API is stable from 1.101: there the
// provider must be registered; on the 1.100.3 host it is a proposal that refuses this extension, and the test asserts
// that the shell caught that and named it (hostLacks) and that everything else here still works. VS Code's own start
// of the server and a tool call through it need the newer host (see docs/mcp.md).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SAMPLE } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { seam } from '../surface/client';
import {
  clearApiKey,
  fakeInputBoxes,
  leaveClean,
  listFiles,
  recordMessages,
  runCommand,
  setApiKey,
  setSetting,
  stubWindow,
  until,
  userDataDir,
} from './helpers';

const KEY = 'MCP-SENTINEL-KEY-7c2d&%q';
const lm = vscode.lm as unknown as { registerMcpServerDefinitionProvider?: unknown };
const vs = vscode as unknown as { McpStdioServerDefinition?: unknown };
const hasMcpApi = typeof lm.registerMcpServerDefinitionProvider === 'function';

/** What the profile's log files say about MCP (VS Code's own MCP logs, the extension's resolve line). */
function mcpLogLines(): string[] {
  return listFiles(path.join(userDataDir(), 'logs')).flatMap((f) => {
    try {
      return fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => /\bmcp\b/i.test(l))
        .map((l) => `${path.basename(f)}: ${l.slice(0, 300)}`);
    } catch {
      return [];
    }
  });
}

/** The pids of the MCP server processes (dist/mcp.js) whose environment holds `key` (Linux: /proc). */
function serversHolding(key: string): string[] {
  return fs.readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(`${path.sep}mcp.js`)) return false;
      return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`VAIROSMS_API_KEY=${key}`);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

/** Starts the server as the definition says, speaks MCP to it over stdio, and returns the answers by id. */
async function roundTrip(
  def: { command: string; args: string[]; env: Record<string, string> },
  calls: Array<{ name: string; arguments: object }>,
): Promise<Map<number, { result?: { isError?: boolean; structuredContent?: Record<string, unknown> } }>> {
  const child = spawn(def.command, def.args, { env: { ...process.env, ...def.env }, stdio: 'pipe' });
  const answers = new Map<number, { result?: { isError?: boolean; structuredContent?: Record<string, unknown> } }>();
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    const lines = out.split('\n');
    out = lines.pop() ?? '';
    for (const l of lines.filter(Boolean)) {
      const m = JSON.parse(l) as {
        id?: number;
        result?: { isError?: boolean; structuredContent?: Record<string, unknown> };
      };
      if (typeof m.id === 'number') answers.set(m.id, m);
    }
  });
  const send = (m: object) => child.stdin.write(`${JSON.stringify(m)}\n`);
  send({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'vscode-test', version: '0' } },
  });
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  calls.forEach((c, i) => send({ jsonrpc: '2.0', id: i + 2, method: 'tools/call', params: c }));
  try {
    await until(() => answers.size === calls.length + 1, 'the MCP server answered every call');
  } finally {
    child.kill();
  }
  return answers;
}

describe('MCP server in VS Code', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
  });
  after(async () => {
    await leaveClean(sb, 'requestTimeoutSeconds', 'tools.includeMessageText');
  });

  /** VS Code 1.101 made the MCP provider API stable; before it (the 1.100.3 test host) it is a proposal. */
  const [major, minor] = vscode.version.split('.').map(Number);
  const stable = major > 1 || minor >= 101;

  it(`the provider is registered where the MCP API is stable (this host: ${vscode.version}), else left out and named`, async () => {
    const { list, hostLacks } = await seam.mcpServers();
    assert.equal(list.length, 1);
    const lacks = hostLacks.filter((l) => l.startsWith('vscode.lm.registerMcpServerDefinitionProvider'));
    if (stable) {
      assert.equal(typeof lm.registerMcpServerDefinitionProvider, 'function');
      assert.equal(typeof vs.McpStdioServerDefinition, 'function');
      assert.deepEqual(lacks, [], 'registered: nothing refused');
    } else if (hasMcpApi) {
      // 1.100: the API is a proposal there, under the contribution's earlier name (modelContextServerCollections,
      // which package.json also carries). A development extension may use it, a packaged one is refused: either it
      // registered, or the shell caught the refusal and named it, and nothing else was lost.
      assert.ok(lacks.length === 0 || /propos/i.test(lacks[0]), JSON.stringify(hostLacks));
    } else {
      assert.deepEqual(lacks, ['vscode.lm.registerMcpServerDefinitionProvider']);
    }
    if (!stable) {
      // everything else registered on this host: the language model tools, the commands
      assert.ok(vscode.lm.tools.some((t) => t.name === 'vairosms_lookUpReport'));
      assert.ok((await vscode.commands.getCommands(true)).includes('vairosms.copyMcpConfig'));
    }
    const pkg = vscode.extensions.getExtension('smsdev.vairosms-reports')?.packageJSON as {
      contributes: { mcpServerDefinitionProviders: Array<{ id: string }> };
    };
    assert.deepEqual(
      pkg.contributes.mcpServerDefinitionProviders.map((p) => p.id),
      ['vairosms.mcpServers'],
    );
  });

  it('offers one stdio server "VairoSMS": the bundled dist/mcp.js, no key and no setting until it starts', async () => {
    const [def] = (await seam.mcpServers()).list;
    assert.equal(def.label, 'VairoSMS');
    assert.equal(def.command, process.execPath);
    assert.equal(def.args.length, 1);
    assert.equal(path.basename(def.args[0]), 'mcp.js');
    assert.ok(fs.existsSync(def.args[0]), def.args[0]);
    assert.deepEqual(def.env, process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {});
  });

  it('a settings change is signalled (a new version); resolve passes the settings as they are then', async () => {
    const before = (await seam.mcpServers()).list[0].version;
    await setSetting('requestTimeoutSeconds', 7);
    await setSetting('tools.includeMessageText', true);
    await until(async () => (await seam.mcpServers()).list[0].version !== before, 'a new version');
    const { resolved } = await seam.mcpServers(true);
    assert.equal(resolved?.env.VAIROSMS_API_ROOT, sb.root);
    assert.equal(resolved?.env.VAIROSMS_TIMEOUT_SECONDS, '7');
    assert.equal(resolved?.env.VAIROSMS_INCLUDE_MESSAGE_TEXT, '1');
    await setSetting('requestTimeoutSeconds', undefined);
    await setSetting('tools.includeMessageText', undefined);
  });

  it('resolve puts the active key in the env at start; the server it starts answers a lookup from the sandbox', async () => {
    const { resolved, error } = await seam.mcpServers(true);
    assert.equal(error, undefined);
    assert.ok(resolved);
    assert.ok(resolved.env.VAIROSMS_API_KEY === KEY, 'the resolved env holds the active key');
    const answers = await roundTrip(resolved, [
      { name: 'vairosms_lookUpReport', arguments: SAMPLE },
      { name: 'vairosms_explainStatus', arguments: { code: 'EXPIRED' } },
    ]);
    const report = answers.get(2)?.result;
    assert.equal(report?.isError, undefined);
    assert.equal(report?.structuredContent?.status, 'DELIVERED');
    assert.equal(answers.get(3)?.result?.structuredContent?.final, true);
    assert.ok(sb.requests.length > 0, 'the sandbox was asked');
  });

  it('a key change is signalled; with no key stored, resolve asks for one as Set API Key does, and fails clearly when none is given', async () => {
    const before = (await seam.mcpServers()).list[0].version;
    await clearApiKey();
    await until(async () => (await seam.mcpServers()).list[0].version !== before, 'a new version after the key went');
    const boxes = fakeInputBoxes([undefined]);
    let r: Awaited<ReturnType<typeof seam.mcpServers>>;
    try {
      r = await seam.mcpServers(true);
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 1, 'the Set API Key prompt was shown');
    assert.equal(r.resolved, undefined);
    assert.match(r.error ?? '', /^No VairoSMS API key is stored, so the VairoSMS MCP server was not started\./);
    await setApiKey(KEY);
  });

  it(`VS Code starts the server through its own MCP support and one of its tools answers through vscode.lm.invokeTool (${stable ? 'this host' : `1.101+; on ${vscode.version} the API is a proposal: checked that it is`})`, async function () {
    if (!stable) {
      // The 1.100.3 host (code-server, offline, no chat extension) accepts the registration of a development
      // extension, but its MCP service starts nothing: workbench.mcp.startServer with the server's id writes no MCP
      // log and lists no tool within 30 s (tried while writing this test). What this host does give an agent is the
      // language model tools; the server itself is proved by the resolved definition's round trip above.
      assert.equal(typeof lm.registerMcpServerDefinitionProvider, 'function');
      assert.ok(vscode.lm.tools.some((t) => t.name === 'vairosms_lookUpReport'));
      return;
    }
    this.timeout(90_000);
    // VS Code's id of the server: the extension's id (lower case) and the definition's label
    await vscode.commands.executeCommand('workbench.mcp.startServer', 'smsdev.vairosms-reports/VairoSMS');
    const mcpTool = () =>
      vscode.lm.tools.find(
        (t) => t.tags.includes('mcp') && /lookUpReport$/.test(t.name) && t.name !== 'vairosms_lookUpReport',
      );
    await until(
      () => mcpTool() !== undefined,
      "the MCP server's tools listed in vscode.lm.tools",
      30_000,
      () =>
        `MCP tools: ${
          vscode.lm.tools
            .filter((t) => t.tags.includes('mcp'))
            .map((t) => t.name)
            .join(', ') || 'none'
        }; the profile's logs on MCP: ${mcpLogLines().slice(-12).join(' | ') || 'nothing'}`,
    );
    const r = await vscode.lm.invokeTool(mcpTool()!.name, { input: SAMPLE, toolInvocationToken: undefined });
    const text = r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
    // VS Code 1.139 hands the model a tool's structuredContent when it has one (our text content is then not passed
    // on): the structured result must carry the whole explanation itself, as data, and never the key.
    const parsed = r.content.flatMap((p) => {
      if (!(p instanceof vscode.LanguageModelTextPart)) return [];
      try {
        return [JSON.parse(p.value) as Record<string, unknown>];
      } catch {
        return []; // our text content, where a host passes it on
      }
    });
    const result = parsed.find((o) => o && typeof o === 'object' && 'sendId' in o) ?? {};
    assert.equal(result.sendId, '187');
    assert.equal(result.number, '5399999999');
    assert.equal(result.status, 'DELIVERED');
    assert.equal(result.final, true);
    assert.match(String(result.meaning), /deliver/i);
    assert.ok(String(result.nextStep).length > 0, 'a next step');
    assert.ok(!text.includes(KEY.slice(0, 8)) && !text.toLowerCase().includes(KEY.slice(-8).toLowerCase()));
    // Another key: the running server, which holds the old one in its environment, is stopped (a new version alone
    // only marks it outdated), so no process keeps running with the old key.
    assert.ok(serversHolding(KEY).length > 0, 'the server VS Code started holds the key');
    await setApiKey(`${KEY}-2`);
    await until(
      () => serversHolding(KEY).length === 0,
      'no MCP server process holds the replaced key',
      15_000,
      () => `still running: ${serversHolding(KEY).join(', ')}`,
    );
    await setApiKey(KEY);
    await vscode.commands.executeCommand('workbench.mcp.stopServer', 'smsdev.vairosms-reports/VairoSMS');
  });

  it('"Copy MCP Server Configuration…" copies nothing while vairosms.apiRoot is one the lookups refuse (a pasted URL may hold the key)', async () => {
    await vscode.env.clipboard.writeText('before');
    await setSetting('apiRoot', `https://vairosms.com/Panel/api/v1/?api_key=${KEY}`);
    const messages = recordMessages();
    try {
      const r = await runCommand('vairosms.copyMcpConfig', 'codex');
      assert.equal(r.value, undefined);
    } finally {
      messages.restore();
      await setSetting('apiRoot', sb.root);
    }
    assert.equal(await vscode.env.clipboard.readText(), 'before');
    const error = messages.shown.find((m) => m.kind === 'error')?.text ?? '';
    assert.match(error, /^The VairoSMS MCP server configuration was not copied: /);
    assert.ok(!error.includes(KEY.slice(0, 8)), error);
  });

  it('"Copy MCP Server Configuration…": each client\'s form on the clipboard, the installed path, never the key', async () => {
    const codex = await runCommand('vairosms.copyMcpConfig', 'codex');
    assert.equal(codex.error, undefined);
    const text = String(codex.value);
    assert.equal(await vscode.env.clipboard.readText(), text);
    const [, serverPath] = /args = \[("[^"]*")\]/.exec(text) ?? [];
    assert.ok(fs.existsSync(JSON.parse(serverPath) as string), serverPath);
    assert.match(text, /env_vars = \["VAIROSMS_API_KEY"\]/);

    const restore = stubWindow('showQuickPick', async (items: Array<{ label: string }>) =>
      items.find((i) => i.label === 'Cursor'),
    );
    let cursor: Awaited<ReturnType<typeof runCommand>>;
    try {
      cursor = await runCommand('vairosms.copyMcpConfig');
    } finally {
      restore();
    }
    const entry = (JSON.parse(String(cursor.value)) as { mcpServers: Record<string, { env: Record<string, string> }> })
      .mcpServers.vairosms;
    assert.equal(entry.env.VAIROSMS_API_KEY, '${env:VAIROSMS_API_KEY}');
    for (const t of [text, String(cursor.value)]) assert.ok(!t.includes(KEY.slice(0, 8)) && !t.includes(KEY.slice(-8)));
  });
});
