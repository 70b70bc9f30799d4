// The quiz view's script. Keyboard first: 1–4 answer (multiple choice) or grade (flashcards), Space
// reveals, A–F tick a flashcard's key points (or Tab to one and Space), Enter goes on or confirms the
// proposed grade, Esc ends the quiz. Plain strings go in as text; only the `*Html` fields of the view
// (markdown-it output with raw HTML off, or escaped API names) as HTML. The session lives in the
// webview state for reloads.
import type { FromQuizWebview, ItemView, QuizStateMessage, QuizViewState } from '../../src/webview/quizProtocol';
import type { ReviewNoteView } from '../../src/webview/answerProtocol';

declare function acquireVsCodeApi(): { postMessage(m: FromQuizWebview): void; getState(): QuizViewState | undefined; setState(s: QuizViewState): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let state: QuizStateMessage | undefined;
const GRADES = ['Again', 'Hard', 'Good', 'Easy'] as const;
const POINT_KEYS = 'abcdef';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function html<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, markup: string): HTMLElementTagNameMap[K] {
  const node = el(tag, attrs);
  node.innerHTML = markup;
  return node;
}

function button(label: string, attrs: Record<string, string>, message: FromQuizWebview): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function link(text: string, id: string, attrs: Record<string, string> = {}): HTMLAnchorElement {
  const a = el('a', { href: '#', ...attrs }, text);
  a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'open', id }); });
  return a;
}

function reviewNote(review: ReviewNoteView): HTMLElement {
  return el('aside', { class: `review-note verdict-${review.verdict}`, role: 'note', 'aria-label': `Review note: ${review.label}` },
    el('p', { class: 'review-label' }, `⚠ ${review.label}`), html('div', { class: 'review-body' }, review.noteHtml));
}

function render(): void {
  if (!state) return;
  const { session } = state;
  vscode.setState({ session });
  if (session.finished) return renderEnd();
  const focused = document.activeElement?.id;
  const item = session.items[session.index];
  const answeredCount = session.answers.filter(Boolean).length;
  const correctCount = session.answers.filter(a => a?.correct).length;
  const kindLabel = item.kind === 'cloze' ? 'Fill in the blank' : item.kind === 'bank' ? 'Multiple choice' : item.pitfall ? 'Your code' : 'Flashcard';
  const header = el('header', {},
    el('p', { class: 'crumbs' }, `${state.scopeLabel} · ${kindLabel}`),
    el('p', { class: 'progress', id: 'progress', 'aria-live': 'polite' }, `Question ${session.index + 1} of ${session.items.length} · ${correctCount}/${answeredCount} right so far`),
  );
  const view = state.view;
  let body: HTMLElement[];
  if (!view) body = [el('p', { id: 'question', class: 'hint' }, 'This item is no longer available. Enter skips it.')];
  else if (view.kind === 'card') body = renderCard(view);
  else if (view.kind === 'pitfall') body = renderPitfall(view);
  else body = renderChoice(view);
  root.replaceChildren(header, ...body);
  // Keep the keyboard where it was (a ticked key point), else the first of these that exists.
  const again = focused ? document.getElementById(focused) : null;
  const first = ['#verdict', '#reveal', '#point-1', '.grades button.proposed', '.grades button', '#option-1'].map(q => root.querySelector<HTMLElement>(q)).find(Boolean);
  ((again && !again.hasAttribute('aria-disabled') ? again : null) ?? first)?.focus();
}

