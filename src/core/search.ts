// Ranked search over the library: an inverted index of stemmed words (questions and their variants,
// keywords, topics, answers; BM25 weighting, prefix match on the word being typed). A query word the
// index does not know is replaced by known words within a small edit distance (typos). fuse.js was
// measured for that typo step and dropped: 13–19 ms per lookup over the bundled vocabulary, against
// well under 1 ms for a length-bucketed bounded edit distance (see README, bench).
import { editDistanceWithin } from './editDistance';
import type { Entry } from './types';
import type { Library } from './library';
import { topicLabel } from './taxonomy';
import { contentTokens } from './parse/text';

export interface SearchResult {
  entry: Entry;
  score: number;
}

interface Posting {
  doc: number;
  weight: number;
}

/** Field weights: what the question asks counts most. */
const FIELDS = { question: 4, keywords: 3, topics: 1.5, answer: 1 } as const;
const K1 = 1.2;
const B = 0.6;

/** Words of a field, with dotted names also split (`transaction.on_commit` → `on_commit`). */
function indexTokens(text: string): string[] {
  const out: string[] = [];
  for (const t of contentTokens(text)) {
    out.push(t);
    if (t.includes('.')) for (const part of t.split('.')) if (part.length > 1) out.push(part);
  }
  return out;
}

export class Searcher {
  private readonly docs: Entry[];
  private readonly postings = new Map<string, Posting[]>();
  private readonly sortedTerms: string[];
  private byLength: string[][] | undefined;

  constructor(library: Library) {
    this.docs = library.canonical();
    const perDoc = this.docs.map(entry => {
      const variants = library.variants(entry).map(v => v.question).join(' ');
      return {
        question: indexTokens(`${entry.question} ${variants}`),
        keywords: indexTokens(entry.keywords.join(' ')),
        topics: indexTokens(entry.topics.map(t => `${t} ${topicLabel(t)}`).join(' ')),
        answer: indexTokens(`${entry.answer} ${entry.hint ?? ''}`),
      };
    });
    const avgLen = Object.fromEntries(
      (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).map(f => [f, perDoc.reduce((n, d) => n + d[f].length, 0) / Math.max(1, perDoc.length) || 1]),
    ) as Record<keyof typeof FIELDS, number>;
    perDoc.forEach((fields, doc) => {
      const weights = new Map<string, number>();
      for (const field of Object.keys(FIELDS) as (keyof typeof FIELDS)[]) {
        const counts = new Map<string, number>();
        for (const t of fields[field]) counts.set(t, (counts.get(t) ?? 0) + 1);
        const norm = 1 - B + (B * fields[field].length) / avgLen[field];
        for (const [t, tf] of counts) weights.set(t, (weights.get(t) ?? 0) + (FIELDS[field] * tf * (K1 + 1)) / (tf + K1 * norm));
      }
      for (const [t, weight] of weights) {
        const list = this.postings.get(t) ?? [];
        list.push({ doc, weight });
        this.postings.set(t, list);
      }
    });
    this.sortedTerms = [...this.postings.keys()].sort();
  }

  /** Known words close to a misspelt one, with how close (0–1). Built on first use. */
  private corrections(term: string): { term: string; closeness: number }[] {
    if (term.length < 4) return [];
    if (!this.byLength) {
      this.byLength = [];
      for (const t of this.sortedTerms) (this.byLength[t.length] ??= []).push(t);
    }
    const max = term.length >= 8 ? 2 : 1;
    const found: { term: string; closeness: number }[] = [];
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const candidate of this.byLength[len] ?? []) {
        const d = editDistanceWithin(term, candidate, max);
        if (d <= max) found.push({ term: candidate, closeness: 1 - d / Math.max(term.length, candidate.length) });
      }
    }
    return found.sort((a, b) => b.closeness - a.closeness).slice(0, 3);
  }

  private idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
  }

  /** Terms starting with `prefix` (the word still being typed), by binary search over sorted terms. */
  private completions(prefix: string, limit = 30): string[] {
    let lo = 0;
    let hi = this.sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedTerms[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sortedTerms.length && out.length < limit && this.sortedTerms[i].startsWith(prefix); i++) out.push(this.sortedTerms[i]);
    return out;
  }

  search(query: string, limit = 20): SearchResult[] {
    const terms = indexTokens(query);
    if (terms.length === 0) return [];
    const scores = new Map<number, number>();
    const matched = new Map<number, number>();
    const typing = !/\s$/.test(query);
    terms.forEach((term, k) => {
      const last = typing && k === terms.length - 1;
      const variants: { term: string; factor: number }[] = this.postings.has(term) ? [{ term, factor: 1 }] : [];
      if (last && term.length >= 2) for (const c of this.completions(term)) if (c !== term) variants.push({ term: c, factor: 0.7 });
      if (variants.length === 0) for (const c of this.corrections(term)) variants.push({ term: c.term, factor: 0.6 * c.closeness });
      const seen = new Set<number>();
      for (const { term: v, factor } of variants) {
        const idf = this.idf(v) * factor;
        for (const p of this.postings.get(v) ?? []) {
          scores.set(p.doc, (scores.get(p.doc) ?? 0) + idf * p.weight);
          if (!seen.has(p.doc)) { seen.add(p.doc); matched.set(p.doc, (matched.get(p.doc) ?? 0) + 1); }
        }
      }
    });
    // Entries matching more of the query's words come first; BM25 orders within that.
    const ranked = [...scores].map(([doc, s]) => ({ doc, score: s * (0.5 + (matched.get(doc)! / terms.length) ** 2) }));
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return ranked.slice(0, limit).map(r => ({ entry: this.docs[r.doc], score: r.score }));
  }
}
