import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  applyReview, emptyProgress, exportProgress, importProgress, LIMITS, makeEvent, mergeProgress, parseProgress, prepareWrite,
  type Progress, progressFromLog, serializeProgress, validateImport,
} from '../../src/core/progress';
import { answerChoice, createRng, generateQuiz, nextItem } from '../../src/core/quiz';
import type { ReviewEvent } from '../../src/core/schedule';
import { fixtureLibrary } from '../fixtures/progress/library';
import { fixtureContent } from '../fixtures/quiz/content';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/progress');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const NOW = Date.UTC(2025, 2, 10, 12, 0, 0);
const DAY = { utcOffsetMinutes: 0 };
const iso = (ms: number) => new Date(ms).toISOString();

function ev(id: string, questionId: string, rating: 1 | 2 | 3 | 4, at: number, mode: ReviewEvent['mode'] = 'flashcards'): ReviewEvent {
  return { id, questionId, rating, at: iso(at), mode };
}

function apply(p: Progress, events: ReviewEvent[]): Progress {
  return events.reduce((acc, e) => applyReview(acc, e, DAY), p);
}

const BASE = apply(emptyProgress(), [ev('b1', 'sig-what', 3, NOW - 3 * 86400_000), ev('b2', 'tx-atomic', 1, NOW - 2 * 86400_000), ev('b3', 'tx-atomic', 3, NOW - 2 * 86400_000 + 600_000)]);

describe('progress: recording reviews', () => {
  it('applyReview returns a new document, sorted log, card = fold of its reviews', () => {
    const before = JSON.stringify(BASE);
    const next = applyReview(BASE, ev('n1', 'sig-what', 4, NOW), DAY);
    assert.equal(JSON.stringify(BASE), before, 'input untouched');
    assert.equal(next.log.length, 4);
    assert.equal(next.cards['sig-what'].reps, 2);
    assert.equal(next.updatedAt, iso(NOW));
    assert.deepEqual(next.daily[iso(NOW).slice(0, 10)], { reviews: 1, correct: 1 });
    assert.deepEqual(JSON.parse(JSON.stringify(next)), JSON.parse(JSON.stringify(progressFromLog(next.log, next.updatedAt, DAY))));
  });

  it('is idempotent per event id (a re-sent answer is recorded once)', () => {
    const once = applyReview(BASE, ev('n1', 'sig-what', 4, NOW), DAY);
    assert.equal(applyReview(once, ev('n1', 'sig-what', 4, NOW), DAY), once);
  });

  it('a late-arriving older review re-folds the card in time order', () => {
    const inOrder = apply(emptyProgress(), [ev('a', 'q1', 3, NOW - 86400_000), ev('b', 'q1', 1, NOW - 3600_000), ev('c', 'q1', 3, NOW)]);
    const shuffled = apply(emptyProgress(), [ev('c', 'q1', 3, NOW), ev('a', 'q1', 3, NOW - 86400_000), ev('b', 'q1', 1, NOW - 3600_000)]);
    assert.equal(serializeProgress(shuffled), serializeProgress(inOrder));
  });

  it('rejects a malformed event loudly instead of storing it', () => {
    assert.throws(() => applyReview(BASE, { ...ev('x', 'q', 3, NOW), rating: 7 as 1 }), /rating/);
    assert.throws(() => applyReview(BASE, ev('x', '__proto__', 3, NOW)), /reserved/);
  });

  it('quiz answers feed progress through their events', () => {
    const library = fixtureLibrary();
    let s = generateQuiz(library, fixtureContent(), { scope: { kind: 'all' }, mode: 'multiple-choice', length: 3, seed: 9, now: NOW }).session;
    let p = emptyProgress();
    while (!s.finished) {
      const step = answerChoice(s, s.items[s.index].correct!, NOW + s.index * 1000);
      p = applyReview(p, step.event!, DAY);
      s = nextItem(step.session);
    }
    assert.equal(p.log.length, 3);
    assert.ok(Object.values(p.cards).every(c => c.lastRating === 3));
  });
});

