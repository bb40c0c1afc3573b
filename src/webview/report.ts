// The report page (src/shared/protocol/report.ts): a dumb renderer of the host's ReportModel. Every value from the API (message, number,
// status, dates, the provider's text) is set with textContent or an attribute — never parsed as HTML — and
// invisible or direction-changing characters are made visible. Status tooltips are real elements, shown on hover
// and on keyboard focus and linked with aria-describedby, not title attributes.
import type { ErrorView, FromReportWebview, ReportModel } from '../shared/protocol/report';
import { connect, timedAck } from './channel';
import { announce, appendVisible, button as postButton, el, formatCount, icon, type VsCodeApi } from './dom';
import { reportPageTiming } from './pageTiming';
import { createParts, diagnosisLine, dismissibleTips, placeTooltips } from './parts';

declare function acquireVsCodeApi(): VsCodeApi<FromReportWebview>;

(() => {
  const api = acquireVsCodeApi();
  const app = document.getElementById('app') as HTMLElement;
  let current: ReportModel | undefined;

  const { badge, fieldsTable, sendSection } = createParts();

  /** The running 429 countdown (retryNote), stopped by the next render. */
  let countdown: ReturnType<typeof setInterval> | undefined;

  const button = (label: string, message: FromReportWebview, focusKey: string) =>
    postButton(api, label, message, focusKey);

  /** The 429 countdown: VairoSMS asked to wait, the lookup asks again by itself (the host's clock, counted here). */
  function retryNote(r: { at: number; template: string; now: string }, lang: string): HTMLElement {
    const note = el('p', { class: 'retry-note' });
    const tick = () => {
      const left = Math.ceil((r.at - Date.now()) / 1000);
      note.textContent = left > 0 ? r.template.replace('{0}', formatCount(left, lang)) : r.now;
      if (left <= 0 && countdown !== undefined) clearInterval(countdown);
    };
    if (countdown !== undefined) clearInterval(countdown);
    countdown = setInterval(tick, 250);
    tick();
    return note;
  }

  /** "Watching until final…" beside the status, with a link that moves to the timeline (below the fold). */
  function watchNote(w: { text: string; link: string }): HTMLElement {
    const link = el('button', {
      class: 'link',
      text: w.link,
      attrs: { type: 'button', 'data-focus': 'watch:timeline' },
    });
    link.addEventListener('click', () => {
      const h = document.getElementById('timeline-h');
      h?.scrollIntoView({ block: 'start' });
      h?.focus();
    });
    return el('p', { class: 'watch-note' }, icon('pending'), el('span', { text: `${w.text} ` }), link);
  }

  function errorSection(e: ErrorView, m: ReportModel): HTMLElement {
    const s = el(
      'section',
      { class: 'error', attrs: { 'aria-labelledby': 'error-h', 'data-kind': e.kind } },
      el('h2', { text: m.strings.errorHeading, attrs: { id: 'error-h' } }),
      el('p', { class: 'error-title' }, icon('failed'), el('strong', { text: e.title })),
      el('p', { class: 'error-message', text: e.message }),
    );
    if (e.providerText) {
      s.appendChild(
        el(
          'figure',
          { class: 'provider' },
          el('figcaption', { text: e.providerLabel ?? '' }),
          el('blockquote', { text: e.providerText, attrs: { lang: 'tr', dir: 'auto' } }),
        ),
      );
    }
    if (e.detail)
      s.appendChild(
        el(
          'p',
          { class: 'detail' },
          e.detailLabel ? el('span', { class: 'detail-label', text: `${e.detailLabel}: ` }) : null,
          el('code', { text: e.detail, attrs: { dir: 'auto' } }),
        ),
      );
    s.appendChild(el('p', { class: 'error-action', text: e.action }));
    if (e.setting) {
      // our own link: it names one of our settings and runs the panel's allowlisted 'openSettings' action
      const link = button(e.setting.id, { type: 'errorAction', action: 'openSettings' }, 'error:setting');
      link.className = 'link';
      s.appendChild(el('p', { class: 'error-setting' }, document.createTextNode(`${e.setting.label}: `), link));
    }
    const actions = el('div', { class: 'actions' });
    for (const a of e.actions)
      actions.appendChild(button(a.label, { type: 'errorAction', action: a.id }, `error:${a.id}`));
    s.appendChild(actions);
    return s;
  }

  /** The page's sections as last drawn, by name, with the JSON of what each showed: a section whose input did not
   *  change is kept as it is (a status change redraws the status, not the page; the legend is built once). */
  const drawn = new Map<string, { key: string; node: HTMLElement }>();

  function section(name: string, input: unknown, build: () => HTMLElement | null): HTMLElement | null {
    const key = JSON.stringify(input);
    const last = drawn.get(name);
    if (last?.key === key) return last.node;
    const node = build();
    if (node) drawn.set(name, { key, node });
    else drawn.delete(name);
    return node;
  }

  /** Puts `nodes` in `app` in order, moving none that stays: the sections keep one order, so what stays is already in
   *  it once the rest is gone, and each new section goes in before the next one kept. */
  function place(nodes: HTMLElement[]): void {
    const keep = new Set<Node>(nodes);
    for (const child of [...app.childNodes]) if (!keep.has(child)) child.remove();
    let at = app.firstChild;
    for (const n of nodes) {
      if (n === at) at = at.nextSibling;
      else app.insertBefore(n, at);
    }
  }

  function headerSection(m: ReportModel): HTMLElement {
    const header = el(
      'header',
      {},
      el('p', { class: 'eyebrow', text: m.strings.heading }),
      el('h1', { text: m.title, attrs: { dir: 'auto' } }),
      m.subtitle ? el('p', { class: 'subtitle', text: m.subtitle }) : null,
    );
    const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': m.strings.heading } });
    if (m.state !== 'loading') toolbar.appendChild(button(m.strings.refresh, { type: 'refresh' }, 'refresh'));
    if (m.preview) toolbar.appendChild(button(m.preview.keep, { type: 'keep' }, 'keep'));
    if (m.state === 'report') {
      toolbar.appendChild(button(m.strings.copyJson, { type: 'copyJson' }, 'copyJson'));
      toolbar.appendChild(button(m.strings.showRaw, { type: 'showRaw' }, 'showRaw'));
      toolbar.appendChild(button(m.strings.copyAsCurl, { type: 'copyAsCurl' }, 'copyAsCurl'));
      if (m.watching) toolbar.appendChild(button(m.strings.stopWatching, { type: 'stopWatching' }, 'stopWatching'));
      else if (m.canWatch) toolbar.appendChild(button(m.strings.watch, { type: 'watch' }, 'watch'));
    }
    header.appendChild(toolbar);
    if (m.preview) header.appendChild(el('p', { class: 'note preview-note', text: m.preview.note }));
    return header;
  }

  function statusSection(s: NonNullable<ReportModel['status']>, m: ReportModel, dim: string): HTMLElement {
    return el(
      'section',
      { class: `status-section${dim}`, attrs: { 'aria-labelledby': 'status-h' } },
      el('h2', { text: m.strings.statusHeading, attrs: { id: 'status-h' } }),
      el('div', { class: 'status-line' }, badge(s, m, 'status'), el('span', { class: 'finality', text: s.finality })),
      m.watchNote ? watchNote(m.watchNote) : null,
      el('p', { class: 'meaning', text: s.meaning }),
      el(
        'p',
        { class: 'next' },
        el('strong', { text: `${m.strings.nextStepLabel}: ` }),
        el('span', { text: s.nextStep }),
      ),
    );
  }

  function messageSection(msg: NonNullable<ReportModel['message']>, m: ReportModel, dim: string): HTMLElement {
    const text = el('p', { class: 'message', attrs: { dir: 'auto', id: 'message-text' } });
    if (msg.text === '') text.appendChild(el('em', { text: m.strings.emptyMessage }));
    else appendVisible(text, msg.text);
    const s = el(
      'section',
      { class: `message-section${dim}`, attrs: { 'aria-labelledby': 'message-h' } },
      el('h2', { text: m.strings.messageHeading, attrs: { id: 'message-h' } }),
      text,
    );
    if (msg.note) s.appendChild(el('p', { class: 'note cut-note', text: msg.note }));
    if (text.querySelector('.cc')) s.appendChild(el('p', { class: 'note', text: m.strings.controlCharsNote }));
    return s;
  }

  function timelineSection(t: NonNullable<ReportModel['timeline']>, m: ReportModel): HTMLElement {
    const list = el('ol', { class: 'timeline' });
    t.points.forEach((p, i) =>
      list.appendChild(
        el(
          'li',
          {},
          el('time', { text: p.at }),
          badge(p.status, m, `timeline:${i}`, true),
          el('span', { text: p.status.label }),
        ),
      ),
    );
    return el(
      'section',
      { class: 'timeline-section', attrs: { 'aria-labelledby': 'timeline-h' } },
      el('h2', { text: t.label, attrs: { id: 'timeline-h', tabindex: '-1' } }),
      list,
    );
  }

  function legendSection(m: ReportModel): HTMLElement {
    const body = el('tbody');
    for (const s of m.legend) {
      body.appendChild(
        el(
          'tr',
          { attrs: { 'data-code': s.code } },
          el('td', {}, badge(s, m, `legend:${s.code}`, true)),
          el('td', { text: s.label }),
          el('td', { text: s.finality }),
        ),
      );
    }
    const th = (text: string) => el('th', { text, attrs: { scope: 'col' } });
    return el(
      'section',
      { class: 'legend-section', attrs: { 'aria-labelledby': 'legend-h' } },
      el('h2', { text: m.strings.legendHeading, attrs: { id: 'legend-h' } }),
      el('p', { class: 'note', text: m.strings.legendIntro }),
      el(
        'table',
        { class: 'legend' },
        el(
          'thead',
          {},
          el('tr', {}, th(m.strings.codeColumn), th(m.strings.meaningColumn), th(m.strings.finalityColumn)),
        ),
        body,
      ),
    );
  }

  /** Draws the model in one synchronous pass, section by section; the sections it did not change stay as they are. */
  function render(m: ReportModel): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    if (countdown !== undefined) clearInterval(countdown);
    countdown = undefined;
    const dim = m.state !== 'report' ? ' stale' : '';
    const s = m.strings;
    const nodes = [
      section('header', [m.title, m.subtitle, m.state, m.preview, m.watching, m.canWatch, s], () => headerSection(m)),
      m.state === 'loading'
        ? section('loading', s.loading, () =>
            el('p', { class: 'loading', text: s.loading, attrs: { role: 'progressbar', 'aria-label': s.loading } }),
          )
        : null,
      // the countdown runs in it (and was stopped above): built again with every render, never kept
      m.state === 'loading' && m.retry ? retryNote(m.retry, m.lang) : null,
      m.diagnosis?.overrides ? section('diagnosisTop', m.diagnosis, () => diagnosisLine(m.diagnosis!)) : null,
      m.error ? section('error', [m.error, s], () => errorSection(m.error!, m)) : null,
      m.status ? section('status', [m.status, m.watchNote, dim, s], () => statusSection(m.status!, m, dim)) : null,
      m.diagnosis && !m.diagnosis.overrides
        ? section('diagnosis', m.diagnosis, () => diagnosisLine(m.diagnosis!))
        : null,
      m.send ? section('send', [m.send, s], () => sendSection(m.send!, m)) : null,
      m.message ? section('message', [m.message, dim, s], () => messageSection(m.message!, m, dim)) : null,
      m.fields.length
        ? section('fields', [m.fields, dim, s.detailsHeading], () =>
            el(
              'section',
              { class: `details-section${dim}`, attrs: { 'aria-labelledby': 'details-h' } },
              el('h2', { text: s.detailsHeading, attrs: { id: 'details-h' } }),
              fieldsTable(m.fields, s.detailsHeading),
            ),
          )
        : null,
      m.timeline?.points.length ? section('timeline', [m.timeline, s], () => timelineSection(m.timeline!, m)) : null,
      section('legend', [m.legend, s], () => legendSection(m)),
    ].filter((n): n is HTMLElement => n !== null);
    place(nodes);
    app.setAttribute('aria-busy', m.state === 'loading' ? 'true' : 'false');
    app.dataset.state = m.state;
    document.documentElement.lang = m.lang;
    // Focus stays where it was when its section stayed; in a section drawn again, it goes to the same control.
    if (focused && !app.contains(document.activeElement))
      (app.querySelector(`[data-focus="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
    if (!current || current.announcement !== m.announcement || current.seq !== m.seq) announce(m.announcement);
    current = m;
  }

  placeTooltips(document);
  dismissibleTips(document);
  reportPageTiming(api);

  /** What VS Code saves to restore the panel after a reload: the model, without the SMS text when the user keeps
   *  no message text. */
  function forState(m: ReportModel): ReportModel {
    if (m.saveMessage !== false || !m.message) return m;
    const { message: _left, ...rest } = m;
    return rest;
  }

  connect(api, { kind: 'report', draw: render, saved: forState, ack: timedAck });
})();
