// What the sandbox promises its users: the API's path and texts, the options of startSandbox, the Sandbox it returns
// and the records it keeps of each request.
import type { Fault } from './faults';

export const API_PATH = '/Panel/api/v1/';
export const DEFAULT_API_KEY = 'sandbox-key';

/** The provider's sentences and codes, as the sandbox sends them in `aciklama`. */
export const TEXT = {
  wrongKey: 'Gönderilen api_key bilgisi hatalı, lütfen kontrol edin.',
  badBody: 'Geçersiz istek gövdesi.',
  missingNumber: 'MISSING_DESTINATION_ADDRESS',
  invalidNumber: 'INVALID_DESTINATION_ADDRESS',
  unknownSend: "Bu id'ye sahip gönderim bulunamadı.",
  /** A send of another account (each key sees only its own sends). */
  otherAccount: 'Gönderim bulunamadı.',
  numberNotInSend: 'Numara bu gönderimde bulunamadı.',
  methodNotAllowed: 'Method not allowed',
} as const;

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface SandboxOptions {
  /** Default 'sandbox-key'. */
  apiKey?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Added to every answer. Default 0. */
  latencyMs?: number;
  /** Serve https with this certificate (and a companion plain-http listener for 'http' redirect targets). */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** One line per request, the key redacted. */
  log?: (line: string) => void;
  /** Queries of the progressing number that answer WAITING before it turns DELIVERED. Default 2. */
  progressAfter?: number;
  /** The methods GonderimBilgisi accepts (the others get 405). Default both: the page says GET, its sample POSTs. */
  summaryMethods?: 'GET' | 'POST' | 'both';
  /** Added to every GonderimBilgisi answer instead of latencyMs. */
  summaryLatencyMs?: number;
  /** A second account's key: it sees only SECOND_ACCOUNT's send, which the first key cannot see (both are answered
   *  "Gönderim bulunamadı." for the other's sends). Default: none. */
  secondKey?: string;
}

/** One GonderimBilgisi request (kept apart from `requests`, which are the number reports). */
export interface SummaryRecord {
  method: string;
  /** 1: the key, 2: the second key, undefined: a wrong key. */
  account: 1 | 2 | undefined;
  sendId: string;
  apiKeyOk: boolean;
  body: string;
  status: number;
  at: number;
}

export interface RequestRecord {
  method: string;
  /** The request target as received (path and query, the key included). */
  path: string;
  /** The {id} segment of NumaraRaporu/{id}, URL-decoded. */
  sendId?: string;
  /** The api_key parameter, URL-decoded, equals the configured key. */
  apiKeyOk: boolean;
  /** 1: the key, 2: the second key, undefined: a wrong key or none. */
  account: 1 | 2 | undefined;
  /** The api_key parameter, URL-decoded (undefined when absent). */
  apiKey?: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  /** The status sent; 0 while (or if never) answered. */
  status: number;
  at: number;
  scheme: 'http' | 'https';
  /** Redirect hops this request is at (0 for a first request). */
  hop: number;
}

export interface RedirectStats {
  /** Redirect answers sent. */
  issued: number;
  /** Requests that arrived at a redirect target of this sandbox (hop ≥ 1). */
  atTarget: number;
  /** Of those, how many carried a non-empty body. */
  bodiesAtTarget: number;
}

export interface Sandbox {
  /** e.g. 'http://127.0.0.1:PORT/Panel/api/v1/' (https with tls): what vairosms.apiRoot is set to. */
  readonly root: string;
  readonly port: number;
  /** With tls: the port of the companion plain-http listener. */
  readonly httpPort: number | undefined;
  /** Every request, in order of arrival. */
  readonly requests: RequestRecord[];
  /** GonderimBilgisi requests, oldest first. */
  readonly summaryRequests: SummaryRecord[];
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly redirectStats: RedirectStats;
  /** Clears requests, maxInFlight and redirectStats (not the progress of the progressing number). */
  resetStats(): void;
  setLatency(ms: number): void;
  /** Holds every NumaraRaporu answer from now on until the returned release() is called: what the extension shows
   *  while a lookup is under way can be seen for as long as a test needs, however slowly the host draws. */
  hold(): () => void;
  /** Applies to every following NumaraRaporu request until cleared with undefined. */
  setFault(fault: Fault | undefined): void;
  /** Likewise for GonderimBilgisi requests. */
  setSummaryFault(fault: Fault | undefined): void;
  setSummaryMethods(methods: 'GET' | 'POST' | 'both'): void;
  setSummaryLatency(ms: number | undefined): void;
  setApiKey(key: string): void;
  setSecondKey(key: string | undefined): void;
  /** Restarts the progressing number (and any other computed answer); optionally changes its WAITING count. */
  resetProgress(progressAfter?: number): void;
  /** Closes the server and every open connection (hanging, dripping, keep-alive). Never hangs. */
  close(): Promise<void>;
}
