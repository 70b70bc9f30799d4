// Hover relevance: the reviewed question lists (ruleQuestions.ts) checked against the bundled index and
// against the independent judgements of test/fixtures/relevance.json; the keyword ranking for users'
// own guides measured against the same judgements, with curation off; and the two merged.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { constructName, rankByKeywords, rankQuestions } from '../../src/core/detect/rank';
import { REVIEWED_GUIDES, RULE_QUESTIONS, type RuleQuestion } from '../../src/core/detect/ruleQuestions';
import { RULES, ruleById } from '../../src/core/detect/rules';
import { Library } from '../../src/core/library';
import type { TopicId } from '../../src/core/taxonomy';
import type { Entry } from '../../src/core/types';
import { contentIndex, FIXTURES } from './helpers';

interface Judgement {
  verdict: 'best' | 'acceptable';
  why: string;
}
interface Judged {
  questions: Record<string, Judgement>;
  none?: string;
}

const JUDGED = (JSON.parse(fs.readFileSync(path.join(FIXTURES, 'relevance.json'), 'utf8')) as { rules: Record<string, Judged> }).rules;
const index = contentIndex();
const library = Library.fromIndexes([index]);

/** The constructs a rule's reviewed list tells apart (`only` names), and a name none of them is: what each hover of the rule shows. */
function listsByName(questions: readonly RuleQuestion[]): Map<string, RuleQuestion[]> {
  const names = new Set(['(any other name)', ...questions.flatMap(q => q.only ?? [])]);
  return new Map([...names].map(name => [name, questions.filter(q => !q.only || q.only.includes(name))]));
}

/** Precision (share of shown questions judged acceptable or best) and first hits (first shown judged best). */
function measure(rank: (ruleId: string) => string[]) {
  let shown = 0;
  let relevant = 0;
  let answered = 0;
  let firstBest = 0;
  let silentWithBest = 0;
  for (const rule of RULES) {
    const ids = rank(rule.id);
    const judged = JUDGED[rule.id].questions;
    shown += ids.length;
    relevant += ids.filter(id => judged[id]).length;
    if (ids.length) {
      answered++;
      if (judged[ids[0]]?.verdict === 'best') firstBest++;
    } else if (Object.values(judged).some(j => j.verdict === 'best')) silentWithBest++;
  }
  return { shown, precision: relevant / shown, rulesShown: answered, firstHit: firstBest / answered, silentWithBest };
}

describe('relevance data: the reviewed hover lists and the judgements', () => {
  it('every rule has a reviewed decision and a judgement, and nothing else does', () => {
    const ids = RULES.map(r => r.id).sort();
    assert.deepEqual(Object.keys(RULE_QUESTIONS).sort(), ids);
    assert.deepEqual(Object.keys(JUDGED).sort(), ids);
  });

  it('reviewed lists name canonical questions of the reviewed guides, with their text and a one-line reason', () => {
    const byId = new Map(index.entries.map(e => [e.id, e]));
    for (const [ruleId, decision] of Object.entries(RULE_QUESTIONS)) {
      if ('none' in decision) {
        assert.ok(decision.none.length > 20 && !decision.none.includes('\n'), ruleId);
        continue;
      }
      assert.ok(decision.questions.length >= 1, ruleId);
      for (const [name, list] of listsByName(decision.questions)) assert.ok(list.length <= 3, `${ruleId} on ${name}: ${list.length} questions`);
      assert.equal(new Set(decision.questions.map(q => q.id)).size, decision.questions.length, `${ruleId}: a question twice`);
      for (const q of decision.questions) {
        const entry = byId.get(q.id);
        assert.ok(entry, `${ruleId}: ${q.id} is not in the bundled index`);
        assert.equal(entry.canonicalId, undefined, `${ruleId}: ${q.id} is folded into ${entry.canonicalId}`);
        assert.ok(REVIEWED_GUIDES.includes(q.id.slice(0, q.id.lastIndexOf('#'))), q.id);
        assert.equal(q.question, entry.question, `${ruleId}: ${q.id}`);
        assert.ok(q.why.length > 10 && q.why.length <= 140 && !q.why.includes('\n'), `${ruleId}: ${q.why}`);
        if (q.only) assert.ok(q.only.length > 0 && q.only.every(n => /^[A-Za-z_]\w*$/.test(n)), `${ruleId}: only ${q.only.join(', ')}`);
      }
    }
  });

  it('judgements name canonical questions of the bundled index, each with a verdict and a reason', () => {
    const byId = new Map(index.entries.map(e => [e.id, e]));
    for (const [ruleId, judged] of Object.entries(JUDGED)) {
      for (const [id, j] of Object.entries(judged.questions)) {
        assert.ok(byId.get(id) && !byId.get(id)!.canonicalId, `${ruleId}: ${id}`);
        assert.ok(j.verdict === 'best' || j.verdict === 'acceptable', `${ruleId}: ${id}`);
        assert.ok(j.why.length > 5, `${ruleId}: ${id}`);
      }
      const best = Object.values(judged.questions).some(j => j.verdict === 'best');
      assert.equal(!best, !!judged.none, `${ruleId}: a rule without a best question says why, and only then`);
    }
  });

  it('every reviewed hover list lies inside the judged questions and leads with a best one; "none" exactly where nothing is best', () => {
    for (const [ruleId, decision] of Object.entries(RULE_QUESTIONS)) {
      const judged = JUDGED[ruleId];
      if ('none' in decision) {
        assert.ok(judged.none, `${ruleId}: the judgements know a best question`);
        continue;
      }
      for (const q of decision.questions) assert.ok(judged.questions[q.id], `${ruleId}: ${q.question} is not judged relevant`);
      for (const [name, list] of listsByName(decision.questions)) {
        if (list.length) assert.equal(judged.questions[list[0].id].verdict, 'best', `${ruleId} on ${name}: leads with "${list[0].question}"`);
      }
    }
  });

  it('on the bundled guides a hover shows exactly the reviewed list for its construct (keyword ranking adds nothing there)', () => {
    for (const rule of RULES) {
      const decision = RULE_QUESTIONS[rule.id];
      if ('none' in decision) {
        assert.deepEqual(rankQuestions(library, rule, 3, 'anything'), [], rule.id);
        continue;
      }
      for (const [name, list] of listsByName(decision.questions)) {
        assert.deepEqual(rankQuestions(library, rule, 3, `x.${name}(`).map(q => q.id), list.map(q => q.id), `${rule.id} on ${name}`);
      }
    }
  });

  it('names a construct as the code writes it, without its dotted prefix', () => {
    const cases: [string, string][] = [
      ['transaction.atomic', 'atomic'], ['models.Index', 'Index'], ['get_object_or_404', 'get_object_or_404'],
      ['{% cache 600 sidebar %}', 'cache'], ["'DEFAULT_PAGINATION_CLASS'", 'DEFAULT_PAGINATION_CLASS'], ['|safe', 'safe'],
    ];
    for (const [text, name] of cases) assert.equal(constructName(text), name, text);
  });
});

