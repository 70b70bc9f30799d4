// Ranking by keyword evidence, for questions nobody reviewed (a user's own guides): which of them a
// candidate would answer about a construct, judged from the question's words and its answer's. The
// construct's own names (`select_for_update`, `post_save`, `{% cache`) weigh most, the rule's other
// keywords less, and a term that many questions mention (`signal`, `cache`) less than a rare one. A
// question never qualifies by topic alone: sharing the rule's topic only strengthens evidence it has,
// and weak evidence shows nothing rather than filler.
import type { Entry } from '../types';
import type { Rule } from './rules';

/** One term the ranking looks for, normalized as normalizeForMatch does. */
export interface RankTerm {
  text: string;
  /** One of the construct's own names, rather than a word about its subject. */
  own: boolean;
}

/** The text of an entry as the ranking reads it (normalized). */
export interface RankText {
  entry: Entry;
  question: string;
  answer: string;
  /** How many rules' own names the answer mentions (see answerBreadth). */
  breadth: number;
}

export interface KeywordMatch {
  entry: Entry;
  score: number;
}

/**
 * Points for a term, times its weight (termWeights: about 2–4 for the terms that matter): an own name in
 * the question, an own name in the answer, another keyword in the question, in the answer.
 */
const OWN_IN_QUESTION = 6;
const OWN_IN_ANSWER = 3;
const KEYWORD_IN_QUESTION = 2;
const KEYWORD_IN_ANSWER = 0.5;
/** Sharing the rule's topic multiplies the evidence; it never creates any. */
const TOPIC_FACTOR = 1.5;
/**
 * The least evidence that shows a question: one own name in the question, an own name in a short
 * on-topic answer, or several subject words; one common subject word is never enough. Set on the bundled
 * guides (the README gives precision and first hits at this level; a test guards them).
 */
export const KEYWORD_THRESHOLD = 10;
/**
 * Answers longer than this (characters, about a long paragraph) count each mention for less, by the
 * square root of the ratio: a term in a two-page system design or a cheat sheet says less about what
 * the question asks than the same term in a short answer.
 */
const ANSWER_LENGTH = 600;
/**
 * Answers that name more constructs than this (a cheat sheet, a prep plan, a system design) count each
 * mention for less, by the square root of the ratio: naming everything says little about any one.
 */
const ANSWER_BREADTH = 4;

/**
 * Lower case, `_`/`-` as spaces, whitespace collapsed: `on_commit` and "on commit" compare equal. Runs
 * over every guide answer before the first hover's ranking, so the collapsing regex leaves single
 * spaces alone (a run of two or more, or one other whitespace character, becomes a space).
 */
