import assert from 'node:assert/strict';
import {
  applyReview, emptyProgress, extendProgress, type HistoryRef, mergeProgress, type Progress, progressFromLog, readStored, recentEvents,
  serializeHead, serializeHistory, serializeProgress, serializeSyncHead, STORE_SCHEMA, type StoredProgress,
} from '../../src/core/progress';
import { createRng } from '../../src/core/quiz';
import type { Rating, ReviewEvent } from '../../src/core/schedule';

const DAY = { utcOffsetMinutes: 0 };
const START = Date.UTC(2024, 0, 1, 8);
const RATINGS: Rating[] = [1, 2, 3, 3, 3, 4];

/** `count` reviews over `questions` questions, one every 37 minutes, seeded. */
function history(count: number, questions = 300, seed = 7): ReviewEvent[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `${(START + i * 2_220_000).toString(36)}-${rng.int(36 ** 6).toString(36)}`,
    questionId: `q-${rng.int(questions)}`,
    rating: RATINGS[rng.int(RATINGS.length)],
    at: new Date(START + i * 2_220_000).toISOString(),
    mode: i % 3 ? 'flashcards' : 'multiple-choice',
  }));
}

/** A store as a window leaves it: a history file of the first `folded` reviews and a head with the rest. */
function store(events: ReviewEvent[], folded: number): { base: Progress; ref: HistoryRef; historyText: string; headText: string; recent: ReviewEvent[] } {
  const base = progressFromLog(events.slice(0, folded), undefined, DAY);
  const { ref, text } = serializeHistory(base);
  const recent = events.slice(folded);
  return { base, ref, historyText: text, headText: serializeHead(ref, recent, recent.length ? recent[recent.length - 1].at : base.updatedAt), recent };
}

const same = (a: ReviewEvent, b: ReviewEvent) => a.id === b.id && a.questionId === b.questionId && a.rating === b.rating && a.at === b.at && a.mode === b.mode;
const sameLog = (a: readonly ReviewEvent[], b: readonly ReviewEvent[]) => a.length === b.length && a.every((e, i) => same(e, b[i]));

