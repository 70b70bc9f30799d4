// From guide files to the index: parse each file on its own (a bad one is reported and skipped), then
// give every question its id, topics and keywords, link answerless questions to where the subject is
// covered, and fold near-duplicates into one canonical entry.
import type { Entry, GuideError, GuideIndex, GuideReport } from '../types';
import { parseGuide, type GuideSection, type RawQuestion } from './parseGuide';
import { decodeGuide } from './decode';
import { classifyTopics } from './topics';
import { groupDuplicates, TfIdf } from './similarity';
import { contentTokens, hash32, normalizeQuestion } from './text';
import { guideReport, NO_QUESTIONS } from './report';

export { NO_QUESTIONS };

export interface GuideFile {
  /** Path relative to the library root, with `/` separators. */
  file: string;
  bytes: Uint8Array;
}

export function buildIndex(files: readonly GuideFile[]): GuideIndex {
  const errors: GuideError[] = [];
  const entries: Entry[] = [];
  const sections: (GuideSection & { file: string })[] = [];
  const guides: string[] = [];
  const reports: GuideReport[] = [];
  const skip = (file: string, bytes: number, message: string) => {
    errors.push({ file, message });
    reports.push({ file, bytes, questions: 0, answered: 0, problem: message });
  };
  for (const { file, bytes } of files) {
    const decoded = decodeGuide(bytes);
    if ('error' in decoded) {
      skip(file, bytes.length, decoded.error);
      continue;
    }
    let parsed;
    try {
      parsed = parseGuide(decoded.text);
    } catch (e) {
      skip(file, bytes.length, `could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const report = guideReport(file, bytes.length, decoded.text, parsed);
    if (report.problem) {
      skip(file, bytes.length, report.problem);
      continue;
    }
    reports.push(report);
    guides.push(file);
    sections.push(...parsed.sections.map(s => ({ ...s, file })));
    const seen = new Map<string, number>();
    for (const raw of parsed.questions) entries.push(toEntry(file, raw, seen));
  }
  groupDuplicates(entries);
  linkAnswerless(entries, sections);
  return { version: 1, guides, entries, errors, reports };
}

function guideSlug(file: string): string {
  return file.replace(/\.(md|markdown|txt)$/i, '').replace(/[^A-Za-z0-9/_-]+/g, '-');
}

function toEntry(file: string, raw: RawQuestion, seen: Map<string, number>): Entry {
  // The id depends only on the file and the question's own words, so edits elsewhere keep it.
  const base = `${guideSlug(file)}#${hash32(normalizeQuestion(raw.question))}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  const id = n === 1 ? base : `${base}-${n}`;
  const answer = raw.answer;
  return {
    id,
    question: raw.question,
    answer,
    ...(raw.hint ? { hint: raw.hint } : {}),
    source: { file, line: raw.line },
    section: raw.section,
    ...(raw.level ? { level: raw.level } : {}),
    topics: classifyTopics(raw.question, raw.section, `${raw.hint ?? ''}\n${answer}`),
    keywords: keywordsOf(raw.question, `${raw.hint ?? ''}\n${answer}`),
    hasAnswer: answer.trim().length > 0,
  };
}

/** Code identifiers first (`select_related`, `on_commit`, `F()`), then the question's content words. */
export function keywordsOf(question: string, answer: string): string[] {
  const out = new Set<string>();
  const identifiers = /\b([A-Za-z]\w*(?:_\w+)+|[A-Z]\(\)|[a-z]\w*\(\)|\w+\.\w+\(\))/g;
  for (const m of question.matchAll(identifiers)) out.add(m[1].replace(/\(\)$/, '').toLowerCase());
  for (const t of contentTokens(question)) if (t !== 'django' && t.length > 2) out.add(t);
  const counts = new Map<string, number>();
  for (const m of answer.matchAll(/`([^`\n]{2,40})`/g)) {
    const id = m[1].replace(/\(.*$/, '').toLowerCase();
    if (/^[a-z_][\w.]*$/.test(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const [id] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 4)) out.add(id);
  return [...out].slice(0, 12);
}

/**
 * Questions with no answer point at what covers their subject: their canonical entry when they are a
 * variant of an answered question, else the best guide section or answered question on their main topic.
 */
function linkAnswerless(entries: Entry[], sections: (GuideSection & { file: string })[]): void {
  const byId = new Map(entries.map(e => [e.id, e]));
  const targets = [
    ...sections
      .filter(s => s.text.trim().length >= 200)
      .map(s => ({ file: s.file, line: s.line, section: s.title, topics: classifyTopics(s.title, '', s.text), text: `${s.title} ${s.title} ${s.text}` })),
    ...entries
      .filter(e => e.hasAnswer)
      .map(e => ({ file: e.source.file, line: e.source.line, section: e.question, topics: e.topics, text: `${e.question} ${e.question} ${e.answer.slice(0, 1500)}` })),
  ];
  const tfidf = new TfIdf(targets.map(t => contentTokens(t.text)));
  for (const entry of entries) {
    if (entry.hasAnswer) continue;
    const canonical = entry.canonicalId ? byId.get(entry.canonicalId) : undefined;
    if (canonical?.hasAnswer) {
      entry.seeAlso = { file: canonical.source.file, line: canonical.source.line, section: canonical.question };
      continue;
    }
    const query = contentTokens(`${entry.question} ${entry.hint ?? ''}`).filter(t => t !== 'django');
    const onTopic = targets.some(t => t.topics.includes(entry.topics[0]));
    let best = -1;
    let bestScore = 0.08;
    // Targets sharing no word with the question score 0: only the others are looked at, in order.
    const { score, matched } = tfidf.scoreAll(query);
    for (const i of matched) {
      const t = targets[i];
      if (onTopic && !t.topics.includes(entry.topics[0])) continue;
      const s = score[i] * (t.file === entry.source.file ? 1.5 : 1);
      if (s > bestScore) { bestScore = s; best = i; }
    }
    if (best >= 0) {
      const t = targets[best];
      entry.seeAlso = { file: t.file, line: t.line, section: t.section };
    }
  }
}
