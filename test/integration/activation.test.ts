// Runs inside a real VS Code extension host (code-server), with a copy of sample-project/ open.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

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
