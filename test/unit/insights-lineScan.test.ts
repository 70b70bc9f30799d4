// The fast scans of the insight checks (src/core/insights/lineScan.ts) give the answers of the slow
// forms they replace: `code.matches(re)` for line-anchored regexes, `includes`, a regex per name.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { Code, isSpace } from '../../src/core/insights/code';
import { assignsDottedSum, hintMatches, holds, lineMatches, namesSaveSignal, regExpFor } from '../../src/core/insights/lineScan';
import { namesUnique, nullTrue } from '../../src/core/insights/nullString';
import { holdsUserRead } from '../../src/core/insights/cachePagePerUser';
import { isMigrationModule } from '../../src/core/insights/modelFields';

const code = (text: string) => new Code(analyzeDocument(text, 'app/x.py'));
const AUGMENTED = /^[ \t]*([A-Za-z_]\w*)\.([A-Za-z_]\w*)[ \t]*([+-])=[ \t]*/gm;
const FOR = /^[ \t]*(?:async[ \t]+)?for[ \t]+[A-Za-z_]\w*[ \t]+in[ \t]/gm;
const found = (ms: Iterable<RegExpExecArray>) => [...ms].map(m => [m.index, m[0]]);

const SAMPLE = [
  'from x import for_each  # for a in b: in an import line',
  'def f(rows):',
  '    for row in rows:',
  '        row.hits += 1; row.misses -= 1',
  '        total += 1',
  '    s = "for x in y: a.b += 1"',
  '    async for item in stream():',
  '        item.count -= 2',
  '    return [r for r in rows]',
  '\tfor\ta\tin b:',
  '',
].join('\n');

