// DJC012 (issue 14), the template side: the `{% for x in name %}…{% endfor %}` blocks of one Django
// template and the related reads of the loop variable inside them (`x.<rel>.<attr>`), plus every name
// the template binds itself (`{% with %}`, `… as name`, loop variables), which may shadow a context name.
// Pure and linear in the text; never throws. Works on the masked text (comments and verbatim blocks
// blanked, offsets unchanged).

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
  const nodes = scanNodes(masked);
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
      // `{% with a=b %}`, `{% with b as a %}`, `{% url … as a %}`, `{% regroup … as a %}`, `{% firstof … as a %}`.
      if (n.name === 'with') for (const w of n.inner.matchAll(/(?:^|\s)([A-Za-z_]\w*)\s*=(?!=)/g)) bound.add(w[1]);
      const as = /\sas\s+([A-Za-z_]\w*)\s*$/.exec(n.inner);
      if (as) bound.add(as[1]);
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
  const rebinds = new RegExp(`(?:^|[\\s,])${v}(?:\\s*,[\\w\\s,]*)?\\s+in\\s|(?:^|\\s)${v}\\s*=(?!=)|\\sas\\s+${v}\\s*$`);
  const read = new RegExp(`(?<![\\w.])${v}\\.([A-Za-z_]\\w*)\\.([A-Za-z_]\\w*)`, 'g');
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
function scanNodes(masked: string): Node[] {
  const nodes: Node[] = [];
  let tagClose = -1, varClose = -1, lineEnd = -1;
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
      const head = /^\s*([A-Za-z_]\w*)/.exec(masked.slice(from, tagClose));
      if (head) {
        let to = tagClose;
        if (masked[to - 1] === '-' && to - 1 > from + head[0].length) to--;
        nodes.push({ start: i, end: tagClose + 2, name: head[1], inner: masked.slice(from + head[0].length, to), innerStart: from + head[0].length });
      }
      i = tagClose + 1;
    } else {
      if (varClose < i + 2) varClose = masked.indexOf('}}', i + 2);
      if (varClose < 0) { varClose = masked.length; continue; }
      if (varClose > lineEnd) continue;
      nodes.push({ start: i, end: varClose + 2, name: '', inner: masked.slice(i + 2, varClose), innerStart: i + 2 });
      i = varClose + 1;
    }
  }
  return nodes;
}
