// How each lookup reached the screen, as `npm run bench` reads it (BENCHMARKS.md rows 3 and P1–P5, through the test
// seam): the moment the last input box was accepted, the lookup's start, the answer's arrival, the model's post, and
// what the webview reported (the model's arrival, the frame painted after it, the page's load and first paint).
// Marks that cross processes are epoch milliseconds with sub-millisecond precision (performance.timeOrigin +
// performance.now(), the same wall clock in the extension host and in the webview); durations are milliseconds.
// Nothing here is shown to the user or leaves the window.

/** Now, in epoch milliseconds with sub-millisecond precision: comparable with the webview's own marks. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

let accepted: number | undefined;

/** An input box was accepted (src/commands/input.ts): where "Enter to the report on screen" starts. */
export function markAccepted(): void {
  accepted = epochNow();
}

/** A lookup claims an accept at most this old: its own prompt's (a prompt left with Esc, or another command's
 *  prompt, leaves one that a later lookup by a link or a Refresh must not take). */
export const MAX_ACCEPT_AGE_MS = 5000;

/** The last accept not yet claimed by a lookup, claimed now (a lookup started by code or a link has none). */
export function claimAccepted(now = epochNow()): number | undefined {
  const at = accepted;
  accepted = undefined;
  return at !== undefined && now - at <= MAX_ACCEPT_AGE_MS ? at : undefined;
}

/** What the webview reported of one render (src/webview/report.ts), in its own clock. */
export interface WebviewTiming {
  /** Its DOM build. */
  readonly renderMs?: number;
  /** From the model's arrival to its ack: the DOM build and the wait for a painted frame. */
  readonly frameMs?: number;
  /** Epoch ms: the model arrived in the webview; the frame after it painted. */
  readonly receivedAt?: number;
  readonly paintedAt?: number;
  /** Epoch ms: the host posted the model. */
  readonly postedAt?: number;
}

/** A new page's own marks (epoch ms): its script ran (and said "ready"), its load event (when VS Code shows the
 *  frame), its first contentful paint. */
export interface PageTiming {
  readonly createdAt: number;
  readonly readyAt?: number;
  readonly loadAt?: number;
  readonly fcpAt?: number;
}

/** One lookup's way from the answer (or from Enter) to the webview's "rendered" ack. */
export interface RenderTiming extends WebviewTiming {
  readonly newPanel: boolean;
  readonly responseToRenderedMs: number;
  /** The panel existed (was shown in its loading state) before the answer arrived. */
  readonly panelBeforeResponse: boolean;
  /** Epoch ms: the input box accepted for this lookup, the lookup's start, the answer's arrival. */
  readonly acceptedAt?: number;
  readonly startedAt: number;
  readonly arrivedAt: number;
  /** The request's own time (the exchange's, retries included). */
  readonly requestMs: number;
  /** The tab's page, when it was created for this lookup. */
  readonly page?: PageTiming;
}

/** One report's timing, as its ack arrives (`arrivedAt`, performance.now() in this host: the answer's arrival). */
export function renderTiming(
  newPanel: boolean,
  page: PageTiming,
  start: { acceptedAt?: number; startedAt: number } | undefined,
  answer: { arrivedAt: number; result: { durationMs: number } },
  timing: WebviewTiming | undefined,
): RenderTiming {
  const arrivedAt = performance.timeOrigin + answer.arrivedAt;
  return {
    ...timing,
    newPanel,
    responseToRenderedMs: performance.now() - answer.arrivedAt,
    panelBeforeResponse: page.createdAt <= arrivedAt,
    // the page's own marks by reference: its first paint may be reported after this render
    ...(start && page.createdAt >= start.startedAt ? { page } : {}),
    ...(start?.acceptedAt !== undefined ? { acceptedAt: start.acceptedAt } : {}),
    startedAt: start?.startedAt ?? arrivedAt,
    arrivedAt,
    requestMs: answer.result.durationMs,
  };
}

const MAX_TIMINGS = 200;

/** The last 200 render timings, oldest first. */
export class RenderTimings {
  readonly list: RenderTiming[] = [];
  /** How many were ever added (the list keeps the last 200). */
  count = 0;

  add(t: RenderTiming): void {
    this.count++;
    this.list.push(t);
    if (this.list.length > MAX_TIMINGS) this.list.shift();
  }
}
