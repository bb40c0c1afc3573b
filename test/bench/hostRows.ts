// Rows of the extension-host bench measured apart from the panels (test/bench/host.ts runs them): the activation
// figures VS Code itself records (row 2c), the lookup with its send summary (row 9) and the batch's memory (row 8).
import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { BIG, SAMPLE, bigNumber } from '../sandbox/data';
import { startSandbox } from '../sandbox/server';
import { median, percentile, sleep, until } from './stats';
import { seam } from '../surface/client';
import { confirmedBatch } from '../integration/batchConfirm';
import { config, KEY, log } from './hostCommon';

export interface ActivationStat {
  eager: string;
  loadCodeMs: number;
  callActivateMs: number;
  finishActivateMs: number;
  event: string;
}

/** VS Code's own activation figures ("Developer: Startup Performance", the workbench's perf:Startup Performance
 *  document): Load Code, Call Activate and Finish Activate per extension, read from the extension host. */
export async function startupPerformance(ids: string[]): Promise<Record<string, ActivationStat> | { error: string }> {
  try {
    // The document's provider is a lazy workbench contribution: the command creates it (and shows the document).
    await vscode.commands.executeCommand('perfview.show');
    const uri = vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' });
    let text = '';
    await until(
      async () => {
        try {
          text = (await vscode.workspace.openTextDocument(uri)).getText();
        } catch {
          return false; // not registered yet
        }
        const firstCells = new Set(text.split('\n').map((l) => l.split('|')[1]?.trim().toLowerCase()));
        return ids.every((id) => firstCells.has(id.toLowerCase()));
      },
      20_000,
      'the activation stats in perf:Startup Performance',
      250,
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const found: Record<string, ActivationStat> = {};
    for (const line of text.split('\n')) {
      const cells = line.split('|').map((c) => c.trim());
      // | Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By |
      const id = ids.find((i) => cells[1]?.toLowerCase() === i.toLowerCase());
      if (id && cells.length >= 8) {
        found[id] = {
          eager: cells[2],
          loadCodeMs: Number(cells[3]),
          callActivateMs: Number(cells[4]),
          finishActivateMs: Number(cells[5]),
          event: cells[6],
        };
      }
    }
    const missing = ids.filter((i) => !found[i]);
    return missing.length ? { error: `no activation stats for ${missing.join(', ')}` } : found;
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** For diagnosing a failed read of the startup performance document. */
export async function perfExcerpt(): Promise<string> {
  try {
    const text = (
      await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }))
    ).getText();
    const at = text.indexOf('Extension Activation');
    return at >= 0 ? text.slice(at, at + 3000) : text.slice(0, 3000);
  } catch (e) {
    return String(e);
  }
}

