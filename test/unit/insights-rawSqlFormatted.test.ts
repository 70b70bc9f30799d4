// DJC005 raw SQL built by string formatting: positives, and one look-alike for each class of false
// positive found on the 15 real projects (test/fixtures/insights/review/DJC005.tsv).
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';

function found(code: string, fileName = 'app/views.py') {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === 'DJC005');
}
const lines = (code: string) => found(code).map(f => f.range.line + 1);
const head = 'from django.db import connection\nfrom django.db.models.expressions import RawSQL\n';

describe('insights: DJC005 raw SQL built by formatting', () => {
  it('finds f-strings, %, .format() and + with values in execute, executemany, raw, RawSQL and extra', () => {
    assert.deepEqual(lines(head + [
      'def search(request, q):',
      '    with connection.cursor() as cursor:',
      '        cursor.execute(f"SELECT * FROM app_book WHERE title = \'{q}\'")',
      '        cursor.execute("SELECT * FROM app_book WHERE id = %s" % request.GET["id"])',
      '        cursor.executemany("UPDATE app_book SET n = {}".format(q), [])',
      '        cursor.execute("DELETE FROM app_book WHERE title = \'" + q + "\'")',
      '    Book.objects.raw(f"SELECT * FROM app_book WHERE author_id = {q}")',
      '    Book.objects.annotate(x=RawSQL(f"SELECT 1 WHERE a = {q}", []))',
      '    Book.objects.extra(where=[f"title = \'{q}\'"])',
      '    Book.objects.extra(select={"n": "SELECT COUNT(*) FROM t WHERE a = \'%s\'" % q})',
      '    connection.cursor().execute(f"""',
      '        SELECT * FROM app_book',
      '        WHERE title = \'{q}\'',
      '    """)',
    ].join('\n')), [5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
  it('follows the SQL variable to its assignments in the same function, pointing at them', () => {
    const f = found(head + [
      'def search(q, cursor):',
      '    sql = "SELECT * FROM app_book WHERE 1=1"',
      '    sql += " AND title = \'%s\'" % q',
      '    cursor.execute(sql)',
      'def other(name):',
      '    sql = """SELECT * FROM app_book WHERE title = \'{name}\'"""',
      '    sql = sql.format(name=name)',
      '    Book.objects.raw(sql)',
    ].join('\n'));
    assert.deepEqual(f.map(x => x.range.line + 1), [6, 10]);
    assert.deepEqual(f.map(x => (x.related?.[0].range.line ?? -1) + 1), [5, 9]);
    assert.match(f[0].message, /`q`/);
  });
  it('leaves parameterised queries, literals and SQL in variables it cannot see alone', () => {
    assert.deepEqual(lines(head + [
      'def ok(q, sql, cursor):',
      '    cursor.execute("SELECT * FROM app_book WHERE title = %s", [q])',
      '    cursor.execute("SELECT 1")',
      '    cursor.execute(sql, [q])',
      '    Book.objects.raw("SELECT * FROM app_book WHERE id = %s", [q])',
      '    # cursor.execute(f"SELECT {q}")',
      '    s = "cursor.execute(f\'SELECT {q}\')"',
      '    pipeline.execute(f"SELECT {q}")',
      '    tokenizer.raw(f"{q}")',
    ].join('\n')), []);
  });
  it('leaves table and column names from _meta, quote_name, constants and names that say so (identifiers cannot be params)', () => {
    assert.deepEqual(lines(head + [
      'TABLE = "app_book"',
      'def count(model, table_name, event_table_name, fields, cursor):',
      '    cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")',
      '    cursor.execute("SELECT COUNT(*) FROM %s" % connection.ops.quote_name(model._meta.db_table))',
      '    cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")',
      '    cursor.execute(f"SELECT COUNT(*) FROM {table_name} JOIN {event_table_name} ON 1=1")',
      '    db_table = model._meta.db_table',
      '    cursor.execute(f\'DROP TABLE IF EXISTS "{db_table}" CASCADE\')',
      '    assignments = ",".join("%s=%%s" % connection.ops.quote_name(f.column) for f in fields)',
      '    cursor.executemany("update %s set %s where id=%%s" % (model._meta.db_table, assignments), [])',
      '    for table in tables:',
      '        cursor.execute("DROP TABLE `" + table + "`;")',
    ].join('\n')), []);
  });
  it('leaves SQL fragments composed with their params, placeholder lists, choices between literals and numbers', () => {
    assert.deepEqual(lines(head + [
      'def compose(queryset, ids, allow, epic_id, obj, cursor):',
      '    sql, params = queryset.query.sql_with_params()',
      '    Book.objects.raw(f"SELECT * FROM ({sql}) t WHERE row_number = 1", params)',
      '    cursor.execute(f"{_get_ancestors_cte()} SELECT id FROM ancestors;", [obj.pk])',
      '    placeholders = ", ".join(["%s"] * len(ids))',
      '    cursor.execute(f"SELECT * FROM t WHERE id IN ({placeholders})", ids)',
      '    mode = "READ WRITE" if allow else "READ ONLY"',
      '    cursor.execute(f"SET SESSION CHARACTERISTICS AS TRANSACTION {mode};")',
      '    clean_id = "null" if epic_id == "null" else int(epic_id)',
      '    cursor.execute(f"SELECT * FROM t WHERE epic_id = {clean_id}")',
      '    cursor.execute(f"SELECT * FROM t WHERE owner_id = {request.user.id} LIMIT {len(ids)}")',
      '    sql2 = "SELECT * FROM t WHERE key = CONCAT(\'{prefix}\', t.id)".format(prefix="{}:".format(typename))',
      '    Book.objects.raw(sql2)',
    ].join('\n')), []);
  });
  it('finds adjacent f-strings, a template formatted in the call, and a multi-line template assigned earlier', () => {
    assert.deepEqual(lines(head + [
      'def place(self, language, q, cursor):',
      '    cursor.execute(',
      '        f"SELECT COUNT(*) FROM t "',
      '        f"WHERE placeholder_id=%s AND language=\'{language}\'",',
      '        [self.pk],',
      '    )',
      '    query = """',
      '        SELECT slug FROM docs',
      '        WHERE docs MATCH {q}',
      '    """',
      '    cursor.execute(query.format(q=q))',
    ].join('\n')), [5, 13]);
  });
  it('leaves migrations, primary keys read through calls, SQL-building helpers and translated literals', () => {
    const migration = head + 'def forwards(apps, schema_editor, cursor, q):\n    cursor.execute(f"UPDATE t SET a = {q}")\n';
    assert.deepEqual(found(migration, 'app/migrations/0002_data.py').length, 0);
    assert.deepEqual(found(migration, 'app/views.py').length, 1);
    assert.deepEqual(lines(head + [
      'def watched(for_user, cursor, params):',
      '    sql = """SELECT * FROM ({epics_sql}) e WHERE e.type = {ct}"""',
      '    sql = sql.format(epics_sql=_build_sql_for_type(for_user, "epic"), ct=ContentType.objects.get(model="issue").id)',
      '    cursor.execute(sql, params)',
      '    cursor.execute(f"SELECT * FROM t WHERE label = \'{_("Done")}\'")',
    ].join('\n')), []);
  });
  it('judges a joined list by what is joined: names of columns are identifiers, other values are data', () => {
    assert.deepEqual(lines(head + [
      'def insert(table_name, columns, values, cursor):',
      '    columns_str = ", ".join(f\'"{c}"\' for c in columns)',
      '    cursor.execute(f"INSERT INTO {table_name} ({columns_str}) SELECT 1")',
      '    cursor.execute(f"SELECT * FROM t WHERE name IN ({\', \'.join(values)})")',
    ].join('\n')), [6]);
  });
  it('still finds a name that says "table" when the function reads it from the request', () => {
    assert.deepEqual(lines(head + [
      'def dump(request, cursor):',
      '    table = request.GET["table"]',
      '    cursor.execute(f"SELECT * FROM {table}")',
      '    cursor.execute(f"SELECT * FROM t ORDER BY {request.GET[\'sort\']}")',
    ].join('\n')), [5, 6]);
  });
  it('never throws on cut-off code', () => {
    for (const text of ['cursor.execute(f"SELECT {', 'cursor.execute(', 'x.extra(where=[', 'RawSQL(f"{a}"', 'def f():\n    sql = f"SELECT {a}" +\n    cursor.execute(sql)']) {
      assert.doesNotThrow(() => found(text));
    }
  });
});
