// DOM helpers shared by the webview renderers. Text is always set as text nodes; invisible and direction-changing
// characters become a visible ⟨U+XXXX⟩ marker; icons are built as SVG elements, never parsed from markup.
import type { StatusGroupView } from '../shared/protocol/parts';

type Props = { class?: string; text?: string; attrs?: Record<string, string> };

/** What acquireVsCodeApi() returns, typed by the messages a renderer may post. */
export interface VsCodeApi<Message> {
  postMessage(message: Message): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** A button that posts `message` when clicked; `focusKey` finds it again after a render (data-focus). */
export function button<Message>(
  api: VsCodeApi<Message>,
  label: string,
  message: Message,
  focusKey: string,
): HTMLButtonElement {
  const b = el('button', { text: label, attrs: { type: 'button', 'data-focus': focusKey } });
  b.addEventListener('click', () => api.postMessage(message));
  return b;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Node | null | undefined>
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) appendVisible(e, props.text);
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) if (c) e.appendChild(c);
  return e;
}

const INVISIBLE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

export function appendVisible(parent: HTMLElement, text: string): void {
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    const i = m.index ?? 0;
    if (i > last) parent.appendChild(document.createTextNode(text.slice(last, i)));
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    const mark = document.createElement('span');
    mark.className = 'cc';
    mark.title = `U+${code}`;
    mark.appendChild(document.createTextNode(`⟨U+${code}⟩`));
    parent.appendChild(mark);
    last = i + m[0].length;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

const ICON_PATHS: Record<StatusGroupView, string> = {
  delivered: 'M3 8.5l3 3 7-7',
  unconfirmed: 'M2 8.5l3 3 7-7M8 11.5l1 1',
  pending: 'M8 4v4l3 2M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z',
  failed: 'M4 4l8 8M12 4l-8 8',
  unknown: 'M6 6a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2V10M8 12.5v.5',
};

export function icon(group: StatusGroupView): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICON_PATHS[group] ?? ICON_PATHS.unknown);
  svg.appendChild(path);
  return svg;
}

/** Announces text in the page's live region (cleared first so a repeat is announced too). */
/** A count as the page's language writes it ("1.234" in Turkish): the host sends the language with the model. */
export function formatCount(n: number, lang: string): string {
  try {
    return new Intl.NumberFormat(lang).format(n);
  } catch {
    return String(n);
  }
}

export function announce(text: string): void {
  const live = document.getElementById('live');
  if (!live || !text) return;
  live.textContent = '';
  live.textContent = text;
}
