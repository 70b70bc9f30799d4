// Runs an extensionTestsPath module inside the test host: the stock @vscode/test-electron runTests(),
// with vscodeExecutablePath pointing at the code-server shim so nothing is downloaded, on a throwaway
// copy of sample-project/ (same name: tests may edit, save and add files). Resolves when the module's
// run() resolved; rejects otherwise. Needs test/host/install.sh and `npm run build` (dist/).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');

async function runInHost(extensionTestsPath) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-host-'));
  try {
    const workspace = path.join(tmp, 'sample-project');
    fs.cpSync(path.join(root, 'sample-project'), workspace, { recursive: true });
    await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-server-test-host.mjs'),
      extensionDevelopmentPath: root,
      extensionTestsPath,
      launchArgs: [workspace],
      reuseMachineInstall: true, // no .vscode-test profile dirs: the shim gives every run fresh ones
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { root, runInHost };
