// The texts of the quiz item on screen, rendered for the quiz view (core items only hold ids and the
// option order). Markdown goes through markdown-it with raw HTML off; API names are escaped.
import type { CuratedContent } from '../../core/content/curated';
import type { Library } from '../../core/library';
import type { QuizItem } from '../../core/quiz/session';
import { engine } from '../../lazyEngine';
import { detection } from '../../lazyDetect';
import { documentKind } from '../../core/detect/kind';
import type { ItemView } from '../../webview/quizProtocol';
import { answerMarkdown, reviewNoteView } from '../content/reviewNote';
import type { QuizPitfall } from '../../core/quiz/session';

const BLANK = '____';
/** Stands in for the blank while the sentence goes through Markdown (letters only, so nothing parses it). */
const MARKER = 'QUIZBLANKMARKER';

function code(name: string): string {
  return `<code>${engine().escapeHtml(name)}</code>`;
}

/** The view of `item`, or undefined when the content no longer has it. */
export function itemView(item: QuizItem, library: Library, content: CuratedContent): ItemView | undefined {
  const e = engine();
  const entry = library.get(item.questionId);
  const link = { id: item.questionId, question: entry?.question ?? item.question };
  if (item.kind === 'bank') {
    const bank = content.bankItem(item.id);
    if (!bank || !item.order) return undefined;
    const shown = item.order.map(i => bank.options[i]);
    return {
      kind: 'bank',
      stemHtml: e.renderMarkdown(bank.stem),
      optionsHtml: shown.map(o => e.renderInline(o.text)),
      whyHtml: shown.map(o => (o.correct ? '' : e.renderInline(o.why ?? ''))),
      explanationHtml: e.renderMarkdown(bank.explanation),
      link,
    };
  }
  if (item.kind === 'cloze') {
    const cloze = content.clozeItem(item.id);
    if (!cloze || !item.order) return undefined;
    const withMarker = e.renderInline(cloze.sentence.replace(BLANK, MARKER));
    return {
      kind: 'cloze',
      sentenceHtml: withMarker.replace(MARKER, '<span class="blank" role="img" aria-label="blank">_____</span>'),
      optionsHtml: item.order.map(i => code(cloze.options[i])),
      filledHtml: withMarker.replace(MARKER, `<mark>${engine().escapeHtml(cloze.answer)}</mark>`),
      link,
    };
  }
  if (item.pitfall) return pitfallView(item.pitfall, library);
  if (!entry) return undefined;
  const review = content.review(entry.id);
  const { markdown, repaired } = answerMarkdown(entry, review);
  const answerHtml = markdown
    ? e.renderMarkdown(markdown)
    : `<p><em>${entry.hint ? 'Hint only in the guide.' : 'No answer in the guide.'}</em></p>${entry.hint ? e.renderMarkdown(entry.hint) : ''}`;
  const note = reviewNoteView(review);
  return {
    kind: 'card',
    answerHtml,
    ...(repaired ? { repaired } : {}),
    ...(note ? { review: note } : {}),
    keyPointsHtml: (item.points ? content.keyPoints(entry.id, entry.variantIds) ?? [] : []).map(p => e.renderInline(p)),
    gradeRule: e.GRADE_RULE,
  };
}

/** The user's lines (highlighted like every code block of the quiz), the question and the insight's answer. */
function pitfallView(p: QuizPitfall, library: Library): ItemView | undefined {
  const e = engine();
  const def = detection().insightById(p.insightId);
  if (!def) return undefined;
  // A fence longer than any backtick run in the code keeps the code from closing it.
  const fence = '`'.repeat(Math.max(3, ...p.lines.map(l => (l.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length + 1), 0))));
  const links = def.questionIds.map(id => library.get(id)).filter(x => x !== undefined).map(x => ({ id: x.id, question: x.question }));
  return {
    kind: 'pitfall',
    insightId: def.id,
    title: def.title,
    where: `${p.path}:${p.line + 1}`,
    path: p.path,
    line: p.line,
    // Highlighted as the file is written: Python, or a Django template (DJC012's findings are in templates).
    codeHtml: e.renderMarkdown(`${fence}${documentKind(p.path) === 'template' ? 'django' : 'python'}\n${p.lines.join('\n')}\n${fence}`),
    firstLine: p.firstLine + 1,
    lineCount: p.lines.length,
    messageHtml: e.renderInline(p.message),
    interviewQuestion: def.interviewQuestion,
    problemHtml: e.renderInline(def.problem),
    fixHtml: e.renderInline(def.fix),
    links,
  };
}
