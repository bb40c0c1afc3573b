// One panel's channel to its webview page, composed by the report, send and batch panels: the ready handshake (the
// page says "ready" on its first load and again whenever VS Code loads it anew, as it does for a tab shown again
// without retainContextWhenHidden), the latest model posted at most once per turn of the event loop, the page's acks
// of the models it painted, its own load and paint marks, and the allowlist: every message is checked by the page's
// parser (src/shared/protocol/<page>.ts) and one that fails is logged and dropped. A panel hands it models and gets
// only its page's own messages back. Its state is in #private fields: private for real, and their names shortened by
// the minifier (dist/main.js has a size fence).
import type * as vscode from 'vscode';
import { type Log } from '../services/log';
import { type ChannelMessage, type PageModel, type Render } from '../shared/protocol/common';
import { epochNow, type PageTiming, type WebviewTiming } from '../instrumentation/renderTimings';

/** A page's own messages: what its panel handles (the channel handles ready, rendered and pageTiming). */
export type PageMessage<Message extends { readonly type: string }> = Exclude<
  Message,
  { readonly type: ChannelMessage['type'] }
>;

export interface WebviewChannelOptions<Model extends PageModel, Message extends { readonly type: string }> {
  readonly webview: vscode.Webview;
  /** The page, as its models name it (the log names it). */
  readonly page: Model['kind'];
  /** The page's allowlist (src/shared/protocol/<page>.ts). */
  readonly parse: (data: unknown) => Message | undefined;
  /** The page's own messages, once checked: the channel's ready, rendered and pageTiming never come here. */
  readonly onMessage: (message: PageMessage<Message>) => void;
  readonly log: Log;
  /** A model to post once the page is ready (a restored panel's saved one). */
  readonly model?: Model;
  /** On every "ready": the panel draws afresh (show) instead of the latest model being posted again (the send page's
   *  relative times). */
  readonly onReady?: () => void;
  /** Back-pressure: the page gets its next model only after it has painted the last one, and the model is built only
   *  then, by `build`, from the newest state (a 10,000-row table is megabytes; queued ones piled up in the extension
   *  host's memory). The panel asks for one with redraw(), never show(). */
  readonly build?: () => Model;
}

