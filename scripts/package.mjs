// `npm run package`: django-interview-coach-<version>.vsix with @vscode/vsce (the build runs first, as
// vscode:prepublish). Bundled code only (no node_modules: --no-dependencies, set in package.json "vsce"),
// files chosen by .vscodeignore. Prints what it holds and fails over the size budget.
//   node scripts/package.mjs [--out FILE]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** DESIGN §3: the package stays small (tens to a few hundred KB); 1 MB is the hard limit. */
const BUDGET_BYTES = 1024 * 1024;

const { name, version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const argv = process.argv.slice(2);
const outAt = argv.indexOf('--out');
const out = path.resolve(outAt >= 0 ? argv[outAt + 1] : path.join(ROOT, `${name}-${version}.vsix`));
fs.rmSync(out, { force: true });

const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--out', out], { cwd: ROOT, stdio: 'inherit' });

const bytes = fs.statSync(out).size;
const kb = (bytes / 1024).toFixed(1);
if (bytes >= BUDGET_BYTES) {
  console.error(`${path.relative(ROOT, out)} is ${kb} KB: over the ${BUDGET_BYTES / 1024} KB budget`);
  process.exit(1);
}
console.log(`${path.relative(process.cwd(), out)}: ${kb} KB (budget ${BUDGET_BYTES / 1024} KB)`);
