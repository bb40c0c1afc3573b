// The page's own load event (VS Code shows a new webview's frame then) and its first contentful paint, posted once
// (the benchmark's row P4): the page carries its loading state, so the two are a frame apart, never a blank panel
// waiting for a message.
import type { PageTimingMessage } from '../shared/protocol/common';
import type { VsCodeApi } from './dom';

export function reportPageTiming(api: VsCodeApi<PageTimingMessage>): void {
  const page: { loadAt?: number; fcpAt?: number; said?: boolean } = {};
  const say = () => {
    if (page.said || page.loadAt === undefined || page.fcpAt === undefined) return;
    page.said = true;
    api.postMessage({ type: 'pageTiming', loadAt: page.loadAt, fcpAt: page.fcpAt });
  };
  if (document.readyState !== 'complete')
    window.addEventListener(
      'load',
      () => {
        page.loadAt = performance.timeOrigin + performance.now();
        say();
      },
      { once: true },
    );
  if (typeof PerformanceObserver !== 'function') return;
  new PerformanceObserver((list, observer) => {
    const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
    if (!fcp) return;
    observer.disconnect();
    page.fcpAt = performance.timeOrigin + fcp.startTime;
    say();
  }).observe({ type: 'paint', buffered: true });
}
