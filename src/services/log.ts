// The "VairoSMS" log channel. Every line goes through redact() with the current key, so a URL, an error or a
// provider text can never print it.
import * as vscode from 'vscode';
import { redact } from '../core/api/redact';

export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor(private readonly secrets: () => Array<string | undefined>) {
    this.channel = vscode.window.createOutputChannel('VairoSMS', { log: true });
  }

  private clean(message: string): string {
    return redact(message, ...this.secrets());
  }

  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
