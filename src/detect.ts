// The part of the core the first hover needs (detection, hover ranking, index loading), without
// Markdown rendering, highlighting or scheduling. Work in progress (issue 10, item 5): not yet
// bundled apart nor used by the hover path.
export { analyzeDocument } from './core/detect/analysis';
export { hoverAt } from './core/detect/hover';
export { rankQuestions } from './core/detect/rank';
export { ruleById } from './core/detect/rules';
export { StudyPlanBuilder, folderSkipReason, DEFAULT_MAX_FILE_BYTES } from './core/detect/scan';
export { parseIndexJson } from './core/indexFile';
