// The heavy part of the core (Markdown rendering, parsing, search, quizzes, scheduling), loaded on
// first use so that activation evaluates almost nothing. Detection and hovers are not here: they are
// src/detect.ts, so the first hover never loads markdown-it, highlight.js or ts-fsrs. The desktop
// build ships it as dist/engine.js next to dist/extension.js; the browser build inlines it (still
// evaluated lazily).
export { renderMarkdown, renderInline, escapeHtml } from './core/render/markdown';
export { Searcher } from './core/search';
export { buildIndex } from './core/parse/buildIndex';
export { applyReview, emptyProgress, exportProgress, importProgress, makeEvent, mergeProgress, parseProgress, serializeProgress, reviewSummary } from './core/progress';
export { extendProgress, readStored, recentEvents, RECENT_LIMIT, serializeHead, serializeHistory, serializeSyncHead } from './core/progress/compact';
export {
  answerChoice, confirmProposal, contentMismatch, currentItem, currentProposal, endQuiz, generateQuiz, GRADE_RULE, gradeFlashcard, nextItem, quizResult,
  pitfallQuiz, restoreSession, retryMissed, reveal, scopeLabel, toggleKeyPoint,
} from './core/quiz';
export { CuratedContent, parseContentFile } from './core/content/curated';