describe('progress store, schema 2: heads and history files', () => {
  const events = history(120);
  const s = store(events, 100);

  it('a head and its history read back to the same progress as the whole log', () => {
    const h = readStored(s.historyText, DAY);
    assert.equal(h.kind, 'history');
    if (h.kind !== 'history') return;
    assert.deepEqual(h.ref, s.ref);
    assert.match(h.ref.file, /^h-[0-9a-f]{16}\.json$/);
    const head = readStored(s.headText, DAY);
    assert.equal(head.kind, 'head');
    if (head.kind !== 'head') return;
    assert.deepEqual(head.base, s.ref);
    assert.ok(sameLog(head.events, s.recent));
    const whole = extendProgress(h.progress, head.events, head.updatedAt, DAY);
    assert.equal(serializeProgress(whole), serializeProgress(progressFromLog(events, undefined, DAY)));
  });

  it('a head review older than its card\'s last one (clock skew) re-folds that card, as recording it would', () => {
    const late = { ...events[10], id: 'late-one', rating: 1 as Rating };
    const extended = extendProgress(s.base, [...s.recent, late], s.recent[s.recent.length - 1].at, DAY);
    assert.equal(serializeProgress(extended), serializeProgress(progressFromLog([...events, late], undefined, DAY)));
    assert.equal(extendProgress(s.base, s.base.log.slice(0, 5), s.base.updatedAt, DAY), s.base, 'reviews already in the history change nothing');
  });

  it('writes a count and a hash of the content; the same reviews give the same history file', () => {
    const doc = JSON.parse(s.headText);
    assert.equal(doc.schema, STORE_SCHEMA);
    assert.equal(doc.check.count, 20);
    assert.match(doc.check.hash, /^[0-9a-f]{16}$/);
    assert.equal(serializeHistory(progressFromLog([...events.slice(0, 100)].reverse(), undefined, DAY)).ref.file, s.ref.file);
    assert.notEqual(serializeHistory(progressFromLog(events.slice(0, 99), undefined, DAY)).ref.file, s.ref.file);
  });

  it('the layout of the text does not matter, only its content', () => {
    const pretty = JSON.stringify(JSON.parse(s.headText), null, 2);
    assert.equal(readStored(pretty, DAY).kind, 'head');
  });

  it('a changed character inside an id is caught, with the text kept for a backup and the reviews recovered', () => {
    const target = s.recent[5].id;
    const damaged = s.headText.replace(target, `${target.slice(0, -1)}${target.endsWith('x') ? 'y' : 'x'}`);
    const r = readStored(damaged, DAY);
    assert.equal(r.kind, 'document');
    if (r.kind !== 'document') return;
    assert.equal(r.parsed.problem?.kind, 'corrupt');
    assert.match(r.parsed.problem!.message, /does not match its check/);
    assert.equal(r.parsed.problem!.raw, damaged);
    assert.equal(r.parsed.progress.log.length, 20);
  });

  it('whole reviews cut out are caught by the count', () => {
    const one = JSON.stringify(s.recent[3]);
    const damaged = s.headText.replace(`${one},`, '');
    assert.notEqual(damaged, s.headText);
    const r = readStored(damaged, DAY);
    assert.equal(r.kind, 'document');
    if (r.kind === 'document') assert.match(r.parsed.problem!.message, /should hold 20 review\(s\) and holds 19/);
  });

  it('a history file whose cards were changed is caught', () => {
    const doc = JSON.parse(s.historyText);
    const q = Object.keys(doc.cards)[0];
    doc.cards[q].stability += 1;
    const r = readStored(JSON.stringify(doc), DAY);
    assert.equal(r.kind, 'document');
    if (r.kind === 'document') assert.equal(r.parsed.problem?.kind, 'corrupt');
  });

  it('unknown fields, a bad kind and a bad history reference are refused', () => {
    const doc = JSON.parse(s.headText);
    for (const bad of [{ ...doc, extra: 1 }, { ...doc, kind: 'other' }, { ...doc, base: { ...doc.base, file: '../x.json' } }]) {
      const r = readStored(JSON.stringify(bad), DAY);
      assert.equal(r.kind, 'document');
      if (r.kind === 'document') assert.equal(r.parsed.problem?.kind, 'corrupt');
    }
    // A consistent check does not make hand-made values acceptable: the reviews and dates are validated too.
    for (const text of [serializeHead(null, [], 'yesterday'), serializeHead(null, [{ ...events[0], rating: 7 as Rating }], events[0].at)]) {
      const r = readStored(text, DAY);
      assert.equal(r.kind === 'document' && r.parsed.problem?.kind, 'corrupt', text.slice(0, 80));
    }
  });

  it('schema 1 documents (the previous format) are read as they are; schema 0 is upgraded and kept aside; newer ones are kept aside', () => {
    const v1 = readStored(serializeProgress(progressFromLog(events, undefined, DAY)), DAY);
    assert.equal(v1.kind, 'document');
    if (v1.kind === 'document') {
      assert.equal(v1.parsed.problem, undefined);
      assert.equal(v1.parsed.progress.log.length, 120);
    }
    const v0 = readStored(JSON.stringify({ reviews: [{ questionId: 'q-1', rating: 'good', at: START }] }), DAY);
    assert.equal(v0.kind === 'document' && v0.parsed.problem?.kind, 'old-version');
    const v3 = readStored(JSON.stringify({ schema: 3, log: [] }), DAY);
    assert.equal(v3.kind === 'document' && v3.parsed.problem?.kind, 'future-version');
  });

  it('recentEvents: what a head holds over its history', () => {
    const whole = progressFromLog(events, undefined, DAY);
    const base = progressFromLog(events.slice(0, 100), undefined, DAY).log;
    assert.ok(sameLog(recentEvents(whole, base)!, events.slice(100)));
    assert.equal(recentEvents(progressFromLog(events.slice(50), undefined, DAY), base), undefined, 'a base the progress does not contain');
  });

  it('the Settings Sync mirror holds the latest reviews that fit its budget, and reads back as a head', () => {
    const big = progressFromLog(history(2_000), undefined, DAY);
    const text = serializeSyncHead(big);
    assert.ok(text.length <= 32 * 1024, `${text.length} characters`);
    const r = readStored(text, DAY);
    assert.equal(r.kind, 'head');
    if (r.kind !== 'head') return;
    assert.equal(r.base, null);
    assert.ok(r.events.length > 100);
    assert.ok(sameLog(r.events, big.log.slice(-r.events.length)));
  });
});

