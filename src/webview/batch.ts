// The batch page (src/shared/protocol/batch.ts), the results table: counts per status, a sortable table (the host sorts; headers are buttons with
// aria-sort), one row per number that opens its report, the lines that were not numbers, export and cancel.
// Values are text only, like the report panel.
import type { BatchModel, BatchRowView, BatchSortKey, FromBatchWebview } from '../shared/protocol/batch';
import { connect } from './channel';
import { announce, button, el, formatCount, icon, type VsCodeApi } from './dom';
import { createParts, placeTooltips } from './parts';

declare function acquireVsCodeApi(): VsCodeApi<FromBatchWebview>;

(() => {
  const api = acquireVsCodeApi();
  const app = document.getElementById('app') as HTMLElement;
  let current: BatchModel | undefined;
  const parts = createParts();
  placeTooltips(document);

  function header(m: BatchModel, key: BatchSortKey, label: string): HTMLTableCellElement {
    const sorted = m.sort.key === key;
    const th = el('th', {
      attrs: { scope: 'col', 'aria-sort': sorted ? (m.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none' },
    });
    const b = el('button', {
      class: 'sort',
      text: label + (sorted ? (m.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''),
      attrs: { type: 'button', title: m.strings.sortHint, 'data-focus': `sort:${key}` },
    });
    b.addEventListener('click', () => api.postMessage({ type: 'sort', key }));
    th.appendChild(b);
    return th;
  }

  function statusCell(r: BatchRowView, m: BatchModel): HTMLTableCellElement {
    if (r.status) {
      const s = r.status;
      const group = s.known ? s.group : 'unknown';
      return el(
        'td',
        {},
        el(
          'span',
          { class: `badge small status-${group}`, attrs: { title: `${s.meaning} ${s.finality}` } },
          icon(group),
          el('span', { class: 'code', text: s.code || '—' }),
          el('span', { class: 'label', text: s.label }),
        ),
      );
    }
    if (r.cancelled) return el('td', { class: 'note', text: m.strings.cancelledMark });
    return el('td', { class: 'note', text: '—' });
  }

  function render(m: BatchModel): void {
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    const root = document.createDocumentFragment();
    const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': m.strings.heading } });
    if (m.state === 'running') toolbar.appendChild(button(api, m.strings.cancel, { type: 'cancel' }, 'cancel'));
    toolbar.appendChild(button(api, m.strings.exportCsv, { type: 'exportCsv' }, 'exportCsv'));
    toolbar.appendChild(button(api, m.strings.exportJson, { type: 'exportJson' }, 'exportJson'));
    root.appendChild(
      el(
        'header',
        {},
        el('p', { class: 'eyebrow', text: m.strings.heading }),
        el('h1', { text: m.title }),
        el('p', { class: 'subtitle', text: m.subtitle, attrs: { id: 'progress' } }),
        toolbar,
      ),
    );

    parts.reset();
    if (m.send) root.appendChild(parts.sendSection(m.send.view, m.send));
    // Status codes as badges with their code; failed lookups apart, with the error icon and their class (no code).
    const counts = el('ul', { class: 'counts', attrs: { 'aria-label': m.strings.countsHeading } });
    const failures = el('ul', { class: 'counts failures', attrs: { 'aria-label': m.strings.failuresHeading } });
    for (const c of m.counts) {
      if (c.group === 'error') {
        failures.appendChild(
          el(
            'li',
            { class: 'badge status-failed', attrs: { 'data-key': c.key } },
            icon('failed'),
            el('span', { class: 'label', text: c.label }),
            el('strong', { class: 'count', text: formatCount(c.count, m.lang) }),
          ),
        );
        continue;
      }
      const group = c.group === 'cancelled' ? 'unknown' : c.group;
      counts.appendChild(
        el(
          'li',
          { class: `badge status-${group}`, attrs: { 'data-key': c.key } },
          icon(group),
          c.group === 'cancelled' ? null : el('span', { class: 'code', text: c.key }),
          el('span', { class: 'label', text: c.label }),
          el('strong', { class: 'count', text: formatCount(c.count, m.lang) }),
        ),
      );
    }
    root.appendChild(
      el(
        'section',
        { attrs: { 'aria-labelledby': 'counts-h' } },
        el('h2', { text: m.strings.countsHeading, attrs: { id: 'counts-h' } }),
        counts,
        failures.childElementCount ? el('h3', { text: m.strings.failuresHeading, attrs: { id: 'failures-h' } }) : null,
        failures.childElementCount ? failures : null,
      ),
    );

    const body = el('tbody');
    for (const r of m.rows) {
      const tr = el(
        'tr',
        { class: 'row', attrs: { tabindex: '0', 'data-index': String(r.index), 'data-focus': `row:${r.index}` } },
        el('td', { class: 'line', text: r.line !== undefined ? String(r.line) : '—' }),
        el('td', {}, el('bdi', { text: r.number })),
        statusCell(r, m),
        el('td', { text: r.time ?? '—' }),
        el('td', { text: r.error ?? '', attrs: r.errorKind ? { 'data-kind': r.errorKind } : {} }),
      );
      const open = () => api.postMessage({ type: 'openRow', index: r.index });
      tr.addEventListener('click', open);
      tr.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          open();
        }
      });
      body.appendChild(tr);
    }
    root.appendChild(
      el(
        'section',
        { attrs: { 'aria-labelledby': 'results-h' } },
        el('h2', { text: m.strings.resultsHeading, attrs: { id: 'results-h' } }),
        el('p', { class: 'note', text: m.strings.openHint }),
        el(
          'table',
          { class: 'results' },
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              header(m, 'line', m.strings.lineColumn),
              header(m, 'number', m.strings.numberColumn),
              header(m, 'status', m.strings.statusColumn),
              header(m, 'time', m.strings.timeColumn),
              header(m, 'error', m.strings.errorColumn),
            ),
          ),
          body,
        ),
      ),
    );

    if (m.invalid.length) {
      const inv = el('tbody');
      for (const i of m.invalid)
        inv.appendChild(
          el(
            'tr',
            {},
            el('td', { text: String(i.line) }),
            el('td', {}, el('code', { text: i.input })),
            el('td', { text: i.message }),
          ),
        );
      root.appendChild(
        el(
          'section',
          { class: 'invalid', attrs: { 'aria-labelledby': 'invalid-h' } },
          el('h2', { text: m.strings.invalidHeading, attrs: { id: 'invalid-h' } }),
          el(
            'table',
            {},
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { text: m.strings.lineColumn, attrs: { scope: 'col' } }),
                el('th', { text: m.strings.inputColumn, attrs: { scope: 'col' } }),
                el('th', { text: m.strings.reasonColumn, attrs: { scope: 'col' } }),
              ),
            ),
            inv,
          ),
        ),
      );
    }

    app.replaceChildren(root);
    app.dataset.state = m.state;
    app.setAttribute('aria-busy', m.state === 'running' ? 'true' : 'false');
    document.documentElement.lang = m.lang;
    if (focused) (app.querySelector(`[data-focus="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
    if (m.announcement && current?.announcement !== m.announcement) announce(m.announcement);
    current = m;
  }

  connect(api, { kind: 'batch', draw: render });
})();
