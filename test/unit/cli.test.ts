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
    const rows = (JSON.parse(out) as { questions: { file: string; line: number; question: string }[] }).questions;
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
    const json = JSON.parse(out) as { files: { file: string; questions: number; answered: number; problem?: string }[]; questions: unknown[] };
    assert.equal(json.questions.length, 1);
    assert.match(err, /bad\.md: the file looks binary/);
    // Every file read has its report: the good one with its counts, the bad one with why it gave nothing.
    assert.deepEqual(json.files.map(f => [f.file, f.questions, f.answered]), [['bad.md', 0, 0], ['good.md', 1, 1]]);
    assert.match(json.files[0].problem!, /binary/);
  });

  it('index without --json ends with one line per file: questions found and how many have an answer', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'coach-'));
    fs.writeFileSync(path.join(dir, 'notes.md'), '## 1. What is a view?\n\nA callable.\n\n## 2. What is a URLconf?\n');
    const { out } = await run(['index', dir]);
    assert.match(out, /^notes\.md: 2 questions, 1 with an answer$/m);
  });

  it('a missing path is reported as a file that gave nothing', async () => {
    const { code, out } = await run(['index', '/no/such/guides', '--json']);
    assert.equal(code, 1);
    assert.deepEqual((JSON.parse(out) as { files: { file: string; problem: string }[] }).files, [{ file: '/no/such/guides', bytes: 0, questions: 0, answered: 0, problem: 'no such file or folder' }]);
  });

  it('unknown verbs and missing queries fail with usage on stderr', async () => {
    assert.equal((await run(['frobnicate'])).code, 2);
    const r = await run(['search']);
    assert.equal(r.code, 2);
    assert.match(r.err, /search needs a query/);
  });
});
