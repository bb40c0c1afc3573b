// Where the developer already is, in the real extension host: the language model tools listed in vscode.lm.tools and
// invoked with vscode.lm.invokeTool (as a chat agent or another extension would; no model needed), success and
// failure, without a key, with masking, with and without the SMS text; and "Look Up VairoSMS Report" on a variable
// of a real debug session (the built-in JavaScript debugger, stopped at a breakpoint in a small Node script).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NUMBER_FOR_STATUS, SAMPLE, SAMPLE_REPORT, SUMMARY_SENDS } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  clearApiKey,
  fakeInputBoxes,
  leaveClean,
  panelFor,
  secretForms,
  setApiKey,
  setSetting,
  until,
} from './helpers';

const KEY = 'TOOLS-SENTINEL-KEY-4b9e&%x';
const WAITING = { sendId: SAMPLE.sendId, number: NUMBER_FOR_STATUS.WAITING };

async function invoke(name: string, input: object): Promise<string> {
  const r = await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined });
  return r.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

describe('language model tools @floor', function () {
  this.timeout(60_000);
  let sb: Sandbox;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
  });
  after(async () => {
    await leaveClean(sb, 'maskNumbers', 'tools.includeMessageText');
  });
  beforeEach(() => sb.resetStats());

  it('are listed in vscode.lm.tools with their input schemas and prompt reference names', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('vairosms_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), [
      'vairosms_explainStatus',
      'vairosms_lookUpReport',
      'vairosms_lookUpSend',
    ]);
    const report = ours.find((t) => t.name === 'vairosms_lookUpReport')!;
    assert.deepEqual((report.inputSchema as { required?: string[] }).required, ['sendId', 'number']);
    assert.match(report.description, /delivery report of one phone number in one SMS send/);
  });

  it('without a stored key: says how to set one, and opens no prompt', async () => {
    await clearApiKey();
    const boxes = fakeInputBoxes([]);
    let t: string;
    try {
      t = await invoke('vairosms_lookUpReport', WAITING);
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 0, 'no input box');
    assert.match(t, /No VairoSMS API key is stored\. Ask the user to run "VairoSMS: Set API Key…"/);
    assert.equal(sb.requests.length, 0);
  });

  it('explainStatus answers from the glossary, with no request and no key', async () => {
    const t = await invoke('vairosms_explainStatus', { code: 'expired' });
    assert.match(t, /^Status EXPIRED: Expired\.\nMeaning: /);
    assert.match(t, /VairoSMS's documentation \(Turkish\): «Zaman aşımı\./);
    assert.match(await invoke('vairosms_explainStatus', {}), /^Not explained: the input needs "code"/);
    assert.equal(sb.requests.length + sb.summaryRequests.length, 0);
  });

  it('lookUpReport: the status explained, the times and the diagnosis; the SMS text only when allowed', async () => {
    await setApiKey(KEY);
    const t = await invoke('vairosms_lookUpReport', WAITING);
    for (const part of [
      `VairoSMS report of ${WAITING.number} in send #${WAITING.sendId}.`,
      'Status WAITING: Waiting for report.',
      'Final or pending: Pending: may still change',
      'Diagnosis: If no delivery report arrives by',
      'The message text is left out',
    ])
      assert.ok(t.includes(part), `"${part}" in:\n${t}`);
    assert.equal(sb.requests.length, 1);
    assert.equal(sb.summaryRequests.length, 1, 'the summary asked once, beside the report');

    await setSetting('tools.includeMessageText', true);
    const withText = await invoke('vairosms_lookUpReport', SAMPLE);
    assert.ok(withText.includes(`«${SAMPLE_REPORT.mesaj}»`), withText);
    await setSetting('tools.includeMessageText', undefined);

    await setSetting('maskNumbers', true);
    const masked = `${WAITING.number.slice(0, 3)}****${WAITING.number.slice(-3)}`;
    assert.ok((await invoke('vairosms_lookUpReport', WAITING)).includes(`report of ${masked} in send #187`));
    await setSetting('maskNumbers', undefined);
  });

  it('lookUpReport: bad input and failed lookups come back as clear text, never a stack trace', async () => {
    assert.match(await invoke('vairosms_lookUpReport', { sendId: 'abc', number: SAMPLE.number }), /^Not looked up: /);
    assert.match(await invoke('vairosms_lookUpReport', { sendId: '187' }), /^Not looked up: The input needs "number"/);
    const t = await invoke('vairosms_lookUpReport', { sendId: '9002', number: SAMPLE.number });
    assert.match(t, /^The report of 5399999999 in send #9002 could not be looked up: /);
    assert.ok(!/\bat [\w.<>]+ \(|\.js:\d+:\d+/.test(t), `no stack trace:\n${t}`);
    assert.ok(!t.includes('<script'), "the server's HTML is not in the text");
  });

  it('lookUpSend: the summary of a failed send, its log quoted as data', async () => {
    const t = await invoke('vairosms_lookUpSend', { sendId: SUMMARY_SENDS.failed.sendId });
    assert.match(t, /^Send 711: Send failed\. /);
    assert.match(t, /Log of the failed send, as VairoSMS sent it: «/);
    assert.match(t, /Diagnosis: This send failed: nothing was sent and no credit was used\./);
  });

  it('the key is in no result, in any form', async () => {
    const texts = [
      await invoke('vairosms_lookUpReport', WAITING),
      await invoke('vairosms_lookUpReport', { sendId: '9002', number: SAMPLE.number }),
      await invoke('vairosms_lookUpSend', { sendId: SAMPLE.sendId }),
    ];
    for (const t of texts) for (const f of secretForms(KEY)) assert.ok(!t.includes(f), `a form of the key in:\n${t}`);
  });
});

describe('the debugger: Look Up VairoSMS Report on a variable', function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let dir: string;

  before(async () => {
    sb = await startSandbox({ apiKey: KEY });
    await setSetting('apiRoot', sb.root);
    await setApiKey(KEY);
    dir = fs.mkdtempSync(path.join(process.env.VAIROSMS_TEST_WORKSPACE ?? '/tmp', 'debug-'));
    // The answer's fields are plain; its class has a getter and a toJSON, and a Proxy wraps a copy: each writes to
    // marks.txt when it runs. Looking the variables up must run none of them (#24 item 5).
    fs.writeFileSync(
      path.join(dir, 'app.js'),
      [
        "const fs = require('fs');",
        `const mark = (what) => fs.appendFileSync(${JSON.stringify(path.join(dir, 'marks.txt'))}, what + '\\n');`,
        'class Answer {',
        "  constructor() { this.durum = true; this.aciklama = { sms_gonderim_id: 187, numara: '5399999999', nested: { a: [1, 2, 3] } }; }",
        "  get summary() { mark('getter'); return 'x'; }",
        "  toJSON() { mark('toJSON'); return { durum: false }; }",
        '}',
        'const answer = new Answer();',
        "Object.defineProperty(answer, 'status', { enumerable: true, get() { mark('own getter'); return 'DELIVERED'; } });",
        'const traps = {};',
        "for (const t of ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf']) traps[t] = (...a) => (mark('proxy ' + t), Reflect[t](...a));",
        "const proxied = new Proxy({ sms_gonderim_id: 188, numara: '5399999999' }, traps);",
        'const flat = answer.aciklama;',
        'debugger;',
        'console.log(flat.numara, proxied === answer);',
        '',
      ].join('\n'),
    );
  });
  after(async () => {
    await vscode.debug.stopDebugging();
    fs.rmSync(dir, { recursive: true, force: true });
    await leaveClean(sb);
  });

  /** A variable of the stopped frame as the Variables view hands it to the command: its name, value and reference. */
  async function frameVariable(name: string): Promise<{ name: string; value: string; variablesReference: number }> {
    const session = vscode.debug.activeDebugSession;
    const frame = vscode.debug.activeStackItem;
    assert.ok(session && frame instanceof vscode.DebugStackFrame, 'stopped in a frame');
    const { scopes } = (await session.customRequest('scopes', { frameId: frame.frameId })) as {
      scopes: Array<{ variablesReference: number }>;
    };
    for (const scope of scopes) {
      const { variables } = (await session.customRequest('variables', {
        variablesReference: scope.variablesReference,
      })) as { variables: Array<{ name: string; value: string; variablesReference: number }> };
      const found = variables.find((v) => v.name === name);
      if (found) return found;
    }
    throw new Error(`no variable ${name} in the frame`);
  }

  it('reads an object variable by its fields, evaluating nothing: no getter, toJSON or Proxy trap runs (#24)', async () => {
    const stopped = new Promise<void>((resolve) => {
      const sub = vscode.debug.onDidChangeActiveStackItem((item) => {
        if (item instanceof vscode.DebugStackFrame) {
          sub.dispose();
          resolve();
        }
      });
    });
    const started = await vscode.debug.startDebugging(undefined, {
      type: 'pwa-node',
      request: 'launch',
      name: 'vairosms debug test',
      program: path.join(dir, 'app.js'),
      console: 'internalConsole',
    });
    assert.equal(started, true, 'the JavaScript debugger started');
    await stopped;
    const marks = path.join(dir, 'marks.txt');
    for (const [name, sendId] of [
      ['answer', '187'],
      ['proxied', '188'],
    ] as const) {
      const variable = await frameVariable(name);
      const boxes = fakeInputBoxes([]);
      try {
        // What the Variables view hands the command: the value as the debugger summarises it, and its reference.
        await vscode.commands.executeCommand('vairosms.lookUpVariable', {
          sessionId: vscode.debug.activeDebugSession?.id,
          variable: { ...variable, evaluateName: name },
        });
      } finally {
        boxes.restore();
      }
      assert.equal(boxes.asked.length, 0, `${name}: both parts were found in its fields, nothing asked`);
      await until(async () => (await panelFor(sendId, SAMPLE.number)) !== undefined, `the panel of send ${sendId}`);
    }
    assert.equal(fs.existsSync(marks) ? fs.readFileSync(marks, 'utf8') : '', '', 'no code of the debuggee ran');
  });

  it('asks only for what the variable does not hold, prefilled with what it does', async () => {
    const boxes = fakeInputBoxes([undefined]);
    try {
      await vscode.commands.executeCommand('vairosms.lookUpVariable', {
        variable: { name: 'sendId', value: '4711' },
      });
    } finally {
      boxes.restore();
    }
    assert.equal(boxes.asked.length, 1, 'one box: the number');
    assert.match(boxes.asked[0].prompt ?? '', /Phone number the SMS of send #4711 was sent to\./);
  });
});
