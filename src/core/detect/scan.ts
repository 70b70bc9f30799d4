// The study plan for a whole project: which topics its code leans on most and the questions to
// practise first. Pure aggregation — callers feed it file texts however they read them (node fs
// in ./scanFs for the command line, the editor's own file system in the extension).
import type { Library } from '../library';
import { topicLabel, type TopicId } from '../taxonomy';
import { analyzeDocument, documentKind, type Detection, type DocumentAnalysis } from './analysis';
import type { HoverQuestion } from './hover';
import { rankQuestions } from './rank';
import { ruleById } from './rules';
import { findInsights } from '../insights/index';
import { TemplateFacts } from '../insights/templateFacts';
import { groupByInsight, toWorkspaceFindings, type InsightPlan, type WorkspaceFinding } from '../insights/workspace';

export interface ScanOptions {
  /** Skip `migrations` folders. */
  noMigrations?: boolean;
  /** Files larger than this are skipped (default 2 MB). */
  maxFileBytes?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Folder names never scanned: dependencies, virtualenvs, caches, version control. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'venv', 'env', 'virtualenv', 'site-packages', 'dist-packages',
  'bower_components', 'htmlcov', 'staticfiles']);

/** Why a folder is not scanned, or null. `isVirtualenv`: the folder holds a `pyvenv.cfg`. */
export function folderSkipReason(name: string, options: ScanOptions, isVirtualenv = false): string | null {
  if (isVirtualenv) return 'virtualenv (pyvenv.cfg)';
  if (name.startsWith('.')) return name === '.venv' ? 'virtualenv' : 'hidden folder';
  if (SKIPPED_FOLDERS.has(name)) return name === 'node_modules' ? 'node_modules' : name === '__pycache__' ? 'cache' : 'dependencies or virtualenv';
  if (options.noMigrations && name === 'migrations') return 'migrations (--no-migrations)';
  return null;
}

/** Files the scan reads: Python modules and Django templates. */
export function isScannableFile(name: string): boolean {
  return /\.(py|html?)$/i.test(name) && documentKind(name) !== null;
}

export interface TopicPlan {
  topic: TopicId;
  label: string;
  /** Constructs of this topic across the project. */
  constructs: number;
  /** Files with at least one. */
  files: number;
  /** How much the code leans on the topic: 3 per file plus 1 per construct. */
  score: number;
  rules: { ruleId: string; title: string; count: number }[];
  /** A few places to look at (0-based lines), first files first. */
  examples: { path: string; line: number; ruleId: string }[];
  /** The questions to practise first. */
  questions: HoverQuestion[];
}

export interface StudyPlan {
  root: string;
  filesScanned: number;
  filesWithConstructs: number;
  constructs: number;
  /** Topics, most leaned-on first. */
  topics: TopicPlan[];
  /** The interview insights found in the code, grouped by insight (empty when the builder was told not to look). */
  pitfalls: InsightPlan[];
  /** Whether insights were looked for at all (false: the user turned them off). */
  insights: boolean;
  /** Files that could not be read or were read with a fallback; the scan went on. */
  errors: { path: string; message: string }[];
  /** Folders and files deliberately not scanned. */
  skipped: { path: string; reason: string }[];
}

interface TopicTally {
  constructs: number;
  files: Set<string>;
  rules: Map<string, number>;
  examples: { path: string; line: number; ruleId: string }[];
}

export class StudyPlanBuilder {
  private files = 0;
  private withConstructs = 0;
  private constructs = 0;
  private readonly tallies = new Map<TopicId, TopicTally>();
  private readonly errors: StudyPlan['errors'] = [];
  private readonly skipped: StudyPlan['skipped'] = [];
  private readonly findings: WorkspaceFinding[] = [];
  private readonly insights: boolean;
  /** DJC012: the views and models of the Python files added, and the templates to check once all are in. */
  private readonly templateFacts = new TemplateFacts();
  private readonly templates: { path: string; analysis: DocumentAnalysis }[] = [];

  /** `insights: false` leaves the pitfalls out (the user turned insights off). */
  constructor(readonly root: string, options: { insights?: boolean } = {}) {
    this.insights = options.insights ?? true;
  }

