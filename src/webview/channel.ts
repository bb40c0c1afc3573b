// The page's end of its webview channel (src/views/webviewChannel.ts): the model kept in the webview's state drawn at
// once (the tab was shown again, or the window reloaded), "ready" said, then every model of this page's kind drawn in
// one synchronous pass, kept as the page's state, and acked after the frame that painted it.
import type { PageModel, Ready, Render, Rendered } from '../shared/protocol/common';
import type { VsCodeApi } from './dom';

export interface Page<Model extends PageModel> {
  readonly kind: Model['kind'];
  readonly draw: (model: Model) => void;
  /** What the webview's state keeps of a model; absent: all of it. */
  readonly saved?: (model: Model) => Model;
  /** The ack, built once the frame has painted; absent: the seq alone (what the send and batch allowlists take). */
  readonly ack?: (seq: number, receivedMs: number, renderMs: number) => Rendered;
}

/** The ack with the page's own timings (the report page, for the benchmark): its DOM build, its time from the model's arrival
 *  to the painted frame, and both moments in epoch ms. */
export function timedAck(seq: number, receivedMs: number, renderMs: number): Rendered {
  const paintedMs = performance.now();
  return {
    type: 'rendered',
    seq,
    renderMs,
    frameMs: paintedMs - receivedMs,
    receivedAt: performance.timeOrigin + receivedMs,
    paintedAt: performance.timeOrigin + paintedMs,
  };
}

export function connect<Model extends PageModel>(api: VsCodeApi<Ready | Rendered>, page: Page<Model>): void {
  const ours = (model: Model | undefined): model is Model => model?.v === 1 && model.kind === page.kind;
  window.addEventListener('message', ({ data }: MessageEvent<Render<Model> | undefined>) => {
    const model = data?.type === 'render' ? data.model : undefined;
    if (!ours(model)) return;
    const t0 = performance.now();
    page.draw(model);
    const renderMs = performance.now() - t0;
    api.setState({ v: 1, model: page.saved ? page.saved(model) : model });
    const seq = model.seq;
    // The ack goes after the next frame has painted: what the user sees, not only what the DOM holds.
    requestAnimationFrame(() =>
      setTimeout(() => api.postMessage(page.ack?.(seq, t0, renderMs) ?? { type: 'rendered', seq }), 0),
    );
  });
  const saved = api.getState() as { v?: number; model?: Model } | undefined;
  if (saved?.v === 1 && ours(saved.model)) page.draw(saved.model);
  api.postMessage({ type: 'ready' });
}
