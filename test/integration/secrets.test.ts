// The API key lives only in SecretStorage. A sentinel key with characters that change under every encoding
// (& # % space / + = < > " ') is set through the real command, used for lookups that succeed and that fail in every way that
// touches the key (401, not found, an HTML 502, a timeout, servers that echo the key back), shown raw, copied as
// cURL; then every place the extension writes to is searched for the key in all its forms: history, panel
// models and HTML, settings (API and settings.json), the log files on disk, every other file of the profile and
// the workspace, every message shown, everything our commands returned or threw.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { NUMBER_FOR_STATUS, SAMPLE } from '../sandbox/data';
import {
  clearHistory,
  closeAllEditors,
  extensionLogFiles,
  fakeInputBoxes,
  leaveClean,
  focusEditor,
  listFiles,
  recordMessages,
  runCommand,
  scanFiles,
  scanText,
  secretForms,
  setApiKey,
  setSetting,
  sleep,
  testState,
  until,
  userDataDir,
  vairoConfig,
  within,
  type CommandRun,
  type Finding,
  type MessageRecorder,
  type ShownMessage,
} from './helpers';

/** Characters that change under every encoding, the ones an echoing server escapes: & # % space / + = < > " '. */
const SENTINEL = 'SENTINEL-KEY-7f3a&#%20 x/+=<>"\'';
const OTHER_KEY = 'not-the-sentinel-key';

/** Describes findings without printing the key itself (a failure message may end up in a log we scan later). */
const describeFindings = (findings: readonly Finding[]): string =>
  findings.map((f) => `${f.where} (form #${secretForms(SENTINEL).indexOf(f.form)})`).join('\n');

