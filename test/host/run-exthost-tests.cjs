// The extension-host tests (test/integration, compiled to out/) in the test host (run-in-host.cjs).
// Exit code = mocha's result inside the (Node) extension host.
// Needs: test/host/install.sh, `npm run build` (dist/) and `node esbuild.mjs --tests` (out/).
const fs = require('fs');
const path = require('path');
const { root, runInHost } = require('./run-in-host.cjs');

const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
for (const f of [path.join(root, 'dist', 'extension.js'), extensionTestsPath]) {
  if (!fs.existsSync(f)) {
    console.error(`${path.relative(root, f)} is missing: run npm run build && node esbuild.mjs --tests`);
    process.exit(2);
  }
}

runInHost(extensionTestsPath).then(
  () => process.exit(0),
  err => { console.error(`extension tests failed: ${err.message}`); process.exit(1); },
);
