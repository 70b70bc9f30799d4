// The detection core (no `vscode`, no `node:` modules): rules, analysis, hovers, question ranking and
// study-plan aggregation. The node-only folder walker lives in ./scanFs and is not exported here.
export { RULES, ruleById, type Rule, type MethodLevel, type DefLevel } from './rules';
export { maskPython, maskTemplate } from './mask';
export {
  analyzeDocument, detectAt, detectDocument, detectLine, documentKind, DocumentAnalysis, LIMITS,
  type Degraded, type Detection, type DocumentKind,
} from './analysis';
export { hoverAt, hoverForDetection, type HoverModel, type HoverQuestion } from './hover';
export { answerPreview, precomputeRankings, rankQuestions, type RankedQuestion } from './rank';
export {
  DEFAULT_MAX_FILE_BYTES, folderSkipReason, isScannableFile, StudyPlanBuilder, type ScanOptions, type StudyPlan, type TopicPlan,
} from './scan';
