// The webview parts the report, send and batch pages share: the focusable status badge with its tooltip (hover and
// keyboard focus, aria-describedby; a delivery status and a send state use the same pattern; placed inside the panel,
// dismissible), a fields table, the send section and the diagnosis line. Text only, like everything the webview draws.
import type { DiagnosisView, FieldView, SendView, StatusView, TipStrings } from '../shared/protocol/parts';
import { appendVisible, el, icon } from './dom';

export interface Parts {
  /** Tooltip ids restart at tip-1: for a render that replaces the whole page (the report page keeps counting, so a
   *  section it keeps never shares an id with one it draws again). */
  reset(): void;
  badge(s: StatusView, m: { strings: TipStrings }, focusKey: string, small?: boolean): HTMLElement;
  fieldsTable(fields: readonly FieldView[], caption: string): HTMLElement;
  sendSection(v: SendView, m: { strings: TipStrings }): HTMLElement;
}

export function createParts(): Parts {
  let tipCounter = 0;

  function badge(s: StatusView, m: { strings: TipStrings }, focusKey: string, small = false): HTMLElement {
    const id = `tip-${++tipCounter}`;
    const group = s.known ? s.group : 'unknown';
    const b = el(
      'span',
      {
        class: `badge status-${group}${small ? ' small' : ''}`,
        attrs: { tabindex: '0', 'aria-describedby': id, 'data-focus': focusKey, 'data-code': s.code },
      },
      icon(group),
      el('span', { class: 'code', text: s.code || '—', attrs: { dir: 'ltr' } }),
      small ? null : el('span', { class: 'label', text: s.label }),
      s.known ? null : el('span', { class: 'unknown-mark', text: m.strings.unknownMark }),
    );
    const tip = el(
      'div',
      { class: 'tooltip', attrs: { role: 'tooltip', id } },
      el('p', { class: 'tip-title' }, el('strong', { text: `${s.code || '—'} · ${s.label}` })),
      row(m.strings.meaningLabel, s.meaning),
      row(m.strings.finalityLabel, s.finality),
      row(m.strings.nextStepLabel, s.nextStep),
      s.providerText ? row(m.strings.providerTextLabel, s.providerText, 'tr') : null,
    );
    return el('span', { class: 'has-tip' }, b, tip);
  }

  function row(label: string, text: string, lang?: string): HTMLElement {
    return el(
      'p',
      {},
      el('span', { class: 'tip-label', text: `${label}: ` }),
      el('span', { text, attrs: lang ? { lang } : {} }),
    );
  }

  function fieldsTable(fields: readonly FieldView[], caption: string): HTMLElement {
    const body = el('tbody');
    for (const f of fields) {
      const td = el('td', { attrs: { 'data-field': f.id } }, el('bdi', { class: 'value', text: f.value }));
      if (f.note) td.appendChild(el('div', { class: 'note', text: f.note }));
      body.appendChild(el('tr', {}, el('th', { text: f.label, attrs: { scope: 'row' } }), td));
    }
    return el('table', { class: 'fields' }, el('caption', { class: 'visually-hidden', text: caption }), body);
  }

  /** The send's summary: its state as a badge, the fields, the log as text, or its own short error. */
  function sendSection(v: SendView, m: { strings: TipStrings }): HTMLElement {
    const s = el(
      'section',
      { class: 'send-section', attrs: { 'aria-labelledby': 'send-h', 'data-state': v.state } },
      el('h2', { text: v.heading, attrs: { id: 'send-h' } }),
    );
    if (v.badge) {
      s.appendChild(
        el(
          'div',
          { class: 'send-state-line' },
          badge(v.badge, m, 'send'),
          el('span', { class: 'finality', text: v.badge.finality }),
        ),
      );
    }
    if (v.error) {
      s.appendChild(el('p', { class: 'error-title' }, icon('failed'), el('strong', { text: v.error.title })));
      s.appendChild(el('p', { text: v.error.message }));
      if (v.error.providerText) {
        s.appendChild(
          el(
            'figure',
            { class: 'provider' },
            el('figcaption', { text: v.error.providerLabel ?? '' }),
            el('blockquote', { text: v.error.providerText, attrs: { lang: 'tr', dir: 'auto' } }),
          ),
        );
      }
    }
    if (v.fields.length) s.appendChild(fieldsTable(v.fields, v.heading));
    if (v.log) {
      const pre = el('pre', { class: 'log', attrs: { dir: 'auto' } });
      appendVisible(pre, v.log.text);
      s.appendChild(el('figure', { class: 'provider' }, el('figcaption', { text: v.log.label }), pre));
    }
    if (v.note) s.appendChild(el('p', { class: 'note', text: v.note }));
    return s;
  }

  return { reset: () => (tipCounter = 0), badge, fieldsTable, sendSection };
}

/** The diagnosis line: what the number's report and its send's summary say together (no tooltip of its own). */
export function diagnosisLine(d: DiagnosisView): HTMLElement {
  return el(
    'p',
    { class: `diagnosis ${d.severity}`, attrs: { 'data-diagnosis': d.id } },
    icon(d.severity === 'error' ? 'failed' : d.severity === 'warning' ? 'pending' : 'unconfirmed'),
    el('strong', { text: `${d.label}: ` }),
    el('span', { text: d.text }),
  );
}

/**
 * Keeps a tooltip inside the panel: when it opens (hover or keyboard focus) and there is no room for it below its
 * badge, it opens above ('tip-up'); with no room to the right, it opens to the left ('tip-left'). Measured each time
 * it opens, so a resized panel or a scrolled page is placed right.
 */
export function placeTooltips(doc: Document): void {
  const MARGIN = 4;
  const place = (e: Event): void => {
    const host = (e.target as Element | null)?.closest?.('.has-tip');
    const tip = host?.querySelector(':scope > .tooltip');
    if (!host || !(tip instanceof HTMLElement)) return;
    host.classList.remove('tip-up', 'tip-left');
    const r = tip.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return; // not shown (dismissed)
    const badge = host.getBoundingClientRect();
    const view = doc.documentElement;
    if (r.bottom > view.clientHeight - MARGIN && badge.top - r.height - MARGIN * 3 >= 0) host.classList.add('tip-up');
    if (r.right > view.clientWidth - MARGIN && badge.right - r.width - MARGIN * 3 >= 0) host.classList.add('tip-left');
  };
  doc.addEventListener('mouseover', place);
  doc.addEventListener('focusin', place);
}

/** A shown tooltip can be dismissed (WCAG 1.4.13): Escape hides it until the pointer or focus leaves, and Enter or
 *  Space on a badge behaves like hovering it (the tooltip is already shown on focus; it stays). */
export function dismissibleTips(doc: Document): void {
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const tip = (doc.activeElement as HTMLElement | null)?.closest('.has-tip');
    doc.querySelectorAll('.has-tip:hover').forEach((t) => t.classList.add('dismissed'));
    tip?.classList.add('dismissed');
  });
  const undismiss = (e: Event) =>
    (e.target as HTMLElement | null)?.closest?.('.has-tip')?.classList.remove('dismissed');
  doc.addEventListener('focusout', undismiss);
  doc.addEventListener('mouseout', undismiss);
  doc.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if ((e.key === 'Enter' || e.key === ' ') && t.classList.contains('badge')) {
      e.preventDefault();
      t.closest('.has-tip')?.classList.remove('dismissed');
    }
  });
}