function renderChoice(view: Extract<ItemView, { kind: 'bank' | 'cloze' }>): HTMLElement[] {
  const s = state!.session;
  const item = s.items[s.index];
  const answer = s.answers[s.index];
  const body: HTMLElement[] = [];
  if (view.kind === 'bank') body.push(html('div', { id: 'question', class: 'stem' }, view.stemHtml));
  else body.push(el('h1', {}, 'Which name fills the blank?'), html('p', { id: 'question', class: 'cloze' }, view.sentenceHtml));
  const list = el('div', { class: 'options', role: 'group', 'aria-label': 'Options: press 1 to 4' });
  view.optionsHtml.forEach((optionHtml, i) => {
    const classes = ['option'];
    if (answer) {
      if (i === item.correct) classes.push('correct');
      else if (i === answer.choice) classes.push('wrong');
    }
    const text = html('span', { class: 'text' }, optionHtml);
    const b = el('button', { type: 'button', class: classes.join(' '), id: `option-${i + 1}`, 'aria-label': `Option ${i + 1}: ${text.textContent ?? ''}`, ...(answer ? { 'aria-disabled': 'true' } : {}) },
      el('span', { class: 'key' }, String(i + 1)), text);
    b.addEventListener('click', () => { if (!answer) vscode.postMessage({ type: 'choose', index: s.index, choice: i }); });
    list.append(b);
  });
  body.push(list);
  if (!answer) return body;
  const right = (item.correct ?? 0) + 1;
  body.push(el('p', { class: `verdict ${answer.correct ? 'right' : 'wrong'}`, id: 'verdict', role: 'status', tabindex: '-1' },
    answer.correct ? '✓ Right.' : `✗ Not quite: the answer is option ${right}.`));
  if (view.kind === 'bank') {
    if (!answer.correct && answer.choice !== undefined) body.push(el('section', { id: 'why', class: 'why' }, el('h2', {}, `Why option ${answer.choice + 1} is wrong`), html('p', {}, view.whyHtml[answer.choice])));
    body.push(el('section', { id: 'explanation', class: 'explanation' }, el('h2', {}, `Why option ${right} is right`), html('div', {}, view.explanationHtml)));
    const others = view.whyHtml.map((why, i) => ({ why, i })).filter(o => o.why && o.i !== answer.choice);
    if (others.length) {
      const list = el('ul', {});
      for (const o of others) list.append(html('li', {}, `<strong>${o.i + 1}.</strong> ${o.why}`));
      body.push(el('details', { id: 'other-options' }, el('summary', {}, 'Why the other options are wrong'), list));
    }
  } else {
    body.push(el('section', { id: 'explanation', class: 'explanation' }, el('h2', {}, 'The sentence'), html('p', { id: 'filled' }, view.filledHtml)));
  }
  body.push(el('p', { class: 'source' }, 'From the guide question: ', link(view.link.question, view.link.id, { id: 'open-answer', title: 'Open its answer' })));
  body.push(el('p', { class: 'hint' }, 'Enter: next question · Esc: end the quiz'));
  return body;
}

function renderCard(view: Extract<ItemView, { kind: 'card' }>): HTMLElement[] {
  const s = state!.session;
  const item = s.items[s.index];
  const body: HTMLElement[] = [el('h1', { id: 'question' }, item.question)];
  if (!s.revealed) {
    body.push(el('p', { class: 'hint' }, view.keyPointsHtml.length ? `Recall your answer, then reveal it and tick the ${view.keyPointsHtml.length} key points you made.` : 'Recall your answer, then reveal it.'));
    body.push(button('Show answer (Space)', { id: 'reveal', class: 'primary' }, { type: 'reveal', index: s.index }));
    return body;
  }
  const answer: HTMLElement[] = [];
  if (view.review) answer.push(reviewNote(view.review));
  if (view.repaired) answer.push(el('p', { class: 'repaired-label' }, 'Re-rendered: the scrape damaged the guide\'s text (same words).'));
  answer.push(html('div', { class: 'answer', id: 'answer' }, view.answerHtml));
  const proposal = state!.proposal;
  const grades = el('div', { class: 'grades', role: 'group', 'aria-label': proposal ? `Grade: Enter confirms ${GRADES[proposal - 1]}, or press 1 to 4` : 'How well did you recall it? Press 1 to 4' });
  GRADES.forEach((g, i) => {
    const proposed = proposal === i + 1;
    grades.append(button(`${i + 1} · ${g}`, { id: `grade-${g.toLowerCase()}`, 'aria-label': `${g} (${i + 1})${proposed ? ', proposed' : ''}`, ...(proposed ? { class: 'proposed' } : {}) }, { type: 'grade', index: s.index, rating: (i + 1) as 1 | 2 | 3 | 4 }));
  });
  if (!view.keyPointsHtml.length) {
    // Without key points the answer is what the learner grades against: it comes first.
    body.push(...answer, el('h2', {}, 'How well did you recall it?'), grades);
    return body;
  }
  // With key points the checklist is what the learner grades against: it comes first, the answer after.
  const fieldset = el('fieldset', { id: 'key-points', class: 'key-points' },
    el('legend', {}, `Key points: tick the ones you made (keys A–${POINT_KEYS[view.keyPointsHtml.length - 1].toUpperCase()}, or Tab to one and Space)`));
  view.keyPointsHtml.forEach((pointHtml, i) => {
    const box = el('input', { type: 'checkbox', id: `point-${i + 1}` });
    box.checked = s.ticked.includes(i);
    box.addEventListener('change', () => vscode.postMessage({ type: 'tick', index: s.index, point: i }));
    fieldset.append(el('label', { class: 'point', for: `point-${i + 1}` }, box, el('kbd', { 'aria-hidden': 'true' }, POINT_KEYS[i].toUpperCase()), html('span', {}, pointHtml)));
  });
  body.push(fieldset);
  if (proposal) {
    const n = s.ticked.length;
    body.push(el('p', { id: 'proposal', class: 'proposal', 'aria-live': 'polite' },
      `Proposed: ${GRADES[proposal - 1]} (${n} of ${view.keyPointsHtml.length} point${view.keyPointsHtml.length === 1 ? '' : 's'} ticked). Enter confirms it; 1–4 grades otherwise.`));
  }
  body.push(grades, el('p', { class: 'hint', id: 'grade-rule' }, view.gradeRule), el('h2', {}, 'The answer'), ...answer);
  return body;
}

