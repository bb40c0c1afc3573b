// A local server that answers like VairoSMS's "Tek Numara Raporu" API (docs/api.md), plus the ways a real server,
// proxy or network can misbehave (the fault rows of docs/reliability.md). Node built-ins only; used by the unit tests
// (imported directly), by the integration and UI tests, and by `npm run sandbox` for a demo without a real key.
//
//   POST /Panel/api/v1/NumaraRaporu/{id}?api_key=KEY   {"numara":"5399999999"}
//   GET (or POST) /Panel/api/v1/GonderimBilgisi/{id}?api_key=KEY   the send summary
//
// The routes are in routes/ (report.ts, send.ts), the faults in faults.ts and applyFault.ts; the API this module
// exports (startSandbox, the Sandbox it returns, TEXT, the faults) is what the tests, the demo and the CLI use.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { DEFAULT_API_KEY, API_PATH, type Sandbox, type SandboxOptions } from './api';
import { DEFAULT_PROGRESS_AFTER } from './data';
import type { Fault } from './faults';
import { listen } from './io';
import { handle } from './routes/report';
import type { SandboxState } from './state';

export * from './api';
export * from './faults';
export {} from './io';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = {
    apiKey: opts.apiKey ?? DEFAULT_API_KEY,
    secondKey: opts.secondKey,
    latencyMs: opts.latencyMs ?? 0,
    held: undefined,
    fault: undefined,
    progressAfter: opts.progressAfter ?? DEFAULT_PROGRESS_AFTER,
    queryCounts: new Map<string, number>(),
    requests: [],
    summaryRequests: [],
    summaryMethods: opts.summaryMethods ?? 'both',
    summaryLatencyMs: opts.summaryLatencyMs,
    summaryFault: undefined,
    redirectStats: { issued: 0, atTarget: 0, bodiesAtTarget: 0 },
    inFlight: 0,
    maxInFlight: 0,
    closed: false,
    timers: new Set<NodeJS.Timeout>(),
    sockets: new Set<Socket>(),
    log: opts.log,
    scheme: opts.tls ? 'https' : 'http',
    port: 0,
    httpPort: undefined,
  };
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log;

  const handler =
    (reqScheme: 'http' | 'https') =>
    (req: http.IncomingMessage, res: http.ServerResponse): void => {
      handle(state, req, res, reqScheme).catch((e: unknown) => {
        log?.(`sandbox: handler error ${String(e)}`);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('sandbox error');
        } else {
          res.destroy();
        }
      });
    };

  const main = opts.tls
    ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler('https'))
    : http.createServer(handler('http'));
  const companion = opts.tls ? http.createServer(handler('http')) : undefined;
  for (const server of [main, companion]) {
    if (!server) continue;
    server.on('connection', (s: Socket) => {
      state.sockets.add(s);
      s.once('close', () => state.sockets.delete(s));
    });
    server.on('clientError', (_e, s: Socket) => {
      s.destroy();
    });
  }

  state.port = await listen(main, opts.port ?? 0, host);
  if (companion) {
    try {
      state.httpPort = await listen(companion, 0, host);
    } catch (e) {
      main.close();
      throw e;
    }
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const root = `${state.scheme}://${urlHost}:${state.port}${API_PATH}`;

  return {
    root,
    port: state.port,
    httpPort: state.httpPort,
    requests: state.requests,
    summaryRequests: state.summaryRequests,
    get inFlight() {
      return state.inFlight;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    redirectStats: state.redirectStats,
    resetStats() {
      state.requests.length = 0;
      state.summaryRequests.length = 0;
      state.maxInFlight = state.inFlight;
      state.redirectStats.issued = 0;
      state.redirectStats.atTarget = 0;
      state.redirectStats.bodiesAtTarget = 0;
    },
    setLatency(ms: number) {
      state.latencyMs = ms;
    },
    hold() {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      state.held = held;
      return () => {
        if (state.held === held) state.held = undefined;
        release();
      };
    },
    setFault(f: Fault | undefined) {
      state.fault = f;
    },
    setSummaryFault(f: Fault | undefined) {
      state.summaryFault = f;
    },
    setSummaryMethods(m: 'GET' | 'POST' | 'both') {
      state.summaryMethods = m;
    },
    setSummaryLatency(ms: number | undefined) {
      state.summaryLatencyMs = ms;
    },
    setSecondKey(key: string | undefined) {
      state.secondKey = key;
    },
    setApiKey(key: string) {
      state.apiKey = key;
    },
    resetProgress(n?: number) {
      state.queryCounts.clear();
      if (n !== undefined) state.progressAfter = n;
    },
    async close() {
      if (state.closed) return;
      state.closed = true;
      for (const t of state.timers) {
        clearTimeout(t);
        clearInterval(t);
      }
      state.timers.clear();
      const closing = [main, companion]
        .filter((s): s is http.Server => !!s)
        .map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        );
      for (const s of state.sockets) s.destroy();
      state.sockets.clear();
      await Promise.all(closing);
    },
  };
}
