// The display language: VS Code runs in a locale only with a language pack installed (test/ui/README.md, Pitfalls).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Makes VS Code run in `locale` although only English is installed (see TESTING.md "Display language in tests"). */
export function writeLanguagePack(userDataDir: string, scratch: string, locale: string): void {
  const translations = path.join(scratch, `translations.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: 'test',
        label: locale,
        // must not be empty, or the extension host never loads extensions
        extensions: [{ extensionIdentifier: { id: 'test.language-pack' }, version: '1.0.0' }],
        translations: { vscode: translations },
      },
    }),
  );
}
