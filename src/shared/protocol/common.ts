// What every page's protocol shares (markdown-language-features' previewMessaging idiom, one file per page beside
// this one): the render message, the ready handshake and the acks that src/views/webviewChannel.ts speaks with every
// page, and the checks every message from a webview passes before its page's allowlist reads it: a plain object,
// serializable, at most MAX_MESSAGE_BYTES, exactly the keys its type allows, each value of its shape.

/** What every view model carries: its version, the page that draws it (src/webview/<kind>.ts) and its sequence
 *  number, which increases with every render of the same panel and which the page acks. */
export interface PageModel {
  readonly v: 1;
  readonly kind: string;
  readonly seq: number;
}

/** The one message the host sends a page. */
export type Render<Model extends PageModel> = { readonly type: 'render'; readonly model: Model };

/** The page's script ran: the host posts its latest model. */
export type Ready = { readonly type: 'ready' };

/** After a frame has painted the model `seq`; renderMs is the webview's own DOM build time, frameMs its time from the
 *  model's arrival to this message (the DOM build and the wait for the frame); receivedAt and paintedAt the model's
 *  arrival and the painted frame in epoch ms (performance.timeOrigin + performance.now()). */
export type Rendered = {
  readonly type: 'rendered';
  readonly seq: number;
  readonly renderMs?: number;
  readonly frameMs?: number;
  readonly receivedAt?: number;
  readonly paintedAt?: number;
};

/** The page's load event (when VS Code shows the frame) and its first contentful paint, in epoch ms: once. */
export type PageTimingMessage = { readonly type: 'pageTiming'; readonly loadAt: number; readonly fcpAt: number };

/** The messages the channel itself handles; a page's own messages go to its panel. */
export type ChannelMessage = Ready | Rendered | PageTimingMessage;

export const MAX_MESSAGE_BYTES = 4096;

/** A message that passed the first checks: the object, and a test that it has no keys beyond the allowed ones. */
export interface Checked {
  readonly m: Readonly<Record<string, unknown>>;
  only(...allowed: string[]): boolean;
}

/** The checks every message from a webview passes first: a plain object, serializable, at most MAX_MESSAGE_BYTES. */
function preflight(data: unknown): Checked | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  let size: number;
  try {
    size = JSON.stringify(data).length;
  } catch {
    return undefined;
  }
  if (size > MAX_MESSAGE_BYTES) return undefined;
  const m = data as Record<string, unknown>;
  const keys = Object.keys(m);
  return { m, only: (...allowed: string[]) => keys.every((k) => allowed.includes(k)) };
}

/** One parser per message type of a page: each returns the message when it is exactly that one, else undefined. */
export type Parsers<Message extends { readonly type: string }> = {
  readonly [T in Message['type']]: (c: Checked) => Extract<Message, { readonly type: T }> | undefined;
};

/** A page's allowlist: returns the message when it is exactly one of `Message`, otherwise undefined. A type that is
 *  not the page's own (another page's, or a name on Object.prototype) is refused like any unknown one. */
export function allowlist<Message extends { readonly type: string }>(
  parsers: Parsers<Message>,
): (data: unknown) => Message | undefined {
  const byType = new Map<string, (c: Checked) => Message | undefined>(
    Object.entries<(c: Checked) => Message | undefined>(parsers),
  );
  return (data) => {
    const checked = preflight(data);
    const parse = checked && typeof checked.m.type === 'string' ? byType.get(checked.m.type) : undefined;
    return checked && parse ? parse(checked) : undefined;
  };
}

/** The parsers of messages that are their type alone ({ type: 'refresh' }), by type. */
export function bare<T extends string>(
  ...types: T[]
): { readonly [K in T]: (c: Checked) => { readonly type: K } | undefined } {
  return Object.fromEntries(types.map((type) => [type, (c: Checked) => (c.only('type') ? { type } : undefined)])) as {
    readonly [K in T]: (c: Checked) => { readonly type: K } | undefined;
  };
}

/** The ack with the webview's timings (the report page). */
export function rendered(c: Checked): Rendered | undefined {
  const { m, only } = c;
  const keys = ['renderMs', 'frameMs', 'receivedAt', 'paintedAt'] as const;
  if (!only('type', 'seq', ...keys) || !isSeq(m.seq)) return undefined;
  if (!keys.every((k) => optionalDuration(m[k]))) return undefined;
  const timings: { -readonly [K in (typeof keys)[number]]?: number } = {};
  for (const k of keys) if (m[k] !== undefined) timings[k] = m[k] as number;
  return { type: 'rendered', seq: m.seq, ...timings };
}

/** The ack alone, its sequence number and nothing else (the send and batch pages). */
export function renderedSeq(c: Checked): { readonly type: 'rendered'; readonly seq: number } | undefined {
  return c.only('type', 'seq') && isSeq(c.m.seq) ? { type: 'rendered', seq: c.m.seq } : undefined;
}

export function pageTiming({ m, only }: Checked): PageTimingMessage | undefined {
  return only('type', 'loadAt', 'fcpAt') && isDuration(m.loadAt) && isDuration(m.fcpAt)
    ? { type: 'pageTiming', loadAt: m.loadAt as number, fcpAt: m.fcpAt as number }
    : undefined;
}

/** `value` when it is one of `allowed`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function isSeq(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v);
}

/** A finite, non-negative number: a duration, or a mark in epoch ms. */
function isDuration(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/** A timing the webview reports: absent, or a finite number of milliseconds, not negative. */
function optionalDuration(v: unknown): boolean {
  return v === undefined || isDuration(v);
}
