// The insights verb (issue 14) through the command line's main(): a file, a folder, --list.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line: insights', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-insights-'));
  const models = path.join(dir, 'shop', 'models.py');
  fs.mkdirSync(path.dirname(models));
  fs.writeFileSync(models, 'from django.db import models\n\nclass Book(models.Model):\n    title = models.CharField(max_length=9, null=True)\n');
  fs.writeFileSync(path.join(dir, 'shop', 'views.py'), 'x = 1\n');
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--json on a file gives the detect fields plus the insight id, message and question ids', async () => {
    const { code, out } = await run('insights', models, '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0].line, rows[0].start, rows[0].end, rows[0].insightId, rows[0].text, rows[0].topics], [4, 43, 52, 'DJC009', 'null=True', ['models']]);
    assert.match(rows[0].message, /NULL/);
    assert.ok(rows[0].questionIds.length > 0);
  });

  it('walks a folder and prints one line per finding', async () => {
    const { code, out } = await run('insights', dir);
    assert.equal(code, 0);
    assert.match(out, /^shop\/models\.py:4:43-52\tDJC009\t/m);
    assert.match(out, /1 insight in 2 Python files$/);
  });

  it('--list prints the table; a missing path fails; no path is a usage error', async () => {
    const list = await run('insights', '--list');
    assert.match(list.out, /^DJC009\tnull=True on a string field\t/m);
    const missing = await run('insights', path.join(dir, 'nope.py'));
    assert.deepEqual([missing.code, /no such file/.test(missing.err)], [1, true]);
    assert.equal((await run('insights')).code, 2);
  });
});
