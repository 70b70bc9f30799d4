// Guide Markdown to HTML for the webviews: markdown-it with raw HTML off (a guide cannot inject markup or
// script), links limited to http(s) and in-page anchors, code highlighted by highlight.js with a small
// set of languages so the bundle stays small. Pure: no VS Code API.
import MarkdownIt from 'markdown-it';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import bash from 'highlight.js/lib/languages/bash';
import json from 'highlight.js/lib/languages/json';
import sql from 'highlight.js/lib/languages/sql';
import django from 'highlight.js/lib/languages/django';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import xml from 'highlight.js/lib/languages/xml';

hljs.registerLanguage('python', python);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('sql', sql);
hljs.registerLanguage('xml', xml);
hljs.registerLanguage('django', django);
hljs.registerLanguage('dockerfile', dockerfile);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const md: MarkdownIt.MarkdownIt = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  highlight(code: string, lang: string): string {
    const language = lang && hljs.getLanguage(lang) ? lang : '';
    const body = language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : escapeHtml(code);
    return `<pre class="code" data-lang="${escapeHtml(language || 'text')}"><code class="hljs">${body}</code></pre>`;
  },
});

// Only web links and anchors survive; `javascript:`, `data:`, `vbscript:`, `file:` and friends do not.
md.validateLink = (url: string) => /^(https?:\/\/|#)/i.test(url.trim());
const defaultLinkOpen: MarkdownIt.RendererRule = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
const linkOpen: MarkdownIt.RendererRule = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};
md.renderer.rules.link_open = linkOpen;

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

export function renderInline(markdown: string): string {
  return md.renderInline(markdown);
}
