// The send page (src/shared/protocol/send.ts): the send's summary, the diagnosis, and the numbers of the send in
// Recent Lookups, each a button that opens its report. A dumb renderer like the report page, drawn whole each time,
// with the same badges, tooltips and text-only values (src/webview/parts.ts).
import type { FromSendWebview, SendModel } from '../shared/protocol/send';
import { connect } from './channel';
import { announce, button as postButton, el, type VsCodeApi } from './dom';
import { createParts, diagnosisLine, dismissibleTips, placeTooltips } from './parts';

declare function acquireVsCodeApi(): VsCodeApi<FromSendWebview>;

(() => {
  const api = acquireVsCodeApi();
  const app = document.getElementById('app') as HTMLElement;
  const parts = createParts();
  const { badge, sendSection } = parts;
  const button = (label: string, message: FromSendWebview, focusKey: string) =>
    postButton(api, label, message, focusKey);

  function render(m: SendModel): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    parts.reset();
    const list = el('ul', { class: 'send-lookups' });
    for (const l of m.lookups) {
      const open = button(l.shown, { type: 'openLookup', number: l.number }, `open:${l.number}`);
      list.appendChild(
        el(
          'li',
          {},
          open,
          badge(l.status, m, `lookup:${l.number}`, true),
          el('span', { class: 'note', text: l.checked }),
        ),
      );
    }
    app.replaceChildren(
      el(
        'header',
        {},
        el('h1', { text: m.title, attrs: { dir: 'auto' } }),
        el(
          'div',
          { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': m.title } },
          button(m.strings.refresh, { type: 'refresh' }, 'refresh'),
        ),
      ),
      ...(m.diagnosis ? [diagnosisLine(m.diagnosis)] : []),
      sendSection(m.send, m),
      el(
        'section',
        { attrs: { 'aria-labelledby': 'lookups-h' } },
        el('h2', { text: m.lookupsHeading, attrs: { id: 'lookups-h' } }),
        m.lookups.length ? list : el('p', { class: 'note', text: m.lookupsEmpty }),
      ),
    );
    app.setAttribute('aria-busy', m.send.state === 'loading' ? 'true' : 'false');
    app.dataset.state = m.send.state;
    document.documentElement.lang = m.lang;
    if (focused) (app.querySelector(`[data-focus="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
    announce(m.announcement);
  }

  placeTooltips(document);
  dismissibleTips(document);
  connect(api, { kind: 'send', draw: render });
})();