export function normalizeForMatch(s: string): string {
  return s.toLowerCase().replace(/[_\-]+/g, ' ').replace(/\s\s+|[^\S ]/g, ' ');
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Whether `term` (normalized) occurs in `hay` (normalized) as a whole word (a trailing `s` allowed),
 * or as a word prefix when the term ends in `*` (`throttl*` finds "throttling"). Terms starting or
 * ending in punctuation (`f(`, `.connect`) match there without a boundary.
 */
export function containsTerm(hay: string, term: string): boolean {
  const prefix = term.endsWith('*');
  if (prefix) term = term.slice(0, -1);
  if (!term) return false;
  const first = term.charCodeAt(0);
  const last = term.charCodeAt(term.length - 1);
  for (let i = hay.indexOf(term); i >= 0; i = hay.indexOf(term, i + 1)) {
    if (isAlnum(first) && i > 0 && isAlnum(hay.charCodeAt(i - 1))) continue;
    const after = i + term.length;
    if (!prefix && isAlnum(last) && after < hay.length && isAlnum(hay.charCodeAt(after))) {
      const plural = hay.charCodeAt(after) === 0x73 && (after + 1 >= hay.length || !isAlnum(hay.charCodeAt(after + 1)));
      if (!plural) continue;
    }
    return true;
  }
  return false;
}

/** A name the code writes that reads as the construct itself, not as an English word (`select_related`, `ModelViewSet`). */
function distinctive(name: string): boolean {
  return name.length >= 5 && (name.includes('_') || /[a-z][A-Z]/.test(name));
}

/**
 * The terms for a rule: its first keyword (the most specific, by the rule table's convention) and the
 * distinctive names it detects (the last part of each qualified name, its methods, settings, keys,
 * attributes, arguments, definitions, template tags and filters) as own names; its other keywords as
 * subject words.
 */
export function ruleTerms(rule: Rule): RankTerm[] {
  const own = new Set<string>(rule.keywords.slice(0, 1).map(normalizeForMatch));
  const names = [
    ...(rule.names ?? []).map(n => n.split('.').pop()!.replace(/\(\)$/, '')),
    ...(rule.methods ?? []).map(m => (typeof m === 'string' ? m : m[0])),
    ...(rule.settings ?? []).map(s => s.replace(/\*$/, '')),
    ...(rule.stringKeys ?? []), ...(rule.attributes ?? []), ...(rule.kwargs ?? []), ...(rule.defs ?? []),
  ];
  for (const name of names) if (distinctive(name)) own.add(normalizeForMatch(name));
  for (const tag of rule.tags ?? []) own.add(`{% ${tag}`);
  for (const filter of rule.filters ?? []) own.add(`|${filter}`);
  const terms: RankTerm[] = [...own].map(text => ({ text, own: true }));
  for (const k of rule.keywords.slice(1).map(normalizeForMatch)) if (!own.has(k)) terms.push({ text: k, own: false });
  return terms;
}

/** How many of the rules' own names an answer mentions (`ownTerms`: the own terms of each rule). */
export function answerBreadth(answer: string, ownTerms: readonly (readonly RankTerm[])[]): number {
  let n = 0;
  for (const terms of ownTerms) if (terms.some(t => containsTerm(answer, t.text))) n++;
  return n;
}

/**
 * Rarity is judged against a library of at least this many questions, so that a small library of one's
 * own notes (where every term is in a few questions) weighs terms as a full one would.
 */
const RARITY_BASE = 200;

/**
 * How much a term tells: its rarity among the library's questions (question and answer), the log of
 * the inverse share of questions mentioning it: about 0.4 for a term in two questions of three, 2.3 for
 * one in a tenth, 4 for one in a fiftieth.
 */
export function termWeights(texts: readonly RankText[], terms: readonly RankTerm[]): number[] {
  const n = Math.max(texts.length, RARITY_BASE);
  return terms.map(t => {
    let df = 0;
    for (const x of texts) if (containsTerm(x.question, t.text) || containsTerm(x.answer, t.text)) df++;
    return Math.log((n + 1) / (df + 1));
  });
}

/**
 * The questions of `texts` with enough evidence for `rule`, best first (ties: the shorter question,
 * then the id). `weights` are termWeights over the whole library, in the order of ruleTerms(rule).
 */
export function keywordRank(texts: readonly RankText[], rule: Rule, terms: readonly RankTerm[], weights: readonly number[]): KeywordMatch[] {
  const matches: KeywordMatch[] = [];
  for (const t of texts) {
    let inQuestions = 0;
    let inAnswer = 0;
    terms.forEach((term, i) => {
      if (containsTerm(t.question, term.text)) inQuestions += (term.own ? OWN_IN_QUESTION : KEYWORD_IN_QUESTION) * weights[i];
      else if (containsTerm(t.answer, term.text)) inAnswer += (term.own ? OWN_IN_ANSWER : KEYWORD_IN_ANSWER) * weights[i];
    });
    if (inQuestions === 0 && inAnswer === 0) continue;
    // Only now the answer's length and breadth (the latter is a pass over every rule's names).
    const answerScale = inAnswer === 0 ? 1 : Math.min(1, Math.sqrt(ANSWER_LENGTH / Math.max(1, t.answer.length))) * Math.min(1, Math.sqrt(ANSWER_BREADTH / Math.max(1, t.breadth)));
    const evidence = inQuestions + inAnswer * answerScale;
    const score = t.entry.topics.includes(rule.topic) ? evidence * TOPIC_FACTOR : evidence;
    if (score >= KEYWORD_THRESHOLD) matches.push({ entry: t.entry, score });
  }
  return matches.sort((a, b) => b.score - a.score || a.entry.question.length - b.entry.question.length || (a.entry.id < b.entry.id ? -1 : 1));
}
