#!/usr/bin/env node
// `node test/host/measure-activation.cjs [N]` (run by `npm run bench`): starts the test host N times
// (default 5) on a fresh copy of sample-project/, each time reading the activation time the extension
// measured for itself (test/host/activation-probe.cjs), and writes test/output/activation.json:
// { at, runs: [{ ms, moduleLoadMs, activateMs, cpuMs, featuresLoaded, activatedAtStartup }] }. One startup is one sample, and a
// startup on a 2-core machine shared with code-server and Chromium is noisy, hence several.
// Needs test/host/install.sh and `npm run build` (dist/).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { root, runInHost } = require('./run-in-host.cjs');

const count = Math.max(1, Number(process.argv[2] ?? 5) || 5);
const outFile = path.join(root, 'test', 'output', 'activation.json');

async function once(i) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-activation-'));
  try {
    const sample = path.join(tmp, 'sample.json');
    process.env.COACH_ACTIVATION_OUT = sample;
    await runInHost(path.join(__dirname, 'activation-probe.cjs'));
    const run = JSON.parse(fs.readFileSync(sample, 'utf8'));
    console.log(`activation ${i + 1}/${count}: ${run.ms.toFixed(1)} ms (module load ${run.moduleLoadMs.toFixed(1)} + activate() ${run.activateMs.toFixed(1)}; CPU ${run.cpuMs?.toFixed(1) ?? '?'})`);
    return run;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

(async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run build');
  const runs = [];
  for (let i = 0; i < count; i++) runs.push(await once(i));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify({ at: new Date().toISOString(), runs }, null, 2));
  console.log(`written ${path.relative(root, outFile)}`);
})().catch(err => { console.error(`measure-activation: ${err.message}`); process.exit(1); });
