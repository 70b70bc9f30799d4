import type { TopicId } from './taxonomy';

/** Where a question comes from: the guide file (relative to its library root) and its 1-based line. */
export interface SourceRef {
  file: string;
  line: number;
}

/** One interview question read from a guide. */
export interface Entry {
  /** Stable id: derived from the guide file and the question's own text, so edits elsewhere do not change it. */
  id: string;
  question: string;
  /** Answer as Markdown (code fenced); '' when the guide gives none. */
  answer: string;
  /** A short hint the guide gives instead of (or beside) an answer, e.g. `(Discuss … )` after a bullet question. */
  hint?: string;
  source: SourceRef;
  /** Part/section heading the question sits under. */
  section: string;
  /** Level where the guide gives one (e.g. "Core Concepts", "Beyond the Basics"). */
  level?: string;
  /** 1–3 topics, the first being the main one. */
  topics: TopicId[];
  keywords: string[];
  hasAnswer: boolean;
  /** For questions without an answer: the section of a guide that covers the subject. */
  seeAlso?: SourceRef & { section: string };
  /** The same question asked again (worded the same or nearly): set on the repeat, pointing at the canonical entry's id. */
  canonicalId?: string;
  /** Set on canonical entries that are asked again elsewhere: the repeats' ids. */
  variantIds?: string[];
  /** Canonical entries asking alike with a different ask ("also asked as"); each is an entry of its own. */
  relatedIds?: string[];
  /**
   * Bundled questions whose answer review found it wrong, outdated or damaged: the hover's preview
   * from the correction or the repaired rendering instead of the guide's words (set by the build).
   */
  curatedPreview?: string;
}

/** A parse problem with one guide file; the rest of the library still loads. */
export interface GuideError {
  file: string;
  message: string;
}

/** What reading one guide file gave (every file read, the skipped ones included). */
export interface GuideReport {
  file: string;
  bytes: number;
  questions: number;
  /** Questions that have an answer in the file. */
  answered: number;
  /** Why the file gave no questions (it is skipped). */
  problem?: string;
  /** For a guide with suspiciously few questions for its size: the shapes the parser reads. */
  hint?: string;
}

export interface GuideIndex {
  version: 1;
  /** Guide files the entries came from, relative to the library root. */
  guides: string[];
  entries: Entry[];
  errors: GuideError[];
  /** One report per file read, in the order read (absent in indexes written before reports existed). */
  reports?: GuideReport[];
}
