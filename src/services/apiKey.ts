// The API key lives only in VS Code's SecretStorage (encrypted, never synced). It is cached in memory for the
// window and the cache is dropped when any window changes it (secrets.onDidChange). If the keyring fails we say
// so and never fall back to plaintext.
import * as vscode from 'vscode';
import { ContextKeys, HAS_KEY_FLAG, SECRET_API_KEY } from '../constants';
import { Disposable } from '../disposable';

export class KeyringError extends Error {
  constructor(readonly operation: 'read' | 'store' | 'delete') {
    super(`secret storage ${operation} failed`);
    this.name = 'KeyringError';
  }
}

export class ApiKeyStore extends Disposable {
  private cached: string | undefined;
  private loaded = false;

  /** `flags` keeps one non-secret boolean, "a key is stored", so the activation shell can set the context key
   *  behind "Clear API Key" without reading the keyring at startup. */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly flags: vscode.Memento,
  ) {
    super();
    this.register(
      secrets.onDidChange((e) => {
        if (e.key !== SECRET_API_KEY) return;
        this.loaded = false;
        this.cached = undefined;
        void this.get().catch(() => undefined); // re-read now: the context key follows the other window
      }),
    );
  }

  /** The key in memory, for redaction only; undefined until first read. */
  peek(): string | undefined {
    return this.cached;
  }

  async get(): Promise<string | undefined> {
    if (this.loaded) return this.cached;
    let value: string | undefined;
    try {
      value = await this.secrets.get(SECRET_API_KEY);
    } catch {
      throw new KeyringError('read');
    }
    this.cached = value === undefined || value.trim() === '' ? undefined : value;
    this.loaded = true;
    await this.setFlag(this.cached !== undefined);
    return this.cached;
  }

  async set(key: string): Promise<void> {
    const value = key.trim();
    try {
      await this.secrets.store(SECRET_API_KEY, value);
    } catch {
      throw new KeyringError('store');
    }
    this.cached = value;
    this.loaded = true;
    await this.setFlag(true);
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SECRET_API_KEY);
    } catch {
      throw new KeyringError('delete');
    }
    this.cached = undefined;
    this.loaded = true;
    await this.setFlag(false);
  }

  private async setFlag(has: boolean): Promise<void> {
    if (this.flags.get(HAS_KEY_FLAG) !== has) await this.flags.update(HAS_KEY_FLAG, has);
    await vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, has);
  }
}
