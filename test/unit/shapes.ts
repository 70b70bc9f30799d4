// The corpus of guide shapes (test/fixtures/guides/shapes/): our own guides written in the shapes of
// public interview guides, each with its hand-checked list `line<TAB>yes|no<TAB>question`.
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES } from './helpers';

export const SHAPES = path.join(FIXTURES, 'guides', 'shapes');

export interface ExpectedQuestion {
  line: number;
  /** Whether the guide gives this question an answer. */
  answered: boolean;
  question: string;
}

export interface ShapeFixture {
  file: string;
  bytes: Buffer;
  text: string;
  expected: ExpectedQuestion[];
}

export function shapeFixtures(): ShapeFixture[] {
  return fs.readdirSync(SHAPES).filter(f => /\.(md|txt)$/.test(f)).sort().map(file => {
    const bytes = fs.readFileSync(path.join(SHAPES, file));
    const tsv = fs.readFileSync(path.join(SHAPES, file.replace(/\.(md|txt)$/, '.questions.tsv')), 'utf8');
    const expected = tsv.trim().split('\n').map(row => {
      const [line, answered, question] = row.split('\t');
      if (answered !== 'yes' && answered !== 'no') throw new Error(`${file}: bad row ${JSON.stringify(row)}`);
      return { line: Number(line), answered: answered === 'yes', question };
    });
    return { file, bytes, text: bytes.toString('utf8'), expected };
  });
}

export function shapeFixture(file: string): ShapeFixture {
  const found = shapeFixtures().find(f => f.file === file);
  if (!found) throw new Error(`no shape fixture ${file}`);
  return found;
}
