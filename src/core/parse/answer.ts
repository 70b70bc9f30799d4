// Turns the lines under a question into clean Markdown without changing its words: code kept or put
// in fences, code glued to prose split apart, broken table rows joined, one-line paragraphs separated,
// the HTML of Markdown guides (`<br/>`, `<b>`, `&nbsp;`) turned into Markdown.
import { htmlToMarkdown } from './html';

const CODE_LINE = new RegExp(
  [
    String.raw`^(from\s+[\w.]+\s+import\b|import\s+[\w.]+)`,
    String.raw`^(async\s+)?def\s+\w+\s*\(`,
    String.raw`^class\s+\w+(\(.*\))?\s*:`,
    String.raw`^@[\w.]+(\(.*)?$`,
    String.raw`^(return|raise|yield|await|pass|break|continue)\b`,
    String.raw`^(if|elif|for|while|with|try|except|finally|else)\b.*:\s*(#.*)?$`,
    String.raw`^[\w.\[\]"']+\s*(=|\+=|-=|\*=|&=|\|=)\s*\S`,
    String.raw`^[\w.]+\((.*)\)?\s*(#.*)?$`,
    String.raw`^[\w.]+\.[\w]+\(.*$`,
    String.raw`^[)\]}][)\]},]*\s*$`,
    String.raw`^\.[a-z_]+\(`,
    String.raw`^[A-Z]\w*\.objects\b`,
    String.raw`^lambda\b`,
    String.raw`^#\s*[\w./]+\.py\b`,
    String.raw`^(python|python3|pip|gunicorn|uvicorn|celery|docker|npm|django-admin)\s+\S`,
    String.raw`^[\w.@-]+:~[^\s$]*\$\s+\S`,
    String.raw`^[\w]+\s*=\s*[\[({]\s*$`,
    String.raw`^"[^"]*",?\s*$`,
    String.raw`^[A-Z_]{3,}\s*=`,
    String.raw`^(FROM|RUN|CMD|COPY|ENV|WORKDIR|EXPOSE|ENTRYPOINT)\s+\S`,
  ].join('|'),
);
/** A line that reads as Python or shell code rather than prose. */
export function isCodeLine(line: string): boolean {
  const t = line.trim();
  if (!CODE_LINE.test(t)) return false;
  // Prose that starts with a call: `transaction.atomic() creates an all-or-nothing block:`
  if (/:$/.test(t) && !/^(async\s+def|def|class|if|elif|else|for|while|with|try|except|finally)\b/.test(t)) return false;
  return !/[)\]]\s+[a-z]+\s+[a-z]+\s+[a-z]+/.test(t);
}

/** Net count of open brackets on a line of code (strings and comments ignored roughly). */
function bracketDelta(line: string): number {
  const code = line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '').replace(/#.*$/, '');
  let depth = 0;
  for (const ch of code) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth;
}

const SHELL_LINE = /^(python|python3|pip|gunicorn|uvicorn|celery|docker|npm|django-admin)\s|^[\w.@-]+:~[^\s$]*\$\s/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEP = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const LIST_ITEM = /^\s*([*+-]|\d+[.)])\s+/;
const FENCE = /^\s*(```+|~~~+)(.*)$/;

/** Splits lines where scraping glued code and prose together, e.g. `return responseExample:` or `)The second…`. */
export function splitGluedLines(line: string): string[] {
  if (TABLE_ROW.test(line)) return [line];
  const out = line
    // closing bracket of code followed by prose or a comment: `]# views.py`, `product.save()The second…`
    .replace(/([)\]])(?=(#\s|[A-Z][a-z]+[\s,:]|A\s))/g, '$1\n')
    // a word running into a short capitalised label ending the line: `responseExample:`, `25A strong answer is:`
    .replace(/([a-z0-9])(?=[A-Z][a-zA-Z-]*(?: [a-zA-Z/-]+){0,6}:\s*$)/g, '$1\n')
    // prose or code running into a table header row: `assert x == 201| Tool | Use |`
    .replace(/(\S)\s*(?=\|(?: [^|]+ \|){2,}\s*$)/, '$1\n');
  return out.split('\n');
}

/** Joins table rows that scraping broke over several lines, counting cells against the header. */
function repairTables(lines: string[]): string[] {
  const out: string[] = [];
  let columns = 0;
  let pending: string[] = [];
  const cellsOf = (parts: string[]) => parts.join(' ').split('|').map(c => c.trim()).filter(c => c !== '');
  const flush = () => {
    if (pending.length) out.push(`| ${cellsOf(pending).join(' | ')} |`);
    pending = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (TABLE_SEP.test(line) && i > 0 && TABLE_ROW.test(lines[i - 1])) {
      columns = (lines[i - 1].match(/\|/g)?.length ?? 1) - 1;
      out.push(line);
      continue;
    }
    const fragment = columns > 0 && (/^\s*\|/.test(line) || /\|\s*$/.test(line)) && line.trim() !== '';
    if (!fragment) {
      flush();
      if (columns > 0 && !TABLE_ROW.test(line)) columns = 0;
      out.push(line);
      continue;
    }
    if (/^\s*\|/.test(line) && pending.length) flush();
    pending.push(line);
    if (cellsOf(pending).length >= columns) flush();
  }
  flush();
  return out;
}

function looksLikePython(code: string): boolean {
  return /\b(def|class|import|return|self|objects|lambda|async|await)\b|^\s*@\w|=\s*[[{(]|\w+\(.*\)/m.test(code);
}

type Block = { kind: 'code'; lang: string; lines: string[] } | { kind: 'text'; lines: string[] };

export function tidyAnswer(raw: string): string {
  const lines = raw.replace(/\t/g, '    ').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const fence = FENCE.exec(lines[i]);
    if (fence) {
      // Existing fence: keep the code, drop trailing spaces, name the language when it is clear.
      const body: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i])) body.push(lines[i++].replace(/\s+$/, ''));
      i++;
      const given = fence[2].trim();
      const code = body.join('\n');
      const lang = given || (body.every(l => !l.trim() || SHELL_LINE.test(l.trim()) || l.trim().startsWith('#')) && body.some(l => SHELL_LINE.test(l.trim())) ? 'bash' : looksLikePython(code) ? 'python' : '');
      blocks.push({ kind: 'code', lang, lines: body });
      continue;
    }
    const text: string[] = [];
    while (i < lines.length && !FENCE.test(lines[i])) text.push(lines[i++]);
    const markdown = htmlToMarkdown(text.join('\n')).split('\n');
    blocks.push(...fenceBareCode(repairTables(markdown.flatMap(splitGluedLines))));
  }
  return render(blocks).trim();
}

