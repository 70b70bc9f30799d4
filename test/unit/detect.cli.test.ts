// The detect, hover and scan verbs (DESIGN §7) through the command line's main(), with a small
// guide of our own (--guides) so the tests need no build and parse little.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { readAnnotations, SHOP } from '../fixtures/detect/annotations';

const GUIDES = path.resolve(__dirname, '../../../test/fixtures/detect/guides');

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: t => out.push(t), err: t => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('command line: detect', () => {
  const file = path.join(SHOP, 'orders/signals.py');
  const text = fs.readFileSync(file, 'utf8');

  it('--json lists every construct with a 1-based line, 0-based start/end, rule, topics and text', async () => {
    const { code, out } = await run('detect', file, '--json');
    assert.equal(code, 0);
    const rows = JSON.parse(out) as { line: number; start: number; end: number; ruleId: string; topics: string[]; text: string }[];
    const lines = text.split('\n');
    assert.deepEqual(rows.map(r => ({ line: r.line, start: r.start, end: r.end, ruleId: r.ruleId })),
      readAnnotations(text).map(a => ({ ...a, line: a.line + 1 })));
    for (const r of rows) assert.equal(r.text, lines[r.line - 1].slice(r.start, r.end));
    assert.deepEqual(rows.find(r => r.ruleId === 'on-commit')?.topics, ['transactions']);
  });

  it('prints one line per construct by default', async () => {
    const { code, out } = await run('detect', file);
    assert.equal(code, 0);
    assert.match(out, /signals\.py:33:8-29\ton-commit\ttransactions\ttransaction\.on_commit/);
    assert.match(out, /\d+ constructs$/);
  });

  it('says so when a file has none, and fails on missing, binary and unsupported files', async () => {
    assert.match((await run('detect', path.join(SHOP, 'scripts/masked.py'))).out, /no Django constructs found/);
    const missing = await run('detect', path.join(SHOP, 'nope.py'));
    assert.deepEqual([missing.code, /no such file/.test(missing.err)], [1, true]);
    const unsupported = await run('detect', path.join(SHOP, 'README.md'));
    assert.deepEqual([unsupported.code, /not a Python module or Django template/.test(unsupported.err)], [1, true]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-cli-'));
    fs.writeFileSync(path.join(dir, 'blob.py'), Uint8Array.from([0, 1, 2]));
    const binary = await run('detect', path.join(dir, 'blob.py'));
    assert.deepEqual([binary.code, /binary/.test(binary.err)], [1, true]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('needs exactly one FILE', async () => {
    const r = await run('detect');
    assert.equal(r.code, 2);
    assert.match(r.err, /detect needs one FILE/);
  });
});

describe('command line: hover', () => {
  const file = path.join(SHOP, 'orders/signals.py');

  it('--json gives the range (1-based line), rule, topics, probe and ranked questions', async () => {
    // Line 33 is `        transaction.on_commit(lambda: …)`; character 12 is inside `transaction`.
    const { code, out } = await run('hover', `${file}:33:12`, '--json', `--guides=${GUIDES}`);
    assert.equal(code, 0);
    const model = JSON.parse(out);
    assert.deepEqual(model.range, { line: 33, start: 8, end: 29 });
    assert.equal(model.ruleId, 'on-commit');
    assert.deepEqual(model.topics, ['transactions']);
    assert.ok(model.probe.length > 20);
    assert.ok(model.questions.length >= 1 && model.questions.length <= 3);
    assert.equal(model.questions[0].question, 'When would you use transaction.on_commit?');
    assert.match(model.questions[0].preview, /^It runs a callback only after the outer transaction commits/);
    for (const q of model.questions) assert.ok(q.id && q.question && typeof q.preview === 'string');
  });

  it('prints null where the editor shows nothing (a comment line)', async () => {
    const { code, out } = await run('hover', `${file}:34:10`, '--json');
    assert.equal(code, 0);
    assert.equal(out, 'null');
  });

  it('prints a readable hover by default', async () => {
    const { out } = await run('hover', `${file}:18:3`, `--guides=${GUIDES}`);
    assert.match(out, /^@receiver {2}— {2}Signals {2}\(line 18, characters 1-9, rule receiver\)/);
    assert.match(out, /What interviewers probe: /);
    assert.match(out, /\n1\. .+\[.+#[0-9a-f]+\]/);
  });

  it('rejects malformed positions and lines past the end', async () => {
    assert.equal((await run('hover', file)).code, 2);
    assert.equal((await run('hover', `${file}:0:1`)).code, 2);
    const past = await run('hover', `${file}:9999:0`);
    assert.equal(past.code, 1);
    assert.match(past.err, /past the end/);
  });
});

describe('command line: scan', () => {
  it('--json gives the study plan with 1-based example lines', async () => {
    const { code, out, err } = await run('scan', SHOP, '--json', `--guides=${GUIDES}`);
    assert.equal(code, 0, err);
    const plan = JSON.parse(out);
    assert.ok(plan.filesScanned > 20);
    assert.ok(plan.topics.length > 10);
    const transactions = plan.topics.find((t: { topic: string }) => t.topic === 'transactions');
    assert.ok(transactions.questions.some((q: { question: string }) => /on_commit/.test(q.question)));
    const example = plan.topics[0].examples[0];
    const lines = fs.readFileSync(path.join(SHOP, example.path), 'utf8').split('\n');
    const annotations = readAnnotations(lines.join('\n'));
    assert.ok(annotations.some(a => a.line + 1 === example.line), `${example.path}:${example.line} holds a construct`);
  });

  it('--no-migrations, and a readable plan by default', async () => {
    const withAll = JSON.parse((await run('scan', SHOP, '--json', `--guides=${GUIDES}`)).out);
    const without = JSON.parse((await run('scan', SHOP, '--json', '--no-migrations', `--guides=${GUIDES}`)).out);
    assert.ok(without.constructs < withAll.constructs);
    const { out } = await run('scan', SHOP, `--guides=${GUIDES}`);
    assert.match(out, /^Study plan for .+: \d+ files scanned, \d+ Django constructs in \d+ files/);
    assert.match(out, /\n1\. .+ — \d+ constructs in \d+ files \(/);
  });

  it('fails for a missing folder', async () => {
    const r = await run('scan', path.join(SHOP, 'nope'), `--guides=${GUIDES}`);
    assert.equal(r.code, 1);
    assert.match(r.err, /no such folder/);
  });
});
