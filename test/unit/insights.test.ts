// Interview insights (issue 14): positives and look-alikes for every insight, masking, odd input.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights, INSIGHTS, insightById } from '../../src/core/insights/index';
import { Code } from '../../src/core/insights/code';
import { markSafeFormatted } from '../../src/core/insights/markSafeFormatted';
import { contentIndex } from './helpers';

/** The findings of one insight in `code` (a Python file), as 1-based lines. */
function lines(id: string, code: string, fileName = 'app/models.py'): number[] {
  return findInsights(analyzeDocument(code, fileName), fileName).filter(f => f.insightId === id).map(f => f.range.line + 1);
}

describe('insights: the table', () => {
  it('has unique ids, every field filled, and question ids that exist in the bundled guides', () => {
    const ids = new Set(contentIndex().entries.map(e => e.id));
    assert.equal(new Set(INSIGHTS.map(d => d.id)).size, INSIGHTS.length);
    for (const d of INSIGHTS) {
      assert.match(d.id, /^DJC\d{3}$/);
      for (const field of ['title', 'finds', 'problem', 'fix', 'interviewQuestion'] as const) assert.ok(d[field].length > 5, `${d.id}.${field}`);
      assert.match(d.djangoVersion, /^\d+\.\d+$/);
      assert.ok(d.questionIds.length > 0, `${d.id} has questions`);
      for (const q of d.questionIds) assert.ok(ids.has(q), `${d.id}: unknown question ${q}`);
      assert.equal(insightById(d.id), d);
    }
    assert.equal(insightById('DJC999'), undefined);
  });
});

describe('insights: DJC006 mark_safe on formatted text (out of the table; the check itself)', () => {
  const head = 'from django.utils.safestring import mark_safe\n';
  const lines = (_id: string, code: string) => markSafeFormatted.find(new Code(analyzeDocument(code, 'app/views.py')), 'app/views.py').map(f => f.range.line + 1);
  it('finds f-strings, %, .format() and concatenation with values', () => {
    assert.deepEqual(lines('DJC006', head + [
      'a = mark_safe(f"<b>{user.name}</b>")',
      'b = mark_safe("<b>%s</b>" % name)',
      'c = mark_safe("<b>{}</b>".format(name))',
      'd = mark_safe("<b>" + name + "</b>")',
    ].join('\n')), [2, 3, 4, 5]);
  });
  it('leaves constants, a bare variable, escaped values and other mark_safe functions alone', () => {
    assert.deepEqual(lines('DJC006', head + [
      'a = mark_safe("<br>")',
      'b = mark_safe(html)',
      'c = mark_safe(f"<b>{escape(name)}</b>")',
      'd = mark_safe("<b>" + "</b>")',
      'e = mark_safe(f"<br>")',
      '# mark_safe(f"{x}")',
      's = "mark_safe(f\'{x}\')"',
    ].join('\n')), []);
    assert.deepEqual(lines('DJC006', 'def mark_safe(x): return x\ny = mark_safe(f"{x}")'), []);
  });
});

describe('insights: DJC009 null=True on a string field', () => {
  const head = 'from django.db import models\n\nclass Book(models.Model):\n';
  it('finds null=True on CharField and TextField', () => {
    assert.deepEqual(lines('DJC009', head + '    title = models.CharField(max_length=10, null=True)\n    body = models.TextField(\n        null=True,\n    )\n'), [4, 6]);
  });
  it('leaves unique fields, other fields, migrations and forms alone', () => {
    assert.deepEqual(lines('DJC009', head + [
      '    code = models.CharField(max_length=10, null=True, unique=True, blank=True)',
      '    n = models.IntegerField(null=True)',
      '    t = models.CharField(max_length=10, blank=True)',
      '    # x = models.CharField(null=True)',
    ].join('\n')), []);
    assert.deepEqual(lines('DJC009', 'from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n    operations = [migrations.AddField("a", "b", models.CharField(null=True))]\n'), []);
    assert.deepEqual(lines('DJC009', 'from rest_framework import serializers\nx = serializers.CharField(allow_null=True)\n'), []);
  });
});

describe('insights: DJC010 DEBUG and DJC011 SECRET_KEY in settings', () => {
  const settings = (extra: string) => `import os\n${extra}\nINSTALLED_APPS = []\nMIDDLEWARE = []\nROOT_URLCONF = "x.urls"\nDATABASES = {}\n`;
  it('finds DEBUG = True and a literal or fallback key in production-looking settings', () => {
    assert.deepEqual(lines('DJC010', settings('DEBUG = True'), 'proj/settings.py'), [2]);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = "abc"'), 'proj/settings/production.py'), [2]);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = os.environ.get("SECRET_KEY", "abc")'), 'proj/settings.py'), [2]);
  });
  it('leaves dev/test settings, environment reads and unknown paths alone', () => {
    assert.deepEqual(lines('DJC010', settings('DEBUG = True'), 'proj/settings/dev.py'), []);
    assert.deepEqual(lines('DJC010', settings('DEBUG = True'), 'tests/settings.py'), []);
    assert.deepEqual(lines('DJC010', settings('DEBUG = os.environ.get("DEBUG") == "1"'), 'proj/settings.py'), []);
    assert.deepEqual(lines('DJC010', settings('if X:\n    DEBUG = True'), 'proj/settings.py'), []);
    assert.deepEqual(findInsights(analyzeDocument(settings('DEBUG = True'), 'settings.py')).length, 0);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = os.environ["SECRET_KEY"]'), 'proj/settings.py'), []);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = os.environ.get("SECRET_KEY")'), 'proj/settings.py'), []);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = ""'), 'proj/settings.py'), []);
    assert.deepEqual(lines('DJC011', settings('SECRET_KEY = "abc"'), 'proj/local_settings.py'), []);
  });
});

describe('insights: odd input', () => {
  it('never throws and finds nothing in templates, binary or empty documents', () => {
    for (const text of ['', '\u0000\u0001', 'mark_safe(', 'x = models.CharField(null=True', '((((((', 'def f(:\n  with transaction.atomic(:\n', '"""unterminated']) {
      assert.doesNotThrow(() => findInsights(analyzeDocument(text, 'a.py'), 'a.py'));
    }
    assert.deepEqual(findInsights(analyzeDocument('{{ x|safe }}', 'a.html'), 'a.html'), []);
  });
});
