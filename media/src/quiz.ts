// The quiz view's script. Keyboard first: 1–4 answer (multiple choice) or grade (flashcards), Space
// reveals, Enter goes on, Esc ends the quiz. Plain strings go in as text; only the answers
// (markdown-it output, raw HTML off) as HTML. The session lives in the webview state for reloads.
import type { FromQuizWebview, QuizStateMessage, QuizViewState } from '../../src/webview/quizProtocol';

declare function acquireVsCodeApi(): { postMessage(m: FromQuizWebview): void; getState(): QuizViewState | undefined; setState(s: QuizViewState): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let state: QuizStateMessage | undefined;
const GRADES = ['Again', 'Hard', 'Good', 'Easy'] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function button(label: string, attrs: Record<string, string>, message: FromQuizWebview): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function answerBlock(id: string): HTMLElement {
  const div = el('div', { class: 'answer', id: 'answer' });
  div.innerHTML = state?.answersHtml[id] ?? '';
  return div;
}

function render(): void {
  if (!state) return;
  const { session } = state;
  vscode.setState({ session });
  if (session.finished) return renderEnd();
  const item = session.items[session.index];
  const answer = session.answers[session.index];
  const answeredCount = session.answers.filter(Boolean).length;
  const correctCount = session.answers.filter(a => a?.correct).length;
  const header = el('header', {},
    el('p', { class: 'crumbs' }, `${state.scopeLabel} · ${session.mode === 'multiple-choice' ? 'Multiple choice' : 'Flashcards'}`),
    el('p', { class: 'progress', id: 'progress', 'aria-live': 'polite' }, `Question ${session.index + 1} of ${session.items.length} · ${correctCount}/${answeredCount} right so far`),
    el('h1', { id: 'question' }, item.question),
  );
  const body: HTMLElement[] = [];
  if (session.mode === 'multiple-choice' && item.options) {
    const list = el('div', { class: 'options', role: 'group', 'aria-label': 'Which answer fits? Press 1 to 4' });
    item.options.forEach((option, i) => {
      const classes = ['option'];
      if (answer) {
        if (i === item.correct) classes.push('correct');
        else if (i === answer.choice) classes.push('wrong');
      }
      const b = el('button', { type: 'button', class: classes.join(' '), id: `option-${i + 1}`, 'aria-label': `Option ${i + 1}: ${option.text}`, ...(answer ? { 'aria-disabled': 'true' } : {}) },
        el('span', { class: 'key' }, String(i + 1)), el('span', { class: 'text' }, option.text));
      b.addEventListener('click', () => { if (!answer) vscode.postMessage({ type: 'choose', index: session.index, choice: i }); });
      list.append(b);
    });
    body.push(list);
    if (answer) {
      body.push(el('p', { class: `verdict ${answer.correct ? 'right' : 'wrong'}`, id: 'verdict', role: 'status' }, answer.correct ? '✓ Right.' : `✗ Not quite: the answer is option ${(item.correct ?? 0) + 1}.`));
      body.push(el('h2', {}, 'The full answer'), answerBlock(item.id));
      body.push(el('p', { class: 'hint' }, 'Enter: next question · Esc: end the quiz'));
    }
  } else {
    if (!session.revealed) {
      body.push(el('p', { class: 'hint' }, 'Recall your answer, then reveal it.'));
      body.push(button('Show answer (Space)', { id: 'reveal', class: 'primary' }, { type: 'reveal', index: session.index }));
    } else {
      body.push(answerBlock(item.id));
      const grades = el('div', { class: 'grades', role: 'group', 'aria-label': 'How well did you recall it? Press 1 to 4' });
      GRADES.forEach((g, i) => grades.append(button(`${i + 1} · ${g}`, { id: `grade-${g.toLowerCase()}`, 'aria-label': `${g} (${i + 1})` }, { type: 'grade', index: session.index, rating: (i + 1) as 1 | 2 | 3 | 4 })));
      body.push(el('h2', {}, 'How well did you recall it?'), grades);
    }
  }
  root.replaceChildren(header, ...body);
  (root.querySelector('#verdict, #reveal, .grades button, #option-1') as HTMLElement | null)?.focus();
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
    for (const m of r.missed) {
      const a = el('a', { href: '#' }, m.question);
      a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'open', id: m.id }); });
      ul.append(el('li', {}, a));
    }
    nodes.push(el('h2', {}, 'Missed'), ul);
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
  const n = Number(e.key);
  if (n >= 1 && n <= 4) {
    e.preventDefault();
    if (s.mode === 'multiple-choice' && !answered) vscode.postMessage({ type: 'choose', index: s.index, choice: n - 1 });
    else if (s.mode === 'flashcards' && s.revealed && !answered) vscode.postMessage({ type: 'grade', index: s.index, rating: n as 1 | 2 | 3 | 4 });
  } else if (e.key === ' ' && s.mode === 'flashcards' && !s.revealed) {
    e.preventDefault();
    vscode.postMessage({ type: 'reveal', index: s.index });
  } else if (e.key === 'Enter' && (answered || s.mode === 'flashcards')) {
    e.preventDefault();
    vscode.postMessage({ type: 'next', index: s.index });
  } else if (e.key === 'Escape') {
    e.preventDefault();
    vscode.postMessage({ type: 'end' });
  }
});

vscode.postMessage({ type: 'ready' });
