// Shared by DJC010 and DJC011: whether a document is a settings module that may run in production —
// it assigns several known settings at module level, and neither its path nor its own words mark it
// as a development, local, test or example configuration.
import type { Code } from './code';

/** Path parts that say "not production": `settings/dev.py`, `local_settings.py`, `tests/settings.py`, `settings_ci.py`. */
const DEV_PATH = /(?:^|[\\/_.-])(?:dev|devel|develop|development|local|test|tests|testing|unittest|unittests|testproject|ci|debug|example|examples|sample|demo|docker|dummy|e2e|conftest|sandbox|tox|doc|docs)(?:[\\/_.-]|$)/i;

export function isDevPath(fileName: string): boolean {
  return DEV_PATH.test(fileName.replace(/\.py$/i, ''));
}

/** A settings module not clearly a dev one; without a file name we cannot tell, so no. */
export function isProductionSettings(code: Code, fileName: string | undefined): boolean {
  if (!fileName || !code.context.settingsLike || isDevPath(fileName)) return false;
  // Its own first lines call it a development/test configuration.
  const head = code.text.slice(0, 600);
  return !/\b(?:development|local development|for tests?|testing|test settings|unit tests|example settings)\b/i.test(head);
}

/** The module-level assignment `NAME = …` (not inside an `if`, a function or a class): the offset of its value, or -1. */
export function* moduleAssignments(code: Code, name: string): Generator<{ line: number; value: number; end: number }> {
  const re = new RegExp(`^${name}[ \\t]*(?::[^=\\n]*)?=(?!=)[ \\t]*`, 'gm');
  for (const m of code.matches(re)) {
    const value = m.index + m[0].length;
    yield { line: code.lineOf(m.index), value, end: code.statementEnd(value) };
  }
}
