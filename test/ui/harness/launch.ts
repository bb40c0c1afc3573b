// Starting one VS Code for a spec: the temp profile and workspace, the .vsix installed offline, code-server on a
// free port in its own process group, and headless chromium opened on it. See test/ui/README.md.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT, RESULTS_DIR, errorText, sleep } from './common';
import { makeDriver, type VSCode } from './driver';
import { codeServerHost } from './host';
import { writeLanguagePack } from './locale';
import { tagWebviewsInPage } from './webview';
import { waitForWorkbench } from './workbench';

export interface LaunchOptions {
  /** The extension to install; default `<repo>/vairosms-reports.vsix` (or env VAIROSMS_TEST_VSIX). */
  vsix?: string;
  /** User settings, merged over the harness defaults. */
  settings?: Record<string, unknown>;
  /** Display language: `tr` installs a fake language pack and starts code-server with `--locale tr`. */
  locale?: 'en' | 'tr';
  /** Workspace files, by relative path (folders are created). Default: a README.md. */
  files?: Record<string, string>;
  /** Written to User/keybindings.json: lets a spec run a command by id (see runCommandByKey). */
  keybindings?: Array<{ key: string; command: string; args?: unknown; when?: string }>;
  /** `workbench.colorTheme`, e.g. 'Default Light Modern', 'Default Dark Modern', 'Default High Contrast'. */
  colorTheme?: string;
  /** Environment for code-server and so for the extension host (e.g. a sandbox URL). */
  env?: Record<string, string>;
  /** Let page scripts ignore Content-Security-Policy (Playwright's bypassCSP): only to prove that a defence other
   *  than the CSP holds, e.g. localResourceRoots. */
  bypassCSP?: boolean;
  /** Scripts Playwright runs in every frame as it is created, before the frame's own (context.addInitScript). */
  initScripts?: Array<() => void>;
}

const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  'update.mode': 'none',
  // VS Code 1.10x and later: the Chat view and its secondary side bar stay closed (no spec uses them; open, they
  // take a third of the window from the editor area)
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // Most specs keep several report tabs open at once; the tab reuse (a preview tab) has a spec of its own.
  'vairosms.reports.reuseTab': false,
};

function writeWorkspace(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err)
        reject(
          new Error(
            `${path.basename(args[0] ?? file)} ${args.slice(1).join(' ')} failed: ${errorText(err)}\n${stdout}${stderr}`,
          ),
        );
      else resolve(`${stdout}${stderr}`);
    });
  });
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null || !server.pid) return;
  const exited = new Promise<void>((r) => server.once('exit', () => r()));
  const kill = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      try {
        server.kill(signal);
      } catch {
        /* gone */
      }
    }
  };
  kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) kill('SIGKILL');
  await sleep(200); // code-server's file watcher child lets go of the workspace
}