describe('progress: parse stored data', () => {
  it('starts fresh from nothing and round-trips its own output', () => {
    assert.deepEqual(parseProgress(undefined), { progress: emptyProgress() });
    assert.deepEqual(parseProgress('  '), { progress: emptyProgress() });
    const parsed = parseProgress(serializeProgress(BASE), DAY);
    assert.equal(parsed.problem, undefined);
    assert.deepEqual(parsed.progress, BASE);
  });

  it('re-derives stale cached card states from the log', () => {
    const doc = JSON.parse(serializeProgress(BASE));
    doc.cards['tx-atomic'].reps = 1; // cache does not match the two reviews in the log
    delete doc.cards['sig-what'];
    const parsed = parseProgress(JSON.stringify(doc), DAY);
    assert.equal(parsed.problem, undefined);
    assert.deepEqual(parsed.progress, BASE);
  });

  it('keeps corrupt text aside and recovers what it can from a truncated file', () => {
    const raw = fixture('truncated.json');
    const { progress, problem } = parseProgress(raw, DAY);
    assert.equal(problem?.kind, 'corrupt');
    assert.equal(problem?.raw, raw, 'the exact text is handed back for a backup');
    assert.match(problem!.message, /kept aside/);
    assert.match(problem!.message, /2 review\(s\) were recovered/);
    assert.deepEqual(progress.log.map(e => e.id), ['t1', 't2']);
  });

  it('reports garbage as corrupt and never throws', () => {
    for (const raw of ['{', 'null', '[]', '"text"', '\u0000\u0001binary', '{"schema":"one"}', '{"schema":1,"log":"nope"}', '{"cards":{}}']) {
      const r = parseProgress(raw);
      assert.equal(r.problem?.kind, 'corrupt', raw);
      assert.equal(r.problem?.raw, raw);
      assert.deepEqual(r.progress.log, []);
    }
  });

  it('keeps newer-version data aside and keeps using the reviews it understands', () => {
    const raw = fixture('future.json');
    const { progress, problem } = parseProgress(raw, DAY);
    assert.equal(problem?.kind, 'future-version');
    assert.equal(problem?.raw, raw);
    assert.match(problem!.message, /newer version of the extension \(schema 2\)/);
    assert.deepEqual(progress.log.map(e => e.id), ['f1', 'f2'], 'f3 has a mode this version does not know');
  });

  it('migrates an old version (schema 0) and reports it with the original text', () => {
    const raw = fixture('v0.json');
    const { progress, problem } = parseProgress(raw, DAY);
    assert.equal(problem?.kind, 'old-version');
    assert.equal(problem?.raw, raw);
    assert.match(problem!.message, /upgraded: 4 review\(s\) kept/);
    assert.match(problem!.message, /1 unreadable/);
    assert.equal(progress.schema, 1);
    assert.deepEqual(progress.log.map(e => [e.questionId, e.rating, e.mode]), [
      ['sig-what', 3, 'multiple-choice'], ['tx-atomic', 1, 'flashcards'], ['sig-what', 3, 'flashcards'], ['tx-atomic', 4, 'flashcards'],
    ]);
    assert.equal(progress.cards['sig-what'].reps, 2);
    // Migration is deterministic: two windows migrating the same data agree, and merging them adds nothing.
    const again = parseProgress(raw, DAY).progress;
    assert.deepEqual(again, progress);
    assert.equal(mergeProgress(progress, again, DAY).log.length, 4);
  });
});

