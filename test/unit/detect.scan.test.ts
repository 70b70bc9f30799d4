// The study plan: the fixture project copied to a temporary folder together with the folders and
// files a scan must skip or survive (virtualenvs, node_modules, a binary file, a non-UTF-8 file,
// an oversized file). Expected tallies come from the fixture's annotations.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ruleById } from '../../src/core/detect/rules';
import { folderSkipReason, isScannableFile, StudyPlanBuilder, type StudyPlan } from '../../src/core/detect/scan';
import { decodeSource, scanDirectory } from '../../src/core/detect/scanFs';
import { Library } from '../../src/core/library';
import type { TopicId } from '../../src/core/taxonomy';
import { fixtureFiles, readAnnotations, SHOP } from '../fixtures/detect/annotations';

const DJANGO = 'from django.db import transaction\n\nwith transaction.atomic():\n    transaction.on_commit(print)\n';

function write(root: string, rel: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), content);
}

/** Per topic: constructs and files, from the annotations of the given fixture files. */
function expectedTallies(files: string[]): Map<TopicId, { constructs: number; files: Set<string> }> {
  const tallies = new Map<TopicId, { constructs: number; files: Set<string> }>();
  for (const rel of files) {
    for (const a of readAnnotations(fs.readFileSync(path.join(SHOP, rel), 'utf8'))) {
      const topic = ruleById(a.ruleId)!.topic;
      const t = tallies.get(topic) ?? { constructs: 0, files: new Set<string>() };
      t.constructs++;
      t.files.add(rel);
      tallies.set(topic, t);
    }
  }
  return tallies;
}

describe('study plan: scanning a project folder', () => {
  let root: string;
  let plan: StudyPlan;
  const library = new Library([
    { id: 'q-tx', question: 'What does transaction.atomic do?', answer: 'It opens a transaction.', topics: ['transactions'], keywords: [], hasAnswer: true, section: 's', source: { file: 'g.md', line: 1 } },
  ]);

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'coach-scan-test-'));
    fs.cpSync(SHOP, root, { recursive: true });
    // Folders a scan skips, each holding a construct that must not be counted.
    write(root, 'venv/pyvenv.cfg', 'home = /usr/bin\n');
    write(root, 'venv/lib/python3.12/site-packages/django/db/transaction.py', DJANGO);
    write(root, 'tooling/pyvenv.cfg', 'home = /usr/bin\n');
    write(root, 'tooling/bin/manage.py', DJANGO);
    write(root, '.venv/lib/mod.py', DJANGO);
    write(root, 'env/lib/mod.py', DJANGO);
    write(root, 'vendor/site-packages/mod.py', DJANGO);
    write(root, 'frontend/node_modules/widget/index.html', '{% csrf_token %}');
    write(root, 'orders/__pycache__/signals.py', DJANGO);
    write(root, '.git/hooks/pre-commit.py', DJANGO);
    // Files a scan survives: binary, Latin-1, oversized, and a kind it does not read.
    write(root, 'orders/blob.py', Uint8Array.from([0x70, 0x6f, 0x73, 0x74, 0, 1, 2, 3, 0xff]));
    write(root, 'orders/legacy.py', Buffer.from('# caf\xe9 r\xe9sum\xe9\nfrom django.db import transaction\nwith transaction.atomic():\n    pass\n', 'latin1'));
    write(root, 'orders/huge.py', `${DJANGO}${'x = 1\n'.repeat(400_000)}`);
    write(root, 'notes.txt', DJANGO);
    plan = scanDirectory(root, library);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('counts every annotated construct of the project, and nothing from skipped folders', () => {
    const files = fixtureFiles();
    const annotated = files.reduce((n, rel) => n + readAnnotations(fs.readFileSync(path.join(SHOP, rel), 'utf8')).length, 0);
    // The fixture files, plus legacy.py (one transaction.atomic); not blob.py (binary) nor huge.py (too big).
    assert.equal(plan.filesScanned, files.length + 1);
    assert.equal(plan.constructs, annotated + 1);
    const withConstructs = files.filter(rel => readAnnotations(fs.readFileSync(path.join(SHOP, rel), 'utf8')).length > 0).length;
    assert.equal(plan.filesWithConstructs, withConstructs + 1);
  });

  it('tallies constructs and files per topic and ranks topics by 3 per file plus 1 per construct', () => {
    const expected = expectedTallies(fixtureFiles());
    const tx = expected.get('transactions')!;
    tx.constructs++;
    tx.files.add('orders/legacy.py');
    const actual = new Map(plan.topics.map(t => [t.topic, { constructs: t.constructs, files: t.files }]));
    assert.deepEqual(actual, new Map([...expected].map(([k, v]) => [k, { constructs: v.constructs, files: v.files.size }])));
    const scores = plan.topics.map(t => t.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    for (const t of plan.topics) assert.equal(t.score, 3 * t.files + t.constructs);
  });

  it('reports skipped folders and the oversized file, and the binary and non-UTF-8 files as errors without stopping', () => {
    const skipped = plan.skipped.map(s => s.path);
    for (const folder of ['venv', 'tooling', '.venv', 'env', 'vendor/site-packages', 'frontend/node_modules', 'orders/__pycache__', '.git', 'orders/huge.py']) {
      assert.ok(skipped.includes(folder), `${folder} in ${skipped.join(', ')}`);
    }
    assert.match(plan.skipped.find(s => s.path === 'tooling')!.reason, /pyvenv\.cfg/);
    assert.deepEqual(plan.errors.map(e => e.path), ['orders/blob.py', 'orders/legacy.py']);
    assert.match(plan.errors[0].message, /binary/);
    assert.match(plan.errors[1].message, /UTF-8/);
  });

  it('--no-migrations leaves the migrations folder out', () => {
    const without = scanDirectory(root, library, { noMigrations: true });
    const migration = readAnnotations(fs.readFileSync(path.join(SHOP, 'orders/migrations/0002_backfill_totals.py'), 'utf8')).length;
    assert.equal(without.constructs, plan.constructs - migration);
    assert.ok(without.skipped.some(s => s.path === 'orders/migrations'));
  });

  it('lists questions to practise for topics the library covers, none without a library', () => {
    assert.deepEqual(plan.topics.find(t => t.topic === 'transactions')!.questions.map(q => q.id), ['q-tx']);
    assert.ok(plan.topics.filter(t => t.topic !== 'transactions').every(t => t.questions.length === 0));
    assert.ok(scanDirectory(root, null).topics.every(t => t.questions.length === 0));
  });

  it('gives each topic its rules by frequency and examples spread over files', () => {
    for (const t of plan.topics) {
      const counts = t.rules.map(r => r.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
      assert.equal(counts.reduce((a, b) => a + b, 0), t.constructs);
      const firstFiles = t.examples.slice(0, Math.min(t.files, t.examples.length)).map(e => e.path);
      assert.equal(new Set(firstFiles).size, firstFiles.length, `${t.topic}: each file once before repeats`);
    }
  });

  it('fails for a missing folder', () => {
    assert.throws(() => scanDirectory(path.join(root, 'nope'), null));
  });
});

