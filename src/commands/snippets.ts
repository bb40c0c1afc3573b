// VairoSMS: Copy as cURL / Copy as Code Snippet… — the current lookup as a runnable snippet. By default the snippet
// reads the key from $VAIROSMS_API_KEY and contains no key; including the key is an explicit second step behind a
// modal warning. TLS verification is never turned off in any snippet.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { asLookupKey, type LookupKey } from '../core/lookupKey';
import { own, ownAccountName } from '../core/ownText';
import { askModal, showError, showInfo, showWarning } from '../views/notify';
import {
  curlFor,
  KEY_ENV_VAR,
  KEY_ENV_VAR_TEXT,
  SNIPPET_LANGUAGES,
  snippet,
  snippetEditorLanguage,
  snippetLabel,
  type SnippetLanguage,
} from '../core/snippets/snippets';
import { KeyringError } from '../services/accounts';
import * as settings from '../services/settings';
import { showKeyringError } from './accounts';
import { type CommandDeps } from './deps';
import { prefill, promptLookup } from './prompts';

/** The lookup a snippet is for: the argument, else the report panel in front, else ask (prefilled with the last). */
async function targetOf(deps: CommandDeps, arg: unknown): Promise<LookupKey | undefined> {
  return asLookupKey(arg) ?? deps.panels.activeKey() ?? (await promptLookup(prefill(deps.history, {})));
}

async function copy(deps: CommandDeps, language: SnippetLanguage, key: LookupKey): Promise<void> {
  const root = settings.apiRoot();
  if (!root.ok) {
    void showError(root.message);
    return;
  }
  const text = snippet(language, { apiRoot: root.value, sendId: key.sendId, number: key.number });
  await vscode.env.clipboard.writeText(text);
  deps.log.info(`copied a ${language} snippet for send ${key.sendId} (key read from $${KEY_ENV_VAR}, not included)`);
  const open = vscode.l10n.t('Open in Editor');
  const withKey = vscode.l10n.t('Copy with API Key…');
  // cURL for the shell of this platform is copied; the other one is a click away.
  const other = language === 'curl' ? 'powershell' : language === 'powershell' ? 'curl' : undefined;
  const copyOther = other === 'powershell' ? vscode.l10n.t('Copy for PowerShell') : vscode.l10n.t('Copy for Shell');
  // With several accounts, say whose key belongs in the variable: the account the report was looked up with.
  const account = deps.accounts.list().accounts.length > 1 ? await deps.panels.accountFor(key) : undefined;
  const accountName = account ? deps.accounts.find(account)?.name : undefined;
  const choice = await showInfo(
    accountName !== undefined
      ? own(
          '{0} copied. It reads the API key of {2} from the environment variable {1}; the key itself is not in the snippet.',
          snippetLabel(language),
          KEY_ENV_VAR_TEXT,
          ownAccountName(accountName),
        )
      : own(
          '{0} copied. It reads the API key from the environment variable {1}; the key itself is not in the snippet.',
          snippetLabel(language),
          KEY_ENV_VAR_TEXT,
        ),
    open,
    withKey,
    ...(other ? [copyOther] : []),
  );
  if (other && choice === copyOther) {
    await copy(deps, other, key);
  } else if (choice === open) {
    const doc = await vscode.workspace.openTextDocument({ language: snippetEditorLanguage(language), content: text });
    await vscode.window.showTextDocument(doc, { preview: true });
  } else if (choice === withKey) {
    await copyWithKey(deps, language, key, root.value);
  }
}

async function copyWithKey(
  deps: CommandDeps,
  language: SnippetLanguage,
  key: LookupKey,
  apiRoot: string,
): Promise<void> {
  const confirm = vscode.l10n.t('Copy with API Key');
  const choice = await askModal(
    own('Copy the snippet with your API key in it?'),
    own(
      'The key will be in plain text in your clipboard and wherever you paste it. Anyone who sees it can use your VairoSMS account and credits. Prefer the environment variable {0}.',
      KEY_ENV_VAR_TEXT,
    ),
    confirm,
  );
  if (choice !== confirm) return;
  let apiKey: string | undefined;
  try {
    const account = await deps.panels.accountFor(key);
    if (account === null) return;
    apiKey = await deps.accounts.get(account);
  } catch (e) {
    if (e instanceof KeyringError) return showKeyringError();
    throw e;
  }
  if (!apiKey) {
    void showWarning(own('No API key is stored, so there is nothing to include.'));
    return;
  }
  await vscode.env.clipboard.writeText(snippet(language, { apiRoot, sendId: key.sendId, number: key.number, apiKey }));
  deps.log.info(`copied a ${language} snippet for send ${key.sendId} WITH the API key, as the user confirmed`);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('$(warning) Snippet with the API key copied'), 5000);
}

export function registerSnippetCommands(deps: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    deps.commands.register(Commands.copyAsCurl, async (arg?: unknown) => {
      const key = await targetOf(deps, arg);
      if (key) await copy(deps, curlFor(process.platform), key);
    }),
    deps.commands.register(Commands.copyAsSnippet, async (arg?: unknown, language?: unknown) => {
      const key = await targetOf(deps, arg);
      if (!key) return;
      let lang = SNIPPET_LANGUAGES.find((l) => l === language);
      if (!lang) {
        const pick = await vscode.window.showQuickPick(
          SNIPPET_LANGUAGES.map((l) => ({ label: snippetLabel(l), language: l })),
          {
            placeHolder: vscode.l10n.t(
              'Copy the request for {0} in send #{1} as…',
              settings.displayNumber(key.number),
              key.sendId,
            ),
          },
        );
        lang = pick?.language;
      }
      if (lang) await copy(deps, lang, key);
    }),
  );
}