describe('progress: concurrent windows', () => {
  const windowA = [ev('a1', 'sig-what', 3, NOW), ev('a2', 'qo-n1', 1, NOW + 5000), ev('a3', 'qo-n1', 3, NOW + 700_000)];
  const windowB = [ev('b4', 'tx-atomic', 4, NOW + 2000), ev('b5', 'sig-what', 1, NOW + 6000), ev('b6', 'cache-page', 2, NOW + 9000)];

  it('merge loses no event and is order-independent', () => {
    const a = apply(BASE, windowA);
    const b = apply(BASE, windowB);
    const ab = mergeProgress(a, b, DAY);
    const ba = mergeProgress(b, a, DAY);
    assert.equal(serializeProgress(ab), serializeProgress(ba));
    assert.deepEqual(ab.log.map(e => e.id).sort(), ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
    // Same as if one window had answered everything, in time order.
    assert.equal(serializeProgress(ab), serializeProgress(progressFromLog([...BASE.log, ...windowA, ...windowB], undefined, DAY)));
    // Idempotent and associative.
    assert.equal(serializeProgress(mergeProgress(ab, a, DAY)), serializeProgress(ab));
    const c = apply(BASE, [ev('c7', 'sig-bulk', 3, NOW + 1000)]);
    assert.equal(serializeProgress(mergeProgress(mergeProgress(a, b, DAY), c, DAY)), serializeProgress(mergeProgress(a, mergeProgress(b, c, DAY), DAY)));
  });

  it('randomised: any two overlapping histories merge to the fold of their union, in either order', () => {
    const rng = createRng(2024);
    const questions = ['q1', 'q2', 'q3', 'q4'];
    for (let round = 0; round < 150; round++) {
      const pool = Array.from({ length: 12 }, (_, k) => ev(`e${k}`, questions[rng.int(4)], (1 + rng.int(4)) as 1 | 2 | 3 | 4, NOW + rng.int(20) * 3_600_000));
      const sideA: ReviewEvent[] = [];
      const sideB: ReviewEvent[] = [];
      for (const e of pool) {
        const r = rng.int(3);
        if (r !== 1) sideA.push(e);
        if (r !== 0) sideB.push(e);
      }
      // Build each side in a random arrival order, as a window would.
      const a = apply(emptyProgress(), rng.shuffle(sideA));
      const b = apply(emptyProgress(), rng.shuffle(sideB));
      const expected = serializeProgress(progressFromLog([...sideA, ...sideB], undefined, DAY));
      assert.equal(serializeProgress(mergeProgress(a, b, DAY)), expected, `round ${round}`);
      assert.equal(serializeProgress(mergeProgress(b, a, DAY)), expected, `round ${round} reversed`);
    }
  });

  it('a hand-built document with an unsorted log still merges to the fold of the union', () => {
    const unsorted: Progress = { schema: 1, cards: {}, daily: {}, updatedAt: iso(0), log: [ev('z', 'q', 3, NOW + 1000), ev('y', 'q', 1, NOW)] };
    const m = mergeProgress(unsorted, BASE, DAY);
    assert.equal(serializeProgress(m), serializeProgress(progressFromLog([...unsorted.log, ...BASE.log], BASE.updatedAt, DAY)));
  });

  it('conflicting ids at different times resolve identically from both sides', () => {
    const a = apply(BASE, [ev('same', 'sig-what', 3, NOW), ev('a-only', 'qo-n1', 3, NOW + 1000)]);
    const b = apply(BASE, [ev('same', 'sig-what', 1, NOW + 60_000)]);
    const ab = mergeProgress(a, b, DAY);
    assert.equal(serializeProgress(ab), serializeProgress(mergeProgress(b, a, DAY)));
    assert.equal(ab.log.filter(e => e.id === 'same').length, 1);
    assert.equal(ab.log.length, 5);
  });

  it('a conflicting duplicate id resolves the same way from both sides', () => {
    const a = apply(BASE, [ev('dup', 'sig-what', 3, NOW)]);
    const b = apply(BASE, [ev('dup', 'sig-what', 1, NOW)]);
    assert.equal(serializeProgress(mergeProgress(a, b, DAY)), serializeProgress(mergeProgress(b, a, DAY)));
  });

  it('read-merge-write keeps both windows\' answers in a shared store', () => {
    let store: string | undefined = serializeProgress(BASE);
    let a = parseProgress(store, DAY).progress;
    let b = parseProgress(store, DAY).progress;
    // Interleaved: each window records an answer and immediately writes via prepareWrite.
    for (let i = 0; i < 3; i++) {
      a = applyReview(a, windowA[i], DAY);
      a = prepareWrite(store, a, DAY).progress;
      store = serializeProgress(a);
      b = applyReview(b, windowB[i], DAY);
      const w = prepareWrite(store, b, DAY);
      assert.ok(w.addedFromStore >= 1, 'B picks up what A wrote');
      b = w.progress;
      store = serializeProgress(b);
    }
    const final = parseProgress(store, DAY).progress;
    assert.equal(final.log.length, 9);
    assert.equal(serializeProgress(final), serializeProgress(progressFromLog([...BASE.log, ...windowA, ...windowB], undefined, DAY)));
  });

  it('hands back a damaged store for backup before it is written over', () => {
    const w = prepareWrite('{"schema":1,"log":[', BASE, DAY);
    assert.equal(w.problem?.kind, 'corrupt');
    assert.equal(w.problem?.raw, '{"schema":1,"log":[');
    assert.deepEqual(w.progress.log, BASE.log);
  });
});

describe('progress: export and import', () => {
  it('exports pretty JSON that imports back and merges without duplicates', () => {
    const text = exportProgress(BASE);
    assert.match(text, /\n {2}"schema": 1,/);
    const r = importProgress(emptyProgress(), text, DAY);
    assert.ok(r.ok);
    assert.equal(r.added, 3);
    assert.deepEqual(r.progress, BASE);
    const twice = importProgress(r.progress, text, DAY);
    assert.ok(twice.ok);
    assert.equal(twice.added, 0);
    const local = applyReview(emptyProgress(), ev('l1', 'qo-n1', 3, NOW), DAY);
    const merged = importProgress(local, text, DAY);
    assert.ok(merged.ok);
    assert.equal(merged.progress.log.length, 4);
  });

  it('imports an old-version export through migration', () => {
    const r = importProgress(emptyProgress(), fixture('v0.json'), DAY);
    assert.ok(r.ok);
    assert.equal(r.progress.log.length, 4);
    assert.match(r.warnings.join(' '), /1 unreadable/);
  });

  it('rejects hostile JSON with clear messages and never pollutes prototypes', () => {
    const r = importProgress(emptyProgress(), fixture('hostile.json'), DAY);
    assert.equal(r.ok, false);
    if (r.ok) return;
    const all = r.errors.join('\n');
    for (const expected of [
      /Unknown field "__proto__" at the top level/,
      /Unknown field "extra"/,
      /cards: question id "__proto__" "__proto__" is a reserved name/,
      /cards: question id "constructor"/,
      /log\[0\]: id must be a string, not 5/,
      /log\[1\]: questionId must be a string, not an array of 1/,
      /log\[1\]: rating 7 is not a rating/,
      /log\[1\]: at "not a date" is not an ISO date/,
      /log\[2\]: unknown field "admin"/,
      /log\[2\]: at "2025-02-30T10:00:00.000Z" is not a real date/,
      /log\[3\]: questionId "toString" is a reserved name/,
      /log\[3\]: rating 2.5 is not a rating/,
      /log\[3\]: at must be an ISO date string, not 1741000000000/,
      /log\[3\]: mode "exam" is not one of/,
      /daily: "yesterday" is not a date/,
      /"updatedAt" "soon" is not an ISO date/,
    ]) assert.match(all, expected);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
  });

  it('rejects a 10^6-element log without walking it', () => {
    const huge = { schema: 1, log: new Array(1_000_000).fill(0) };
    const t0 = Date.now();
    const r = validateImport(huge);
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(r.errors, [`"log" has 1000000 entries; at most ${LIMITS.maxEvents} are accepted.`]);
    assert.ok(Date.now() - t0 < 500);
    const hugeCards = { schema: 1, log: [], cards: Object.fromEntries(Array.from({ length: LIMITS.maxCards + 1 }, (_, i) => [`q${i}`, {}])) };
    const rc = validateImport(hugeCards);
    assert.ok(!rc.ok && /at most/.test(rc.errors[0]));
  });

  it('rejects NaN and impossible dates, wrong types and caps the error list', () => {
    const nanDate = validateImport({ schema: 1, log: [{ id: 'x', questionId: 'q', rating: 3, at: NaN, mode: 'flashcards' }] });
    assert.ok(!nanDate.ok && /at must be an ISO date string, not NaN/.test(nanDate.errors[0]));
    const invalidDate = validateImport({ schema: 1, log: [{ id: 'x', questionId: 'q', rating: 3, at: new Date(NaN), mode: 'flashcards' }] });
    assert.ok(!invalidDate.ok);
    for (const bad of [null, 1, 'x', [], { schema: 1 }, { schema: 1, log: {} }, { schema: 99, log: [] }, { schema: '1', log: [] }]) {
      const r = validateImport(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
    }
    const many = validateImport({ schema: 1, log: Array.from({ length: 500 }, () => ({ id: 1 })) });
    assert.ok(!many.ok);
    if (!many.ok) {
      assert.ok(many.errors.length <= LIMITS.maxErrors + 1);
      assert.match(many.errors[many.errors.length - 1], /more problem/);
    }
    assert.ok(!validateImport({ schema: 1, log: [ev('x', 'q', 3, Date.UTC(1990, 0, 1))] }).ok, 'dates before 2000 are refused');
  });

  it('does not trust imported card states: they are re-derived from the log', () => {
    const doc = JSON.parse(exportProgress(BASE));
    doc.cards['sig-what'].stability = 99999;
    doc.cards['sig-what'].due = '2199-01-01T00:00:00.000Z';
    const r = validateImport(doc, DAY);
    assert.ok(r.ok);
    if (r.ok) assert.deepEqual(r.progress.cards['sig-what'], BASE.cards['sig-what']);
  });

  it('never throws on randomly mangled documents', () => {
    const valid = JSON.parse(exportProgress(apply(BASE, [ev('m', 'qo-n1', 2, NOW)])));
    const junk: unknown[] = [null, -1, 1e308, '', 'x'.repeat(400), [], {}, [[[]]], { __proto__: null }, true, '2025-13-01T00:00:00.000Z'];
    let seed = 1;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const paths = (o: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]) : [];
    const all = paths(valid);
    for (let i = 0; i < 400; i++) {
      const doc = JSON.parse(JSON.stringify(valid));
      const p = all[rand(all.length)];
      let target = doc;
      for (const k of p.slice(0, -1)) target = target[k];
      target[p[p.length - 1]] = junk[rand(junk.length)];
      assert.doesNotThrow(() => validateImport(doc));
      assert.doesNotThrow(() => parseProgress(JSON.stringify(doc)));
    }
    const trap = new Proxy({ schema: 1, log: [] }, { ownKeys() { throw new Error('trap'); } });
    const r = validateImport(trap);
    assert.ok(!r.ok && /could not be read: trap/.test(r.errors[0]));
  });

  it('makeEvent builds a valid event with a unique id', () => {
    const a = makeEvent('sig-what', 4, 'mark-known', NOW);
    const b = makeEvent('sig-what', 4, 'mark-known', NOW);
    assert.notEqual(a.id, b.id);
    assert.equal(applyReview(emptyProgress(), a).log.length, 1);
  });
});
