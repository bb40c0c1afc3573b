// The test build's half of the shell (src/extension.ts calls it only where esbuild.js defines VAIROSMS_TEST_BUILD, so
// the packaged dist/extension.js has no trace of it): every method of the test seam as a _vairosms.test.<name>
// command, registered at activation like the shell's proxies, and the options that give the seam the features'
// parts and a watch clock it can move.
import * as vscode from 'vscode';
import { type MainOptions, type MainParts } from '../../src/main';
import { createTestSeam, TEST_COMMAND_PREFIX, type McpProvider, type ShellState } from './seam';

export function registerTestSurface(
  context: vscode.ExtensionContext,
  shell: { readonly state: () => ShellState; readonly load: () => void; readonly mcp: McpProvider },
): MainOptions {
  let parts: MainParts | undefined;
  let offset = 0;
  const seam = createTestSeam({
    shell: shell.state,
    parts: () => parts,
    load: () => {
      shell.load();
      if (!parts) throw new Error('the features loaded without exposing their parts to the test surface');
      return parts;
    },
    shiftClock: (ms) => (offset += ms),
    mcp: shell.mcp,
  });
  for (const [name, method] of Object.entries(seam)) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_COMMAND_PREFIX + name, method as (...args: unknown[]) => unknown),
    );
  }
  return { now: () => Date.now() + offset, expose: (p) => (parts = p) };
}
