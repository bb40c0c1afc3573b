// Looks for a secret in files and texts, in every form it could take on its way there. Shared by the integration
// suite (the profile folder of its code-server) and the UI suite (the user-data folder of each VS Code it starts);
// no vscode import, so both can use it.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Every regular file under `dir` (symlinks not followed). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The forms a key can take on its way to a file: as typed, URL-encoded (both ways, and in lower-case hex),
 *  JSON-escaped (also with PHP's escaped slashes, and every character but letters and digits as \uXXXX), and as HTML
 *  character references (named, decimal, hex). */
export function secretForms(secret: string): string[] {
  const plain = (ch: string) => /[A-Za-z0-9]/.test(ch);
  const named: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;',
    '/': '&sol;',
    '+': '&plus;',
    '=': '&equals;',
  };
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ k: secret }).toString().slice(2),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    Array.from(secret, (ch) => (plain(ch) ? ch : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(''),
    Array.from(secret, (ch) => named[ch] ?? ch).join(''),
    Array.from(secret, (ch) => (plain(ch) ? ch : `&#${ch.codePointAt(0)};`)).join(''),
    Array.from(secret, (ch) => (plain(ch) ? ch : `&#x${ch.codePointAt(0)!.toString(16)};`)).join(''),
  ]);
  return [...forms];
}

export interface Finding {
  readonly where: string;
  readonly form: string;
}

/** Looks for every form of the secret in a text, as UTF-8 and as UTF-16LE (SQLite may store either). */
export function scanText(where: string, text: string, secret: string): Finding[] {
  return secretForms(secret)
    .filter((f) => text.includes(f))
    .map((form) => ({ where, form }));
}

export function scanFiles(files: readonly string[], secret: string): Finding[] {
  const findings: Finding[] = [];
  const forms = secretForms(secret);
  for (const f of files) {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(f);
    } catch {
      continue; // vanished meanwhile (a lock file, a rotated log)
    }
    for (const form of forms) {
      if (buf.includes(Buffer.from(form, 'utf8')) || buf.includes(Buffer.from(form, 'utf16le')))
        findings.push({ where: f, form });
    }
  }
  return findings;
}
