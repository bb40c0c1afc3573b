// Row 11 of `npm run bench` (#25): the MCP server (dist/mcp.js) as an MCP client meets it, over stdio with raw
// JSON-RPC lines (what any client writes):
//   11a. from spawning `node dist/mcp.js` to its answer to the first tools/list (initialize, initialized and
//        tools/list written at once), over several starts;
//   11b. a tools/call of vairosms_lookUpReport against the sandbox, beside the direct core lookup (lookUpReport +
//        dist/http.js) in the same run, interleaved: the p50 of each and what the server adds.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type Transport } from '../../src/core/api/transport';
import { lookUpReport } from '../../src/core/report/endpoint';
import { lookUpSend } from '../../src/core/send/endpoint';
import { SAMPLE } from '../sandbox/data';
import { median, percentile } from './stats';

const STARTS = Number(process.env.BENCH_MCP_STARTS ?? 10);
const CALLS = Number(process.env.BENCH_MCP_CALLS ?? 100);

interface Server {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the answer of the request `id`. */
  answer(id: number): Promise<unknown>;
  send(m: object): void;
}

function startServer(root: string, env: Record<string, string>): Server {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'mcp.js')], { env, stdio: 'pipe' });
  const waiting = new Map<number, (m: unknown) => void>();
  let buffer = '';
  child.stdout.on('data', (c: Buffer) => {
    buffer += c.toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const m = JSON.parse(buffer.slice(0, nl)) as { id?: number };
      buffer = buffer.slice(nl + 1);
      if (typeof m.id === 'number') waiting.get(m.id)?.(m);
    }
  });
  child.stderr.resume();
  return {
    child,
    answer: (id) => new Promise((resolve) => waiting.set(id, resolve)),
    send: (m) => child.stdin.write(`${JSON.stringify(m)}\n`),
  };
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '0' } },
};

async function stop(s: Server): Promise<void> {
  s.child.stdin.end();
  await new Promise((r) => s.child.once('exit', r));
}

export async function rowMcp(root: string, sbRoot: string, key: string, transport: Transport) {
  const env = { VAIROSMS_API_KEY: key, VAIROSMS_API_ROOT: sbRoot, PATH: process.env.PATH ?? '' };
  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const s = startServer(root, env);
    const listed = s.answer(2);
    s.send(INITIALIZE);
    s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    s.send({ jsonrpc: '2.0', id: 2, method: 'tools/list' });
    await listed;
    starts.push(performance.now() - t0);
    await stop(s);
  }

  const s = startServer(root, env);
  const ready = s.answer(1);
  s.send(INITIALIZE);
  await ready;
  s.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  let id = 10;
  const viaMcp = async () => {
    const n = ++id;
    const answered = s.answer(n);
    const t0 = performance.now();
    s.send({
      jsonrpc: '2.0',
      id: n,
      method: 'tools/call',
      params: { name: 'vairosms_lookUpReport', arguments: SAMPLE },
    });
    const m = (await answered) as { result?: { isError?: boolean } };
    if (!m.result || m.result.isError) throw new Error(`tools/call failed: ${JSON.stringify(m)}`);
    return performance.now() - t0;
  };
  const direct = async () => {
    const t0 = performance.now();
    // as the tool does: the report and the send's summary together, so 11b is what the protocol and the text add
    const p = { apiRoot: sbRoot, apiKey: key, timeoutMs: 30_000 };
    const [r, summary] = await Promise.all([
      lookUpReport({ ...p, ...SAMPLE }, { transport }),
      lookUpSend({ ...p, sendId: SAMPLE.sendId }, { transport }),
    ]);
    if (!r.ok || !summary.ok) throw new Error('direct lookup failed');
    return performance.now() - t0;
  };
  for (let i = 0; i < 10; i++) await Promise.all([viaMcp(), direct()]); // warm-up: both keep-alive pools open
  const mcp: number[] = [];
  const core: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    if (i % 2) {
      mcp.push(await viaMcp());
      core.push(await direct());
    } else {
      core.push(await direct());
      mcp.push(await viaMcp());
    }
  }
  await stop(s);
  return {
    starts: STARTS,
    startMs: median(starts),
    startP95Ms: percentile(starts, 95),
    calls: CALLS,
    callP50Ms: median(mcp),
    directP50Ms: median(core),
    overDirectMs: median(mcp) - median(core),
  };
}
