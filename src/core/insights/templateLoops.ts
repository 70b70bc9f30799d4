// DJC012 (issue 14), the template side: the `{% for x in name %}…{% endfor %}` blocks of one Django
// template and the related reads of the loop variable inside them (`x.<rel>.<attr>`), plus every name
// the template binds itself (`{% with %}`, `… as name`, loop variables), which may shadow a context name.
// Pure and linear in the text; never throws. Works on the masked text (comments and verbatim blocks
// blanked, offsets unchanged).
import { isSpace } from './code';
import { isWordCode, regExpFor } from './lineScan';

const REBINDS = new Map<string, RegExp>(), READS = new Map<string, RegExp>();

/** One `x.<rel>.<attr>` read inside `{{ … }}` or `{% … %}` of a loop body. Offsets into the text. */
export interface TemplateRead {
  rel: string;
  attr: string;
  /** Offset of the loop variable, and of the end of `x.<rel>` / of `x.<rel>.<attr>`. */
  start: number;
  relEnd: number;
  attrEnd: number;
}

export interface TemplateLoop {
  /** The loop variable (one name; tuple unpacking is not read). */
  variable: string;
  /** The context name looped over (`orders` in `{% for o in orders %}` or `orders.all`). */
  iterable: string;
  /** The `{% for … %}` tag. */
  tagStart: number;
  tagEnd: number;
  reads: TemplateRead[];
}

export interface TemplateShape {
  loops: TemplateLoop[];
  /** Names the template binds itself: loop variables, `{% with a=… %}`/`{% with … as a %}`, `{% … as a %}`. */
  bound: Set<string>;
}

/** Templates larger than this are not read (a generated or data file, not a page). */
export const MAX_TEMPLATE_CHARS = 1_000_000;
const FOR_HEAD = /^\s*([\w\s,]+?)\s+in\s+([\s\S]+?)\s*$/;
const NAME = /^[A-Za-z_]\w*$/;

/** A tag (`name` its tag name) or a variable node (`name` ''), with the text between its delimiters. */
interface Node {
  start: number;
  end: number;
  name: string;
  inner: string;
  innerStart: number;
}

interface Open {
  variables: string[];
  iterable: string | null;
  tagStart: number;
  tagEnd: number;
  /** Where the body ends for reads (`{% empty %}` or `{% endfor %}`). */
  bodyEnd: number;
  /** The indexes in the node list of the `{% for %}` and of the node that ends the body. */
  first: number;
  last: number;
}

/** The loops and bound names of a (masked) template. */
export function readTemplate(masked: string): TemplateShape {
  const loops: TemplateLoop[] = [];
  const bound = new Set<string>();
  if (masked.length > MAX_TEMPLATE_CHARS || !masked.includes('{%')) return { loops, bound };
  const nodes = scanNodes(masked, bound);
  const stack: Open[] = [];
  const closed: Open[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.name === 'for') {
      const head = FOR_HEAD.exec(n.inner.replace(/\s+reversed\s*$/, ''));
      const variables = head ? head[1].split(',').map(s => s.trim()).filter(Boolean) : [];
      for (const v of variables) bound.add(v);
      const iter = head ? /^([A-Za-z_]\w*)(?:\.all)?$/.exec(head[2]) : null;
      stack.push({ variables, iterable: iter ? iter[1] : null, tagStart: n.start, tagEnd: n.end, bodyEnd: -1, first: i, last: -1 });
    } else if (n.name === 'empty') {
      const top = stack[stack.length - 1];
      if (top && top.bodyEnd < 0) {
        top.bodyEnd = n.start;
        top.last = i;
      }
    } else if (n.name === 'endfor') {
      const top = stack.pop();
      if (top) {
        if (top.bodyEnd < 0) {
          top.bodyEnd = n.start;
          top.last = i;
        }
        closed.push(top);
      }
    } else if (n.name) {
      addBindings(n.name, n.inner, bound);
    }
  }
  // An unterminated `{% for %}` has no body Django would render (the template does not compile): no loop.
  for (const o of closed) {
    if (o.variables.length !== 1 || !o.iterable || !NAME.test(o.variables[0])) continue;
    loops.push({ variable: o.variables[0], iterable: o.iterable, tagStart: o.tagStart, tagEnd: o.tagEnd, reads: readsIn(nodes, o) });
  }
  loops.sort((a, b) => a.tagStart - b.tagStart);
  return { loops, bound };
}

/** The `v.<rel>.<attr>` reads in the nodes of a loop body; none when the body binds `v` again. */
function readsIn(nodes: Node[], loop: Open): TemplateRead[] {
  const v = loop.variables[0];
  const out: TemplateRead[] = [];
  // Built once per loop variable name (building a regex costs more than running it); `read` is used
  // only through matchAll, which copies it, so its flag keeps no state here.
  const rebinds = regExpFor(REBINDS, v, n => new RegExp(`(?:^|[\\s,])${n}(?:\\s*,[\\w\\s,]*)?\\s+in\\s|(?:^|\\s)${n}\\s*=(?!=)|\\sas\\s+${n}\\s*$`));
  const read = regExpFor(READS, v, n => new RegExp(`(?<![\\w.])${n}\\.([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)`, 'g'));
  for (let i = loop.first + 1; i < loop.last; i++) {
    const n = nodes[i];
    if (n.name && rebinds.test(n.inner)) return [];
    for (const m of n.inner.matchAll(read)) {
      // Inside a string literal (`{% url "x.y.z" %}`) it is text, not a read.
      const before = n.inner.slice(0, m.index);
      if ((before.split('"').length - 1) % 2 === 1 || (before.split("'").length - 1) % 2 === 1) continue;
      const start = n.innerStart + m.index!;
      out.push({ rel: m[1], attr: m[2], start, relEnd: start + v.length + 1 + m[1].length, attrEnd: start + m[0].length });
    }
  }
  return out;
}

