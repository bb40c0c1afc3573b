// The store page (#23): the README as `vsce package` writes it into the .vsix, which VS Code's extension details
// page, the Marketplace and Open VSX show. The details page renders it in a webview that loads pictures over https
// only (VS Code 1.103 and later strip `data:` and relative sources; 1.100 keeps relative ones but cannot load them),
// so vsce rewrites every relative path of README.md to the repository's address (package.json `repository`).
// Shared by the unit suite (the README inside the .vsix) and the UI suite (the installed extension's details page);
// no vscode import, so both can use it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export interface Target {
  /** `![..](x)` or `<img src="x">`, not `[..](x)`. */
  readonly image: boolean;
  readonly target: string;
}

/** The targets of a markdown file's links and pictures: `[..](x)`, `![..](x)` and `<img src="x">`, in order. */
export function markdownTargets(markdown: string): Target[] {
  const found: Array<Target & { at: number }> = [];
  for (const m of markdown.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    found.push({ image: m[1] === '!', target: m[2], at: m.index });
  for (const m of markdown.matchAll(/<img\b[^>]*\bsrc=["']([^"']+)["']/gi))
    found.push({ image: true, target: m[1], at: m.index });
  return found.sort((a, b) => a.at - b.at).map(({ image, target }) => ({ image, target }));
}

/** What the details page can follow or load: https addresses (and for links mailto: and in-page anchors). */
export const isWebAddress = (t: Target): boolean =>
  /^https:\/\//i.test(t.target) || (!t.image && /^(mailto:|#)/i.test(t.target));

/** Where the packaged README's pictures are served from: the repository's files as GitHub serves them (vsce's
 *  rewrite of a relative path `media/x.png` for a GitHub `repository`). */
export function pictureBase(root: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    repository?: { url?: string };
  };
  const m = /^https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(manifest.repository?.url ?? '');
  if (!m) throw new Error(`package.json's repository is not a GitHub address: ${manifest.repository?.url}`);
  return `https://github.com/${m[1]}/${m[2]}/raw/HEAD/`;
}

/** The repository file a picture's address names (under pictureBase), or undefined if it names none. */
export function pictureFile(root: string, url: string): string | undefined {
  const base = pictureBase(root);
  if (!url.startsWith(base)) return undefined;
  const rel = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]);
  const file = path.resolve(root, rel);
  if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  return file;
}

/** Does the file start with the PNG signature? */
export const isPng = (file: string): boolean =>
  fs
    .readFileSync(file)
    .subarray(0, 8)
    .equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

/** One file of a zip archive (a .vsix), read through its central directory; undefined if the archive lacks it. */
export function readZipEntry(zipFile: string, name: string): Buffer | undefined {
  const zip = fs.readFileSync(zipFile);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${zipFile} is not a zip archive`);
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (entry.toLowerCase() === name.toLowerCase()) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return undefined;
}
