// What the extension-host parts of the bench share: the key the bench's sandboxes accept, the settings, the log line.
import * as vscode from 'vscode';

export const KEY = 'bench-host-key';
export const config = () => vscode.workspace.getConfiguration('vairosms');
export const log = (s: string) => console.log(`[bench] ${s}`);