describe('keyword ranking alone (curation off) on the bundled guides, against the judgements', () => {
  const figures = measure(ruleId => rankByKeywords(library, ruleById(ruleId)!).map(q => q.id));

  // The README quotes these figures: precision 0.912 (208 of 228 shown), first hit 0.917 (88 of 96 rules).
  it(`precision ${figures.precision.toFixed(3)} over ${figures.shown} questions shown stays at least 0.90`, () => {
    assert.ok(figures.precision >= 0.9, String(figures.precision));
  });

  it(`first shown is a best question for ${(figures.firstHit * 100).toFixed(1)}% of the ${figures.rulesShown} rules with questions, at least 91%`, () => {
    assert.ok(figures.firstHit >= 0.91, String(figures.firstHit));
  });

  it(`stays silent on few rules that have a best question (${figures.silentWithBest}), at most 2`, () => {
    assert.ok(figures.silentWithBest <= 2, String(figures.silentWithBest));
  });

  it('is silent on the constructs the guides have nothing on', () => {
    for (const id of ['cache-vary', 'generic-relations']) assert.deepEqual(rankByKeywords(library, ruleById(id)!), [], id);
  });
});

function entry(id: string, topics: TopicId[], question: string, answer = ''): Entry {
  return { id, question, answer, topics, keywords: [], hasAnswer: answer !== '', section: 'Notes', source: { file: 'notes.md', line: 1 } };
}

describe('a user\'s own guides next to the reviewed ones', () => {
  const own = [
    entry('notes#vary', ['caching'], 'Why does a cached page need vary_on_cookie?', 'The cache keeps one copy per cookie value, so one user never sees another user\'s page.'),
    entry('notes#m2m', ['signals'], 'How do you react to m2m_changed with action post_add?', 'Check the action argument; post_add fires after the rows are added.'),
    entry('notes#topic-only', ['signals'], 'What did you learn on your last project?', 'Mostly about teamwork and planning.'),
    entry('notes#weak', ['caching'], 'What is a header?', 'A name and a value sent with a request.'),
  ];
  const merged = new Library([...index.entries, ...own]);

  it('their questions on a construct follow the reviewed ones, never replacing them', () => {
    const m2m = rankQuestions(merged, ruleById('m2m-changed')!).map(q => q.id);
    const decision = RULE_QUESTIONS['m2m-changed'];
    const reviewed = 'questions' in decision ? decision.questions.map(q => q.id) : [];
    assert.ok(reviewed.length > 0);
    assert.deepEqual(m2m, [...reviewed, 'notes#m2m']);
  });

  it('fill a hover the reviewed guides leave empty', () => {
    assert.deepEqual(rankQuestions(merged, ruleById('cache-vary')!).map(q => q.id), ['notes#vary']);
  });

  it('never qualify by topic alone, and weak evidence shows nothing', () => {
    for (const rule of RULES) {
      const ids = rankQuestions(merged, rule, 10).map(q => q.id);
      assert.ok(!ids.includes('notes#topic-only') && !ids.includes('notes#weak'), rule.id);
    }
  });

  it('alone (bundled guides off) they are ranked by keywords', () => {
    const mine = new Library(own);
    assert.deepEqual(rankQuestions(mine, ruleById('m2m-changed')!).map(q => q.id), ['notes#m2m']);
    assert.deepEqual(rankQuestions(mine, ruleById('select-related')!), []);
  });
});
