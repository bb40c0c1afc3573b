// Runs one lookup for the host: settings and key checked first, the node-fetch transport required on the first
// lookup (never during activation), every attempt logged with the key redacted.
import * as path from 'path';
import { type LookupError } from '../core/errors';
import { lookUpReport, type LookupResult } from '../core/lookup';
import { maskPhone } from '../core/phone';
import { type Transport } from '../core/transport';
import { type ApiKeyStore, KeyringError } from './apiKey';
import { type Log } from './log';
import * as settings from './settings';

export interface LookupRequest {
  readonly sendId: string;
  readonly number: string;
  readonly signal?: AbortSignal;
}

let loadedTransport: Transport | undefined;

/** True once dist/http.js (node-fetch) has been evaluated; tests and the benchmark read it. */
export function isTransportLoaded(): boolean {
  return loadedTransport !== undefined;
}

function transport(): Transport {
  if (!loadedTransport) {
    // A computed path keeps esbuild from bundling it: node-fetch lives only in dist/http.js.
    const file = path.join(__dirname, 'http.js');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime load by design (see above)
    loadedTransport = (require(file) as { transport: Transport }).transport;
  }
  return loadedTransport;
}

export class ReportClient {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly log: Log,
  ) {}

  async lookUp(req: LookupRequest): Promise<LookupResult> {
    const fail = (error: LookupError): LookupResult => {
      this.log.warn(`lookup of ${maskPhone(req.number)} in send ${req.sendId} not sent: ${error.kind}`);
      return { ok: false, error, attempts: 0, durationMs: 0 };
    };
    const root = settings.apiRoot();
    if (!root.ok) return fail({ kind: 'config', detail: root.message });
    let key: string | undefined;
    try {
      key = await this.keys.get();
    } catch (e) {
      if (e instanceof KeyringError) return fail({ kind: 'keyring' });
      throw e;
    }
    if (!key) return fail({ kind: 'no-key' });
    if (req.signal?.aborted) return fail({ kind: 'cancelled' });
    this.log.info(`lookup: number ${maskPhone(req.number)} in send ${req.sendId}`);
    const result = await lookUpReport(
      {
        apiRoot: root.value,
        sendId: req.sendId,
        number: req.number,
        apiKey: key,
        timeoutMs: settings.timeoutMs(),
        signal: req.signal,
      },
      {
        transport: transport(),
        onAttempt: (a) => {
          const line = `POST ${a.url} → ${a.status !== undefined ? `HTTP ${a.status}` : a.error} in ${a.durationMs} ms${a.attempt > 1 ? ` (attempt ${a.attempt})` : ''}`;
          if (a.error) this.log.warn(line);
          else this.log.info(line);
        },
      },
    );
    if (result.ok) this.log.info(`report: status ${result.report.status || '(none)'} in ${result.durationMs} ms`);
    else {
      const e = result.error;
      this.log.error(
        `lookup failed: ${e.kind}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}${e.providerText ? `; VairoSMS said: ${e.providerText}` : ''}${e.detail ? `; ${e.detail}` : ''}`,
      );
    }
    return result;
  }
}
