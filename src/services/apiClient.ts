// Every call to the API goes through here, whatever the endpoint: the settings and the key are checked first, the
// node-fetch transport (dist/http.js) is required on the first call (never during activation), and every attempt is
// logged with the key redacted. An endpoint is an Exchange from src/core; this file does not change for a new one.
import * as path from 'path';
import { type LookupError } from '../core/api/errors';
import { runExchange, type ExchangeDeps, type ExchangeParams, type ExchangeResult } from '../core/api/exchange';
import { maskPhone } from '../core/phone';
import { type Transport } from '../core/api/transport';
import { type LookupKey } from '../core/lookupKey';
import { lookUpSend, type SummaryResult } from '../core/send/endpoint';
import { type AccountStore, KeyringError } from './accounts';
import { type Log } from './log';
import * as settings from './settings';
import { reportExchange, type LookupResult } from '../core/report/endpoint';

let loadedTransport: Transport | undefined;
/** Numbers the calls of this window for the log. */
let callCounter = 0;

/** True once dist/http.js (node-fetch) has been evaluated; tests and the benchmark read it. */
let transportLoad: { ms: number; at: number } | undefined;

/** How long evaluating dist/http.js took, and when it began (epoch ms): the benchmark reads it. */
export function transportLoadTiming(): { ms: number; at: number } | undefined {
  return transportLoad;
}

/** Loads the transport now if it is not yet, off the path of a request (while a lookup's prompt is open). */
export function preloadTransport(): void {
  try {
    transport();
  } catch {
    // the lookup that needs it loads it again and reports the failure
  }
}

function transport(): Transport {
  if (!loadedTransport) {
    const t0 = performance.now();
    // A computed path keeps esbuild from bundling it: node-fetch lives only in dist/http.js.
    const file = path.join(__dirname, 'http.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime load by design (see above)
    loadedTransport = (require(file) as { transport: Transport }).transport;
    transportLoad = { ms: performance.now() - t0, at: performance.timeOrigin + t0 };
  }
  return loadedTransport;
}

/** How one call is named in the log, and what its success says there. */
interface CallLog<S extends object> {
  /** "number 539****999 in send 187" */
  readonly subject: string;
  /** What every line of this call starts with, after its id: the masked number, or "send 187" for a summary. */
  readonly tag: string;
  readonly success: (result: ExchangeResult<S> & { ok: true }) => string;
}

export class ApiClient {
  constructor(
    private readonly accounts: AccountStore,
    private readonly log: Log,
  ) {}

  /** Per API root, the method GonderimBilgisi answered to (GET unless a 405 said otherwise). */
  private readonly summaryMethod = new Map<string, 'GET' | 'POST'>();

  /** The summary of a send (GonderimBilgisi): GET, and once more as POST when the server answers 405; the method that
   *  worked is remembered for the API root. */
  lookUpSend(sendId: string, signal?: AbortSignal, account?: string): Promise<SummaryResult> {
    return this.call(
      {
        subject: `the summary of send ${sendId}`,
        tag: `send ${sendId}`,
        success: (r) =>
          `send summary: paket_durum ${r.summary.state ?? r.summary.stateRaw ?? '(none)'} in ${r.durationMs} ms`,
      },
      (root) => root,
      { signal, account },
      async (root, params, deps) => {
        const r = await lookUpSend({ ...params, apiRoot: root, sendId, method: this.summaryMethod.get(root) }, deps);
        if (r.ok || r.error.httpStatus !== 405) this.summaryMethod.set(root, r.method);
        return r;
      },
    );
  }

  /** The report of one number in one send (NumaraRaporu). `onWait`: VairoSMS answered 429 with a short Retry-After;
   *  the lookup waits that long and asks again by itself. */
  lookUpReport(
    key: LookupKey,
    signal?: AbortSignal,
    account?: string,
    onWait?: (seconds: number) => void,
  ): Promise<LookupResult> {
    return this.call(
      {
        subject: `number ${maskPhone(key.number)} in send ${key.sendId}`,
        tag: maskPhone(key.number),
        success: (r) => `report: status ${r.report.status || '(none)'} in ${r.durationMs} ms`,
      },
      (root, apiKey) => reportExchange(root, key.sendId, key.number, apiKey),
      { signal, account, onWait },
      (exchange, params, deps) => runExchange(exchange, params, deps),
    );
  }

  /** Checks the setting and the key, then runs `run` with what `prepare` made of them, the transport, and logging. */
  private async call<S extends object, P>(
    what: CallLog<S>,
    prepare: (apiRoot: string, apiKey: string) => P,
    { signal, account, onWait }: { signal?: AbortSignal; account?: string; onWait?: (seconds: number) => void },
    run: (prepared: P, params: ExchangeParams, deps: ExchangeDeps) => Promise<ExchangeResult<S>>,
  ): Promise<ExchangeResult<S>> {
    // Every line of one call carries a short id and the masked number, so the lines of a batch's parallel lookups
    // can be told apart: "[k3f9 539****999] POST … → HTTP 200 in 41 ms".
    const prefix = `[${(++callCounter).toString(36).padStart(4, '0')} ${what.tag}]`;
    const fail = (error: LookupError): ExchangeResult<S> => {
      this.log.warn(`${prefix} lookup of ${what.subject} not sent: ${error.kind}`);
      return { ok: false, error, attempts: 0, durationMs: 0 };
    };
    const root = settings.apiRoot();
    if (!root.ok) return fail({ kind: 'config', reason: root.message });
    let apiKey: string | undefined;
    try {
      apiKey = await this.accounts.get(account);
    } catch (e) {
      if (e instanceof KeyringError) return fail({ kind: 'keyring' });
      throw e;
    }
    if (!apiKey) return fail({ kind: 'no-key' });
    if (signal?.aborted) return fail({ kind: 'cancelled' });
    const used = account ?? this.accounts.list().active;
    this.log.info(`${prefix} lookup: ${what.subject}${used ? ` (account ${used})` : ''}`);
    const result = await run(
      prepare(root.value, apiKey),
      { apiKey, timeoutMs: settings.timeoutMs(), signal },
      {
        transport: transport(),
        ...(onWait
          ? {
              onWait: (s: number) => {
                this.log.info(`${prefix} VairoSMS asked to wait (429, Retry-After ${s} s): asking again after it`);
                onWait(s);
              },
            }
          : {}),
        onAttempt: (a) => {
          const line = `${prefix} ${a.method} ${a.url} → ${a.status !== undefined ? `HTTP ${a.status}` : a.error} in ${a.durationMs} ms${a.attempt > 1 ? ` (attempt ${a.attempt})` : ''}`;
          if (a.error) this.log.warn(line);
          else this.log.info(line);
        },
      },
    );
    if (result.ok) this.log.info(`${prefix} ${what.success(result)}`);
    else {
      const e = result.error;
      this.log.error(
        `${prefix} lookup failed: ${e.kind}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}${e.providerText ? `; VairoSMS said: ${e.providerText}` : ''}${e.detail ? `; ${e.detail}` : ''}`,
      );
    }
    return result;
  }
}
