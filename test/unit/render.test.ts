import assert from 'node:assert/strict';
import { renderMarkdown, renderInline } from '../../src/core/render/markdown';

describe('guide Markdown rendering', () => {
  it('renders raw HTML from a guide as text, never as markup', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> and <img src=x onerror="alert(2)">');
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(2\)&quot;&gt;/);
  });

  it('drops javascript:, data: and vbscript: links, keeps web links', () => {
    const html = renderMarkdown('[a](javascript:alert(1)) [b](data:text/html,<b>x</b>) [c](vbscript:msgbox) [d](https://docs.djangoproject.com/)');
    assert.doesNotMatch(html, /href="(javascript|data|vbscript):/i);
    assert.match(html, /<a href="https:\/\/docs\.djangoproject\.com\/" rel="noopener noreferrer">d<\/a>/);
  });

  it('highlights Python code and escapes what is inside code', () => {
    const html = renderMarkdown('```python\ndef f():\n    return "<b>"\n```');
    assert.match(html, /<pre class="code" data-lang="python"><code class="hljs"><span class="hljs-keyword">def<\/span>/);
    assert.match(html, /&lt;b&gt;/);
  });

  it('unknown languages are escaped plain text', () => {
    const html = renderMarkdown('```brainfuck\n<>+-\n```');
    assert.match(html, /data-lang="text"><code class="hljs">&lt;&gt;\+-/);
  });

  it('renders tables and inline code', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| `x` | y |');
    assert.match(html, /<table>[\s\S]*<code>x<\/code>/);
    assert.equal(renderInline('`on_commit` <i>'), '<code>on_commit</code> &lt;i&gt;');
  });
});

import { parseAnswerMessage, parseAnswerState } from '../../src/webview/answerProtocol';

describe('answer view messages', () => {
  it('accepts the known messages', () => {
    assert.deepEqual(parseAnswerMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseAnswerMessage({ type: 'open', id: 'guide#0a1b2c3d' }), { type: 'open', id: 'guide#0a1b2c3d' });
    assert.deepEqual(parseAnswerState({ id: 'guide#0a1b2c3d', extra: 1 }), { id: 'guide#0a1b2c3d' });
  });

  it('rejects malformed ones', () => {
    for (const bad of [null, 'open', [], { type: 'open' }, { type: 'open', id: 42 }, { type: 'open', id: '<script>' }, { type: 'eval', id: 'x' }, { type: 'open', id: 'x'.repeat(301) }]) {
      assert.equal(parseAnswerMessage(bad), undefined, JSON.stringify(bad));
    }
    assert.equal(parseAnswerState({ id: '../../etc/passwd\n' }), undefined);
    assert.equal(parseAnswerState(undefined), undefined);
  });
});

import { parseQuizMessage } from '../../src/webview/quizProtocol';
import { parseStudyPlanMessage } from '../../src/webview/studyPlanProtocol';

describe('quiz and study plan messages', () => {
  it('accept well-formed messages', () => {
    assert.deepEqual(parseQuizMessage({ type: 'choose', index: 2, choice: 3 }), { type: 'choose', index: 2, choice: 3 });
    assert.deepEqual(parseQuizMessage({ type: 'grade', index: 0, rating: 4 }), { type: 'grade', index: 0, rating: 4 });
    assert.deepEqual(parseStudyPlanMessage({ type: 'openFile', path: 'orders/services.py', line: 37 }), { type: 'openFile', path: 'orders/services.py', line: 37 });
    assert.deepEqual(parseStudyPlanMessage({ type: 'quizTopic', topic: 'signals' }), { type: 'quizTopic', topic: 'signals' });
  });

  it('refuse malformed or hostile ones', () => {
    const badQuiz = [{ type: 'choose', index: 0, choice: 4 }, { type: 'choose', index: -1, choice: 0 }, { type: 'choose', index: '0', choice: 0 },
      { type: 'grade', index: 0, rating: 7 }, { type: 'grade', index: 0, rating: 2.5 }, { type: 'open', id: 'javascript:alert(1)' }, { type: '__proto__' }, 42, null];
    for (const m of badQuiz) assert.equal(parseQuizMessage(m), undefined, JSON.stringify(m));
    const badPlan = [{ type: 'openFile', path: '../../etc/passwd', line: 1 }, { type: 'openFile', path: 'a.py', line: -1 }, { type: 'openFile', path: 'a.py', line: 1.5 },
      { type: 'quizTopic', topic: 'not-a-topic' }, { type: 'open', id: '<img>' }, []];
    for (const m of badPlan) assert.equal(parseStudyPlanMessage(m), undefined, JSON.stringify(m));
  });
});
