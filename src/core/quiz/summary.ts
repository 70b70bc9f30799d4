// One–two sentence plain-text summaries of Markdown answers, for multiple-choice options and
// previews: Markdown stripped, code blocks, raw HTML and images dropped, capped at ~200 characters.
import MarkdownIt from 'markdown-it';
import type { Entry } from '../types';

// html: true only so that raw HTML is recognised as such and dropped; nothing here is ever rendered.
const md = new MarkdownIt({ html: true, linkify: false });

type Token = MarkdownIt.Token;

export const SUMMARY_MAX_CHARS = 200;

export function summarize(markdown: string, maxChars = SUMMARY_MAX_CHARS): string {
  if (!markdown || !markdown.trim()) return '';
  const segments = blockSegments(md.parse(markdown, {}));
  const text = joinSegments(segments).replace(/^(?:answer|a)\s*[:.-]\s*/i, '');
  if (!text) return '';
  const sentences = splitSentences(text);
  let summary = sentences[0];
  if (sentences.length > 1 && summary.length < 90 && summary.length + 1 + sentences[1].length <= maxChars) summary += ` ${sentences[1]}`;
  return cap(summary, maxChars);
}

/** Summary of an entry's answer, cached per entry object (entries are immutable once loaded). */
const cache = new WeakMap<Entry, string>();
export function entrySummary(entry: Entry): string {
  let s = cache.get(entry);
  if (s === undefined) {
    s = entry.hasAnswer ? summarize(entry.answer) : '';
    cache.set(entry, s);
  }
  return s;
}

function inlineText(token: Token): string {
  let out = '';
  for (const child of token.children ?? []) {
    if (child.type === 'text' || child.type === 'code_inline') out += child.content;
    else if (child.type === 'softbreak' || child.type === 'hardbreak') out += ' ';
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** A paragraph that is nothing but bold/italic text (`**Problematic Code**`): a heading in disguise. */
function isEmphasisOnly(token: Token): boolean {
  const children = (token.children ?? []).filter(c => !(c.type === 'text' && !c.content.trim()) && c.type !== 'softbreak');
  if (children.length < 3) return false;
  const first = children[0].type;
  const last = children[children.length - 1].type;
  return (first === 'strong_open' && last === 'strong_close') || (first === 'em_open' && last === 'em_close');
}

type Segment = { kind: 'text' | 'heading' | 'gap'; text: string };

/**
 * Text segments in reading order: paragraphs one each, a whole list as one ("a; b; c"). Headings
 * (and bold-only paragraphs) are set aside, and a label paragraph ("Example:") that only introduced
 * a dropped code block or table goes with it; headings and tables are used only when nothing else is left.
 */
function blockSegments(tokens: Token[]): string[] {
  const segments: Segment[] = [];
  const tableRows: string[] = [];
  let listDepth = 0;
  let items: string[] = [];
  let tableDepth = 0;
  let row: string[] = [];
  let heading = false;
  for (const t of tokens) {
    switch (t.type) {
      case 'bullet_list_open':
      case 'ordered_list_open':
        listDepth++;
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        listDepth--;
        if (listDepth === 0 && items.length) {
          segments.push({ kind: 'text', text: items.join('; ') });
          items = [];
        }
        break;
      case 'table_open':
        tableDepth++;
        segments.push({ kind: 'gap', text: '' });
        break;
      case 'table_close':
        tableDepth--;
        break;
      case 'tr_close':
        if (row.length) tableRows.push(row.join(' – '));
        row = [];
        break;
      case 'heading_open':
        heading = true;
        break;
      case 'heading_close':
        heading = false;
        break;
      case 'fence':
      case 'code_block':
      case 'html_block':
        if (listDepth === 0) segments.push({ kind: 'gap', text: '' });
        break;
      case 'inline': {
        const text = inlineText(t);
        if (!text) break;
        if (tableDepth > 0) row.push(text);
        else if (listDepth > 0) items.push(text.replace(/[.;,]+$/, ''));
        else if (heading || isEmphasisOnly(t)) segments.push({ kind: 'heading', text: /[.:!?]$/.test(text) ? text : `${text}:` });
        else segments.push({ kind: 'text', text: stripLeadingLabel(text) });
        break;
      }
      default:
        break;
    }
  }
  const kept: string[] = [];
  const flow = segments.filter(s => s.kind !== 'heading');
  flow.forEach((s, i) => {
    if (s.kind !== 'text') return;
    const next = flow[i + 1];
    // A label ("Example:", "Strategies:") whose content was dropped or is another label.
    if (/:$/.test(s.text) && (!next || next.kind === 'gap' || /:$/.test(next.text)) && s.text.split(' ').length <= 6) return;
    kept.push(s.text);
  });
  if (kept.length) return kept;
  const headings = segments.filter(s => s.kind === 'heading').map(s => s.text.replace(/:$/, '.'));
  if (tableRows.length) return [tableRows.slice(1).join('; ') || tableRows[0]];
  return headings.slice(0, 2);
}

/** "Situation: Our platform…" → "Our platform…": a one- or two-word label in front of a sentence. */
function stripLeadingLabel(text: string): string {
  const m = /^([A-Z][A-Za-z]*(?: [A-Za-z]+)?):\s+(?=[A-Z0-9`"'(])/.exec(text);
  return m && text.length - m[0].length >= 20 ? text.slice(m[0].length) : text;
}

function joinSegments(segments: string[]): string {
  let out = '';
  for (const s of segments) {
    if (!out) out = s;
    else if (/:$/.test(out)) out += ` ${s}`;
    else out += `${/[.!?]$/.test(out) ? '' : '.'} ${s}`;
  }
  return out.replace(/\s+/g, ' ').trim();
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'approx', 'mr', 'mrs', 'dr', 'cf', 'incl', 'no', 'fig', 'a.k.a']);

/** Sentences of plain text, not splitting after common abbreviations or inside dotted names (`models.Model`). */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]+["')\]]?\s+(?=["'(`]?[A-Z0-9])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text.slice(start, m.index);
    const lastWord = (/(\S+)$/.exec(before)?.[1] ?? '').toLowerCase().replace(/^[("'`]+/, '');
    if (ABBREVIATIONS.has(lastWord) || /^[a-z]$/.test(lastWord)) continue;
    out.push(text.slice(start, m.index + m[0].length).trim());
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** Lower-case words of a text, for near-duplicate checks. */
export function normalizeForCompare(text: string): string {
  return text.toLowerCase().replace(/…$/, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Same or near-identical text: equal once normalised, one a prefix of the other (a truncated copy), or ≥ 80% shared words. */
export function nearDuplicate(a: string, b: string): boolean {
  const x = normalizeForCompare(a);
  const y = normalizeForCompare(b);
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (short.length >= 40 && long.startsWith(short)) return true;
  const wa = new Set(x.split(' ').filter(Boolean));
  const wb = new Set(y.split(' ').filter(Boolean));
  if (!wa.size || !wb.size) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared) >= 0.8;
}