  /** Detects in one file's text (and finds its insights) and tallies it. Never throws: a failure is recorded as an error. */
  addFile(path: string, text: string): Detection[] {
    let detections: Detection[];
    try {
      const analysis = analyzeDocument(text, path);
      detections = analysis.detections();
      if (this.insights) {
        this.findings.push(...toWorkspaceFindings(path, text, findInsights(analysis, path)));
        if (analysis.kind === 'python') this.templateFacts.setPython(path, text, analysis);
        else if (analysis.kind === 'template') {
          this.templateFacts.addTemplate(path);
          if (text.includes('{%')) this.templates.push({ path, analysis });
        }
      }
    } catch (e) {
      this.addError(path, `detection failed: ${e instanceof Error ? e.message : String(e)}`);
      return [];
    }
    this.addDetections(path, detections);
    return detections;
  }

  addDetections(path: string, detections: readonly Detection[]): void {
    this.files++;
    if (detections.length) this.withConstructs++;
    for (const d of detections) {
      this.constructs++;
      for (const topic of d.topics.slice(0, 1)) {
        let tally = this.tallies.get(topic);
        if (!tally) this.tallies.set(topic, (tally = { constructs: 0, files: new Set(), rules: new Map(), examples: [] }));
        tally.constructs++;
        tally.files.add(path);
        tally.rules.set(d.ruleId, (tally.rules.get(d.ruleId) ?? 0) + 1);
        tally.examples.push({ path, line: d.line, ruleId: d.ruleId });
      }
    }
  }

  addError(path: string, message: string): void {
    this.errors.push({ path, message });
  }

  addSkipped(path: string, reason: string): void {
    this.skipped.push({ path, reason });
  }

  /** The plan; `library` supplies the questions (none without one). */
  build(library: Library | null, questionsPerTopic = 5, examplesPerTopic = 5): StudyPlan {
    // Template findings need every view first: checked now, once.
    for (const t of this.templates.splice(0)) {
      this.findings.push(...toWorkspaceFindings(t.path, t.analysis.text, this.templateFacts.findings(t.path, t.analysis)));
    }
    const topics: TopicPlan[] = [];
    for (const [topic, tally] of this.tallies) {
      const rules = [...tally.rules].map(([ruleId, count]) => ({ ruleId, title: ruleById(ruleId)?.title ?? ruleId, count }))
        .sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1));
      const examples = [...tally.examples].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
      topics.push({
        topic, label: topicLabel(topic), constructs: tally.constructs, files: tally.files.size, score: 3 * tally.files.size + tally.constructs,
        rules, examples: firstPerFile(examples, examplesPerTopic),
        questions: library ? questionsFor(library, rules.map(r => r.ruleId), questionsPerTopic) : [],
      });
    }
    topics.sort((a, b) => b.score - a.score || b.constructs - a.constructs || (a.topic < b.topic ? -1 : 1));
    const byPath = <T extends { path: string }>(list: T[]) => [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      root: this.root, filesScanned: this.files, filesWithConstructs: this.withConstructs, constructs: this.constructs, topics,
      pitfalls: groupByInsight(this.findings, library), insights: this.insights,
      errors: byPath(this.errors), skipped: byPath(this.skipped),
    };
  }
}

/** Examples spread over files: each file's first example before any file's second. */
function firstPerFile<T extends { path: string }>(sorted: T[], limit: number): T[] {
  const seen = new Set<string>();
  const first: T[] = [];
  const rest: T[] = [];
  for (const e of sorted) {
    if (seen.has(e.path)) rest.push(e);
    else {
      first.push(e);
      seen.add(e.path);
    }
  }
  return first.concat(rest).slice(0, limit);
}

/** Questions for a topic: the rules' rankings interleaved, most frequent rule first, without repeats. */
function questionsFor(library: Library, ruleIds: string[], limit: number): HoverQuestion[] {
  const lists = ruleIds.map(id => {
    const rule = ruleById(id);
    return rule ? rankQuestions(library, rule, limit) : [];
  });
  const out: HoverQuestion[] = [];
  const seen = new Set<string>();
  for (let round = 0; out.length < limit && lists.some(l => l.length > round); round++) {
    for (const list of lists) {
      const q = list[round];
      if (!q || seen.has(q.id)) continue;
      seen.add(q.id);
      out.push({ id: q.id, question: q.question, preview: q.preview });
      if (out.length >= limit) break;
    }
  }
  return out;
}
