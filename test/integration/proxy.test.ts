// Fault row 16 (docs/reliability.md): with VS Code's http.proxy set, a lookup goes through the proxy. The proxy is
// Debian's tinyproxy, started here on loopback. VS Code sends localhost and 127.0.0.1 DIRECT by design, so the
// sandbox listens on 127.0.0.2 (still loopback) to be proxied.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SAMPLE } from '../sandbox/data';

const KEY = 'proxy-test-key';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

describe('proxy (http.proxy) with tinyproxy', () => {
  let sb: Sandbox;
  let proxy: ChildProcess;
  let dir: string;
  let logFile: string;
  let proxyUrl: string;
  const http = () => vscode.workspace.getConfiguration('http');
  const vairo = () => vscode.workspace.getConfiguration('vairosms');

  before(async function () {
    this.timeout(20000);
    dir = mkdtempSync(join(tmpdir(), 'vairosms-proxy-'));
    logFile = join(dir, 'tinyproxy.log');
    const port = await freePort();
    proxyUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      join(dir, 'tinyproxy.conf'),
      [
        `Port ${port}`,
        'Listen 127.0.0.1',
        'Timeout 30',
        `LogFile "${logFile}"`,
        'LogLevel Info',
        'MaxClients 10',
        'Allow 127.0.0.1',
      ].join('\n') + '\n',
    );
    writeFileSync(logFile, '');
    proxy = spawn('tinyproxy', ['-d', '-c', join(dir, 'tinyproxy.conf')], { stdio: 'ignore' });
    await new Promise<void>((resolve, reject) => {
      proxy.on('error', (e) =>
        reject(new Error(`tinyproxy could not start (scripts/setup-code-server.sh installs it): ${e.message}`)),
      );
      const deadline = Date.now() + 5000;
      const tick = () =>
        readFileSync(logFile, 'utf8').includes('listening') || Date.now() > deadline ? resolve() : setTimeout(tick, 50);
      tick();
    });
    sb = await startSandbox({ apiKey: KEY, host: '127.0.0.2' });
    await vairo().update('apiRoot', sb.root, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await vairo().update('apiRoot', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sb?.close();
    proxy?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the lookup through the proxy set in http.proxy', async () => {
    await http().update('proxy', proxyUrl, vscode.ConfigurationTarget.Global);
    const orig = vscode.window.createInputBox;
    // The key prompt answers itself (a fake box); the lookup then runs as usual.
    (vscode.window as unknown as Record<string, unknown>).createInputBox = () => {
      const accept = new vscode.EventEmitter<void>();
      const hide = new vscode.EventEmitter<void>();
      const box: Record<string, unknown> = {
        value: '',
        buttons: [],
        onDidAccept: accept.event,
        onDidHide: hide.event,
        onDidChangeValue: new vscode.EventEmitter<string>().event,
        onDidTriggerButton: new vscode.EventEmitter<unknown>().event,
        show() {
          setTimeout(() => {
            box.value = KEY;
            accept.fire();
          }, 0);
        },
        hide() {
          hide.fire();
        },
        dispose() {
          /* nothing */
        },
      };
      return box;
    };
    let outcome: unknown;
    try {
      await vscode.commands.executeCommand('vairosms.setApiKey');
      outcome = await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
    } finally {
      (vscode.window as unknown as Record<string, unknown>).createInputBox = orig;
    }
    assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
    const log = readFileSync(logFile, 'utf8');
    assert.match(
      log,
      /POST http:\/\/127\.0\.0\.2:\d+\/Panel\/api\/v1\/NumaraRaporu\/187/,
      `the proxy's log shows the request:\n${log.slice(-2000)}`,
    );
    const last = sb.requests[sb.requests.length - 1];
    assert.match(
      String(last.headers.via ?? ''),
      /tinyproxy/,
      'the request reached the sandbox through tinyproxy (Via header)',
    );
  });
});
