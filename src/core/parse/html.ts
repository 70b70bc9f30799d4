// The HTML people put in Markdown guides: collapsible `<details><summary>` questions, `<h1>` titles,
// and inline tags in answers (`<br/>`, `<b>`, `<p>`, `&nbsp;`), turned into Markdown because the answer
// view renders Markdown with raw HTML disabled.

export interface DetailsBlock {
  /** Line of `<details>`. */
  start: number;
  /** Line of `<summary>`. */
  summaryLine: number;
  /** The summary's text, tags removed. */
  summary: string;
  /** The block's content after `</summary>`, up to `</details>`. */
  body: string;
  /** Line of `</details>` (the last line when it is missing). */
  end: number;
}

const OPEN = /<details\b[^>]*>/i;

/** Every `<details>` block with a `<summary>`, outermost first; nested blocks are listed too. */
export function detailsBlocks(lines: readonly string[], fenced: readonly boolean[]): DetailsBlock[] {
  const blocks: DetailsBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i] || !OPEN.test(lines[i])) continue;
    const block = readDetails(lines, fenced, i);
    if (block) blocks.push(block);
  }
  return blocks;
}

function readDetails(lines: readonly string[], fenced: readonly boolean[], start: number): DetailsBlock | undefined {
  // The text from `<details>` on, with line starts remembered so positions map back to lines.
  let text = '';
  const starts: number[] = [];
  const lineAt = (offset: number) => {
    let k = starts.length - 1;
    while (k > 0 && starts[k] > offset) k--;
    return start + k;
  };
  let depth = 0;
  let summaryLine = -1;
  let summary = '';
  let bodyFrom = -1;
  for (let i = start; i < lines.length; i++) {
    const from = text.length;
    const line = i === start ? lines[i].slice(OPEN.exec(lines[i])!.index) : lines[i];
    starts.push(from);
    text += line + '\n';
    if (fenced[i]) continue;
    if (summaryLine < 0) {
      const m = /<summary\b[^>]*>([\s\S]*?)<\/summary>/i.exec(text);
      if (m) {
        summaryLine = lineAt(m.index);
        summary = stripTags(m[1]);
        bodyFrom = m.index + m[0].length;
      } else if (i - start > 3) return undefined;
    }
    if (summaryLine < 0) continue;
    // Nested blocks count: the block ends at its own `</details>`.
    const tags = /<(\/?)details\b[^>]*>/gi;
    tags.lastIndex = Math.max(bodyFrom, from);
    for (let m = tags.exec(text); m; m = tags.exec(text)) {
      if (!m[1]) depth++;
      else if (depth-- === 0) return { start, summaryLine, summary, body: text.slice(bodyFrom, m.index), end: lineAt(m.index) };
    }
  }
  if (summaryLine < 0) return undefined;
  return { start, summaryLine, summary, body: text.slice(bodyFrom), end: lines.length - 1 };
}

/** `<h1>Title</h1>` (also over several lines) as a section heading. */
export function htmlHeading(lines: readonly string[], index: number): { level: number; text: string; end: number } | undefined {
  const m = /^\s*<h([1-6])\b[^>]*>(.*)$/i.exec(lines[index]);
  if (!m) return undefined;
  let text = m[2];
  let end = index;
  while (!/<\/h[1-6]>/i.test(text) && end + 1 < lines.length && end - index < 4) text += ' ' + lines[++end];
  if (!/<\/h[1-6]>/i.test(text)) return undefined;
  return { level: Number(m[1]), text: stripTags(text.replace(/<\/h[1-6]>[\s\S]*$/i, '')), end };
}

const ENTITIES: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', quot: '"', apos: "'", amp: '&', mdash: '—', ndash: '–', hellip: '…', rarr: '→', larr: '←' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Inline text without its tags and entities, spaces collapsed. */
export function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/** The tags that appear in guides' Markdown; anything else (`<int:pk>`, `<T>`) is text. */
const KNOWN_TAG = /<\/?(?:p|br|b|strong|i|em|u|a|img|div|span|center|details|summary|sup|sub|small|font|h[1-6]|hr)\b[^>]*\/?>/i;

/**
 * Markdown for the HTML inside an answer's prose (never inside code): line breaks and paragraphs become
 * lines, bold and italics become `**`/`*`, links keep their target, images and layout tags go.
 * Text without such tags or entities comes back unchanged.
 */
export function htmlToMarkdown(text: string): string {
  if (!KNOWN_TAG.test(text) && !/&(#\d+|#x[0-9a-f]+|[a-z]{2,8});/i.test(text)) return text;
  return text
    .split('\n')
    .flatMap(line => {
      if (/^\s*(```|~~~)/.test(line)) return [line];
      const converted = convertLine(line);
      return converted === line ? [line] : converted.split('\n').map(l => l.trim());
    })
    .join('\n');
}

function convertLine(line: string): string {
  // Leave inline code alone: split on backtick spans and convert only the text between them.
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : convertHtml(part)))
    .join('');
}

function convertHtml(text: string): string {
  if (!KNOWN_TAG.test(text) && !/&(#\d+|#x[0-9a-f]+|[a-z]{2,8});/i.test(text)) return text;
  return decodeEntities(
    text
      .replace(/&nbsp;/gi, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p\b[^>]*>/gi, '\n')
      .replace(/<\/?p\b[^>]*>/gi, '\n')
      .replace(/<hr\s*\/?>/gi, '\n')
      .replace(/<(b|strong)\b[^>]*>([\s\S]*?)<\/\1>/gi, (_, _t, inner: string) => (inner.trim() ? `**${inner.trim()}**` : ''))
      .replace(/<(i|em)\b[^>]*>([\s\S]*?)<\/\1>/gi, (_, _t, inner: string) => (inner.trim() ? `*${inner.trim()}*` : ''))
      .replace(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, inner: string) => `[${stripTags(inner)}](${href})`)
      .replace(/<img\b[^>]*>/gi, '')
      .replace(/<\/?(?:div|span|center|details|summary|sup|sub|small|font|u|a|h[1-6]|b|strong|i|em)\b[^>]*>/gi, ''),
  ).replace(/[ \t]+$/g, '');
}
