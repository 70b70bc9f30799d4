// The questions a hover (and In this file, and the study plan) shows for a detected construct: the
// reviewed list of ruleQuestions.ts for the guides it covers, then, for questions of other guides (a
// user's own), the keyword ranking of keywordRank.ts. Deterministic; cached per library and rule (the
// hover path only looks the result up).
import type { Library } from '../library';
import type { Entry } from '../types';
import { answerBreadth, keywordRank, normalizeForMatch, ruleTerms, termWeights, type RankTerm, type RankText } from './keywordRank';
import { REVIEWED_GUIDES, RULE_QUESTIONS, type RuleQuestion } from './ruleQuestions';
import { RULES, type Rule } from './rules';

export { containsTerm, normalizeForMatch } from './keywordRank';

export interface RankedQuestion {
  id: string;
  question: string;
  /** One sentence from the answer (plain text, ≤ ~160 characters); the hint when there is no answer; else ''. */
  preview: string;
}

/** The most questions a hover shows. */
export const HOVER_QUESTIONS = 3;

interface LibraryTexts {
  all: RankText[];
  /** Canonical entries of guides the curated lists do not cover. */
  unreviewed: RankText[];
}

const TEXTS = new WeakMap<Library, LibraryTexts>();
const RANKED = new WeakMap<Library, Map<string, RankedQuestion[]>>();
const REVIEWED = new Set(REVIEWED_GUIDES);

/** The guide part of an entry id (`guide-slug#hash`). */
function guideOf(entry: Entry): string {
  const hash = entry.id.lastIndexOf('#');
  return hash < 0 ? entry.id : entry.id.slice(0, hash);
}

let ownTerms: RankTerm[][] | undefined;

/** An entry as the keyword ranking reads it; its breadth is counted only when a ranking needs it. */
function rankText(entry: Entry): RankText {
  const answer = normalizeForMatch(entry.answer || entry.hint || '');
  let breadth: number | undefined;
  return {
    entry,
    question: normalizeForMatch(entry.question),
    answer,
    get breadth() {
      return (breadth ??= answerBreadth(answer, (ownTerms ??= RULES.map(r => ruleTerms(r).filter(t => t.own)))));
    },
  };
}

function texts(library: Library): LibraryTexts {
  let t = TEXTS.get(library);
  if (!t) {
    const all = library.canonical().map(rankText);
    t = { all, unreviewed: all.filter(x => !REVIEWED.has(guideOf(x.entry))) };
    TEXTS.set(library, t);
  }
  return t;
}

function toRanked(entry: Entry): RankedQuestion {
  return { id: entry.id, question: entry.question, preview: entry.curatedPreview ?? answerPreview(entry) };
}

/**
 * The name of a construct as the code writes it, as `only` in ruleQuestions.ts names it: the first
 * identifier of the detected text, without its dotted prefix (`transaction.atomic` → `atomic`,
 * `{% cache 600 … %}` → `cache`, `'DEFAULT_PAGINATION_CLASS'` → `DEFAULT_PAGINATION_CLASS`).
 */
export function constructName(text: string): string {
  const m = /[A-Za-z_][\w.]*/.exec(text);
  return m ? m[0].split('.').filter(Boolean).pop() ?? '' : '';
}

/** The reviewed questions of a rule for a construct (all of them when no construct is given). */
function reviewed(rule: Rule, name: string | undefined): RuleQuestion[] {
  const decision = RULE_QUESTIONS[rule.id];
  if (!decision || !('questions' in decision)) return [];
  return decision.questions.filter(q => !q.only || name === undefined || q.only.includes(name));
}

/** The reviewed questions that the library holds (a repeat resolves to its canonical entry). */
function curated(library: Library, questions: readonly RuleQuestion[]): Entry[] {
  const out: Entry[] = [];
  for (const q of questions) {
    let entry = library.get(q.id);
    if (entry?.canonicalId) entry = library.get(entry.canonicalId);
    if (entry && !out.includes(entry)) out.push(entry);
  }
  return out;
}

function byKeywords(library: Library, rule: Rule, pool: RankText[]): Entry[] {
  if (pool.length === 0) return [];
  const terms = ruleTerms(rule);
  return keywordRank(pool, rule, terms, termWeights(texts(library).all, terms)).map(m => m.entry);
}

/**
 * The questions for a rule's construct, best first: the reviewed ones (ruleQuestions.ts) the library
 * holds, then the keyword-ranked questions of guides nobody reviewed. `construct`: the detected text,
 * so that questions about one name of a rule (`only`) show for that name alone; without it, all do.
 */
