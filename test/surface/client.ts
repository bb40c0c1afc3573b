// The test seam as the integration tests and the bench call it, from inside the extension host: each method runs its
// _vairosms.test.<name> command (test/surface/register.ts). Typed from the seam itself, so nothing is declared twice.
import * as vscode from 'vscode';
import { TEST_COMMAND_PREFIX, type TestSeam } from './seam';

export type SeamClient = {
  readonly [K in keyof TestSeam]: (...args: Parameters<TestSeam[K]>) => Promise<Awaited<ReturnType<TestSeam[K]>>>;
};

export const seam = new Proxy({} as SeamClient, {
  get:
    (_, name) =>
    (...args: unknown[]) =>
      Promise.resolve(vscode.commands.executeCommand(TEST_COMMAND_PREFIX + String(name), ...args)),
});
