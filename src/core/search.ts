// Ranked search over the library: an inverted index of stemmed words (questions and their variants,
// keywords, topics, answers; BM25 weighting, prefix match on the word being typed) with fuse.js as the
// typo-tolerant fallback over questions and keywords when exact words find little.
import Fuse from 'fuse.js';
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
  private readonly fuse: Fuse<{ i: number; question: string; keywords: string }>;

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
    this.fuse = new Fuse(
      this.docs.map((e, i) => ({ i, question: e.question, keywords: e.keywords.join(' ') })),
      { keys: [{ name: 'question', weight: 2 }, { name: 'keywords', weight: 1 }], includeScore: true, ignoreLocation: true, threshold: 0.35, minMatchCharLength: 2 },
    );
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
      const variants = this.postings.has(term) ? [term] : [];
      if (last && term.length >= 2) for (const c of this.completions(term)) if (c !== term) variants.push(c);
      const seen = new Set<number>();
      for (const v of variants) {
        const idf = this.idf(v) * (v === term ? 1 : 0.7);
        for (const p of this.postings.get(v) ?? []) {
          scores.set(p.doc, (scores.get(p.doc) ?? 0) + idf * p.weight);
          if (!seen.has(p.doc)) { seen.add(p.doc); matched.set(p.doc, (matched.get(p.doc) ?? 0) + 1); }
        }
      }
    });
    // Entries matching more of the query's words come first; BM25 orders within that.
    const ranked = [...scores].map(([doc, s]) => ({ doc, score: s * (0.5 + (matched.get(doc)! / terms.length) ** 2) }));
    if (ranked.length < 3) {
      for (const hit of this.fuse.search(query, { limit })) {
        if (!scores.has(hit.item.i)) ranked.push({ doc: hit.item.i, score: (1 - (hit.score ?? 1)) * 0.5 });
      }
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return ranked.slice(0, limit).map(r => ({ entry: this.docs[r.doc], score: r.score }));
  }
}
