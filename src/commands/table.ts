// The command handlers of the lazily loaded main bundle. The activation shell (src/extension.ts) registers every
// command id with VS Code at activation; the first call loads dist/main.js, which fills this table.
import type * as vscode from 'vscode';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments are untyped by nature
export type CommandHandler = (...args: any[]) => unknown;

export class CommandTable {
  private readonly handlers = new Map<string, CommandHandler>();

  register(id: string, handler: CommandHandler): vscode.Disposable {
    if (this.handlers.has(id)) throw new Error(`command ${id} registered twice`);
    this.handlers.set(id, handler);
    return {
      dispose: () => {
        if (this.handlers.get(id) === handler) this.handlers.delete(id);
      },
    };
  }

  get(id: string): CommandHandler | undefined {
    return this.handlers.get(id);
  }

  ids(): string[] {
    return [...this.handlers.keys()];
  }
}
