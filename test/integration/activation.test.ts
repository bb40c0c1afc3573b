// The real extension inside the real extension host (code-server): presence, activation, commands, manifest.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { seam } from '../surface/client';

const EXTENSION_ID = 'smsdev.vairosms-reports';
const COMMANDS = ['vairosms.lookUpReport', 'vairosms.setApiKey', 'vairosms.clearApiKey', 'vairosms.showLog'];

interface Manifest {
  contributes?: {
    commands?: Array<{ command: string; category?: string }>;
    viewsContainers?: { activitybar?: Array<{ id: string; title: string }> };
    views?: Record<string, Array<{ id: string; name: string }>>;
    configuration?: { properties?: Record<string, { default?: unknown }> };
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the extension host`);
  return ext;
}

describe('activation @floor', () => {
  it('is present as the development extension', () => {
    const ext = extension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal((ext.packageJSON as { name?: string }).name, 'vairosms-reports');
    assert.equal((ext.packageJSON as { publisher?: string }).publisher, 'smsdev');
  });

  it('runs in a workspace with the test folder open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, 'exactly one workspace folder');
    const expected = process.env.VAIROSMS_TEST_WORKSPACE;
    if (expected) assert.equal(folders[0].uri.path, expected);
  });

  it('activates without error', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('registers its commands', async () => {
    await extension().activate();
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((c) => !all.has(c));
    assert.deepEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
  });

  it('has a handler for every command id, registered with VS Code, and no handler without an id', async () => {
    // The activation shell registers every id of the Commands table as a proxy to the main bundle's handler table;
    // a missing handler would surface only when a user runs the command. (The ids against package.json: unit test.)
    await extension().activate();
    const handlers = await seam.handlers();
    const ids = Object.values(Commands);
    assert.deepEqual([...handlers].sort(), [...ids].sort(), 'handlers (left) against the Commands table (right)');
    const registered = new Set(await vscode.commands.getCommands(false)); // false: the internal ids too
    assert.deepEqual(
      ids.filter((id) => !registered.has(id)),
      [],
      'registered with VS Code',
    );
  });

  it('contributes its palette commands under the VairoSMS category', () => {
    const commands = (extension().packageJSON as Manifest).contributes?.commands ?? [];
    for (const id of COMMANDS) {
      const c = commands.find((x) => x.command === id);
      assert.ok(c, `${id} is not in contributes.commands`);
      assert.equal(c.category, 'VairoSMS', `${id} category`);
    }
  });

  it('contributes the VairoSMS view container and the Recent Lookups view', () => {
    const contributes = (extension().packageJSON as Manifest).contributes ?? {};
    const containers = contributes.viewsContainers?.activitybar ?? [];
    assert.ok(
      containers.some((c) => c.id === 'vairosms'),
      'activity-bar view container "vairosms"',
    );
    const views = contributes.views?.vairosms ?? [];
    assert.ok(
      views.some((v) => v.id === 'vairosms.recentLookups'),
      'view "vairosms.recentLookups" in container "vairosms"',
    );
  });

  it('contributes its settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('vairosms');
    const expected: Record<string, unknown> = {
      apiRoot: 'https://vairosms.com/Panel/api/v1/',
      requestTimeoutSeconds: 30,
      maxRecentLookups: 50,
    };
    for (const [key, value] of Object.entries(expected)) {
      const inspected = config.inspect(key);
      assert.ok(inspected, `setting vairosms.${key} is not contributed`);
      assert.equal(inspected.defaultValue, value, `default of vairosms.${key}`);
    }
  });
});