describe('secrets: the key is only in SecretStorage', () => {
  let sb: Sandbox;
  let messages: MessageRecorder;
  /** Every message shown during the suite (each test records its own, collected here). */
  const shown: ShownMessage[] = [];
  const runs: CommandRun[] = [];
  const rawTexts: string[] = [];

  before(async function () {
    this.timeout(30000);
    sb = await startSandbox({ apiKey: SENTINEL });
    await setSetting('apiRoot', sb.root);
    await closeAllEditors();
    await clearHistory();
  });

  beforeEach(() => {
    messages = recordMessages();
  });
  afterEach(() => {
    messages.restore();
    shown.push(...messages.shown);
  });

  after(async function () {
    this.timeout(30000);
    await leaveClean(sb, 'requestTimeoutSeconds');
  });

  it('the scanner finds every form of the key (so an empty result means something)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vairosms-scan-'));
    try {
      const forms = secretForms(SENTINEL);
      assert.ok(forms.length >= 3, 'raw, encodeURIComponent and URLSearchParams forms');
      assert.ok(forms.includes(encodeURIComponent(SENTINEL)));
      assert.ok(forms.includes(new URLSearchParams({ k: SENTINEL }).toString().slice(2)));
      forms.forEach((f, i) => fs.writeFileSync(path.join(dir, `utf8-${i}.txt`), `before ${f} after`));
      fs.writeFileSync(path.join(dir, 'utf16.bin'), Buffer.from(`x${SENTINEL}y`, 'utf16le'));
      fs.writeFileSync(path.join(dir, 'clean.txt'), 'SENTINEL-KEY-7f3a [REDACTED]');
      const found = new Set(scanFiles(listFiles(dir), SENTINEL).map((f) => path.basename(f.where)));
      assert.deepEqual([...found].sort(), [...forms.map((_, i) => `utf8-${i}.txt`), 'utf16.bin'].sort());
      assert.equal(scanText('t', `a ${encodeURIComponent(SENTINEL)} b`, SENTINEL).length, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is asked for in a password box and stored: a lookup then asks nothing and sends it exactly', async () => {
    const asked = await setApiKey(SENTINEL);
    assert.equal(asked[0].password, true, 'Set API Key uses a password box');
    assert.equal(asked[0].ignoreFocusOut, true, 'the box survives a focus change (pasting from elsewhere)');
    assert.equal(scanText('the prompt', JSON.stringify({ ...asked[0], answer: undefined }), SENTINEL).length, 0);
    const boxes = fakeInputBoxes([]);
    let outcome: unknown;
    try {
      outcome = await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 0, 'no box: the key came from SecretStorage');
    assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
    const last = sb.requests[sb.requests.length - 1];
    assert.equal(last.apiKeyOk, true, 'the sandbox received exactly the key that was typed');
    assert.ok(last.path.includes('api_key='), 'the key travels in the query string (so every URL must be redacted)');
  });

  it('after Clear API Key a lookup asks for it again; Esc there sends nothing', async () => {
    await runCommand('vairosms.clearApiKey');
    const before = sb.requests.length;
    const boxes = fakeInputBoxes([undefined]);
    let outcome: unknown = 'not run';
    try {
      outcome = await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
    } finally {
      boxes.restore();
    }
    assert.equal(outcome, undefined);
    assert.equal(boxes.asked.length, 1, 'the key was asked for');
    assert.equal(boxes.asked[0].password, true);
    assert.equal(sb.requests.length, before, 'nothing sent without a key');
    await setApiKey(SENTINEL);
  });

  it('runs lookups that succeed and fail in every way that touches the key', async function () {
    this.timeout(60000);
    await setSetting('requestTimeoutSeconds', 1);
    // From a text editor in front (as Refresh in Recent Lookups runs it), so every failure is told in a notification
    // too, and each notification is scanned.
    const lookup = async (sendId: string, number: string) => {
      await focusEditor();
      const r = await runCommand('vairosms.refreshLookup', { sendId, number });
      runs.push(r);
      return r.value;
    };
    assert.deepEqual(await lookup(SAMPLE.sendId, SAMPLE.number), { ok: true, status: 'DELIVERED' });
    assert.deepEqual(
      await lookup(SAMPLE.sendId, '5399999990'),
      { ok: false, error: 'not-found' },
      'a number not in the send',
    );
    assert.deepEqual(await lookup('188', SAMPLE.number), { ok: false, error: 'not-found' }, 'an unknown send');
    sb.setApiKey(OTHER_KEY);
    try {
      assert.deepEqual(
        await lookup(SAMPLE.sendId, NUMBER_FOR_STATUS.WAITING),
        { ok: false, error: 'unauthorized' },
        'a wrong key: 401',
      );
      const refreshed = await runCommand('vairosms.refreshLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number });
      runs.push(refreshed);
      assert.deepEqual(refreshed.value, { ok: false, error: 'unauthorized' }, 'a refresh with a wrong key: 401');
    } finally {
      sb.setApiKey(SENTINEL);
    }
    const html = await lookup('9002', SAMPLE.number);
    assert.equal((html as { ok: boolean }).ok, false, 'HTML 502');
    const t0 = Date.now();
    assert.deepEqual(await lookup('9001', SAMPLE.number), { ok: false, error: 'timeout' }, 'the hang times out (1 s)');
    assert.ok(Date.now() - t0 < 10000, 'the timeout setting was honoured');
    for (const [format, number] of [
      ['json', NUMBER_FOR_STATUS.SENDING],
      ['html', NUMBER_FOR_STATUS.EXPIRED],
      ['php-json', NUMBER_FOR_STATUS.DEFAULT], // \/ and \uXXXX (row 22)
      ['html-entities', NUMBER_FOR_STATUS.REJECTED], // &sol; &#43; &#x3d; and lower-case percent (row 22)
    ] as const) {
      sb.setFault({ kind: 'echo', format });
      try {
        const echoed = await lookup(SAMPLE.sendId, number);
        assert.equal((echoed as { ok: boolean }).ok, false, `echo ${format}`);
      } finally {
        sb.setFault(undefined);
      }
      const reflected = sb.requests[sb.requests.length - 1];
      assert.equal(reflected.apiKeyOk, true, `the echo server received (and reflected) the real key (${format})`);
    }
    assert.ok(
      messages.texts('error').length >= 9,
      `an error notification per failed lookup (${messages.texts('error').length})`,
    );
    assert.ok(
      sb.requests.length >= 10 && sb.requests.every((r) => r.apiKey === SENTINEL),
      'every request carried the key (so each path above handled it)',
    );
  });

  it('Show Raw Response, Copy as cURL and other commands show and return no form of it', async function () {
    this.timeout(60000);
    /** Runs Show Raw Response and returns the document's text once it matches `expected`. */
    const show = async (sendId: string, number: string, expected: RegExp) => {
      runs.push(await runCommand('vairosms.showRawResponse', { sendId, number }));
      const text = () =>
        vscode.workspace.textDocuments
          .find((d) => d.uri.scheme === 'vairosms-raw' && d.uri.path === `/${sendId}/${number}.json`)
          ?.getText();
      await until(
        () => expected.test(text() ?? ''),
        `the raw response of ${sendId}/${number} is shown`,
        5000,
        () => (text() ?? '(not open)').slice(0, 300),
      );
      rawTexts.push(text() ?? '');
      return text() ?? '';
    };
    // The last answer for the sample was the 401 (the refresh with a wrong key); then a good one.
    await show(SAMPLE.sendId, SAMPLE.number, /"durum":\s*false/);
    const refreshed = await runCommand('vairosms.refreshLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number });
    runs.push(refreshed);
    assert.deepEqual(refreshed.value, { ok: true, status: 'DELIVERED' });
    await show(SAMPLE.sendId, SAMPLE.number, /"durum_gonderim":\s*"DELIVERED"/);
    // The echoed JSON answer: the key was in it, as sent and decoded; it is shown redacted. The HTML echo is shown as
    // it came (Show Raw Response shows the exact body), with every escaped form of the key redacted.
    await show(SAMPLE.sendId, NUMBER_FOR_STATUS.SENDING, /api_key.*\[REDACTED\]/);
    await show(SAMPLE.sendId, NUMBER_FOR_STATUS.EXPIRED, /<[a-z][\s\S]*\[REDACTED\]/i);

    runs.push(await runCommand('vairosms.copyAsCurl', { sendId: SAMPLE.sendId, number: SAMPLE.number }));
    let clipboard = '';
    try {
      clipboard = await vscode.env.clipboard.readText();
    } catch {
      // the browser may refuse to read the clipboard; the snippet's own tests cover its text
    }
    rawTexts.push(clipboard);
    console.log(`      clipboard after Copy as cURL: ${clipboard ? `${clipboard.length} characters` : 'not readable'}`);
    if (clipboard)
      assert.match(
        clipboard,
        /curl[\s\S]*VAIROSMS_API_KEY/,
        'the cURL command was copied, reading the key from the environment',
      );

    // Commands other code may call, with arguments that try to make them echo something.
    const noBoxes = fakeInputBoxes(Array(20).fill(undefined));
    try {
      for (const [id, ...args] of [
        ['vairosms.openLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number }],
        ['vairosms.openLookup', { sendId: '187', number: '5399999991' }],
        ['vairosms.refreshLookup', { sendId: SAMPLE.sendId, number: SAMPLE.number }],
        ['vairosms.lookUpReport', '../x', '1?api_key=evil'],
        ['vairosms.lookUpReport', { sendId: SAMPLE.sendId, number: [SAMPLE.number] }],
        ['vairosms.showRawResponse', { sendId: '9001', number: SAMPLE.number }],
        ['vairosms.copyAsSnippet', { sendId: SAMPLE.sendId, number: SAMPLE.number }, 'python'],
        ['_vairosms.promptForApiKey'],
      ] as const) {
        runs.push(await runCommand(id, ...args));
      }
    } finally {
      noBoxes.restore();
    }
    assert.ok(
      runs.some((r) => JSON.stringify(r.value)?.includes('DELIVERED')),
      'the commands did return outcomes',
    );
  });

  it('is in no history entry, panel, setting, message, command result, log line or file of the profile', async function () {
    this.timeout(60000);
    // The log channel writes its file asynchronously: wait until the lookups above are in it.
    const logsRoot = path.join(userDataDir(), 'logs');
    let logs: string[] = [];
    await until(
      () => {
        logs = extensionLogFiles(logsRoot);
        const text = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        return (
          /lookup: number/.test(text) &&
          /POST http:\/\/127\.0\.0\.1:\d+\/Panel\/api\/v1\/NumaraRaporu\/9001/.test(text) &&
          /lookup failed: unauthorized/.test(text)
        );
      },
      'the extension log file on disk has the lookups',
      15000,
      () => `log files: ${logs.join(', ') || 'none'} under ${logsRoot}`,
    );
    const ourLog = logs.find((f) => f.includes(`smsdev.vairosms-reports${path.sep}`));
    assert.ok(ourLog, `the extension's own log file: ${logs.join(', ')}`);
    const logText = fs.readFileSync(ourLog, 'utf8');
    assert.match(logText, /api_key=\[REDACTED\]/, 'request URLs are logged with the key redacted');
    console.log(`      log file: ${path.relative(userDataDir(), ourLog)} (${logText.split('\n').length} lines)`);
    await sleep(1500); // let the workbench write settings and state (code-server flushes storage on a timer)

    const findings: Finding[] = [];
    const s = await testState();
    assert.ok(
      s.history.length >= 1 && s.panels.length >= 5,
      `lookups are there to check (${s.history.length} entries, ${s.panels.length} panels)`,
    );
    findings.push(...scanText('history (test state)', JSON.stringify(s.history), SENTINEL));
    for (const p of s.panels) {
      findings.push(...scanText(`panel model ${p.sendId}/${p.number}`, JSON.stringify(p.model), SENTINEL));
      findings.push(...scanText(`panel html ${p.sendId}/${p.number}`, p.html, SENTINEL));
    }
    assert.ok(
      s.panels.some((p) => p.model?.state === 'error' && /api_key/.test(JSON.stringify(p.model))),
      'an echoed answer (with api_key in it) reached a panel model, redacted',
    );

    const config = vairoConfig();
    const keys = Object.keys(
      (
        vscode.extensions.getExtension('smsdev.vairosms-reports')?.packageJSON as {
          contributes: { configuration: { properties: Record<string, unknown> } };
        }
      ).contributes.configuration.properties,
    );
    findings.push(
      ...scanText(
        'settings (inspect)',
        JSON.stringify(keys.map((k) => config.inspect(k.replace(/^vairosms\./, '')))),
        SENTINEL,
      ),
    );
    findings.push(...scanText('settings (all)', JSON.stringify(vscode.workspace.getConfiguration()), SENTINEL));
    const settingsFile = path.join(userDataDir(), 'User', 'settings.json');
    assert.ok(fs.existsSync(settingsFile), 'settings.json on disk');
    assert.match(
      fs.readFileSync(settingsFile, 'utf8'),
      /"vairosms\.apiRoot"/,
      'settings.json has our settings (the right file)',
    );
    findings.push(...scanFiles([settingsFile], SENTINEL));

    assert.ok(shown.length >= 7, `messages were recorded (${shown.length})`);
    findings.push(...scanText('messages shown', JSON.stringify([...shown, ...messages.shown]), SENTINEL));
    findings.push(...scanText('command results and errors', JSON.stringify(runs), SENTINEL));
    findings.push(...scanText('raw responses and clipboard', rawTexts.join('\n'), SENTINEL));
    findings.push(
      ...scanText(
        'open documents',
        vscode.workspace.textDocuments.map((d) => `${d.uri.toString()}\n${d.getText()}`).join('\n'),
        SENTINEL,
      ),
    );
    findings.push(
      ...scanText(
        'tab labels',
        JSON.stringify(vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label))),
        SENTINEL,
      ),
    );

    findings.push(...scanFiles(logs, SENTINEL));
    const profileFiles = listFiles(userDataDir());
    const workspace = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const workspaceFiles = workspace ? listFiles(workspace) : [];
    findings.push(...scanFiles([...profileFiles, ...workspaceFiles], SENTINEL));
    const stateDb = profileFiles.filter((f) => f.endsWith('.vscdb'));
    console.log(
      `      scanned ${logs.length} log file(s), ${profileFiles.length} profile file(s), ${workspaceFiles.length} workspace file(s); ` +
        `state databases on disk: ${stateDb.length ? stateDb.map((f) => path.relative(userDataDir(), f)).join(', ') : 'none (code-server keeps globalState in the browser)'}`,
    );

    assert.equal(findings.length, 0, `the key was found in:\n${describeFindings(findings)}`);
    // The sandbox's own record is the one place that must have it: the check above looked at real traffic.
    assert.ok(
      sb.requests.some(
        (r) =>
          r.path.includes(encodeURIComponent(SENTINEL)) ||
          r.path.includes(new URLSearchParams({ k: SENTINEL }).toString().slice(2)),
      ),
      'the key did travel (URL-encoded) in the requests',
    );
  });

  it('stays usable: the key still works after all of that (stored, not lost)', async () => {
    const boxes = fakeInputBoxes([]);
    try {
      const outcome = await within(
        vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, NUMBER_FOR_STATUS.DELIVERED),
        15000,
        'the lookup',
      );
      assert.deepEqual(outcome, { ok: true, status: 'DELIVERED' });
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 0);
  });
});