function gradeButtons(index: number): HTMLElement {
  const grades = el('div', { class: 'grades', role: 'group', 'aria-label': 'How well did you answer? Press 1 to 4' });
  GRADES.forEach((g, i) => grades.append(button(`${i + 1} · ${g}`, { id: `grade-${g.toLowerCase()}`, 'aria-label': `${g} (${i + 1})` }, { type: 'grade', index, rating: (i + 1) as 1 | 2 | 3 | 4 })));
  return grades;
}

/** The user's lines, highlighted, with their line numbers; the finding's line number marked. */
function pitfallCode(view: Extract<ItemView, { kind: 'pitfall' }>): HTMLElement {
  const gutter = el('pre', { class: 'gutter', 'aria-hidden': 'true' });
  for (let i = 0; i < view.lineCount; i++) {
    const n = view.firstLine + i;
    gutter.append(el('span', n === view.line + 1 ? { class: 'mark', title: 'The line the insight found' } : {}, String(n)), i < view.lineCount - 1 ? '\n' : '');
  }
  const code = html('div', { class: 'lines' }, view.codeHtml);
  return el('div', { class: 'pitfall-code', id: 'pitfall-code', role: 'group', 'aria-label': `Your code, ${view.where}` }, gutter, code);
}

/** A pitfalls-quiz card: the user's lines and the interviewer's question; the back, the insight's problem, fix and guide answers. */
function renderPitfall(view: Extract<ItemView, { kind: 'pitfall' }>): HTMLElement[] {
  const s = state!.session;
  const where = el('a', { href: '#', id: 'pitfall-where', title: 'Open this line in the editor' }, view.where);
  where.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'openFile', path: view.path, line: view.line }); });
  const body: HTMLElement[] = [
    el('p', { class: 'meta pitfall-source' }, where, ` · ${view.insightId} ${view.title}`),
    pitfallCode(view),
    el('h1', { id: 'question' }, view.interviewQuestion),
  ];
  if (!s.revealed) {
    body.push(el('p', { class: 'hint' }, 'Answer as you would in the interview, then reveal the answer.'));
    body.push(button('Show answer (Space)', { id: 'reveal', class: 'primary' }, { type: 'reveal', index: s.index }));
    return body;
  }
  const links = el('ul', { class: 'guide-links' });
  for (const l of view.links) links.append(el('li', {}, link(l.question, l.id, { title: 'Open its answer' })));
  body.push(el('section', { class: 'answer', id: 'answer' },
    html('p', { class: 'pitfall-message' }, view.messageHtml),
    el('h2', {}, 'What goes wrong'), html('p', { id: 'pitfall-problem' }, view.problemHtml),
    el('h2', {}, 'The fix'), html('p', { id: 'pitfall-fix' }, view.fixHtml),
    ...(view.links.length ? [el('h2', {}, 'The guide answers'), links] : [])));
  body.push(el('h2', {}, 'How well did you answer?'), gradeButtons(s.index));
  return body;
}

