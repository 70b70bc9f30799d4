// TF-IDF cosine similarity over token lists; questions asked alike linked, the same question asked twice folded.
import type { Entry } from '../types';
import { contentTokens, normalizeQuestion } from './text';

/** A document's TF-IDF weights, by token id in increasing order, and its length. */
interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
}

export class TfIdf {
  private readonly ids = new Map<string, number>();
  private readonly idf: number[] = [];
  private readonly vectors: SparseVector[];

  constructor(documents: string[][]) {
    const df = new Map<string, number>();
    for (const doc of documents) for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) {
      this.ids.set(t, this.idf.length);
      this.idf.push(Math.log(1 + documents.length / n));
    }
    this.vectors = documents.map(doc => this.vector(doc));
  }

  /** Sparse vectors with sorted ids make a cosine a merge of two short arrays (libraries of thousands of questions). */
  private vector(doc: readonly string[]): SparseVector {
    const counts = new Map<string, number>();
    for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
    const known: [number, number][] = [];
    let sum = 0;
    for (const [t, n] of counts) {
      const id = this.ids.get(t);
      const w = (1 + Math.log(n)) * (id === undefined ? Math.log(2) : this.idf[id]);
      sum += w * w;
      // A word no document has adds to the length only: it can match nothing.
      if (id !== undefined) known.push([id, w]);
    }
    known.sort((a, b) => a[0] - b[0]);
    return { ids: Int32Array.from(known, k => k[0]), weights: Float64Array.from(known, k => k[1]), norm: Math.sqrt(sum) };
  }

  /** Cosine similarity between a query and document `i`. */
  similarity(query: string[], i: number): number {
    return cosine(this.vector(query), this.vectors[i]);
  }

  pair(i: number, j: number): number {
    return cosine(this.vectors[i], this.vectors[j]);
  }

  /**
   * Cosine similarity of one query with every document at once, through the documents holding each of
   * its words: documents sharing none score 0 and cost nothing. Products are added in increasing word
   * order, as `cosine` adds them, so each score is the number `similarity` gives. `matched` lists the
   * documents sharing a word, in index order.
   */
  scoreAll(query: readonly string[]): { score: Float64Array; matched: number[] } {
    const postings = (this.postings ??= this.buildPostings());
    const q = this.vector(query);
    const dot = new Float64Array(this.vectors.length);
    const seen = new Uint8Array(this.vectors.length);
    const matched: number[] = [];
    q.ids.forEach((id, k) => {
      const { docs, weights } = postings[id];
      for (let p = 0; p < docs.length; p++) {
        dot[docs[p]] += q.weights[k] * weights[p];
        if (!seen[docs[p]]) {
          seen[docs[p]] = 1;
          matched.push(docs[p]);
        }
      }
    });
    const score = new Float64Array(this.vectors.length);
    if (q.norm) for (const i of matched) if (this.vectors[i].norm) score[i] = dot[i] / (q.norm * this.vectors[i].norm);
    return { score, matched: matched.sort((a, b) => a - b) };
  }

  private postings: { docs: number[]; weights: number[] }[] | undefined;

  private buildPostings(): { docs: number[]; weights: number[] }[] {
    const postings = this.idf.map(() => ({ docs: [] as number[], weights: [] as number[] }));
    this.vectors.forEach((v, i) => v.ids.forEach((id, k) => {
      postings[id].docs.push(i);
      postings[id].weights.push(v.weights[k]);
    }));
    return postings;
  }
}

function cosine(a: SparseVector, b: SparseVector): number {
  if (!a.norm || !b.norm) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    if (a.ids[i] === b.ids[j]) dot += a.weights[i++] * b.weights[j++];
    else if (a.ids[i] < b.ids[j]) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
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

function wordsOf(question: string): string[] {
  return normalizeQuestion(question).split(' ').filter(w => w && !ARTICLES.has(w));
}

function sameWords(wa: string[], wb: string[]): boolean {
  return wordEdits(wa, wb) <= SAME_WORDING * Math.max(wa.length, wb.length);
}

/** Whether two questions are worded the same, or nearly (see SAME_WORDING). */
export function sameWording(a: string, b: string): boolean {
  return sameWords(wordsOf(a), wordsOf(b));
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
  // Only questions sharing a word can be alike: each question meets the later ones that share one of
  // its words (a library of thousands of questions would otherwise compare every pair).
  const postings = new Map<string, number[]>();
  docs.forEach((doc, i) => {
    for (const t of new Set(doc)) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const met = new Int32Array(entries.length).fill(-1);
  const words: (string[] | undefined)[] = [];
  const wordsAt = (i: number) => (words[i] ??= wordsOf(entries[i].question));
  for (let i = 0; i < entries.length; i++) {
    for (const t of new Set(docs[i])) {
      for (const j of postings.get(t)!) {
        if (j <= i || met[j] === i) continue;
        met[j] = i;
        const similarity = tfidf.pair(i, j);
        if (similarity < DUPLICATE_THRESHOLD) continue;
        if (similarity < DIVERGENT_THRESHOLD && divergent(docs[i], docs[j])) continue;
        alike.union(i, j);
        if (sameWords(wordsAt(i), wordsAt(j))) same.union(i, j);
      }
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
      const group = groups.get(root);
      if (group) group.push(i);
      else groups.set(root, [i]);
    });
    return [...groups.values()];
  }
}
