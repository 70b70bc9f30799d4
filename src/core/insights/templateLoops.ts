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
const TAG = /\{%-?\s*([A-Za-z_]\w*)([\s\S]*?)-?%\}|\{\{([\s\S]*?)\}\}/g;
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
}

/** The loops and bound names of a (masked) template. */
export function readTemplate(masked: string): TemplateShape {
  const loops: TemplateLoop[] = [];
  const bound = new Set<string>();
  if (masked.length > MAX_TEMPLATE_CHARS || !masked.includes('{%')) return { loops, bound };
  const nodes: Node[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(masked); m; m = TAG.exec(masked)) {
    const end = m.index + m[0].length;
    if (m[1] !== undefined) nodes.push({ start: m.index, end, name: m[1], inner: m[2], innerStart: end - (m[0].endsWith('-%}') ? 3 : 2) - m[2].length });
    else nodes.push({ start: m.index, end, name: '', inner: m[3], innerStart: m.index + 2 });
  }
  const stack: Open[] = [];
  const closed: Open[] = [];
  for (const n of nodes) {
    if (n.name === 'for') {
      const head = FOR_HEAD.exec(n.inner.replace(/\s+reversed\s*$/, ''));
      const variables = head ? head[1].split(',').map(s => s.trim()).filter(Boolean) : [];
      for (const v of variables) bound.add(v);
      const iter = head ? /^([A-Za-z_]\w*)(?:\.all)?$/.exec(head[2]) : null;
      stack.push({ variables, iterable: iter ? iter[1] : null, tagStart: n.start, tagEnd: n.end, bodyEnd: -1 });
    } else if (n.name === 'empty') {
      const top = stack[stack.length - 1];
      if (top && top.bodyEnd < 0) top.bodyEnd = n.start;
    } else if (n.name === 'endfor') {
      const top = stack.pop();
      if (top) {
        if (top.bodyEnd < 0) top.bodyEnd = n.start;
        closed.push(top);
      }
    } else if (n.name) {
      // `{% with a=b %}`, `{% with b as a %}`, `{% url … as a %}`, `{% regroup … as a %}`, `{% firstof … as a %}`.
      for (const w of n.inner.matchAll(/(?:^|\s)([A-Za-z_]\w*)\s*=(?!=)/g)) if (n.name === 'with') bound.add(w[1]);
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
  for (const n of nodes) {
    if (n.start < loop.tagEnd || n.end > loop.bodyEnd) continue;
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
