// What "Copy MCP Server Configuration…" copies for each client (#25): the server's absolute path, and the key only
// ever as a reference to the user's VAIROSMS_API_KEY in the syntax that client expands (Codex: forwarded by name;
// Claude Desktop: expands nothing, so no key at all). Each form parses as its client reads it.
import { strict as assert } from 'node:assert';
import { MCP_CLIENTS, mcpClientConfig, type McpClient } from '../../../../src/core/mcp/clientConfig';

const serverPath = 'C:\\Users\\Ayşe "dev"\\.vscode\\extensions\\smsdev.vairosms-reports-0.1.0\\dist\\mcp.js';

type Entry = { type?: string; command: string; args: string[]; env?: Record<string, string> };
const entryOf = (client: McpClient, text: string): Entry => {
  const json = JSON.parse(text) as Record<string, Record<string, Entry>>;
  return json[client === 'vscode' ? 'servers' : 'mcpServers'].vairosms;
};

describe('core/mcp/clientConfig: each MCP client gets its own form, never the key', () => {
  const json = MCP_CLIENTS.filter((c) => c !== 'codex');

  it('the JSON clients: node with the absolute path, the key as the reference each client expands', () => {
    const expected: Record<string, string | undefined> = {
      claudeCode: '${VAIROSMS_API_KEY}',
      cursor: '${env:VAIROSMS_API_KEY}',
      windsurf: '${env:VAIROSMS_API_KEY}',
      vscode: '${env:VAIROSMS_API_KEY}',
      claudeDesktop: undefined,
    };
    for (const c of json) {
      const e = entryOf(c, mcpClientConfig(c, { serverPath }));
      assert.equal(e.command, 'node', c);
      assert.deepEqual(e.args, [serverPath], c);
      assert.equal(e.env?.VAIROSMS_API_KEY, expected[c], c);
    }
    assert.equal(entryOf('vscode', mcpClientConfig('vscode', { serverPath })).type, 'stdio');
  });

  it('Codex: TOML that forwards VAIROSMS_API_KEY by name (env_vars), the path escaped as a TOML string', () => {
    const t = mcpClientConfig('codex', { serverPath, apiRoot: 'http://127.0.0.1:3555/Panel/api/v1/' });
    assert.match(t, /^\[mcp_servers\.vairosms\]\ncommand = "node"\n/);
    assert.ok(t.includes(`args = [${JSON.stringify(serverPath)}]`), t);
    assert.match(t, /\nenv_vars = \["VAIROSMS_API_KEY"\]\n/);
    assert.match(t, /\nenv = \{ VAIROSMS_API_ROOT = "http:\/\/127\.0\.0\.1:3555\/Panel\/api\/v1\/" \}\n$/);
  });

  it('Codex: a DEL in the path is escaped, as TOML forbids it raw (JSON leaves it)', () => {
    const t = mcpClientConfig('codex', { serverPath: '/home/a\u007fb/dist/mcp.js' });
    assert.ok(!t.includes('\u007f'), JSON.stringify(t));
    assert.ok(t.includes('args = ["/home/a\\u007Fb/dist/mcp.js"]'), t);
  });

  it('carries the settings that differ from the defaults, and only those', () => {
    const plain = entryOf('cursor', mcpClientConfig('cursor', { serverPath }));
    assert.deepEqual(Object.keys(plain.env ?? {}), ['VAIROSMS_API_KEY']);
    const set = entryOf(
      'cursor',
      mcpClientConfig('cursor', {
        serverPath,
        apiRoot: 'https://x.example/api/',
        timeoutSeconds: 12,
        includeMessageText: true,
      }),
    );
    assert.deepEqual(set.env, {
      VAIROSMS_API_KEY: '${env:VAIROSMS_API_KEY}',
      VAIROSMS_API_ROOT: 'https://x.example/api/',
      VAIROSMS_TIMEOUT_SECONDS: '12',
      VAIROSMS_INCLUDE_MESSAGE_TEXT: '1',
    });
  });

  it('has no input for the key at all: no form can hold one', () => {
    for (const c of MCP_CLIENTS) {
      const t = mcpClientConfig(c, { serverPath, apiRoot: 'https://x.example/' });
      assert.doesNotMatch(
        t.replace(/\$\{(env:)?VAIROSMS_API_KEY\}|"VAIROSMS_API_KEY"/g, ''),
        /api_key=|VAIROSMS_API_KEY"?\s*[:=]\s*"[^$]/i,
      );
    }
  });
});
