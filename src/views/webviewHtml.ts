// The webview pages' HTML shell: each page loads its own script (dist/webview/<page>.js, built from
// src/webview/<page>.ts; the page is the kind of the models it draws) and the shared stylesheet. One CSP, default-src 'none', a fresh 128-bit nonce from crypto on every render,
// no inline script or style, assets only from the webview's own folder (dist/webview). Data never goes into the
// HTML: it arrives by postMessage after the webview says it is ready. The page itself carries the loading state (the
// panel's heading, its title and "Looking up…", our own text, escaped), so a new panel is never blank while its
// script loads and the first message comes.
import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [webviewRoot(extensionUri)],
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** What a panel shows before its first message: drawn as the webview's own render draws the loading state. */
export interface LoadingPage {
  readonly heading?: string;
  readonly title?: string;
  readonly text: string;
}

/** The pages, each with its own entry point (src/webview/<page>.ts): the kinds of their models. */
export type Page = 'report' | 'send' | 'batch';

export function webviewHtml(
  webview: vscode.Webview,
  extensionUri: vscode.Uri,
  lang: string,
  loading: LoadingPage,
  script: Page,
): string {
  const nonce = newNonce();
  const page = shell(webview, extensionUri, script);
  return `<!DOCTYPE html>
<html lang="${attr(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(page.csp.replace(NONCE, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${page.style}">
<title>VairoSMS</title>
</head>
<body>
<main id="app" aria-busy="true" data-state="loading">${loadingHeader(loading)}<p class="loading" role="progressbar" aria-label="${attr(loading.text)}">${text(loading.text)}</p></main>
<div id="live" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true"></div>
<script nonce="${nonce}" src="${page.script}"></script>
</body>
</html>`;
}

const NONCE = '{nonce}';

/** What every page of one kind shares, worked out once per window: the CSP (its nonce a placeholder) and the assets'
 *  webview URIs. A new panel costs a fresh nonce and its loading text, nothing else. */
const shells = new Map<string, { csp: string; style: string; script: string }>();

function shell(webview: vscode.Webview, extensionUri: vscode.Uri, script: Page) {
  const id = `${webview.cspSource}\n${extensionUri.toString()}\n${script}`;
  let page = shells.get(id);
  if (!page) {
    const root = webviewRoot(extensionUri);
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${NONCE}'`,
      "img-src 'none'",
      "font-src 'none'",
      "connect-src 'none'",
      "frame-src 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ].join('; ');
    page = {
      csp,
      style: attr(webview.asWebviewUri(vscode.Uri.joinPath(root, 'main.css')).toString()),
      script: attr(webview.asWebviewUri(vscode.Uri.joinPath(root, `${script}.js`)).toString()),
    };
    shells.set(id, page);
  }
  return page;
}

function loadingHeader(l: LoadingPage): string {
  if (!l.heading && !l.title) return '';
  return `<header>${l.heading ? `<p class="eyebrow">${text(l.heading)}</p>` : ''}${l.title ? `<h1 dir="auto">${text(l.title)}</h1>` : ''}</header>`;
}

function text(s: string): string {
  return s.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
