// The answer view's script (runs in the webview). Builds the page from the extension's `show` message:
// plain strings go in as text, only the markdown-it output (raw HTML off) as HTML. Keyboard first:
// n / j next, p / k previous, g open in guide, o the guide's original text of a repaired answer.
import type { AnswerViewState, FromAnswerWebview, ToWebview, ShowAnswerMessage } from '../../src/webview/answerProtocol';

declare function acquireVsCodeApi(): { postMessage(m: FromAnswerWebview): void; getState(): AnswerViewState | undefined; setState(s: AnswerViewState): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;
let current: ShowAnswerMessage | undefined;
/** Showing the guide's own (damaged) text instead of our repaired rendering. */
let showOriginal = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

function button(label: string, title: string, message: FromAnswerWebview, extra: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', title, 'aria-label': title, ...extra }, label);
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function html(markup: string, cls: string, tag: 'div' | 'li' = 'div'): HTMLElement {
  const div = el(tag, { class: cls });
  div.innerHTML = markup;
  return div;
}

function render(m: ShowAnswerMessage, fresh = true): void {
  if (fresh && m.id !== current?.id) showOriginal = false;
  current = m;
  vscode.setState({ id: m.id });
  document.title = m.question;
  const header = el('header', {},
    el('p', { class: 'crumbs' }, [m.topics.join(' · '), m.level ? `Level: ${m.level}` : ''].filter(Boolean).join('  ·  ')),
    el('h1', { id: 'question' }, m.question),
    el('p', { class: 'meta' }, m.section ? `${m.section} — ` : '', (() => {
      const a = el('a', { href: '#', id: 'source', title: 'Open the guide at this line (g)' }, m.source.label);
      a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'openSource', id: m.id }); });
      return a;
    })()),
  );
  const body: HTMLElement[] = [];
  if (m.review) {
    body.push(el('aside', { class: `review-note verdict-${m.review.verdict}`, id: 'review-note', role: 'note', 'aria-label': `Review note: ${m.review.label}` },
      el('p', { class: 'review-label' }, `⚠ ${m.review.label}`), html(m.review.noteHtml, 'review-body')));
  } else if (m.checked) {
    body.push(el('p', { class: 'checked', id: 'checked' }, '✓ Checked against current Django (5.2).'));
  }
  if (m.repairedHtml) {
    const toggle = el('button', { type: 'button', id: 'toggle-original', class: 'link-button', 'aria-pressed': String(showOriginal) },
      showOriginal ? 'Show the repaired text (o)' : 'Show the guide\'s original text (o)');
    toggle.addEventListener('click', () => { showOriginal = !showOriginal; render(m, false); });
    body.push(el('p', { class: 'repaired-label' }, showOriginal ? 'The guide\'s original text, as scraped. ' : 'Re-rendered: the scrape damaged the guide\'s text (same words). ', toggle));
  }
  if (m.answerHtml || m.repairedHtml) body.push(html(m.repairedHtml && !showOriginal ? m.repairedHtml : m.answerHtml, 'answer'));
  else {
    const none = el('section', { class: 'no-answer', role: 'note' }, el('p', {}, 'This guide asks the question without answering it.'));
    if (m.hintHtml) none.append(el('p', {}, el('strong', {}, 'Hint: ')), html(m.hintHtml, 'hint'));
    if (m.seeAlso) {
      const a = el('a', { href: '#', id: 'see-also' }, m.seeAlso.label);
      a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'openSeeAlso', id: m.id }); });
      none.append(el('p', {}, 'Covered in: ', a));
    }
    body.push(none);
  }
  if (m.keyPointsHtml?.length) {
    const list = el('ul', { class: 'key-points', id: 'key-points' });
    for (const p of m.keyPointsHtml) list.append(html(p, 'point', 'li'));
    body.push(el('section', { 'aria-label': 'Key points' }, el('h2', {}, 'Key points a good answer makes'), list));
  }
  if (m.variants.length) {
    const list = el('ul', {});
    for (const v of m.variants) {
      const a = el('a', { href: '#', 'data-id': v.id }, v.question);
      a.addEventListener('click', e => { e.preventDefault(); vscode.postMessage({ type: 'open', id: v.id }); });
      list.append(el('li', {}, a, el('span', { class: 'where' }, ` — ${v.source}`)));
    }
    body.push(el('section', { class: 'variants', 'aria-label': 'Also asked as' }, el('h2', {}, 'Also asked as'), list));
  }
  const nav = el('nav', { 'aria-label': 'Questions in this topic' });
  nav.append(m.previous ? button('← Previous', `Previous: ${m.previous.question} (p)`, { type: 'open', id: m.previous.id }, { id: 'previous' }) : el('span', {}));
  nav.append(el('span', { class: 'position' }, `${m.position.index + 1} of ${m.position.total} in ${m.position.topic}`));
  const actions = el('span', { class: 'actions' });
  if (m.actions.quiz) actions.append(button('Quiz this topic', 'Start a quiz on this topic', { type: 'quizTopic', id: m.id }, { id: 'quiz' }));
  if (m.actions.markKnown) actions.append(button(m.actions.known ? '✓ Known' : 'Mark known', 'Mark this question as known', { type: 'markKnown', id: m.id }, { id: 'known' }));
  nav.append(actions);
  nav.append(m.next ? button('Next →', `Next: ${m.next.question} (n)`, { type: 'open', id: m.next.id }, { id: 'next' }) : el('span', {}));
  root.replaceChildren(header, ...body, nav);
  if (fresh) window.scrollTo(0, 0);
  else document.getElementById('toggle-original')?.focus();
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const m = event.data;
  if (m && m.type === 'show') render(m);
});

document.addEventListener('keydown', e => {
  if (!current || e.ctrlKey || e.metaKey || e.altKey || (e.target as HTMLElement).tagName === 'INPUT') return;
  if ((e.key === 'n' || e.key === 'j') && current.next) vscode.postMessage({ type: 'open', id: current.next.id });
  else if ((e.key === 'p' || e.key === 'k') && current.previous) vscode.postMessage({ type: 'open', id: current.previous.id });
  else if (e.key === 'g') vscode.postMessage({ type: 'openSource', id: current.id });
  else if (e.key === 'o' && current.repairedHtml) {
    showOriginal = !showOriginal;
    render(current, false);
  }
});

vscode.postMessage({ type: 'ready' });
