// The heavy part of the core (Markdown rendering, detection, parsing, search, quizzes, scheduling),
// loaded on first use so that activation evaluates almost nothing. The desktop build ships it as
// dist/engine.js next to dist/extension.js; the browser build inlines it (still evaluated lazily).
export { renderMarkdown, renderInline, escapeHtml } from './core/render/markdown';
export { analyzeDocument } from './core/detect/analysis';
export { hoverAt } from './core/detect/hover';
export { rankQuestions } from './core/detect/rank';
export { ruleById } from './core/detect/rules';
export { StudyPlanBuilder, folderSkipReason, DEFAULT_MAX_FILE_BYTES } from './core/detect/scan';
export { Searcher } from './core/search';
export { buildIndex } from './core/parse/buildIndex';
export { parseIndexJson } from './core/indexFile';
export { applyReview, emptyProgress, exportProgress, importProgress, makeEvent, mergeProgress, parseProgress, serializeProgress, reviewSummary } from './core/progress';
export { extendProgress, readStored, recentEvents, RECENT_LIMIT, serializeHead, serializeHistory, serializeSyncHead } from './core/progress/compact';
export {
  answerChoice, confirmProposal, contentMismatch, currentItem, currentProposal, endQuiz, generateQuiz, GRADE_RULE, gradeFlashcard, nextItem, quizResult,
  restoreSession, retryMissed, reveal, scopeLabel, toggleKeyPoint,
} from './core/quiz';
export { CuratedContent, parseContentFile } from './core/content/curated';