export function gcFunction(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Row 9: lookups that fetch the report (50 ms) and the send's summary (80 ms) together. */
const BOTH_LOOKUPS = Number(process.env.BENCH_BOTH_LOOKUPS ?? 200);
const BOTH_REPORT_MS = 50;
const BOTH_SUMMARY_MS = 80;

/** Row 9: each lookup's wall time from its start to the later of its two answers, through the lookup service. */
export async function reportAndSummary(): Promise<Record<string, number>> {
  const both = await startSandbox({ apiKey: KEY, latencyMs: BOTH_REPORT_MS, summaryLatencyMs: BOTH_SUMMARY_MS });
  try {
    await config().update('apiRoot', both.root, vscode.ConfigurationTarget.Global);
    const walls: number[] = [];
    const reports: number[] = [];
    const summaries: number[] = [];
    // The key is stored by a first lookup through the command (the prompt is answered): not timed.
    await vscode.commands.executeCommand('vairosms.lookUpReport', SAMPLE.sendId, SAMPLE.number);
    for (let i = -5; i < BOTH_LOOKUPS; i++) {
      const t = await seam.lookUpBoth(SAMPLE.sendId, SAMPLE.number);
      if (!t.ok) throw new Error(`lookup ${i} of the report-and-summary row failed`);
      if (i < 0) continue; // warm-up: connections opened, code compiled
      walls.push(t.wallMs);
      reports.push(t.reportMs);
      summaries.push(t.summaryMs);
    }
    return {
      lookups: BOTH_LOOKUPS,
      reportLatencyMs: BOTH_REPORT_MS,
      summaryLatencyMs: BOTH_SUMMARY_MS,
      wallMedianMs: median(walls),
      wallP95Ms: percentile(walls, 95),
      reportMedianMs: median(reports),
      summaryMedianMs: median(summaries),
      reportRequests: both.requests.length,
      summaryRequests: both.summaryRequests.length,
    };
  } finally {
    await both.close();
  }
}

export const BATCH_MEMORY_NUMBERS = Number(process.env.BENCH_BATCH_MEMORY_NUMBERS ?? BIG.count);

/** Row 8: runs "Look Up Several Numbers" over BIG's numbers (each answer about 200 KB, a unique message) against a
 *  sandbox in a child process, sampling heapUsed every 20 ms; then closes the batch panel and measures what stays. */
export async function batchMemory(gc: () => void, sandboxRoot: string | undefined) {
  const child = fork(path.join(__dirname, 'sandbox.js'), [], {
    env: { ...process.env, BENCH_SANDBOX_KEY: KEY },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    const root = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { type?: string; root?: string }) =>
        m.type === 'ready' && m.root ? resolve(m.root) : reject(new Error(`sandbox: ${JSON.stringify(m)}`)),
      );
      child.once('exit', (code) => reject(new Error(`the sandbox exited (${code})`)));
    });
    await config().update('apiRoot', root, vscode.ConfigurationTarget.Global);
    await config().update('batchConcurrency', 8, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(500);
    const before = await settledHeap(gc);
    let peak = before;
    let livePeak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
    // heapUsed also counts garbage V8 has not collected yet (each answer is a 200 KB string, parsed, then dropped);
    // what the batch holds is heapUsed right after a full collection, taken every 2 s.
    const liveSampler = setInterval(() => {
      gc();
      livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    }, 2000);
    const numbers = Array.from({ length: BATCH_MEMORY_NUMBERS }, (_, i) => bigNumber(i));
    const t0 = Date.now();
    let outcome = await confirmedBatch<{ items: Array<{ status: string }> } | undefined>(BIG.sendId, numbers);
    const wallMs = Date.now() - t0;
    clearInterval(sampler);
    clearInterval(liveSampler);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    gc();
    livePeak = Math.max(livePeak, process.memoryUsage().heapUsed);
    const ok = outcome?.items.filter((i) => i.status === 'ok').length ?? 0;
    outcome = undefined; // the bench holds nothing of the batch either
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(1500); // the webview's dispose round trip
    const after = await settledHeap(gc);
    await config().update('batchConcurrency', undefined, vscode.ConfigurationTarget.Global);
    await config().update('apiRoot', sandboxRoot, vscode.ConfigurationTarget.Global);
    log(
      `batch memory: ${ok}/${numbers.length} in ${(wallMs / 1000).toFixed(1)} s, peak +${((peak - before) / 2 ** 20).toFixed(1)} MB (live +${((livePeak - before) / 2 ** 20).toFixed(1)} MB), after +${((after - before) / 2 ** 20).toFixed(2)} MB`,
    );
    return {
      numbers: numbers.length,
      answerBytes: BIG.messageBytes,
      ok,
      wallMs,
      before,
      peak,
      livePeak,
      after,
      peakGrowth: peak - before,
      livePeakGrowth: livePeak - before,
      retained: after - before,
    };
  } finally {
    child.kill();
  }
}

/** heapUsed after repeated full collections. Ten, because V8 flushes the bytecode of functions that did not run for a
 *  few collections: with only one or two, a baseline still holds bytecode that a later measurement no longer does
 *  (which reads as the heap shrinking by megabytes). */
export async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 10; i++) {
    gc();
    await sleep(50);
  }
  gc();
  return process.memoryUsage().heapUsed;
}
