// Shared by DJC001 and DJC007: what one file shows about its own model classes — the relation fields
// each declares (a ForeignKey/OneToOneField is one object, a ManyToManyField many) and whether a class
// is a model at all. Other files' models are unknown here, so a class counts as a model only when its
// bases make it one (the detection context's class kinds) or its body declares model fields.
import type { ClassInfo } from '../detect/context';
import type { Code } from './code';

export type Relation = 'one' | 'many';

/** `name = models.ForeignKey(` and friends at the start of a class-body line; group 1 the name, 2 the field class. */
const FIELD_LINE = /^[ \t]+([A-Za-z_]\w*)[ \t]*=[ \t]*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)[ \t]*\(/;
/** Field classes by their last dotted segment: Django's and the common tree/cluster variants of them. */
/** Relation fields, by the last part of their name: to one row, and to many. */
export const ONE = /^(?:ForeignKey|OneToOneField|TreeForeignKey|TreeOneToOneField|ParentalKey)$/;
export const MANY = /^(?:ManyToManyField|TreeManyToManyField|ParentalManyToManyField)$/;
const ANY_FIELD = /^models\.\w+Field$|^models\.(?:ForeignKey|ManyToManyField|OneToOneField)$/;

export interface ModelShape {
  info: ClassInfo;
  relations: Map<string, Relation>;
  /** Declares `models.…Field(…)` or relation fields in its own body. */
  declaresFields: boolean;
}

/** The classes of the file by name, with the relation fields their own bodies declare (cached per Code). */
export function modelShapes(code: Code): Map<string, ModelShape> {
  const cached = CACHE.get(code);
  if (cached) return cached;
  const out = new Map<string, ModelShape>();
  for (const info of code.context.classes) {
    const relations = new Map<string, Relation>();
    let declaresFields = false;
    for (const l of code.bodyStatements(info.line)) {
      const m = FIELD_LINE.exec(code.line(l));
      if (!m) continue;
      const last = m[2].slice(m[2].lastIndexOf('.') + 1);
      if (ONE.test(last)) relations.set(m[1], 'one');
      else if (MANY.test(last)) relations.set(m[1], 'many');
      if (relations.has(m[1]) || ANY_FIELD.test(m[2])) declaresFields = true;
    }
    out.set(info.name, { info, relations, declaresFields });
  }
  CACHE.set(code, out);
  return out;
}

/** Whether the class is a Django model as far as this file shows. */
export function isModelClass(shape: ModelShape | undefined): boolean {
  return !!shape && (shape.info.kind === 'model' || shape.declaresFields);
}

/** Whether a file name is a test or a migration: places where per-row queries and saves are not worth a finding. */
export function isTestOrMigration(fileName: string | undefined): boolean {
  if (!fileName) return false;
  const f = fileName.replace(/\\/g, '/');
  return /(?:^|\/)(?:tests?|testing|migrations|db_migrations|fixtures)\//.test(f) || /(?:^|\/)(?:test_[^/]*|[^/]*_tests?|tests?|conftest)\.py$/.test(f);
}

const MIGRATION = /^class\s+Migration\s*\(\s*migrations\.Migration\s*\)/m;

/** Whether the masked text is a migration module (`class Migration(migrations.Migration)`), wherever the file lives. */
export function isMigrationModule(masked: string): boolean {
  // The regex is tried at every line start; `Migrat` (an upper-case M is rare in code; V8 looks for a needle of up to 6 characters from its first one) is looked for first.
  return masked.includes('Migrat') && MIGRATION.test(masked);
}

const CACHE = new WeakMap<Code, Map<string, ModelShape>>();