describe('progress store, schema 2: two windows', () => {
  it('two windows extending the same history, merged either way, keep every review of both', () => {
    const events = history(700);
    const s = store(events, 600);
    const base = (readStored(s.historyText, DAY) as Extract<StoredProgress, { kind: 'history' }>).progress;
    const mine = [...events.slice(600, 650)];
    const theirs = [...events.slice(650)];
    let w1 = extendProgress(base, [], base.updatedAt, DAY);
    let w2 = base;
    for (const e of mine) w1 = applyReview(w1, e, DAY);
    for (const e of theirs) w2 = applyReview(w2, e, DAY);
    const head1 = readStored(serializeHead(s.ref, recentEvents(w1, base.log)!, w1.updatedAt), DAY);
    const head2 = readStored(serializeHead(s.ref, recentEvents(w2, base.log)!, w2.updatedAt), DAY);
    assert.ok(head1.kind === 'head' && head2.kind === 'head');
    if (head1.kind !== 'head' || head2.kind !== 'head') return;
    const a = extendProgress(base, head1.events, head1.updatedAt, DAY);
    const b = extendProgress(base, head2.events, head2.updatedAt, DAY);
    const expected = serializeProgress(progressFromLog(events, undefined, DAY));
    assert.equal(serializeProgress(mergeProgress(a, b, DAY)), expected);
    assert.equal(serializeProgress(mergeProgress(b, a, DAY)), expected);
  });

  it('a window whose history is newer than another window\'s still merges to the union', () => {
    const events = history(400);
    const older = store(events, 200);
    const newer = store(events.slice(0, 350), 300);
    const read = (t: string) => (readStored(t, DAY) as Extract<StoredProgress, { kind: 'history' }>).progress;
    const a = extendProgress(read(older.historyText), older.recent, older.recent[older.recent.length - 1].at, DAY);
    const b = extendProgress(read(newer.historyText), newer.recent, newer.recent[newer.recent.length - 1].at, DAY);
    assert.equal(serializeProgress(mergeProgress(b, a, DAY)), serializeProgress(progressFromLog(events, undefined, DAY)));
    assert.equal(emptyProgress().log.length, 0);
  });
});

