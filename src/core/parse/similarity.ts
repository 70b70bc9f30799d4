// TF-IDF cosine similarity over token lists; questions asked alike linked, the same question asked twice folded.
import type { Entry } from '../types';
import { contentTokens, normalizeQuestion } from './text';

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
/**
 * The same question asked twice differs from the other wording by at most this share of its words
 * (articles aside; a replaced word counts twice, as one out and one in): "with a real example" vs
 * "with an example", "a large Django project" vs "codebase". Two asks on one subject differ by more:
 * "What are signals? Where have you used them?" vs "… and when should you avoid them?".
 */
export const SAME_WORDING = 0.3;

const ARTICLES = new Set(['a', 'an', 'the']);

function divergent(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return a.some(t => !sb.has(t)) && b.some(t => !sa.has(t));
}

/** Word insertions and deletions turning `a` into `b` (a replaced word is one of each). */
function wordEdits(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(a[i - 1] === b[j - 1] ? prev[j - 1] : Math.min(prev[j], row[j - 1]) + 1);
    prev = row;
  }
  return prev[b.length];
}

/** Whether two questions are worded the same, or nearly (see SAME_WORDING). */
export function sameWording(a: string, b: string): boolean {
  const words = (q: string) => normalizeQuestion(q).split(' ').filter(w => w && !ARTICLES.has(w));
  const wa = words(a);
  const wb = words(b);
  return wordEdits(wa, wb) <= SAME_WORDING * Math.max(wa.length, wb.length);
}

/**
 * Links questions that ask alike (in one guide or across guides), by their content words. Within such
 * a group, the same question asked twice (worded the same or nearly) is folded: the entry with the
 * fullest answer is canonical and the others become its variants. Questions of a group that ask
 * something different stay entries of their own, each listing the others as related.
 */
export function groupDuplicates(entries: Entry[]): void {
  const docs = entries.map(e => contentTokens(e.question).filter(t => !ASKING.has(t)));
  const tfidf = new TfIdf(docs);
  const alike = new UnionFind(entries.length);
  const same = new UnionFind(entries.length);
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (docs[i].length === 0 || docs[j].length === 0) continue;
      const threshold = divergent(docs[i], docs[j]) ? DIVERGENT_THRESHOLD : DUPLICATE_THRESHOLD;
      if (tfidf.pair(i, j) < threshold) continue;
      alike.union(i, j);
      if (sameWording(entries[i].question, entries[j].question)) same.union(i, j);
    }
  }
  const canonicalOf = new Map<number, number>();
  for (const members of same.groups()) {
    const canonical = [...members].sort((a, b) => entries[b].answer.length - entries[a].answer.length || a - b)[0];
    for (const m of members) canonicalOf.set(m, canonical);
    if (members.length < 2) continue;
    const variants = members.filter(m => m !== canonical).map(m => entries[m]);
    entries[canonical].variantIds = variants.map(v => v.id);
    for (const v of variants) v.canonicalId = entries[canonical].id;
  }
  for (const members of alike.groups()) {
    const canonicals = [...new Set(members.map(m => canonicalOf.get(m)!))].sort((a, b) => a - b);
    if (canonicals.length < 2) continue;
    for (const c of canonicals) entries[c].relatedIds = canonicals.filter(o => o !== c).map(o => entries[o].id);
  }
}

class UnionFind {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    return this.parent[i] === i ? i : (this.parent[i] = this.find(this.parent[i]));
  }

  union(i: number, j: number): void {
    this.parent[this.find(j)] = this.find(i);
  }

  /** The sets, each in index order, including single members. */
  groups(): number[][] {
    const groups = new Map<number, number[]>();
    this.parent.forEach((_, i) => {
      const root = this.find(i);
      groups.set(root, [...(groups.get(root) ?? []), i]);
    });
    return [...groups.values()];
  }
}
