// Which code-server the UI specs start, and with which Node: the same choice as scripts/code-server-hosts.mjs (the
// hosts that scripts/setup-code-server.sh listed in .vscode-test/code-server-hosts.json). VAIROSMS_VSCODE_HOST=new
// (default: VS Code 1.139.1 on Node 24) or legacy (1.100.3 on Node 20); CODE_SERVER_BIN (+ CODE_SERVER_NODE) wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './common';

export interface CodeServerHost {
  name: string;
  /** the Node that runs entry.js (code-server 4.133+ needs Node 24) */
  node: string;
  entry: string;
  /** the VS Code version, when the setup script recorded it */
  vscode?: string;
}

export function codeServerHost(): CodeServerHost {
  if (process.env.CODE_SERVER_BIN)
    return {
      name: 'custom',
      node: process.env.CODE_SERVER_NODE || process.execPath,
      entry: process.env.CODE_SERVER_BIN,
    };
  const name = process.env.VAIROSMS_VSCODE_HOST || 'new';
  const file = path.join(REPO_ROOT, '.vscode-test', 'code-server-hosts.json');
  let hosts: Record<string, Omit<CodeServerHost, 'name'>> = {};
  try {
    hosts = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof hosts;
  } catch {
    throw new Error(`${file} is missing: run \`npm run setup:code-server\``);
  }
  const host = hosts[name];
  if (!host) throw new Error(`the code-server host "${name}" is not in ${file}: run \`npm run setup:code-server\``);
  return { name, ...host };
}
