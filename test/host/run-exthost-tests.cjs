// The stock @vscode/test-electron runTests(), with vscodeExecutablePath pointing at the code-server
// shim so nothing is downloaded. Exit code = mocha's result inside the (Node) extension host.
// Needs: test/host/install.sh, `npm run build` (dist/) and `node esbuild.mjs --tests` (out/).
const path = require('path');
const fs = require('fs');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');
const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
for (const f of [path.join(root, 'dist', 'extension.js'), extensionTestsPath]) {
  if (!fs.existsSync(f)) {
    console.error(`${path.relative(root, f)} is missing: run npm run build && node esbuild.mjs --tests`);
    process.exit(2);
  }
}

runTests({
  vscodeExecutablePath: path.join(__dirname, 'code-server-test-host.mjs'),
  extensionDevelopmentPath: root,
  extensionTestsPath,
  launchArgs: [path.join(root, 'sample-project')],
  reuseMachineInstall: true, // no .vscode-test profile dirs: the shim gives every run fresh ones
}).then(
  () => process.exit(0),
  err => { console.error(`extension tests failed: ${err.message}`); process.exit(1); },
);
