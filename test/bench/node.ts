// The plain-Node rows of `npm run bench` (bundled to .bench/node.js by scripts/bench.mjs, run in its own process):
//   1. client: 200 sequential lookups, three ways, interleaved over rounds: the extension's HTTP path
//      (lookUpReport + the production dist/http.js transport), one curl process per lookup (the provider's sample),
//      and a bare keep-alive http.request loop (the floor); plus, for the details only, node-fetch by itself and
//      Node's global fetch on the same request;
//   4. batch: 1,000 numbers of send 500 through runBatch + the real transport, sandbox latency 50 ms, concurrency 8;
//   5. history: repairHistory at the cap and at 10,000 entries, and the stored bytes at the cap;
//   6. sizes: the production build (test/bench/budgets.ts);
//   11. the MCP server: start to the first tools/list, a tools/call beside the direct lookup (test/bench/mcpRows.ts).
// The sandbox runs in a child process (test/bench/sandboxProcess.ts); rows 5 and 10 are test/bench/nodeOffline.ts.
// Writes JSON to the path in argv[2].
import { fork, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodeFetch from 'node-fetch';
import { runBatch } from '../../src/core/batch/batchRun';
import { type Transport } from '../../src/core/api/transport';
import { BATCH, SAMPLE, batchNumber } from '../sandbox/data';
import { ANCHORS, GOALS, measureSizes } from './budgets';
import { median, percentile } from './stats';
import { progress, row10, row5 } from './nodeOffline';
import { rowMcp } from './mcpRows';
import { lookUpReport, buildReportRequest } from '../../src/core/report/endpoint';

const root = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..');
const KEY = 'bench-key';
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 10;
const BLOCK = 20;
const BATCH_LATENCY_MS = 50;
const BATCH_CONCURRENCY = 8;

// ---- the sandbox process --------------------------------------------------------------------------------------

interface SandboxStats {
  maxInFlight: number;
  inFlight: number;
  requests: number;
  ok: number;
}
interface SandboxHandle {
  root: string;
  send(m: { type: string; ms?: number }): Promise<SandboxStats>;
}

async function startSandboxProcess(): Promise<SandboxHandle> {
  const child = fork(path.join(__dirname, 'sandbox.js'), [], {
    env: { ...process.env, BENCH_SANDBOX_KEY: KEY },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: Array<(m: SandboxStats) => void> = [];
  const sbRoot = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => reject(new Error(`sandbox process exited (${c})`)));
    child.on('message', (m: { type: string; root?: string } & SandboxStats) => {
      if (m.type === 'ready' && m.root) resolve(m.root);
      else if (m.type === 'ok') waiting.shift()?.(m);
    });
  });
  child.removeAllListeners('exit');
  return {
    root: sbRoot,
    send: (m) =>
      new Promise<SandboxStats>((resolve) => {
        waiting.push(resolve);
        child.send(m);
      }),
  };
}

// ---- row 1: three clients -------------------------------------------------------------------------------------

/** Counts the sockets an agent opens (keep-alive evidence). */
function countConnections(agent: http.Agent): () => number {
  let n = 0;
  const a = agent as unknown as { createConnection: (...args: unknown[]) => unknown };
  const orig = a.createConnection;
  a.createConnection = function (this: unknown, ...args: unknown[]) {
    n++;
    return orig.apply(this, args);
  };
  return () => n;
}

type Client = () => Promise<void>;
type ClientName = 'ours' | 'curl' | 'floor' | 'nodeFetch' | 'globalFetch';

