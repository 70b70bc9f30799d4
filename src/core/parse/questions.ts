// What makes a line read like an interview question, independent of the guide's shape, and the
// question's text as a learner should read it.
import { stripTags } from './html';

const INTERROGATIVE = /^(how|what|what['’]s|why|when|which|who|whom|where|is|are|can|could|do|does|did|should|would|will|have|has)\b/i;
/** Imperatives interviewers use to ask a question. */
const IMPERATIVE =
  /^(explain|describe|discuss|compare|contrast|design|implement|write|debug|tell me|share|demonstrate|walk (me )?through|define|outline|illustrate|prepare to discuss|highlight your|mention|name|list|give|differentiate|distinguish|elaborate)\b/i;
/** "Difference between X and Y" is how many guides ask for a comparison. */
const COMPARISON = /^(the\s+)?differences?\s+between\b/i;

export function endsLikeQuestion(text: string): boolean {
  return /\?["”'*)]*\s*$/.test(text);
}

/**
 * A line of prose that asks something: ends in `?`, or opens with an interrogative, an interview
 * imperative or "Difference between", and is a full sentence rather than a label (labels end in `:`).
 */
export function isQuestionLike(text: string): boolean {
  const t = text.trim().replace(/^\*\*|\*\*$/g, '');
  if (t.length < 8 || /:\s*$/.test(t)) return false;
  // "What is it?" under a topic bullet is a question; "Why?" alone is not.
  if (endsLikeQuestion(t)) return t.length >= 12 || t.split(/\s+/).length >= 3;
  if (t.length < 12) return false;
  return (INTERROGATIVE.test(t) || IMPERATIVE.test(t) || COMPARISON.test(t)) && t.split(/\s+/).length >= 4;
}

/** Opens like a question even when short or unpunctuated: "what is clickjacking", "Explain sessions". */
export function opensLikeQuestion(text: string): boolean {
  const t = text.trim();
  return isQuestionLike(t) || ((INTERROGATIVE.test(t) || IMPERATIVE.test(t) || COMPARISON.test(t)) && t.split(/\s+/).length >= 3);
}

/** A short title line: capitalised, no sentence punctuation at its end, not code, not a list or table. */
export function isTitleLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 3 || t.length > 80) return false;
  if (!/^[A-Z0-9]/.test(t)) return false;
  if (/[.?!:;,=|(){}\[\]→]\s*$/.test(t)) return false;
  if (/^([-*>|#`]|\d+[.)]\s)/.test(t) || /\b(def|class|import|return)\b|[=(){}]/.test(t)) return false;
  return t.split(/\s+/).length <= 10;
}

/**
 * The question as a learner reads it: Markdown emphasis, inline-code ticks, HTML and the decorations
 * guides add after a question (a back-to-top arrow, an emoji, a line break) removed; the words kept.
 */
export function cleanQuestion(text: string): string {
  let t = text.includes('<') || text.includes('&') ? stripTags(text) : text;
  t = t
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/(^|[\s(“"'])_(?!_)(\S(?:.*?\S)?)_(?=$|[\s).,?!:;”"'])/g, '$1$2')
    .replace(/(^|[\s(“"'])\*(?!\*)(\S(?:[^*]*?\S)?)\*(?=$|[\s).,?!:;”"'])/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/^\*\*|\*\*$/g, '');
  t = trimDecorations(t)
    .replace(/\s+([?.!,])$/, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return t;
}

/** A question without what guides put after it: a back-to-top arrow, an emoji, trailing spaces. */
export function trimDecorations(text: string): string {
  return text.replace(/[\s\u2190-\u21ff\u2b06\ufe0f\u{1f300}-\u{1faff}\u2600-\u27bf]+$/u, '');
}