/**
 * The tags and variable nodes in order, as Django's lexer finds them: `{% … %}` and `{{ … }}` on one line
 * (its tag pattern does not cross line breaks). Linear: the next closing delimiter and line break are
 * looked up once and reused until passed, so an unterminated `{%` costs nothing more.
 */
/** The names a tag other than for/empty/endfor binds: `{% with a=b %}`, `{% with b as a %}`, `{% url … as a %}`, `{% regroup … as a %}`, `{% firstof … as a %}`. */
function addBindings(name: string, inner: string, bound: Set<string>): void {
  if (name === 'with') for (const w of inner.matchAll(/(?:^|\s)([A-Za-z_]\w*)\s*=(?!=)/g)) bound.add(w[1]);
  const as = boundByAs(inner);
  if (as) bound.add(as);
}

/** Whether text[s, e) is `word`. */
function spells(text: string, s: number, e: number, word: string): boolean {
  return e - s === word.length && text.startsWith(word, s);
}

/**
 * The template's tags and variable nodes, in order — but outside every `{% for %}` only the `for` tags:
 * there a variable node is read by nothing and another tag only binds names (added to `bound` here).
 */
function scanNodes(masked: string, bound: Set<string>): Node[] {
  const nodes: Node[] = [];
  let tagClose = -1, varClose = -1, lineEnd = -1;
  // How many `{% for %}` are open (readTemplate's stack): only inside one is a variable node a read.
  let depth = 0;
  for (let i = masked.indexOf('{'); i >= 0 && i < masked.length - 1; i = masked.indexOf('{', i + 1)) {
    const c = masked.charCodeAt(i + 1);
    if (c !== 0x25 && c !== 0x7b) continue; // `{%` or `{{`
    if (lineEnd < i) {
      lineEnd = masked.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = masked.length;
    }
    if (c === 0x25) {
      if (tagClose < i + 2) tagClose = masked.indexOf('%}', i + 2);
      if (tagClose < 0) { tagClose = masked.length; continue; }
      if (tagClose > lineEnd) continue;
      let from = i + 2;
      if (masked[from] === '-') from++;
      // The tag's name: blanks, then a name (what /^\s*([A-Za-z_]\w*)/ reads), read without a regex per tag.
      let nameStart = from;
      while (nameStart < tagClose && isSpace(masked.charCodeAt(nameStart))) nameStart++;
      if (nameStart < tagClose && isNameStart(masked.charCodeAt(nameStart))) {
        let nameEnd = nameStart + 1;
        while (nameEnd < tagClose && isWordCode(masked.charCodeAt(nameEnd))) nameEnd++;
        let to = tagClose;
        if (masked[to - 1] === '-' && to - 1 > nameEnd) to--;
        if (depth === 0 && !spells(masked, nameStart, nameEnd, 'for')) {
          // Outside every loop an `empty` or `endfor` closes nothing (readTemplate's stack is empty); the
          // other tags are read in place for their bindings, most without a string made.
          if (spells(masked, nameStart, nameEnd, 'with')) addBindings('with', masked.slice(nameEnd, to), bound);
          else if (!spells(masked, nameStart, nameEnd, 'empty') && !spells(masked, nameStart, nameEnd, 'endfor')) {
            const as = boundByAs(masked, nameEnd, to);
            if (as) bound.add(as);
          }
        } else {
          const name = masked.slice(nameStart, nameEnd);
          if (name === 'for') depth++;
          else if (name === 'endfor') depth--;
          nodes.push({ start: i, end: tagClose + 2, name, inner: masked.slice(nameEnd, to), innerStart: nameEnd });
        }
      }
      i = tagClose + 1;
    } else {
      if (varClose < i + 2) varClose = masked.indexOf('}}', i + 2);
      if (varClose < 0) { varClose = masked.length; continue; }
      if (varClose > lineEnd) continue;
      if (depth > 0) nodes.push({ start: i, end: varClose + 2, name: '', inner: masked.slice(i + 2, varClose), innerStart: i + 2 });
      i = varClose + 1;
    }
  }
  return nodes;
}

/** `[A-Za-z_]` for a character code (`\w` is lineScan's isWordCode). */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}


/** The name `… as name` binds at the end of a tag: what `/\sas\s+([A-Za-z_]\w*)\s*$/` captures, or null. */
export function boundByAs(text: string, from = 0, to = text.length): string | null {
  // Read in text[from, to) (a tag's inner text inside the template), so no slice is made to ask.
  let e = to;
  while (e > from && isSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > from && isWordCode(text.charCodeAt(s - 1))) s--;
  if (s === e || !isNameStart(text.charCodeAt(s))) return null;
  let k = s;
  while (k > from && isSpace(text.charCodeAt(k - 1))) k--;
  if (k === s || k < from + 3 || text.charCodeAt(k - 1) !== 0x73 || text.charCodeAt(k - 2) !== 0x61 || !isSpace(text.charCodeAt(k - 3))) return null;
  return text.slice(s, e);
}
