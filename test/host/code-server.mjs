// Shared by the extension-test shim, the UI tests and `npm start`: start code-server
// (VS Code 1.139 server + web workbench, pinned in test/host/code-server) on a free loopback
// port with throwaway state, and launch Debian's Chromium for playwright-core.
// Everything here is offline: nothing is downloaded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HOST_DIR, '../..');
export const SAMPLE_PROJECT = path.join(REPO_ROOT, 'sample-project');
// Where test/host/install.sh installs node24/ and code-server/ (outside test/, which the build transpiles).
export const INSTALL_DIR = path.join(REPO_ROOT, '.vscode-test', 'host');

/** code-server's entry script and the Node 24 it needs (installed by test/host/install.sh). */
export function hostBinaries() {
  const node = path.join(INSTALL_DIR, 'node24/node_modules/node/bin/node');
  const entry = path.join(INSTALL_DIR, 'code-server/node_modules/code-server/out/node/entry.js');
  for (const f of [node, entry]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run bash test/host/install.sh`);
  }
  return { node, entry };
}

// Keeps the workbench quiet and deterministic: no AI/chat panels, no welcome page, no update or telemetry traffic.
export const BASE_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'window.autoDetectColorScheme': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // The palette's "similar commands" arrive late and re-sort its list under the keyboard.
  'workbench.commandPalette.experimental.enableNaturalLanguageSearch': false,
};

export function readExtensionManifest(extensionPath = REPO_ROOT) {
  return JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
}

/** Symlink the extension into a (fresh) extensions dir as `<publisher>.<name>-<version>`, as an installed one would be. */
export function linkExtension(extensionsDir, extensionPath = REPO_ROOT) {
  const { publisher, name, version } = readExtensionManifest(extensionPath);
  fs.mkdirSync(extensionsDir, { recursive: true });
  const link = path.join(extensionsDir, `${publisher}.${name}-${version}`);
  fs.rmSync(link, { force: true, recursive: false });
  fs.symlinkSync(path.resolve(extensionPath), link, 'dir');
  return link;
}

/**
 * Install .vsix files into `extensionsDir` as a user does (`code-server --install-extension FILE`), and
 * check that each landed as a real folder `<publisher>.<name>-<version>` (not a link to the repository).
 */
export async function installExtensions(vsixFiles, { extensionsDir, userDataDir, env }) {
  const { node, entry } = hostBinaries();
  const args = [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, ...vsixFiles.flatMap(f => ['--install-extension', path.resolve(f)])];
  const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', d => { output += d; });
  child.stderr.on('data', d => { output += d; });
  const code = await new Promise(resolve => child.on('exit', (c, signal) => resolve(c ?? signal)));
  const installed = fs.readdirSync(extensionsDir).filter(f => !f.startsWith('.') && f !== 'extensions.json');
  if (code !== 0 || installed.length !== vsixFiles.length) {
    throw new Error(`--install-extension ${vsixFiles.join(' ')} exited with ${code}, installed [${installed.join(', ')}]:\n${output}`);
  }
  for (const dir of installed) {
    const stat = fs.lstatSync(path.join(extensionsDir, dir));
    if (!stat.isDirectory() || !fs.existsSync(path.join(extensionsDir, dir, '.vsixmanifest'))) throw new Error(`${dir} was not installed from a .vsix`);
  }
  return installed;
}

/** A throwaway copy of sample-project/ (same folder name) in `dir`, so tests that type, save or add files never touch the repo. */
export function copySampleProject(dir) {
  const copy = path.join(dir, 'sample-project');
  fs.cpSync(SAMPLE_PROJECT, copy, { recursive: true });
  return copy;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** Write User/settings.json = BASE_SETTINGS + extra, unless the user-data dir already has one. */
export function seedUserSettings(userDataDir, extra = {}) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2));
  return file;
}

/**
 * Start code-server. Returns { port, base, pid, tmp, log(), stop() }.
 * options: port (default: a free one), userDataDir, extensionsDir (default: fresh dirs under tmp),
 *          extensions (extension folders to link into the extensions dir before start),
 *          vsix (.vsix files to install with --install-extension before start),
 *          settings (extra user settings), args (extra code-server args), echo (pipe server output to stdout).
 */
export async function startCodeServer(options = {}) {
  const { node, entry } = hostBinaries();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-cs-'));
  const port = options.port || await freePort();
  const userDataDir = options.userDataDir || path.join(tmp, 'user-data');
  const extensionsDir = options.extensionsDir || path.join(tmp, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Linked before start: code-server scans a fresh extensions dir once.
  for (const extensionPath of options.extensions || []) linkExtension(extensionsDir, extensionPath);
  seedUserSettings(userDataDir, options.settings);
  // code-server writes config.yaml etc. under XDG dirs even for --version: keep them out of $HOME.
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') };
  if (options.vsix?.length) {
    try {
      await installExtensions(options.vsix, { extensionsDir, userDataDir, env });
    } catch (err) {
      fs.rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }

  const args = [entry, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...(options.args || [])];
  // detached = own process group, so stop() ends the server and every helper process it spawned.
  const child = spawn(node, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const collect = d => { output += d; if (output.length > 200_000) output = output.slice(-100_000); if (options.echo) process.stdout.write(d); };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise(resolve => child.on('exit', (code, signal) => resolve(code ?? signal)));

  let stopped = false;
  const killGroup = signal => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };
  const onExit = () => { killGroup('SIGKILL'); fs.rmSync(tmp, { recursive: true, force: true }); };
  process.on('exit', onExit);
  async function stop() {
    if (stopped) return;
    stopped = true;
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exited;
    clearTimeout(t);
    killGroup('SIGKILL'); // stragglers in the group (extension host, file watcher)
    process.removeListener('exit', onExit);
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during start-up:\n${output}`);
    }
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not listening yet */ }
    if (Date.now() > deadline) { await stop(); throw new Error(`code-server did not answer on ${base} within 60 s:\n${output}`); }
    await new Promise(r => setTimeout(r, 100));
  }
  return { port, base, pid: child.pid, tmp, userDataDir, extensionsDir, exited, log: () => output, stop };
}

/** URL that opens `folder` in the workbench; `payload` is VS Code's list of [key, value] start-up parameters. */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/')}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    // No sandbox as root; no background traffic to the (closed) internet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

// Lines from the workbench or bundled services that only say "I could not reach the internet".
export const NOISE = /\[(AgentHost|ChatModelSelection|AccountPolicyGate)|ENOTFOUND|EAI_AGAIN|open-vsx|marketplace|^\s+at /;
