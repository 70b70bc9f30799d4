// Bulleted questions: bold bullets with a hint ("* **Question?** (hint)"), bullets whose nested item is
// an answer ("- Topic" / "  - **Answer:** …"), and plain lists made of questions, where a question
// nested under a topic bullet ("- Migrations" / "  - What are they?") is read with its topic.
import { isAnswerLabelLine, isContentsLink, labelledQuestion } from './labels';
import { endsLikeQuestion, isQuestionLike } from './questions';

const ITEM = /^(\s*)(?:[*+-]|[●•▪])\s+(\S.*)$/;
const BOLD_START = /^\*\*(.+?)\*\*\s*(.*)$/;

export interface BulletQuestion {
  index: number;
  text: string;
  hint?: string;
  /** The answer's lines (already without the nesting and the answer label), or none. */
  answer: string;
}

interface Item {
  index: number;
  indent: number;
  text: string;
  parent?: Item;
  children: Item[];
  /** Index after the item's own block (its indented lines and children). */
  end: number;
}

function indentOf(s: string): number {
  let n = 0;
  for (const ch of s) n += ch === '\t' ? 4 : 1;
  return n;
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

/** The lists of a guide as item trees; `skip` marks lines that belong to code or to another question. */
function readItems(lines: readonly string[], skip: (i: number) => boolean): Item[][] {
  const lists: Item[][] = [];
  let current: Item[] = [];
  const stack: Item[] = [];
  const close = () => {
    if (current.length) lists.push(current);
    current = [];
    stack.length = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    if (skip(i)) {
      close();
      continue;
    }
    const line = lines[i];
    const m = ITEM.exec(line);
    if (m) {
      const item: Item = { index: i, indent: indentOf(m[1]), text: m[2].trim(), children: [], end: i + 1 };
      while (stack.length && stack[stack.length - 1].indent >= item.indent) stack.pop();
      item.parent = stack[stack.length - 1];
      item.parent?.children.push(item);
      stack.push(item);
      current.push(item);
      continue;
    }
    if (isBlank(line)) continue;
    // Indented text continues the innermost item it is indented under; anything else ends the list.
    const indent = indentOf(/^\s*/.exec(line)![0]);
    while (stack.length && indent <= stack[stack.length - 1].indent) stack.pop();
    if (!stack.length || indent < 2) close();
  }
  close();
  // Each item's block runs to the next item at its own level or above (a stack, from the end).
  for (const list of lists) {
    const open: Item[] = [];
    for (let k = list.length - 1; k >= 0; k--) {
      const item = list[k];
      while (open.length && open[open.length - 1].indent > item.indent) open.pop();
      const next = open[open.length - 1];
      item.end = next ? next.index : blockEnd(lines, item);
      open.push(item);
    }
  }
  return lists;
}

/** The end of the last item of a list: its indented lines, blank lines between them included. */
function blockEnd(lines: readonly string[], item: Item): number {
  const deeper = (l: string) => indentOf(/^\s*/.exec(l)![0]) > item.indent;
  let end = item.index + 1;
  // Blank lines belong to the block only when indented text follows them.
  for (let j = item.index + 1; j < lines.length; j++) {
    if (isBlank(lines[j])) continue;
    if (!deeper(lines[j])) break;
    end = j + 1;
  }
  return end;
}

function isLink(text: string): boolean {
  return isContentsLink(text) || /^\[[^\]]+\]\([^)]*\)\s*$/.test(text);
}

function asks(text: string): boolean {
  return isQuestionLike(labelledQuestion(text)?.question ?? text);
}

/** The item's nested lines as an answer: dedented, a leading "- **Answer:**" bullet reduced to its text. */
function nestedAnswer(lines: readonly string[], item: Item): string {
  const body = lines.slice(item.index + 1, item.end);
  const first = body.find(l => !isBlank(l));
  if (first === undefined) return '';
  const cut = indentOf(/^\s*/.exec(first)![0]);
  const dedented = body.map(l => {
    let n = 0;
    let k = 0;
    while (k < l.length && n < cut && (l[k] === ' ' || l[k] === '\t')) n += l[k++] === '\t' ? 4 : 1;
    return l.slice(k);
  });
  const f = dedented.findIndex(l => !isBlank(l));
  if (isAnswerLabelLine(dedented[f])) dedented[f] = dedented[f].replace(/^[-*+]\s+/, '');
  return dedented.join('\n');
}

/** Pronouns that only make sense with the topic bullet above: "What is it?" under "- Django". */
const NEEDS_TOPIC = /\b(it|its|they|them|their|this|these|one)\b/i;

export function bulletQuestions(lines: readonly string[], skip: (i: number) => boolean): BulletQuestion[] {
  const out: BulletQuestion[] = [];
  for (const list of readItems(lines, skip)) {
    const taken = new Set<Item>();
    for (const item of list) {
      const bold = BOLD_START.exec(item.text);
      if (bold) {
        const labelled = labelledQuestion(item.text);
        const question = labelled?.question ?? bold[1].trim();
        if (labelled || isQuestionLike(question)) {
          taken.add(item);
          const hint = labelled ? '' : bold[2].trim().replace(/^\((.*)\)$/s, '$1').trim();
          out.push({ index: item.index, text: question, ...(hint ? { hint } : {}), answer: nestedAnswer(lines, item) });
        }
        continue;
      }
      // A bullet whose nested item opens with an answer label is a question, whatever its wording.
      const firstChild = lines.slice(item.index + 1, item.end).find(l => !isBlank(l));
      if (firstChild !== undefined && isAnswerLabelLine(firstChild) && !isLink(item.text)) {
        taken.add(item);
        out.push({ index: item.index, text: labelledQuestion(item.text)?.question ?? item.text, answer: nestedAnswer(lines, item) });
      }
    }
    // Plain lists made of questions: siblings under one parent, mostly asking; topics that only hold
    // questions are not questions themselves.
    const groups = new Map<Item | undefined, Item[]>();
    for (const item of list) {
      if (taken.has(item) || isLink(item.text) || BOLD_START.test(item.text)) continue;
      // A topic ("- Migrations", "- Tell about fields:") holds its questions; it is not one itself.
      if (!asks(item.text) && (item.children.length > 0 || /:\s*$/.test(item.text))) continue;
      const group = groups.get(item.parent);
      if (group) group.push(item);
      else groups.set(item.parent, [item]);
    }
    for (const [parent, items] of groups) {
      const asking = items.filter(i => asks(i.text)).length;
      // One question alone under a topic counts when it plainly asks: "- TextField" / "  - How is it different?".
      const loneUnderTopic = items.length === 1 && parent !== undefined && !asks(parent.text) && endsLikeQuestion(items[0].text);
      if (!loneUnderTopic && (items.length < 2 || asking * 3 < items.length * 2)) continue;
      for (const item of items) {
        if (/:\s*$/.test(item.text)) continue;
        const own = labelledQuestion(item.text)?.question ?? item.text;
        const topic = parent && !asks(parent.text) && NEEDS_TOPIC.test(own) ? `${parent.text.replace(/:\s*$/, '')} — ` : '';
        out.push({ index: item.index, text: topic + own, answer: item.children.some(c => asks(c.text)) ? '' : nestedAnswer(lines, item) });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