export class WebviewChannel<Model extends PageModel, Message extends { readonly type: string }>
  implements vscode.Disposable
{
  /** The page's own marks (epoch ms): created, said ready, loaded, first painted (the benchmark reads them). */
  readonly page: { -readonly [K in keyof PageTiming]: PageTiming[K] } = { createdAt: epochNow() };
  readonly #options: WebviewChannelOptions<Model, Message>;
  readonly #subscription: vscode.Disposable;
  #model: Model | undefined;
  #ready = false;
  #postQueued = false;
  #disposed = false;
  /** Who waits for a model to be painted: resolved by the page's ack of that seq or a later one. */
  #waiters: Array<{ readonly seq: number; readonly resolve: (timing?: WebviewTiming) => void }> = [];
  /** When each awaited model was posted (epoch ms), until the page acks it. */
  readonly #postedAt = new Map<number, number>();
  /** Back-pressure: the seq posted and not painted yet; `dirty`: a newer model is due once it is. */
  #inFlight: number | undefined;
  #dirty = false;

  constructor(options: WebviewChannelOptions<Model, Message>) {
    this.#options = options;
    this.#model = options.model;
    this.#subscription = options.webview.onDidReceiveMessage((data: unknown) => this.receive(data));
  }

  /** The last model shown (or due to be posted once the page is ready). */
  get latest(): Model | undefined {
    return this.#model;
  }

  /** The panel shows something else now (a preview tab reused for another lookup): no model until the next. */
  forget(): void {
    this.#model = undefined;
  }

  /** Shows a model; resolves when the page has painted it (with its own timings), or when the panel is gone. One
   *  post per turn of the event loop, of the latest model: a lookup's start draws its loading state and its send's
   *  summary in one render, not two the page would build one after the other. */
  show(model: Model): Promise<WebviewTiming | undefined> {
    this.#model = model;
    const done = this.#painted(model.seq);
    if (this.#ready && !this.#postQueued && !this.#disposed) {
      this.#postQueued = true;
      queueMicrotask(() => {
        this.#postQueued = false;
        if (this.#model && !this.#disposed) this.#post(this.#model);
      });
    }
    return done;
  }

  /** Back-pressure (options.build): a model built now from the newest state and posted, or, while the page has not
   *  painted the last one, built and posted as soon as it has (models' seqs increase: that one's is above the
   *  latest's). Resolves when the page has painted it. */
  redraw(): Promise<WebviewTiming | undefined> {
    if (this.#disposed) return Promise.resolve(undefined);
    if (this.#inFlight !== undefined) {
      this.#dirty = true;
      return this.#painted(this.#inFlight + 1);
    }
    const model = this.#options.build!();
    this.#model = model;
    const done = this.#painted(model.seq);
    if (this.#ready) this.#post(model);
    return done;
  }

  /** Every message from the page comes in here and is checked against its allowlist first. */
  receive(data: unknown): void {
    const message = this.#options.parse(data);
    if (!message) {
      const type =
        data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string'
          ? String((data as { type: string }).type).slice(0, 40)
          : typeof data;
      this.#options.log.warn(
        `ignored a message from the ${this.#options.page} webview that is not on the allowlist (type: ${JSON.stringify(type)})`,
      );
      return;
    }
    const m = message as Message | ChannelMessage;
    switch (m.type) {
      case 'ready':
        this.#ready = true;
        this.page.readyAt ??= epochNow();
        this.#onReady();
        return;
      case 'pageTiming': {
        const t = m as Extract<ChannelMessage, { type: 'pageTiming' }>;
        this.page.loadAt ??= t.loadAt;
        this.page.fcpAt ??= t.fcpAt;
        return;
      }
      case 'rendered':
        this.#acked(m as Extract<ChannelMessage, { type: 'rendered' }>);
        return;
      default:
        this.#options.onMessage(message as PageMessage<Message>);
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
    this.#waiters.splice(0).forEach((w) => w.resolve());
  }

  #onReady(): void {
    if (this.#options.build) {
      // The page started over: whatever was in flight will never be acked.
      this.#inFlight = undefined;
      if (this.#model && !this.#dirty) this.#post(this.#model);
      else {
        this.#dirty = false;
        void this.redraw();
      }
    } else if (this.#options.onReady) this.#options.onReady();
    else if (this.#model) this.#post(this.#model);
  }

  #acked(message: Extract<ChannelMessage, { type: 'rendered' }>): void {
    const { type: _type, seq, ...reported } = message;
    this.#waiters = this.#waiters.filter((w) => {
      if (w.seq > seq) return true;
      const postedAt = this.#postedAt.get(w.seq);
      w.resolve(w.seq === seq ? { ...reported, ...(postedAt ? { postedAt } : {}) } : undefined);
      return false;
    });
    for (const posted of this.#postedAt.keys()) if (posted <= seq) this.#postedAt.delete(posted);
    if (this.#inFlight !== undefined && seq >= this.#inFlight) {
      this.#inFlight = undefined;
      if (this.#dirty) {
        this.#dirty = false;
        void this.redraw();
      }
    }
  }

  /** Resolves when the page has painted `seq` or a later model, or when the panel is gone. */
  #painted(seq: number): Promise<WebviewTiming | undefined> {
    return this.#disposed ? Promise.resolve(undefined) : new Promise((resolve) => this.#waiters.push({ seq, resolve }));
  }

  #post(model: Model): void {
    if (this.#options.build) this.#inFlight = model.seq;
    if (this.#waiters.some((w) => w.seq === model.seq)) this.#postedAt.set(model.seq, epochNow());
    const message: Render<Model> = { type: 'render', model };
    void this.#options.webview.postMessage(message).then(undefined, () => undefined);
  }
}