function renderEnd(): void {
  const r = state!.result;
  const s = state!.session;
  if (!r) return;
  const pct = Math.round(r.score * 100);
  const nodes: HTMLElement[] = [
    el('p', { class: 'crumbs' }, `${state!.scopeLabel} · ${s.mode === 'multiple-choice' ? 'Multiple choice' : 'Flashcards'}`),
    el('h1', { id: 'score', 'aria-live': 'polite' }, `Score: ${r.correct} of ${r.answered} (${pct}%)`),
    el('p', { class: 'meta', id: 'schedule' }, `${r.answered} answered${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}. Still due today: ${r.dueToday} review${r.dueToday === 1 ? '' : 's'} and ${r.newToday} new · due tomorrow: ${r.dueTomorrow}. Your progress is saved.`),
  ];
  if (r.perTopic.length) {
    const table = el('table', { id: 'per-topic' }, el('thead', {}, el('tr', {}, el('th', {}, 'Topic'), el('th', {}, 'Right'))));
    const tbody = el('tbody');
    for (const t of r.perTopic) tbody.append(el('tr', {}, el('td', {}, t.label), el('td', {}, `${t.correct} / ${t.answered}`)));
    table.append(tbody);
    nodes.push(el('h2', {}, 'Per topic'), table);
  }
  if (r.missed.length) {
    const ul = el('ul', { id: 'missed' });
    for (const m of r.missed) ul.append(el('li', {}, link(m.question, m.id)));
    nodes.push(el('h2', {}, 'Missed: read the answers again'), ul);
  }
  const actions = el('div', { class: 'actions' });
  if (r.missed.length) actions.append(button('Again with the missed ones (Enter)', { id: 'again', class: 'primary' }, { type: 'again' }));
  actions.append(button('New quiz', { id: 'new-quiz' }, { type: 'newQuiz' }));
  nodes.push(actions);
  root.replaceChildren(...nodes);
  (root.querySelector('#again, #new-quiz') as HTMLElement | null)?.focus();
}

window.addEventListener('message', (event: MessageEvent<QuizStateMessage>) => {
  if (event.data?.type === 'state') {
    state = event.data;
    render();
  }
});

document.addEventListener('keydown', e => {
  if (!state || e.ctrlKey || e.metaKey || e.altKey) return;
  const s = state.session;
  if (s.finished) {
    if (e.key === 'Enter' && state.result?.missed.length && document.activeElement?.id !== 'new-quiz') { e.preventDefault(); vscode.postMessage({ type: 'again' }); }
    return;
  }
  const answered = s.answers[s.index] != null;
  const card = s.mode === 'flashcards';
  const n = Number(e.key);
  const point = e.key.length === 1 ? POINT_KEYS.indexOf(e.key.toLowerCase()) : -1;
  if (n >= 1 && n <= 4) {
    e.preventDefault();
    if (!card && !answered) vscode.postMessage({ type: 'choose', index: s.index, choice: n - 1 });
    else if (card && s.revealed && !answered) vscode.postMessage({ type: 'grade', index: s.index, rating: n as 1 | 2 | 3 | 4 });
  } else if (point >= 0 && card && s.revealed && !answered && point < (s.items[s.index].points ?? 0)) {
    e.preventDefault();
    vscode.postMessage({ type: 'tick', index: s.index, point });
  } else if (e.key === ' ' && card && !s.revealed) {
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', index: s.index });
  } else if (e.key === 'Enter' && card && s.revealed && !answered && state.proposal) {
    e.preventDefault();
    vscode.postMessage({ type: 'confirm', index: s.index });
  } else if (e.key === 'Enter' && (answered || card || !state.view)) {
    if (['A', 'SUMMARY'].includes((e.target as HTMLElement).tagName)) return; // a focused link or disclosure does its own thing
    e.preventDefault();
    vscode.postMessage({ type: 'next', index: s.index });
  } else if (e.key === 'Escape') {
    e.preventDefault();
    vscode.postMessage({ type: 'end' });
  }
});

vscode.postMessage({ type: 'ready' });