describe('insights: fast line scans', () => {
  it('lineMatches finds what matches() finds, in order, import lines skipped', () => {
    const c = code(SAMPLE);
    assert.deepEqual(found(lineMatches(c, FOR, ['for'])), found(c.matches(FOR)));
    assert.deepEqual(found(lineMatches(c, AUGMENTED, ['+=', '-='])).map(x => x[1]), ['        row.hits += ', '        item.count -= ']);
    assert.deepEqual(found(lineMatches(c, AUGMENTED, ['+=', '-='])), found(c.matches(AUGMENTED)));
    assert.equal(found(lineMatches(c, FOR, ['for'])).length, 3);
  });

  it('lineMatches agrees with matches() on \\r\\n and \\r line ends and on U+2028 (a line start for the m flag)', () => {
    for (const text of [SAMPLE.replace(/\n/g, '\r\n'), SAMPLE.replace(/\n/g, '\r'), 'x = 1\u2028for a in b:\n    pass\n', 'y\u2029a.b += 1\n']) {
      const c = code(text);
      assert.deepEqual(found(lineMatches(c, FOR, ['for'])), found(c.matches(FOR)), JSON.stringify(text));
      assert.deepEqual(found(lineMatches(c, AUGMENTED, ['+=', '-='])), found(c.matches(AUGMENTED)), JSON.stringify(text));
    }
    assert.equal(found(lineMatches(code('x = 1\u2028for a in b:\n    pass\n'), FOR, ['for'])).length, 1);
  });

  it('lineMatches with leading needles finds what matches() finds (after indentation or `async`)', () => {
    const text = SAMPLE + 'x = 1; for_x = 2\nasync  for b in c:\n  xasync for b in c:\n    format = 1\n';
    for (const t of [text, text.replace(/\n/g, '\r\n'), 'a = 1\u2028  for a in b:\n']) {
      const c = code(t);
      assert.deepEqual(found(lineMatches(c, FOR, ['for'], true)), found(c.matches(FOR)), JSON.stringify(t));
    }
    assert.equal(found(lineMatches(code(text), FOR, ['for'], true)).length, 4);
  });

  it('lineMatches with needles after a word finds what matches() finds (the signs of counter updates)', () => {
    const SPELLED_OUT = /^[ \t]*([A-Za-z_]\w*)\.([A-Za-z_]\w*)[ \t]*=[ \t]*\1\.\2[ \t]*([+-])[ \t]*/gm;
    const text = [
      SAMPLE,
      'a.b = a.b + 1',
      'x = (-1) + y; a.b = a.b\t- 2',
      'c.d = c.d+1 - e',
      'f.g -= -1; h.i += (+2)',
      '+1; a.b = a.b + 1',
      'p.q \t+= 3',
      '',
    ].join('\n');
    for (const t of [text, text.replace(/\n/g, '\r\n'), '-a.b = a.b + 1\n+']) {
      const c = code(t);
      assert.deepEqual(found(lineMatches(c, AUGMENTED, ['+=', '-='], false, true)), found(c.matches(AUGMENTED)), JSON.stringify(t));
      assert.deepEqual(found(lineMatches(c, SPELLED_OUT, ['+', '-'], false, true)), found(c.matches(SPELLED_OUT)), JSON.stringify(t));
    }
    assert.equal(found(lineMatches(code(text), SPELLED_OUT, ['+', '-'], false, true)).length, 2);
    assert.equal(found(lineMatches(code(text), AUGMENTED, ['+=', '-='], false, true)).length, 4);
  });

  it('lineMatches finds nothing where no line holds a needle', () => {
    assert.deepEqual(found(lineMatches(code('def f():\n    return 1\n'), FOR, ['for'])), []);
  });

  it('hintMatches finds what matches() finds for on_commit and select_for_update calls', () => {
    const ON_COMMIT = /\bon_commit[ \t]*\(/g;
    const LOCK = /\bselect_for_update[ \t]*\(/g;
    const text = [
      'from django.db.transaction import on_commit',
      'def f(qs):',
      '    transaction.on_commit(lambda: x.delay())',
      '    on_commit (g); xon_commit(h); on_commit_later(i)',
      '    a = qs.select_for_update().get(pk=1)',
      '    b = qs.select_for_update\t(nowait=True); my_select_for_update(); select_for_updates()',
      '',
    ].join('\n');
    const c = code(text);
    assert.deepEqual(found(hintMatches(c, ON_COMMIT, 'mmit', 5)), found(c.matches(ON_COMMIT)));
    assert.equal(found(hintMatches(c, ON_COMMIT, 'mmit', 5)).length, 2);
    assert.deepEqual(found(hintMatches(c, LOCK, '_upda', 10)), found(c.matches(LOCK)));
    assert.equal(found(hintMatches(c, LOCK, '_upda', 10)).length, 2);
  });

  it('holds answers as includes does', () => {
    assert.equal(holds('cursor.execute(sql)', 'xecute', '.execute'), true);
    assert.equal(holds('execute(sql)', 'xecute', '.execute'), false);
    assert.equal(holds('cursor.run(sql)', 'xecute', '.execute'), false);
  });

  it('nullTrue answers as /null\\s*=\\s*True/ does', () => {
    const cases = ['x = F(null=True)', 'null = True', 'null\n=\tTrue', 'null=  Truex', 'nul=True', 'notnull=True', 'null=(True)', 'null==True', 'True', '=True', 'xnull = True', 'ull=True', 'blank=True, null=False', ''];
    for (const t of cases) assert.equal(nullTrue(t), /null\s*=\s*True/.test(t), JSON.stringify(t));
    assert.equal(nullTrue('a(null =\n True)'), true);
    assert.equal(nullTrue('a(null = False, x=True)'), false);
  });

  it('holdsUserRead answers as /request\\.(?:user|session)\\b/ does', () => {
    const cases = ['request.user', 'x = request.user.pk', 'request.session["a"]', 'request.users', 'request.sessions', 'request.user_id', 'request.userx.y', 'xrequest.user',
      'quest.user', 'equest.user', 'request .user', 'request.method', 'request.', 'r', '', 'request.user\n', 'self.request.session', 'request.sessionquest.user', 'aquest.user request.session'];
    for (const t of cases) assert.equal(holdsUserRead(t), /request\.(?:user|session)\b/.test(t), JSON.stringify(t));
    assert.equal(holdsUserRead('a = request.path\nb = request.user\n'), true);
    assert.equal(holdsUserRead('a = request.path\nb = request.username\n'), false);
  });

  it('hintMatches finds what matches() finds for cache_page names', () => {
    const NAME = /\bcache_page\b/g;
    const c = code(['from django.views.decorators.cache import cache_page', '@cache_page(60)', 'def v(r): pass', 'x = my_cache_page(1); cache_pages = 2', 'y = decorators.cache_page(5)(v); cache_page', 'he_page = 1; che_page = 2', ''].join('\n'));
    assert.deepEqual(found(hintMatches(c, NAME, 'he_pag', 3)), found(c.matches(NAME)));
    assert.equal(found(hintMatches(c, NAME, 'he_pag', 3)).length, 3);
  });

  it('namesUnique answers as the two searches it replaces', () => {
    const cases = ['unique_together = [("a", "b")]', 'models.UniqueConstraint(fields=["a"])', 'unique = True', 'queue_together', 'xunique_togetherx',
      'UniqueConstrain', 'que', 'unique_togethe', 'q unique_together', 'Unique_together', '', 'quequeUniqueConstraint', 'uniqueque_together'];
    for (const t of cases) assert.equal(namesUnique(t), t.includes('unique_together') || t.includes('UniqueConstraint'), JSON.stringify(t));
  });

  it('isMigrationModule answers as its regex alone does', () => {
    const MIGRATION = /^class\s+Migration\s*\(\s*migrations\.Migration\s*\)/m;
    const cases = ['class Migration(migrations.Migration):\n    pass', 'x = 1\nclass  Migration ( migrations.Migration ) :', '    class Migration(migrations.Migration):', 'class Migration(Migration):', 'class Migrations(migrations.Migration):', ''];
    for (const t of cases) assert.equal(isMigrationModule(t), MIGRATION.test(t), JSON.stringify(t));
    assert.equal(isMigrationModule(cases[1]), true);
  });

  it('refersTo resolves a name once per file, yet a rebinding still shadows an imported name where it is seen', () => {
    const c = code(['from django.views.decorators.cache import cache_page', '@cache_page(60)', 'def a(r): pass', 'def b(r):', '    cache_page = make()', '    cache_page(1)', 'def c(r):', '    cache_page(2)', ''].join('\n'));
    const Q = ['django.views.decorators.cache.cache_page'];
    assert.deepEqual([1, 5, 7, 1, 5].map(l => c.refersTo('cache_page', l, Q, ['cache_page'])), [true, false, true, true, false]);
    const unbound = code('@cache_page(60)\ndef a(r): pass\n');
    assert.equal(unbound.refersTo('cache_page', 0, Q, ['cache_page']), true);
    assert.equal(unbound.refersTo('cache_page', 0, Q), false);
  });

  it('isSpace answers as /\\s/ does for every UTF-16 code unit', () => {
    let spaces = 0;
    for (let c = 0; c < 0x10000; c++) {
      const want = /\s/.test(String.fromCharCode(c));
      if (isSpace(c) !== want) assert.fail(`U+${c.toString(16)}: ${!want}`);
      if (want) spaces++;
    }
    assert.equal(spaces, 25);
  });

  it('args and dottedBefore read arguments and dotted names as before', () => {
    const c = code('x = f( a ,\tb=1,\n  g(c, d) , "s t" ,)\ny = models.fields.CharField(max_length=3)\n');
    const open = c.masked.indexOf('(');
    assert.deepEqual(c.args(open).map(([s, e]) => c.text.slice(s, e)), ['a', 'b=1', 'g(c, d)', '"s t"']);
    const call = c.masked.indexOf('(', c.lineStarts[2]);
    assert.equal(c.dottedBefore(call), 'models.fields.CharField');
    assert.equal(c.dottedBefore(c.lineStarts[2] + 1), 'y');
  });

  it('regExpFor builds one regex per name and the right one for each', () => {
    const cache = new Map<string, RegExp>();
    const build = (n: string) => new RegExp(`^${n}\\.`);
    const a = regExpFor(cache, 'row', build);
    assert.equal(regExpFor(cache, 'row', build), a);
    assert.equal(a.test('row.x'), true);
    assert.equal(regExpFor(cache, 'item', build).test('row.x'), false);
  });

  it('firstCode, isBlank and headerText give the same answers when asked again', () => {
    const c = code('def f(\n    a,\n    b,\n):\n\n    x = 1\n');
    for (let round = 0; round < 2; round++) {
      assert.equal(c.firstCode(1), c.lineStarts[1] + 4);
      assert.equal(c.isBlank(4), true);
      assert.equal(c.isBlank(5), false);
      assert.equal(c.headerText(0), 'def f( a, b, ):');
    }
  });

  it('blockEnd gives the same answer when asked again (answers are kept per line)', () => {
    const c = code('def f():\n    for a in b:\n        x = 1\n\n    y = 2\nz = 3\n');
    assert.equal(c.blockEnd(1), 2);
    assert.equal(c.blockEnd(0), 4);
    assert.equal(c.blockEnd(1), 2);
    assert.equal(c.blockEnd(0), 4);
    assert.equal(c.blockEnd(5), 5);
  });
  it('namesSaveSignal and assignsDottedSum agree with the regexes they replace', () => {
    const SIGNAL = /\b(?:post_save|pre_save)\b/;
    const SUM = /=[ \t]*\w+\.\w+[ \t]*[+-]/;
    const cases = [
      'post_save', 'pre_save', 'xpost_save', 'post_saved', 'pre_save2', 'signals.post_save.connect', '_pre_save', 'repost_save',
      'pre_sa', 'ost_save', 've', 'post_save_', '(pre_save)', 'post_savepre_save', 'x = pre_save',
      'a.b = a.b + 1', 'a.b =a.b- 1', 'a.b = b + 1', 'x = a.b+1', 'x == a.b + 1', 'x = .b + 1', 'x = a. + 1', 'x = a.b.c + 1',
      'x =\ta.b\t-2', 'x = 1 + a.b', '= a_1.b_2 +', '=a.b+', 'a.b + 1', '= (a.b) + 1', 'y = f(a.b) - 1',
    ];
    // And random strings over the characters that matter.
    const alphabet = ['post', 'pre', '_save', '_sa', 've', 'a', 'b', '.', ' ', '\t', '=', '+', '-', '(', '1', '\n', 'a.b', '= x.y', ' + '];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) cases.push(Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    let signals = 0, sums = 0;
    for (const c of cases) {
      assert.equal(namesSaveSignal(c), SIGNAL.test(c), JSON.stringify(c));
      assert.equal(assignsDottedSum(c), SUM.test(c), JSON.stringify(c));
      if (SIGNAL.test(c)) signals++;
      if (SUM.test(c)) sums++;
    }
    // Both answers occur often among the cases.
    assert.ok(signals > 20 && signals < cases.length - 20, `${signals} signal cases`);
    assert.ok(sums > 20 && sums < cases.length - 20, `${sums} sum cases`);
  });
});
