// The study plan view's script: renders the plan sent by the extension (as text only) and keeps it in
// the webview state so a window reload shows it again.
import type { FromStudyPlan, StudyPlanView } from '../../src/webview/studyPlanProtocol';

declare function acquireVsCodeApi(): { postMessage(m: FromStudyPlan): void; getState(): StudyPlanView | undefined; setState(s: StudyPlanView): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function link(text: string, message: FromStudyPlan, title = text): HTMLAnchorElement {
  const a = el('a', { href: '#', title }, text);
  a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage(message); });
  return a;
}

function render(plan: StudyPlanView): void {
  vscode.setState(plan);
  const header = el('header', {},
    el('h1', {}, 'Study plan'),
    el('p', { class: 'meta' }, `${plan.root}: ${plan.filesScanned} files scanned, ${plan.constructs} Django constructs, ${plan.topics.length} topics. `, link('Scan again', { type: 'rescan' })),
  );
  const sections = plan.topics.map((t, i) => {
    const s = el('section', { class: 'topic', 'aria-label': t.label });
    const h = el('h2', {}, `${i + 1}. ${t.label}`);
    s.append(h, el('p', { class: 'meta' }, `${t.constructs} construct${t.constructs === 1 ? '' : 's'} in ${t.files} file${t.files === 1 ? '' : 's'}: ${t.rules.map(r => `${r.title} ×${r.count}`).join(', ')}`));
    if (t.questions.length) {
      const ol = el('ol', { class: 'questions' });
      for (const q of t.questions) ol.append(el('li', {}, link(q.question, { type: 'open', id: q.id }), q.preview ? el('div', { class: 'preview' }, q.preview) : ''));
      s.append(el('h3', {}, 'Practise first'), ol);
    }
    if (t.examples.length) {
      const ul = el('ul', { class: 'examples' });
      for (const x of t.examples) ul.append(el('li', {}, link(`${x.path}:${x.line + 1}`, { type: 'openFile', path: x.path, line: x.line }), ` — ${x.title}`));
      s.append(el('h3', {}, 'Where your code uses it'), ul);
    }
    if (plan.quiz) {
      const b = el('button', { type: 'button' }, `Quiz: ${t.label}`);
      b.addEventListener('click', () => vscode.postMessage({ type: 'quizTopic', topic: t.topic }));
      s.append(b);
    }
    return s;
  });
  const extra: HTMLElement[] = [];
  const pitfalls = renderPitfalls(plan);
  if (plan.topics.length === 0) extra.push(el('p', {}, 'No Django constructs were found in this workspace.'));
  if (plan.errors.length) {
    const ul = el('ul', {});
    for (const e of plan.errors) ul.append(el('li', {}, `${e.path}: ${e.message}`));
    extra.push(el('section', { class: 'errors' }, el('h2', {}, `Files not scanned (${plan.errors.length})`), ul));
  }
  root.replaceChildren(header, ...(pitfalls ? [pitfalls] : []), ...sections, ...extra);
}

/** A finding's message as text, its `backticked` names as code. */
function withCode(message: string): (Node | string)[] {
  return message.split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));
}

/** "Pitfalls in this workspace": one group per insight, each finding a link to its line, then its questions. */
function renderPitfalls(plan: StudyPlanView): HTMLElement | undefined {
  if (!plan.insights) return undefined;
  const count = plan.pitfalls.reduce((n, p) => n + p.findings.length, 0);
  const s = el('section', { class: 'pitfalls', id: 'pitfalls', 'aria-label': 'Pitfalls in this workspace' },
    el('h2', {}, `Pitfalls in this workspace (${count})`));
  if (count === 0) {
    s.append(el('p', { class: 'meta', id: 'no-pitfalls' }, `No interview pitfalls were found in the ${plan.filesScanned} files scanned.`));
    return s;
  }
  s.append(el('p', { class: 'meta' }, 'Code an interviewer would ask about: each line is a click away, with the questions behind it.'));
  for (const p of plan.pitfalls) {
    const group = el('section', { class: 'pitfall', 'aria-label': `${p.insightId} ${p.title}` },
      el('h3', {}, `${p.insightId} · ${p.title} — ${p.findings.length} in ${p.files} file${p.files === 1 ? '' : 's'}`));
    const ul = el('ul', { class: 'examples' });
    for (const f of p.findings) ul.append(el('li', {}, link(`${f.path}:${f.line + 1}`, { type: 'openFile', path: f.path, line: f.line }), ' — ', ...withCode(f.message)));
    group.append(ul);
    if (p.questions.length) {
      const ol = el('ol', { class: 'questions' });
      for (const q of p.questions) ol.append(el('li', {}, link(q.question, { type: 'open', id: q.id })));
      group.append(ol);
    }
    s.append(group);
  }
  if (plan.quiz) {
    const b = el('button', { type: 'button', id: 'quiz-pitfalls' }, 'Quiz: pitfalls in this workspace');
    b.addEventListener('click', () => vscode.postMessage({ type: 'quizPitfalls' }));
    s.append(b);
  }
  return s;
}

window.addEventListener('message', (event: MessageEvent<{ type: 'plan'; plan: StudyPlanView }>) => {
  if (event.data?.type === 'plan') render(event.data.plan);
});
const saved = vscode.getState();
if (saved) render(saved);
vscode.postMessage({ type: 'ready' });
