// The stock @vscode/test-electron runTests(), with vscodeExecutablePath pointing at the code-server
// shim so nothing is downloaded. Exit code = mocha's result inside the (Node) extension host.
// Needs: test/host/install.sh, `npm run build` (dist/) and `node esbuild.mjs --tests` (out/).
const path = require('path');
const fs = require('fs');
const os = require('os');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');
const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
for (const f of [path.join(root, 'dist', 'extension.js'), extensionTestsPath]) {
  if (!fs.existsSync(f)) {
    console.error(`${path.relative(root, f)} is missing: run npm run build && node esbuild.mjs --tests`);
    process.exit(2);
  }
}

// The workspace is a throwaway copy of sample-project/ (same name): tests may edit, save and add files.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-exthost-'));
const workspace = path.join(tmp, 'sample-project');
fs.cpSync(path.join(root, 'sample-project'), workspace, { recursive: true });
const done = code => { fs.rmSync(tmp, { recursive: true, force: true }); process.exit(code); };

runTests({
  vscodeExecutablePath: path.join(__dirname, 'code-server-test-host.mjs'),
  extensionDevelopmentPath: root,
  extensionTestsPath,
  launchArgs: [workspace],
  reuseMachineInstall: true, // no .vscode-test profile dirs: the shim gives every run fresh ones
}).then(
  () => done(0),
  err => { console.error(`extension tests failed: ${err.message}`); done(1); },
);
