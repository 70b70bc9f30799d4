// Small text helpers shared by the parser, topic classifier, grouping and search.

const STOPWORDS = new Set(
  ('a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its ' +
    'me my of on or our should so than that the their them then there these they this those to was we were what when ' +
    'where which while who why will with would you your yours about after before between both each more most other ' +
    'some such only own same too very just over under again further once here any all no nor not also using use used ' +
    'via vs versus e g etc like one two way ways give example examples').split(' '),
);

/** Lower-case word tokens; identifiers such as `select_related` and `on_commit` stay whole. */
export function tokens(text: string): string[] {
  return text.toLowerCase().replace(/\broll(?:s|ed|ing)? back\b/g, 'rollback').match(/n\s?\+\s?1\b|[a-z0-9_]+(?:[.-][a-z0-9_]+)*/g)?.map(t => (t.startsWith('n') && t.includes('+') ? 'n+1' : t)) ?? [];
}

/** Tokens without stopwords, lightly stemmed (plural s), for similarity and keywords. */
export function contentTokens(text: string): string[] {
  return tokens(text)
    .filter(t => !STOPWORDS.has(t) && t.length > 1)
    .map(stem);
}

export function stem(token: string): string {
  if (token.length > 6 && token.endsWith('ing') && !token.includes('_')) return token.slice(0, -3).replace(/(.)\1$/, '$1');
  if (token.length > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.includes('_')) return token.slice(0, -1);
  return token;
}

/** Normalises a question for ids and duplicate detection: case, quotes, spacing and punctuation. */
export function normalizeQuestion(question: string): string {
  return question
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^a-z0-9_'+ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** FNV-1a 32-bit hash as 8 hex digits: small, stable, dependency-free. */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Markdown to plain text, good enough for previews and search: no code blocks, no markup. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^\s*(#+|[-*]|\d+\.|>)\s+/gm, '')
    .replace(/^\|?\s*:?-{3,}.*$/gm, '')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