export async function launchVSCode(opts: LaunchOptions = {}): Promise<VSCode> {
  const started = Date.now();
  const host = codeServerHost();
  if (!fs.existsSync(host.entry)) throw new Error(`${host.entry} is missing: run \`npm run setup:code-server\``);
  const vsix = path.resolve(
    opts.vsix ?? process.env.VAIROSMS_TEST_VSIX ?? path.join(REPO_ROOT, 'vairosms-reports.vsix'),
  );
  if (!fs.existsSync(vsix))
    throw new Error(
      `${vsix} is missing: run \`node esbuild.js --production && npx vsce package --no-dependencies -o vairosms-reports.vsix\``,
    );

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-ui-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'workspace');
  for (const d of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(d, { recursive: true });
  const files =
    opts.files && Object.keys(opts.files).length > 0 ? opts.files : { 'README.md': '# VairoSMS UI test workspace\n' };
  writeWorkspace(workspace, files);
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        ...DEFAULT_SETTINGS,
        ...(opts.colorTheme ? { 'workbench.colorTheme': opts.colorTheme } : {}),
        ...opts.settings,
      },
      null,
      2,
    ),
  );
  if (opts.keybindings?.length) {
    fs.writeFileSync(path.join(userDataDir, 'User', 'keybindings.json'), JSON.stringify(opts.keybindings, null, 2));
  }
  const locale = opts.locale && opts.locale !== 'en' ? opts.locale : undefined;
  if (locale) writeLanguagePack(userDataDir, scratch, locale);

  const common = [
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--config',
    path.join(scratch, 'config.yaml'),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    VSCODE_IPC_HOOK_CLI: '',
    EXTENSIONS_GALLERY: '{}',
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
  };
  let log = '';
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const consoleLines: string[] = [];
  const cleanup = async (keep: boolean): Promise<void> => {
    try {
      await context?.close();
    } catch {
      /* already closed */
    }
    if (server) await stopServer(server);
    if (!keep) fs.rmSync(scratch, { recursive: true, force: true });
  };

  try {
    // 1. install the .vsix offline (by id would ask open-vsx.org)
    log += await run(host.node, [host.entry, ...common, '--install-extension', vsix], env, 120000);

    // 2. start code-server on a free port; ready when both listeners are up
    const args = [
      host.entry,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
    ];
    if (locale) args.push('--locale', locale);
    args.push(workspace);
    const child = spawn(host.node, args, { stdio: ['ignore', 'pipe', 'pipe'], env, detached: true });
    server = child;
    const address = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60000);
      const on = (d: Buffer): void => {
        log += d.toString();
        const m = log.match(/HTTP server listening on (http:\/\/[.:\d]+)/);
        if (m && /Session server listening/.test(log)) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', on);
      child.stderr!.on('data', on);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (${code ?? signal})`));
      });
    });
    child.removeAllListeners('exit');

    // 3. the browser: a persistent profile (secrets live in its storage), clipboard allowed for the origin
    context = await chromium.launchPersistentContext(path.join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: CHROMIUM_ARGS,
      locale: locale ?? 'en-US',
      bypassCSP: opts.bypassCSP === true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: address });
    await context.addInitScript(tagWebviewsInPage);
    for (const script of opts.initScripts ?? []) await context.addInitScript(script);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      d.accept().catch(() => undefined);
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleLines.push(`[console.error] ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    page.setDefaultTimeout(30000);

    const url = `${address}/?folder=${encodeURIComponent(workspace)}`;
    await page.goto(url);
    await waitForWorkbench(page);
    // the workspace is open when the explorer lists a top-level entry (dot-entries may be excluded from it)
    const first = Object.keys(files)
      .map((f) => f.split(/[\\/]/)[0])
      .filter((f) => !f.startsWith('.'))
      .sort()[0];
    if (first)
      await page
        .locator('.explorer-folders-view .monaco-list-row')
        .filter({ hasText: first })
        .first()
        .waitFor({ timeout: 60000 });
    const vscode = makeDriver({
      page,
      context,
      url: address,
      workspace,
      userDataDir,
      extensionsDir,
      scratch,
      server: child,
      log: () => log,
      consoleLines,
    });
    if (process.env.VERBOSE)
      console.log(
        `      [harness] VS Code ready in ${Date.now() - started} ms at ${address} (host ${host.name}${host.vscode ? ` = VS Code ${host.vscode}` : ''})`,
      );
    return vscode;
  } catch (err) {
    const base = path.join(RESULTS_DIR, `launch-failure-${Date.now()}`);
    try {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      if (page) await page.screenshot({ path: `${base}.png` });
      fs.writeFileSync(`${base}.log`, `${log}\n--- browser ---\n${consoleLines.join('\n')}\n`);
    } catch {
      /* best effort */
    }
    await cleanup(process.env.KEEP_TEST_DIRS === '1');
    throw new Error(
      `launchVSCode failed: ${errorText(err)}\n(screenshot and log: ${base}.*)\n--- code-server log (tail) ---\n${log.slice(-4000)}`,
    );
  }
}
