// Ranking a library's questions for a detected construct: by topic AND by the construct's own
// keywords, so `on_commit` prefers a question about on_commit over a generic transactions one.
// Deterministic; cached per library and rule (the hover path only looks the result up).
import type { Library } from '../library';
import type { Entry } from '../types';
import type { Rule } from './rules';

export interface RankedQuestion {
  id: string;
  question: string;
  /** One sentence from the answer (plain text, ≤ ~160 characters); the hint when there is no answer; else ''. */
  preview: string;
  score: number;
}

interface EntryText {
  entry: Entry;
  question: string;
  answer: string;
  keywords: string;
}

const TEXTS = new WeakMap<Library, EntryText[]>();
const RANKED = new WeakMap<Library, Map<string, RankedQuestion[]>>();

/** Lower case, `_`/`-` as spaces, whitespace collapsed: `on_commit` and "on commit" compare equal. */
export function normalizeForMatch(s: string): string {
  return s.toLowerCase().replace(/[_\-]+/g, ' ').replace(/\s+/g, ' ');
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

function texts(library: Library): EntryText[] {
  let list = TEXTS.get(library);
  if (!list) {
    list = library.canonical().map(entry => ({
      entry,
      question: normalizeForMatch(entry.question),
      answer: normalizeForMatch(entry.answer || entry.hint || ''),
      keywords: normalizeForMatch(entry.keywords.join(' | ')),
    }));
    TEXTS.set(library, list);
  }
  return list;
}

/** The 2–3 best canonical questions for a rule's construct, best first. */
export function rankQuestions(library: Library, rule: Rule, limit = 3): RankedQuestion[] {
  let byRule = RANKED.get(library);
  if (!byRule) RANKED.set(library, (byRule = new Map()));
  const key = `${rule.id}/${limit}`;
  const cached = byRule.get(key);
  if (cached) return cached;
  const keywords = rule.keywords.map(normalizeForMatch);
  const scored: { t: EntryText; score: number }[] = [];
  for (const t of texts(library)) {
    const topics = t.entry.topics;
    const topicScore = topics[0] === rule.topic ? 6 : topics.includes(rule.topic) ? 3 : 0;
    let keywordScore = 0;
    let namesConstruct = false;
    keywords.forEach((k, i) => {
      const weight = i === 0 ? 3 : i === 1 ? 2 : 1;
      if (containsTerm(t.question, k)) keywordScore += 5 * weight;
      else if (containsTerm(t.keywords, k)) keywordScore += 3 * weight;
      else if (containsTerm(t.answer, k)) {
        keywordScore += weight;
        return;
      } else return;
      if (i < 2) namesConstruct = true;
    });
    // Questions from other topics qualify only when they name the construct itself (its first two keywords).
    if (topicScore === 0 && !namesConstruct) continue;
    scored.push({ t, score: topicScore + keywordScore + (t.entry.hasAnswer ? 1 : 0) });
  }
  scored.sort((a, b) => b.score - a.score || a.t.entry.question.length - b.t.entry.question.length || (a.t.entry.id < b.t.entry.id ? -1 : 1));
  const result = scored.slice(0, limit).map(({ t, score }) => ({ id: t.entry.id, question: t.entry.question, preview: t.entry.curatedPreview ?? answerPreview(t.entry), score }));
  byRule.set(key, result);
  return result;
}

/**
 * Ranks the questions of every rule now (about a millisecond each, plus a one-time pass over the
 * library's text), so no hover pays for a rule's first ranking. For idle time after activation.
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
