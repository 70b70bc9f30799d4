// The part of the core the first hover needs (detection, hover ranking, index loading, the study
// plan), without Markdown rendering, highlighting or scheduling (those stay in src/engine.ts).
// Required on first use through src/lazyDetect.ts; the desktop build ships it as dist/detect.js next
// to dist/extension.js, the browser build inlines it (still evaluated lazily).
export { analyzeDocument } from './core/detect/analysis';
export { hoverAt } from './core/detect/hover';
export { rankQuestions } from './core/detect/rank';
export { ruleById } from './core/detect/rules';
export { StudyPlanBuilder, folderSkipReason, DEFAULT_MAX_FILE_BYTES } from './core/detect/scan';
export { parseIndexJson } from './core/indexFile';
export { INSIGHTS, insightById, findInsights } from './core/insights/index';
export { TemplateFacts } from './core/insights/templateFacts';
