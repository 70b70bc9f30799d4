// Runs inside a real VS Code extension host (code-server), with a copy of sample-project/ open.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CoachApi } from '../../src/extension';
import { until } from './until';

interface Manifest {
  publisher: string;
  name: string;
  contributes?: { commands?: { command: string; title: string; category?: string }[] };
}

// Read at run time, so these tests follow package.json as commands are added.
const repoRoot = path.resolve(__dirname, '..', '..', '..'); // out/test/integration -> repo root
const manifest: Manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('activation', () => {
  it('opens the sample Django project', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.deepStrictEqual(folders.map(f => path.basename(f.uri.path)), ['sample-project']);
  });

  it(`finds and activates ${extensionId}`, async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed in the host`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const declared = (manifest.contributes?.commands ?? []).map(c => c.command);
    assert.ok(declared.length > 0, 'package.json contributes no commands');
    await vscode.extensions.getExtension(extensionId)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter(id => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });
});

describe('activation is only the entry points', () => {
  const api = async () => (await vscode.extensions.getExtension<CoachApi>(extensionId)!.activate());

  it('activate() does not load the features, and reports its own time', async () => {
    const { activationMs, activationParts } = await api();
    assert.strictEqual(activationParts.featuresLoaded, false, 'activate() loaded src/features.ts: an entry point was used during activation');
    for (const part of [activationParts.moduleLoadMs, activationParts.activateMs]) assert.ok(Number.isFinite(part) && part >= 0, `bad part ${part}`);
    assert.ok(Math.abs(activationMs - activationParts.moduleLoadMs - activationParts.activateMs) < 1e-6);
  });

  it('loads the features once the window has settled, without any entry point used', async () => {
    const extension = vscode.extensions.getExtension<CoachApi>(extensionId)!;
    await extension.activate();
    // Read featuresLoaded from the exports object without touching a getter that would load them.
    await until(() => extension.exports.featuresLoaded, 'the features loading once the window settled');
  });

  it('has an implementation for every command that package.json contributes', async () => {
    const { commands } = await api();
    const declared = (manifest.contributes?.commands ?? []).map(c => c.command);
    const missing = declared.filter(id => typeof (commands as Record<string, unknown>)[id] !== 'function');
    assert.deepStrictEqual(missing, []);
  });
});
