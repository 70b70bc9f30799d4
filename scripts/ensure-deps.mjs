// `npm test` / `npm start` on a fresh clone: install the locked dependencies first if they are missing.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('node_modules/.bin/tsc') || !existsSync('node_modules/.bin/esbuild') || !existsSync('node_modules/.bin/mocha')) {
  console.log('node_modules is missing or incomplete: npm ci');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
