// Cloze candidates from the guide answers: every sentence or code line that names a member of an API
// family, with that name blanked and the rest of the family proposed as options. Candidates are only
// proposals — a reviewer accepts (content/quiz/cloze.json) or rejects (test/fixtures/cloze-review.json)
// each one, and the unit suite fails on any candidate that has neither, so a guide change surfaces as
// new unreviewed candidates.
import type { ApiFamily } from './families';

export const BLANK = '____';

/** A guide answer as dist/index.json has it. */
export interface AnsweredQuestion {
  id: string;
  answer: string;
}

export interface ClozeCandidate {
  question: string;
  family: string;
  /** The sentence or code line with the name blanked exactly once (Markdown as the answer has it). */
  sentence: string;
  /** The blanked text as the answer writes it (`select_related`, `transaction.atomic()`). */
  answer: string;
  /** The family's other members, as option texts. */
  others: string[];
  kind: 'prose' | 'code';
}

/** A sentence of prose or one line of a fenced code block. */
export interface AnswerUnit {
  text: string;
  kind: 'prose' | 'code';
}

interface Member {
  family: ApiFamily;
  option: string;
  pattern: RegExp;
  /** A plain word (`only`, `null`, `When`, `F`) is a name only where it looks like code. */
  plainWord: boolean;
  callable: boolean;
}

/** Splits an answer into sentences of prose and lines of code; tables and import lines carry no fact to blank. */
export function answerUnits(answer: string): AnswerUnit[] {
  const units: AnswerUnit[] = [];
  let inCode = false;
  for (const raw of answer.split('\n')) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      inCode = !inCode;
      continue;
    }
    if (!line) continue;
    if (inCode) {
      if (!/^(#|from\s|import\s)/.test(line)) units.push({ text: line, kind: 'code' });
      continue;
    }
    if (line.startsWith('|')) continue;
    const prose = line.replace(/^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '');
    for (const sentence of sentences(prose)) units.push({ text: sentence, kind: 'prose' });
  }
  return units;
}

/** Sentence ends: `.`, `!` or `?` before a space and a capital, a backtick or a quote; not after e.g., i.e., etc., vs. */
function sentences(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of line.matchAll(/[.!?](?=\s+[A-Z`*"“(])/g)) {
    const before = line.slice(start, m.index! + 1);
    if (/(?:\be\.g|\bi\.e|\betc|\bvs|\bapprox)\.$/i.test(before)) continue;
    out.push(before.trim());
    start = m.index! + 1;
  }
  out.push(line.slice(start).trim());
  return out.filter(s => s.length > 0);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function members(families: readonly ApiFamily[]): Member[] {
  const out: Member[] = [];
  for (const family of families) {
    for (const spec of family.members) {
      const m = /^(?:\[([\w.]+\.)\]|([\w.]+\.))?(\w+)(\(.*\))?$/.exec(spec);
      if (!m) throw new Error(`family ${family.id}: cannot read member ${spec}`);
      const [, optionalQualifier, requiredQualifier, name, call] = m;
      const qualifier = optionalQualifier ? `(?:${escapeRegExp(optionalQualifier)})?` : requiredQualifier ? escapeRegExp(requiredQualifier) : '';
      // A call written in the option (`save(commit=False)`) must be matched whole; a bare `()` is optional.
      const tail = call && call !== '()' ? escapeRegExp(call) : '(?:\\(\\))?';
      out.push({
        family,
        option: spec.replace(/[[\]]/g, ''),
        pattern: new RegExp(`(?<![\\w$])${qualifier}${name}${tail}(?![\\w])`, 'g'),
        plainWord: !requiredQualifier && /^(?:[a-z]+|[A-Z][a-z]*)$/.test(name) && (!call || call === '()'),
        callable: call !== undefined,
      });
    }
  }
  return out;
}

/**
 * Where a plain word is the API and not English or a variable: a method or function when called
 * (`only(`, `F(`), an option as a keyword argument or template filter (`null=`, `|safe`), and in prose
 * anything in a code span. An attribute (`request.path`) is not enough.
 */
function looksLikeCode(unit: AnswerUnit, member: Member, start: number, end: number): boolean {
  const text = unit.text;
  const after = text.slice(end).trimStart()[0] ?? '';
  if (member.callable ? after === '(' || text.slice(start, end).endsWith(')') : after === '=' || text[start - 1] === '|') return true;
  return unit.kind === 'prose' && (text.slice(0, start).match(/`/g) ?? []).length % 2 === 1;
}

interface Found {
  member: Member;
  start: number;
  end: number;
}

function findNames(unit: AnswerUnit, all: Member[]): Found[] {
  const found: Found[] = [];
  for (const member of all) {
    for (const m of unit.text.matchAll(member.pattern)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (member.plainWord && !looksLikeCode(unit, member, start, end)) continue;
      found.push({ member, start, end });
    }
  }
  // A qualified name (`cache.delete()`) hides the bare one it contains (`delete()`).
  return found.filter(f => !found.some(g => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start));
}

/** A blanked name inside a code span of its own loses the backticks, so the blank reads as a blank. */
function blank(text: string, start: number, end: number): string {
  if (text[start - 1] === '`' && text[end] === '`') return text.slice(0, start - 1) + BLANK + text.slice(end + 1);
  return text.slice(0, start) + BLANK + text.slice(end);
}

/** Words left around the blank: a unit that is the name and punctuation (`with ____:`, `____,`) says nothing. */
function wordsAround(text: string, start: number, end: number): number {
  return ((text.slice(0, start) + ' ' + text.slice(end)).match(/[A-Za-z]{2,}/g) ?? []).length;
}

/**
 * Every blankable name of every answer, in answer order. A name that occurs twice in one unit gives no
 * candidate (the second occurrence would fill the blank), nor does a unit with fewer than two other words.
 */
export function clozeCandidates(questions: readonly AnsweredQuestion[], families: readonly ApiFamily[]): ClozeCandidate[] {
  const all = members(families);
  const out: ClozeCandidate[] = [];
  const seen = new Set<string>();
  for (const q of questions) {
    for (const unit of answerUnits(q.answer)) {
      const found = findNames(unit, all).sort((a, b) => a.start - b.start);
      for (const f of found) {
        if (found.filter(g => g.member === f.member).length > 1 || wordsAround(unit.text, f.start, f.end) < 2) continue;
        const candidate: ClozeCandidate = {
          question: q.id,
          family: f.member.family.id,
          sentence: blank(unit.text, f.start, f.end),
          answer: unit.text.slice(f.start, f.end),
          others: f.member.family.members.map(o => o.replace(/[[\]]/g, '')).filter(o => o !== f.member.option),
          kind: unit.kind,
        };
        // The same sentence in one answer twice is one candidate.
        const key = candidateKey(candidate);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(candidate);
      }
    }
  }
  return out;
}

export function candidateKey(c: { question: string; sentence: string; answer: string }): string {
  return `${c.question}\u0000${c.sentence}\u0000${c.answer}`;
}
