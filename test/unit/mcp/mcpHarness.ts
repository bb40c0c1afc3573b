// Starts the built MCP server (dist/mcp.js, as the .vsix ships it) under the SDK's own client over stdio, and keeps
// everything it said: the results the client received and every stderr line, for the checks that the key is in none.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { projectRoot } from '../l10nSetup';

export const MCP_JS = path.join(projectRoot, 'dist', 'mcp.js');

/** Everything every server of this run said, on stdout (as the client received it) and on stderr. */
export const said: string[] = [];

export interface McpServerUnderTest {
  readonly client: Client;
  readonly stderr: string[];
  call(name: string, args: unknown, options?: { signal?: AbortSignal }): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function startMcp(env: Record<string, string>): Promise<McpServerUnderTest> {
  if (!fs.existsSync(MCP_JS)) throw new Error(`${MCP_JS} is missing: build first (node esbuild.js --production)`);
  // The SDK passes the server only a few variables of its own (HOME, PATH, …) beside these: none of the test's.
  const transport = new StdioClientTransport({ command: process.execPath, args: [MCP_JS], env, stderr: 'pipe' });
  const stderr: string[] = [];
  let partial = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) {
      stderr.push(l);
      said.push(l);
    }
  });
  const client = new Client({ name: 'vairosms-unit', version: '0.0.0' });
  await client.connect(transport);
  // The client checks each structuredContent against the tool's output schema once it has listed the tools.
  await client.listTools();
  return {
    client,
    stderr,
    call: async (name, args, options) => {
      const r = (await client.callTool(
        { name, arguments: args as Record<string, unknown> },
        undefined,
        options,
      )) as CallToolResult;
      said.push(JSON.stringify(r));
      return r;
    },
    close: () => client.close(),
  };
}

/** The text of a result (one text part). */
export function textOf(r: CallToolResult): string {
  const [part] = r.content;
  if (r.content.length !== 1 || part.type !== 'text') throw new Error(`expected one text part: ${JSON.stringify(r)}`);
  return part.text;
}
