// TF-IDF cosine similarity over token lists, and near-duplicate grouping of questions.
import type { Entry } from '../types';
import { contentTokens } from './text';

export class TfIdf {
  private readonly idf = new Map<string, number>();
  private readonly vectors: Map<string, number>[];
  private readonly norms: number[];

  constructor(documents: string[][]) {
    const df = new Map<string, number>();
    for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log(1 + documents.length / n));
    this.vectors = documents.map(doc => this.vector(doc));
    this.norms = this.vectors.map(norm);
  }

  vector(doc: string[]): Map<string, number> {
    const v = new Map<string, number>();
    for (const t of doc) v.set(t, (v.get(t) ?? 0) + 1);
    for (const [t, n] of v) v.set(t, (1 + Math.log(n)) * (this.idf.get(t) ?? Math.log(2)));
    return v;
  }

  /** Cosine similarity between a query and document `i`. */
  similarity(query: string[], i: number): number {
    const q = this.vector(query);
    return cosine(q, norm(q), this.vectors[i], this.norms[i]);
  }

  pair(i: number, j: number): number {
    return cosine(this.vectors[i], this.norms[i], this.vectors[j], this.norms[j]);
  }
}

function norm(v: Map<string, number>): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function cosine(a: Map<string, number>, na: number, b: Map<string, number>, nb: number): number {
  if (!na || !nb) return 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) dot += x * (large.get(t) ?? 0);
  return dot / (na * nb);
}

/** Words that say how a question is asked, not what it asks about. */
const ASKING = new Set(['django', 'explain', 'describe', 'discuss', 'difference', 'handle', 'implement', 'work', 'real', 'example', 'project']);

export const DUPLICATE_THRESHOLD = 0.62;
/** When each question adds words the other lacks ("design" vs "failed" background jobs), they must agree more. */
export const DIVERGENT_THRESHOLD = 0.8;

function divergent(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return a.some(t => !sb.has(t)) && b.some(t => !sa.has(t));
}

/**
 * Groups questions that ask the same thing (in one guide or across guides). The canonical entry is the
 * one with the fullest answer; the others become its variants.
 */
export function groupDuplicates(entries: Entry[]): void {
  const docs = entries.map(e => contentTokens(e.question).filter(t => !ASKING.has(t)));
  const tfidf = new TfIdf(docs);
  const parent = entries.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (docs[i].length === 0 || docs[j].length === 0) continue;
      const threshold = divergent(docs[i], docs[j]) ? DIVERGENT_THRESHOLD : DUPLICATE_THRESHOLD;
      if (tfidf.pair(i, j) >= threshold) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  entries.forEach((_, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), i]);
  });
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const canonical = [...members].sort((a, b) => entries[b].answer.length - entries[a].answer.length || a - b)[0];
    const variants = members.filter(m => m !== canonical).map(m => entries[m]);
    entries[canonical].variantIds = variants.map(v => v.id);
    for (const v of variants) v.canonicalId = entries[canonical].id;
  }
}