// Fault injection: random damage to a stored progress of 2,000 reviews (a history file of 1,500 and a
// head of 500, as a window leaves them). Every damage must be reported, or be provably harmless:
// what is read is exactly what was written.
describe('progress store, schema 2: fault injection (2,000 damages)', () => {
  const events = history(2_000, 400, 11);
  const s = store(events, 1_500);
  const original = { history: s.historyText, head: s.headText };
  const historyProgress = (readStored(s.historyText, DAY) as Extract<StoredProgress, { kind: 'history' }>).progress;
  const rng = createRng(20261205);
  const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

  type Damage = (text: string, log: readonly ReviewEvent[]) => string;
  const pickEvent = (log: readonly ReviewEvent[]) => log[rng.int(log.length)];
  const replaceAt = (text: string, i: number, c: string) => text.slice(0, i) + c + text.slice(i + 1);
  const damages: Record<string, Damage> = {
    'a character inside an id': (text, log) => {
      const e = pickEvent(log);
      const field = rng.int(2) ? `"id":"${e.id}"` : `"questionId":"${e.questionId}"`;
      const at = text.indexOf(field);
      const start = at + field.indexOf(':"') + 2;
      const i = start + rng.int(field.length - (start - at) - 1);
      let c = ALNUM[rng.int(ALNUM.length)];
      if (c === text[i]) c = c === 'a' ? 'b' : 'a';
      return replaceAt(text, i, c);
    },
    'a digit inside a number or a date': text => {
      for (;;) {
        const i = rng.int(text.length);
        if (text[i] >= '0' && text[i] <= '9') return replaceAt(text, i, String((Number(text[i]) + 1 + rng.int(9)) % 10));
      }
    },
    'a whole review cut out': (text, log) => {
      const one = JSON.stringify(pickEvent(log));
      const at = text.indexOf(one);
      return text[at + one.length] === ',' ? text.slice(0, at) + text.slice(at + one.length + 1) : text.slice(0, at - 1) + text.slice(at + one.length);
    },
    'several reviews in a row cut out': (text, log) => {
      const from = rng.int(log.length - 5);
      const first = JSON.stringify(log[from]);
      const last = JSON.stringify(log[from + 1 + rng.int(4)]);
      const a = text.indexOf(first);
      const b = text.indexOf(last, a) + last.length;
      return text.slice(0, a) + text.slice(b + 1);
    },
    'a review duplicated': (text, log) => {
      const one = JSON.stringify(pickEvent(log));
      const at = text.indexOf(one) + one.length;
      return `${text.slice(0, at)},${one}${text.slice(at)}`;
    },
    'the file cut short': text => text.slice(0, rng.int(text.length)),
    'any one character changed': text => {
      const i = rng.int(text.length);
      const c = String.fromCharCode(32 + rng.int(95));
      return replaceAt(text, i, c === text[i] ? '~' : c);
    },
    'two reviews swapped': (text, log) => {
      const i = rng.int(log.length - 1);
      const a = JSON.stringify(log[i]);
      const b = JSON.stringify(log[i + 1]);
      return text.replace(`${a},${b}`, `${b},${a}`);
    },
  };

  it('every damage is reported or provably harmless', function () {
    // About 3–4 s of CPU time (2,000 reads of a 1,500- or 500-review file); the timeout only allows for a loaded machine.
    this.timeout(120_000);
    const names = Object.keys(damages);
    const figures: Record<string, { detected: number; harmless: number; silent: number }> = {};
    for (const n of names) figures[n] = { detected: 0, harmless: 0, silent: 0 };
    for (let run = 0; run < 2_000; run++) {
      const name = names[run % names.length];
      const inHead = rng.int(2) === 0;
      const text = inHead ? original.head : original.history;
      const damaged = damages[name](text, inHead ? s.recent : events.slice(0, 1_500));
      const r = readStored(damaged, DAY);
      let outcome: 'detected' | 'harmless' | 'silent';
      if (r.kind === 'document') outcome = r.parsed.problem ? 'detected' : damaged === text ? 'harmless' : 'silent';
      else if (r.kind === 'head') outcome = inHead && sameLog(r.events, s.recent) && JSON.stringify(r.base) === JSON.stringify(s.ref) && r.updatedAt === JSON.parse(text).updatedAt ? 'harmless' : 'silent';
      else outcome = !inHead && r.ref.hash === s.ref.hash && serializeProgress(r.progress) === serializeProgress(historyProgress) ? 'harmless' : 'silent';
      figures[name][outcome]++;
      assert.notEqual(outcome, 'silent', `${name} (${inHead ? 'head' : 'history'}, run ${run}) was accepted and changed what is read`);
    }
    const total = Object.values(figures).reduce((n, f) => n + f.detected + f.harmless, 0);
    assert.equal(total, 2_000);
    // Damage that changes the content is what matters: almost all of the 2,000 do, and all of those were caught.
    assert.ok(Object.values(figures).reduce((n, f) => n + f.detected, 0) > 1_900);
    if (process.env.FAULT_REPORT) console.log(JSON.stringify(figures, null, 1));
  });
});
