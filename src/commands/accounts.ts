// VairoSMS: Set API Key… / Clear API Key, and the key prompt a lookup shows when no key is stored. The key is typed
// into a password box, trimmed, and stored only in SecretStorage; nothing about it is logged but that it was set or
// cleared.
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { describeError } from '../core/errors';
import { own } from '../core/ownText';
import { showError, showInfo } from '../views/notify';
import { type ApiKeyStore, KeyringError } from '../services/apiKey';
import { type Log } from '../services/log';
import { error, inputStep } from './input';
import { type CommandDeps } from './deps';

/** Asks for the key and stores it. Resolves true when a key was stored. */
export async function promptForApiKey(keys: ApiKeyStore, log: Log, reason?: string): Promise<boolean> {
  const value = await inputStep({
    title: vscode.l10n.t('VairoSMS API Key'),
    prompt:
      reason ??
      vscode.l10n.t("Paste your VairoSMS API key. It is kept in VS Code's secret storage, never in settings or logs."),
    placeholder: vscode.l10n.t('API key from the VairoSMS panel'),
    password: true,
    validate: (v) => (v.trim() === '' ? error(vscode.l10n.t('The API key cannot be empty.')) : undefined),
  });
  if (typeof value !== 'string' || value.trim() === '') return false;
  try {
    await keys.set(value);
  } catch (e) {
    if (e instanceof KeyringError) {
      showKeyringError();
      log.error('the API key could not be stored: secret storage unavailable');
      return false;
    }
    throw e;
  }
  log.info('API key stored in secret storage');
  void showInfo(own("VairoSMS API key saved in VS Code's secret storage."));
  return true;
}

export function showKeyringError(): void {
  const d = describeError({ kind: 'keyring' });
  void showError(own('{0}: {1} {2}', d.title, d.message, d.action));
}

/** Makes sure a key is stored, asking for it if not. False when the user declined or the keyring failed. */
export async function ensureApiKey(keys: ApiKeyStore, log: Log): Promise<boolean> {
  try {
    if (await keys.get()) return true;
  } catch (e) {
    if (e instanceof KeyringError) {
      showKeyringError();
      return false;
    }
    throw e;
  }
  return promptForApiKey(
    keys,
    log,
    vscode.l10n.t("A VairoSMS API key is needed for lookups. Paste it here; it is kept in VS Code's secret storage."),
  );
}

export function registerApiKeyCommands({ commands, keys, log }: CommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    commands.register(Commands.setApiKeyInternal, () => promptForApiKey(keys, log)),
    commands.register(Commands.setApiKey, async () => {
      await promptForApiKey(keys, log);
    }),
    commands.register(Commands.clearApiKey, async () => {
      try {
        await keys.clear();
      } catch (e) {
        if (e instanceof KeyringError) return showKeyringError();
        throw e;
      }
      log.info('API key removed from secret storage');
      void showInfo(own('VairoSMS API key removed.'));
    }),
  );
}
