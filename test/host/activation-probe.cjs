// extensionTestsPath for test/host/measure-activation.cjs: runs inside the extension host of a freshly
// started code-server window (sample project open, so the extension activated at startup through
// `workspaceContains:**/manage.py`, as a user's would) and records the activation time the extension
// measured itself: evaluating its bundle plus running activate().
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');

exports.run = async function run() {
  const out = process.env.COACH_ACTIVATION_OUT;
  if (!out) throw new Error('COACH_ACTIVATION_OUT is not set');
  const root = path.resolve(__dirname, '../..');
  const { publisher, name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const extension = vscode.extensions.getExtension(`${publisher}.${name}`);
  if (!extension) throw new Error(`${publisher}.${name} is not installed in the host`);
  const wasActive = extension.isActive;
  const api = await extension.activate();
  const { activationMs, activationParts } = api;
  if (!Number.isFinite(activationMs)) throw new Error(`the extension reported no activation time (${activationMs})`);
  fs.writeFileSync(out, JSON.stringify({ ms: activationMs, ...activationParts, activatedAtStartup: wasActive }));
};
