// Mocha runner loaded by VS Code's extension host (extensionTestsPath). It runs every
// `*.test.js` compiled next to it and rejects when a test fails, which makes the host exit non-zero.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const files = fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort();
  if (files.length === 0) return Promise.reject(new Error(`no *.test.js files in ${__dirname}`));
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        // One plain summary line that test/host/run-all.sh adds to its totals.
        console.log(`exthost: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}