export function rankQuestions(library: Library, rule: Rule, limit = HOVER_QUESTIONS, construct?: string): RankedQuestion[] {
  let byRule = RANKED.get(library);
  if (!byRule) RANKED.set(library, (byRule = new Map()));
  const questions = reviewed(rule, construct === undefined ? undefined : constructName(construct));
  const key = `${rule.id}/${limit}/${questions.map(q => q.id).join(',')}`;
  const cached = byRule.get(key);
  if (cached) return cached;
  const chosen = curated(library, questions);
  if (chosen.length < limit) for (const e of byKeywords(library, rule, texts(library).unreviewed)) if (!chosen.includes(e)) chosen.push(e);
  const result = chosen.slice(0, limit).map(toRanked);
  byRule.set(key, result);
  return result;
}

/**
 * The keyword ranking alone over every question of the library, as if no guide had been reviewed: how
 * a user's own guides are ranked, measured on the bundled ones (test/unit/detect.relevance.test.ts).
 */
export function rankByKeywords(library: Library, rule: Rule, limit = HOVER_QUESTIONS): RankedQuestion[] {
  return byKeywords(library, rule, texts(library).all).slice(0, limit).map(toRanked);
}

/**
 * Ranks the questions of every rule now (plus a one-time pass over the library's text), so no hover
 * pays for a rule's first ranking. For idle time after activation.
 */
export function precomputeRankings(library: Library, rules: readonly Rule[]): void {
  for (const rule of rules) rankQuestions(library, rule);
}

const ABBREVIATIONS = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|incl|e\.g\.,)$/i;

/** Markdown to plain text for one block: links, emphasis, inline code and HTML removed. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The first sentence of a block of plain text. */
function firstSentence(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if ((c === '.' || c === '!' || c === '?') && (i + 1 === s.length || s[i + 1] === ' ')) {
      if (i < 20 || ABBREVIATIONS.test(s.slice(0, i))) continue;
      return s.slice(0, i + 1);
    }
  }
  return s;
}

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.lastIndexOf(' ', max - 1);
  return `${s.slice(0, cut > max / 2 ? cut : max - 1).replace(/[\s,;:.]+$/, '')}…`;
}

/** The start of a line of code (guides scraped from the web lose their fences). */
const UNFENCED_CODE = /^(?:assert|import|from|def|class|return|CMD|RUN|[\w.]+\s*(?:==|=(?!=)|\())/;

/** A one-sentence preview of an entry's answer (or hint), plain text, at most `max` characters. */
export function answerPreview(entry: Pick<Entry, 'answer' | 'hint'>, max = 160): string {
  const source = (entry.answer ?? '').trim() || (entry.hint ?? '').trim().replace(/^\((.*)\)$/s, '$1');
  if (!source) return '';
  const withoutCode = source.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, '\n\n');
  const blocks = withoutCode.split(/\n\s*\n/).map(b => b.trim()).filter(Boolean);
  // The text blocks in order, lists apart: prose is preferred, a list only when there is none.
  const text: { block: string; list: boolean }[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    if (lines.every(l => /^\s*\|/.test(l))) continue; // table
    if (/^#{1,6}\s/.test(block)) continue; // heading
    if (/^(\*\*|__)[^*_]+\1:?$/.test(block)) continue; // bold title line
    text.push({ block, list: lines.every(l => /^\s*(?:[-*+]|\d+[.)])\s/.test(l)) });
  }
  const candidates = [...text.filter(t => !t.list), ...text.filter(t => t.list)];
  for (const candidate of candidates) {
    const plain = stripInlineMarkdown(candidate.block);
    if (plain.length < 3) continue;
    let preview = firstSentence(plain);
    // A lead-in ("Django supports multiple caching levels:") is followed by the first thing it
    // introduces, unless that is a lead-in or title itself, a fragment, or code the guide left unfenced.
    if (preview.endsWith(':')) {
      const next = text[text.indexOf(candidate) + 1];
      const plainNext = next && stripInlineMarkdown(next.list ? next.block.split('\n')[0] : next.block);
      const first = plainNext && (next.list ? plainNext : firstSentence(plainNext));
      if (first && first.length >= 20 && !first.endsWith(':') && !UNFENCED_CODE.test(first)) preview = `${preview} ${first}`;
    }
    return truncate(preview, max);
  }
  return '';
}
