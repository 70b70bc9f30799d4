// What makes a line read like an interview question, independent of the guide's shape.

const INTERROGATIVE = /^(how|what|why|when|which|who|whom|where|is|are|can|could|do|does|did|should|would|will|have|has)\b/i;
/** Imperatives interviewers use to ask a question. */
const IMPERATIVE =
  /^(explain|describe|discuss|compare|contrast|design|implement|write|debug|tell me|share|demonstrate|walk (me )?through|define|outline|illustrate|prepare to discuss|highlight your)\b/i;

export function endsLikeQuestion(text: string): boolean {
  return /\?["”'*)]*\s*$/.test(text);
}

/**
 * A line of prose that asks something: ends in `?`, or opens with an interrogative or an interview
 * imperative and is a full sentence rather than a label (labels end in `:`).
 */
export function isQuestionLike(text: string): boolean {
  const t = text.trim().replace(/^\*\*|\*\*$/g, '');
  if (t.length < 12 || /:\s*$/.test(t)) return false;
  if (endsLikeQuestion(t)) return true;
  return (INTERROGATIVE.test(t) || IMPERATIVE.test(t)) && t.split(/\s+/).length >= 4;
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
