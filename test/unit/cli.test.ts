import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import { FIXTURES } from './helpers';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line', () => {
  it('index content --json lists every question of the five guides with file and line, and nothing else', async () => {
    const { code, out } = await run(['index', path.join(FIXTURES, '..', '..', 'content'), '--json']);
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { file: string; line: number; question: string }[];
    const expected = fs.readdirSync(path.join(FIXTURES, 'guides')).filter(f => f.endsWith('.questions.tsv')).flatMap(tsv =>
      fs.readFileSync(path.join(FIXTURES, 'guides', tsv), 'utf8').trim().split('\n').map(r => {
        const [line, question] = r.split('\t');
        return `${tsv.replace('.questions.tsv', '.md')}:${line}:${question.trim()}`;
      }));
    assert.deepEqual(rows.map(r => `${r.file}:${r.line}:${r.question}`).sort(), expected.sort());
  });

  it('index of a folder with a bad file reports it on stderr and lists the rest', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'coach-'));
    fs.writeFileSync(path.join(dir, 'good.md'), '## 1. What is a view?\n\nA callable.\n');
    fs.writeFileSync(path.join(dir, 'bad.md'), Buffer.from([0, 1, 2, 3]));
    const { code, out, err } = await run(['index', dir, '--json']);
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).length, 1);
    assert.match(err, /bad\.md: the file looks binary/);
  });

  it('unknown verbs and missing queries fail with usage on stderr', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    const r = await run(['search']);
    assert.equal(r.code, 2);
    assert.match(r.err, /search needs a query/);
  });
});
