#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It accepts the flags runTests passes (--extensionDevelopmentPath=, --extensionTestsPath=, optional
// --user-data-dir=/--extensions-dir=, a folder to open), starts code-server on a free loopback port,
// opens the workbench in headless Chromium with the extension-test payload, and exits with the
// tests' exit code. The tests run in code-server's real Node extension host.
// Env: EXTHOST_TEST_TIMEOUT_MS (default 300000), CHROMIUM_PATH (default /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, NOISE, startCodeServer, workbenchUrl } from './code-server.mjs';

const argv = process.argv.slice(2);
const flag = name => argv.filter(a => a.startsWith(`--${name}=`)).map(a => a.slice(name.length + 3));
const devPaths = flag('extensionDevelopmentPath');
const [testsPath] = flag('extensionTestsPath');
const folder = argv.find(a => !a.startsWith('-'));
if (!devPaths.length || !testsPath) {
  console.error('usage: code-server-test-host.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER]');
  process.exit(2);
}
if (folder && !fs.existsSync(folder)) { console.error(`folder ${folder} does not exist`); process.exit(2); }

const server = await startCodeServer({
  userDataDir: flag('user-data-dir')[0],
  extensionsDir: flag('extensions-dir')[0],
  // Makes the web client honour the extension-test parameters of the `payload` URL parameter.
  args: ['--vscode-option', 'enable-smoke-test-driver'],
});
let browser;
async function shutdown(code) {
  await browser?.close().catch(() => {});
  await server.stop();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(130));

const remote = p => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
const payload = [...devPaths.map(p => ['extensionDevelopmentPath', remote(p)]),
  ['extensionTestsPath', remote(testsPath)], ['skipWelcome', 'true']];

browser = await launchChromium();
const page = await browser.newPage();
const pageErrors = [];
page.on('pageerror', e => pageErrors.push(e.message));
const exitCode = new Promise(resolve => {
  // The smoke-test driver reports the extension host's console and the tests' exit code through these.
  page.exposeFunction('codeAutomationLog', (_type, args) => {
    const line = util.format(...args);
    if (!NOISE.test(line)) console.log(line);
  });
  page.exposeFunction('codeAutomationExit', code => resolve(code));
});
const timeoutMs = Number(process.env.EXTHOST_TEST_TIMEOUT_MS || 300_000);
const timer = setTimeout(() => {
  console.error(`extension tests did not finish within ${timeoutMs} ms`);
  console.error(`--- page errors:\n${pageErrors.join('\n')}\n--- code-server output (tail):\n${server.log().slice(-4000)}`);
  shutdown(124);
}, timeoutMs);

await page.goto(workbenchUrl(server.base, folder || server.tmp, payload));
const code = await exitCode;
clearTimeout(timer);
if (code !== 0) console.error(`--- code-server output (tail):\n${server.log().slice(-3000)}`);
await shutdown(code);
