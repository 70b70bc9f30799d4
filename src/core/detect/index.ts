// The detection core (no `vscode`, no `node:` modules): rules, analysis, hovers, study-plan aggregation.
// The node-only directory walker lives in ./scanFs.
export { RULES, ruleById, type Rule, type MethodLevel } from './rules';
export { maskPython, maskTemplate } from './mask';
export {
  analyzeDocument, detectAt, detectDocument, detectLine, documentKind, DocumentAnalysis, LIMITS,
  type Degraded, type Detection, type DocumentKind,
} from './analysis';
