// A guide's lines as the parser sees them: any line ending, front matter and HTML comments blanked
// (they are never questions or answers, and blanking keeps every line number), fenced code marked.

export interface GuideLines {
  lines: string[];
  /** Lines inside (and on) fenced code blocks. */
  fenced: boolean[];
}

export function readLines(text: string): GuideLines {
  const lines = text.split(/\r\n|\r|\n/);
  blankFrontMatter(lines);
  blankHtmlComments(lines, fencedLines(lines));
  return { lines, fenced: fencedLines(lines) };
}

/** Marks lines inside (and on) fenced code blocks. */
export function fencedLines(lines: readonly string[]): boolean[] {
  const fenced = new Array<boolean>(lines.length).fill(false);
  let open: string | null = null;
  lines.forEach((line, i) => {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (open) {
      fenced[i] = true;
      if (m && m[1][0] === open[0] && m[1].length >= open.length) open = null;
    } else if (m) {
      fenced[i] = true;
      open = m[1];
    }
  });
  return fenced;
}

/** YAML front matter of notes apps and static-site generators: `---`, `key: value` lines, `---`. */
function blankFrontMatter(lines: string[]): void {
  if (lines[0]?.trim() !== '---') return;
  for (let i = 1; i < Math.min(lines.length, 80); i++) {
    const t = lines[i].trim();
    if (t === '---' || t === '...') {
      if (lines.slice(1, i).some(l => /^[\w-]+\s*:/.test(l))) for (let j = 0; j <= i; j++) lines[j] = '';
      return;
    }
  }
}

/** `<!-- … -->`, on one line or several, outside code. */
function blankHtmlComments(lines: string[], fenced: readonly boolean[]): void {
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    let line = lines[i];
    if (!open && !line.includes('<!--')) continue;
    if (open) {
      const close = line.indexOf('-->');
      if (close < 0) {
        lines[i] = '';
        continue;
      }
      line = ' '.repeat(close + 3) + line.slice(close + 3);
      open = false;
    }
    line = line.replace(/<!--[\s\S]*?-->/g, m => ' '.repeat(m.length));
    const start = line.indexOf('<!--');
    if (start >= 0) {
      line = line.slice(0, start);
      open = true;
    }
    lines[i] = line.trim() === '' ? '' : line.replace(/\s+$/, '');
  }
}