describe('study plan: the pure parts', () => {
  it('skips virtualenvs, dependencies, caches and hidden folders; migrations only when asked', () => {
    for (const name of ['node_modules', 'venv', '.venv', 'env', 'site-packages', '__pycache__', '.git', '.tox']) assert.ok(folderSkipReason(name, {}), name);
    assert.ok(folderSkipReason('anything', {}, true), 'a folder with pyvenv.cfg');
    assert.equal(folderSkipReason('migrations', {}), null);
    assert.ok(folderSkipReason('migrations', { noMigrations: true }));
    assert.equal(folderSkipReason('orders', {}), null);
  });

  it('reads Python modules and HTML templates only', () => {
    assert.deepEqual(['a.py', 'b.html', 'c.htm', 'd.txt', 'e.pyc', 'f.md'].filter(isScannableFile), ['a.py', 'b.html', 'c.htm']);
  });

  it('decodes UTF-8 (dropping a BOM), falls back to Latin-1, and refuses binary', () => {
    assert.deepEqual(decodeSource(Buffer.from('\uFEFFx = "é"', 'utf8')), { text: 'x = "é"' });
    assert.deepEqual(decodeSource(Buffer.from([0x78, 0xe9])), { text: 'x\u00e9', note: 'not valid UTF-8; read as Latin-1' });
    assert.deepEqual(decodeSource(Uint8Array.from([1, 0, 2])), { text: '', binary: true });
  });

  it('the builder aggregates whatever files the caller reads, in any order, to the same plan', () => {
    const a = new StudyPlanBuilder('/p');
    a.addFile('x.py', 'from django.db import transaction\ntransaction.atomic()\n');
    a.addFile('t.html', '{% csrf_token %}');
    const b = new StudyPlanBuilder('/p');
    b.addFile('t.html', '{% csrf_token %}');
    b.addFile('x.py', 'from django.db import transaction\ntransaction.atomic()\n');
    assert.deepEqual(a.build(null), b.build(null));
    assert.deepEqual(a.build(null).topics.map(t => [t.topic, t.constructs, t.files]), [['security', 1, 1], ['transactions', 1, 1]]);
  });
});