/** Finds runs of unfenced code lines (two or more, or one unmistakable line) and fences them. */
function fenceBareCode(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let text: string[] = [];
  let i = 0;
  const isCode = (l: string) => !TABLE_ROW.test(l) && !LIST_ITEM.test(l) && isCodeLine(l);
  while (i < lines.length) {
    if (isCode(lines[i])) {
      let j = i;
      const run: string[] = [];
      // Continue through lines that belong to the statement: indented ones, comments and closers.
      let depth = 0;
      // Inside open brackets every line belongs to the statement, whatever it looks like.
      const belongs = (l: string) => depth > 0 || isCode(l) || /^\s+\S/.test(l) || (run.length > 0 && /^#\s/.test(l.trim()));
      for (;;) {
        while (j < lines.length && lines[j].trim() !== '' && belongs(lines[j])) {
          run.push(lines[j].replace(/\s+$/, ''));
          depth = Math.max(0, depth + bracketDelta(lines[j]));
          j++;
        }
        // Code pasted with a blank line after every line: one blank line between two code lines is inside the code.
        if (j + 1 < lines.length && lines[j].trim() === '' && lines[j + 1].trim() !== '' && isCode(lines[j + 1]) && run.length > 0) {
          run.push('');
          j++;
          continue;
        }
        break;
      }
      const strong = run.length >= 2 || /^(from|import|def|class|async def|@|python|pip)\b/.test(run[0].trim()) || SHELL_LINE.test(run[0].trim());
      if (strong) {
        if (text.length) blocks.push({ kind: 'text', lines: text });
        text = [];
        const shell = run.every(l => SHELL_LINE.test(l.trim()));
        blocks.push({ kind: 'code', lang: shell ? 'bash' : 'python', lines: run });
        i = j;
        continue;
      }
    }
    text.push(lines[i++]);
  }
  if (text.length) blocks.push({ kind: 'text', lines: text });
  return blocks;
}

function render(blocks: Block[]): string {
  const out: string[] = [];
  const gap = () => { if (out.length && out[out.length - 1] !== '') out.push(''); };
  for (const block of blocks) {
    if (block.kind === 'code') {
      while (block.lines.length && !block.lines[block.lines.length - 1].trim()) block.lines.pop();
      gap();
      out.push('```' + block.lang, ...block.lines, '```');
      out.push('');
      continue;
    }
    let prev: 'blank' | 'prose' | 'list' | 'table' | 'title' = 'blank';
    const text = block.lines;
    for (let k = 0; k < text.length; k++) {
      const line = text[k];
      const t = line.trim();
      if (t === '' || /^-{3,}$/.test(t) || /^\*{3,}$/.test(t)) {
        if (out.length && out[out.length - 1] !== '') out.push('');
        prev = 'blank';
        continue;
      }
      const kind = TABLE_ROW.test(line) || TABLE_SEP.test(line) ? 'table' : LIST_ITEM.test(line) ? 'list' : 'prose';
      const previousLine = out[out.length - 1] ?? '';
      // One line, one paragraph, unless the source marks a hard break (two trailing spaces).
      const joinHardBreak = kind === 'prose' && prev === 'prose' && /\s{2}$/.test(previousLine);
      const continuesList = kind === 'prose' && prev === 'list' && /^\s+/.test(line);
      if (prev !== 'blank' && kind !== prev && !continuesList) gap();
      else if (kind === 'prose' && prev === 'prose' && !joinHardBreak) gap();
      // A lone title line between blank lines inside an answer reads as a sub-heading.
      const alone = prev === 'blank' && isBlankish(text[k + 1]);
      if (kind === 'prose' && alone && isSubheading(t)) out.push(`**${t}**`);
      else out.push(line.replace(/\s+$/, kind === 'prose' && /\s{2}$/.test(line) ? '  ' : ''));
      prev = kind;
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function isBlankish(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

function isSubheading(t: string): boolean {
  return t.length <= 60 && /^[A-Z]/.test(t) && !/[.?!,;:|=()]$/.test(t) && t.split(/\s+/).length <= 8;
}