async function row1(sb: SandboxHandle, transport: Transport) {
  const req = buildReportRequest(sb.root, SAMPLE.sendId, SAMPLE.number, KEY);
  const globalConns = countConnections(http.globalAgent);
  const floorAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const floorConns = countConnections(floorAgent);
  let floorWarm = 0;

  const ours: Client = async () => {
    const r = await lookUpReport(
      { apiRoot: sb.root, sendId: SAMPLE.sendId, number: SAMPLE.number, apiKey: KEY, timeoutMs: 30_000 },
      { transport },
    );
    if (!r.ok) throw new Error(`lookUpReport failed: ${JSON.stringify(r.error)}`);
  };
  const curl: Client = () =>
    new Promise<void>((resolve, reject) => {
      // The provider's sample, one process per lookup.
      const child = spawn(
        'curl',
        [
          '-s',
          '-X',
          'POST',
          '-H',
          'content-type: application/json',
          '-H',
          'cache-control: no-cache',
          '--data',
          JSON.stringify({ numara: SAMPLE.number }),
          req.url,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (code) => {
        if (code !== 0 || !out.includes('"durum":true')) reject(new Error(`curl exited ${code}: ${out.slice(0, 200)}`));
        else resolve();
      });
    });
  const floor: Client = () =>
    new Promise<void>((resolve, reject) => {
      const r = http.request(
        req.url,
        {
          method: 'POST',
          agent: floorAgent,
          headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { durum?: unknown };
            if (res.statusCode !== 200 || parsed.durum !== true) reject(new Error(`bare http: HTTP ${res.statusCode}`));
            else resolve();
          });
        },
      );
      r.on('error', reject);
      r.end(req.body);
    });

  // Diagnostics (BENCHMARKS.md only): node-fetch by itself, and Node's global fetch (undici), on the same request.
  const nodeFetchOnly: Client = async () => {
    const res = await nodeFetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
    const parsed = JSON.parse(await res.text()) as { durum?: unknown };
    if (parsed.durum !== true) throw new Error(`node-fetch: HTTP ${res.status}`);
  };
  const globalFetch: Client = async () => {
    const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
    const parsed = JSON.parse(await res.text()) as { durum?: unknown };
    if (parsed.durum !== true) throw new Error(`global fetch: HTTP ${res.status}`);
  };

  const haveCurl = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!haveCurl)
    progress('curl is not installed (`bash scripts/setup-code-server.sh` installs it): row 1a is not measured');
  const clients: Array<[name: ClientName, Client]> = [
    ['ours', ours],
    ...(haveCurl ? [['curl', curl] as [ClientName, Client]] : []),
    ['floor', floor],
    ['nodeFetch', nodeFetchOnly],
    ['globalFetch', globalFetch],
  ];
  const names = clients.map(([n]) => n);
  const perRound = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<ClientName, number[]>;
  const p95s = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<ClientName, number[]>;
  for (const [, client] of clients) for (let i = 0; i < WARMUP; i++) await client();
  floorWarm = floorConns();
  let oursConns = 0; // sockets the global agent opened while (a) ran, after the warm-up: keep-alive makes it 0 or 1
  // Each round: LOOKUPS lookups per client, in blocks of BLOCK, the clients taking turns block by block in an order
  // that rotates, so a burst of load from elsewhere on the machine lands on all of them alike.
  for (let round = 0; round < ROUNDS; round++) {
    const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<ClientName, number[]>;
    for (let block = 0; block * BLOCK < LOOKUPS; block++) {
      const k = (round + block) % clients.length;
      for (const [name, client] of [...clients.slice(k), ...clients.slice(0, k)]) {
        const n = Math.min(BLOCK, LOOKUPS - block * BLOCK);
        const conns = globalConns();
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          await client();
          times[name].push(performance.now() - t0);
        }
        if (name === 'ours') oursConns += globalConns() - conns;
      }
    }
    for (const n of names) {
      if (times[n].length === 0) continue;
      perRound[n].push(median(times[n]));
      p95s[n].push(percentile(times[n], 95));
    }
    progress(
      `client round ${round + 1}/${ROUNDS}: ours ${perRound.ours[round].toFixed(3)} ms, curl ${haveCurl ? perRound.curl[round].toFixed(3) : 'n/a'} ms, floor ${perRound.floor[round].toFixed(3)} ms (medians)`,
    );
  }
  floorAgent.destroy();
  const result = (name: ClientName) => ({
    median: median(perRound[name]),
    roundMedians: perRound[name],
    p95: median(p95s[name]),
  });
  return {
    lookups: LOOKUPS,
    rounds: ROUNDS,
    warmup: WARMUP,
    block: BLOCK,
    ours: {
      ...result('ours'),
      connections: oursConns,
      globalAgentKeepAlive: (http.globalAgent as http.Agent & { keepAlive?: boolean }).keepAlive === true,
    },
    curl: haveCurl ? result('curl') : null,
    floor: { ...result('floor'), connections: floorConns() - floorWarm },
    nodeFetch: result('nodeFetch'),
    globalFetch: result('globalFetch'),
  };
}

// ---- row 4: batch ---------------------------------------------------------------------------------------------

async function row4(sb: SandboxHandle, transport: Transport) {
  await sb.send({ type: 'latency', ms: BATCH_LATENCY_MS });
  await sb.send({ type: 'reset' });
  const numbers = Array.from({ length: BATCH.count }, (_, i) => batchNumber(i));
  const t0 = performance.now();
  const result = await runBatch({
    sendId: BATCH.sendId,
    numbers,
    concurrency: BATCH_CONCURRENCY,
    lookup: (number, signal) =>
      lookUpReport(
        { apiRoot: sb.root, sendId: BATCH.sendId, number, apiKey: KEY, timeoutMs: 30_000, signal },
        { transport },
      ),
  });
  const wallMs = performance.now() - t0;
  const stats = await sb.send({ type: 'stats' });
  await sb.send({ type: 'latency', ms: 0 });
  const ok = result.items.filter((i) => i.status === 'ok').length;
  const idealMs = (numbers.length * BATCH_LATENCY_MS) / BATCH_CONCURRENCY;
  progress(
    `batch: ${numbers.length} numbers in ${(wallMs / 1000).toFixed(2)} s (ideal ${(idealMs / 1000).toFixed(2)} s), ${ok} ok, max in flight ${stats.maxInFlight}`,
  );
  return {
    numbers: numbers.length,
    concurrency: BATCH_CONCURRENCY,
    latencyMs: BATCH_LATENCY_MS,
    wallMs,
    idealMs,
    durationMs: result.durationMs,
    ok,
    requests: stats.requests,
    maxInFlight: stats.maxInFlight,
    batchMaxConcurrency: result.maxConcurrency,
  };
}

// ---- main -----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node .bench/node.js <out.json>');
  const requireFromHere = createRequire(__filename);
  const transport = (requireFromHere(path.join(root, 'dist', 'http.js')) as { transport: Transport }).transport;
  const sb = await startSandboxProcess();
  try {
    const client = await row1(sb, transport);
    const batch = await row4(sb, transport);
    const history = row5();
    const terminal = row10();
    const mcp = await rowMcp(root, sb.root, KEY, transport);
    progress(
      `mcp: start → tools/list ${mcp.startMs.toFixed(0)} ms; tools/call p50 ${mcp.callP50Ms.toFixed(2)} ms vs direct ${mcp.directP50Ms.toFixed(2)} ms`,
    );
    const sizes = measureSizes(root);
    fs.writeFileSync(
      out,
      JSON.stringify({ goals: GOALS, anchors: ANCHORS, client, batch, history, terminal, mcp, sizes }, null, 2),
    );
  } finally {
    await sb.send({ type: 'close' }).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  },
);
