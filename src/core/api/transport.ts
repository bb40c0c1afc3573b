// The contract between the lookup logic (pure) and the HTTP service (node-fetch, loaded lazily). Only types and a
// plain error class: src/core stays free of I/O.

export interface TransportRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Total deadline for the whole exchange, redirects and body included. */
  readonly timeoutMs: number;
  /** The user's Cancel; combined with the deadline into one AbortSignal. */
  readonly signal?: AbortSignal;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly redirects: number;
}

export type TransportErrorKind = 'timeout' | 'cancelled' | 'offline' | 'network' | 'tls' | 'redirect' | 'too-large';

/** Why a redirect was refused, and where it pointed (scheme and host only: never a path or a query). */
export interface RedirectRefusal {
  readonly why: 'too-many' | 'unreadable' | 'other-host' | 'plain-http';
  readonly target?: string;
}

/** Thrown by a Transport. `message` never contains the request URL's query (it is redacted at the source). */
export class TransportError extends Error {
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** The low-level code, e.g. ECONNREFUSED or CERT_HAS_EXPIRED. */
    readonly code?: string,
    /** For 'redirect': which rule refused it. */
    readonly redirect?: RedirectRefusal,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 3;
