// DJC006 mark_safe on formatted text: look-alikes found on real projects (test/fixtures/insights/review/DJC006.tsv),
// each next to a positive that differs only in the spliced value.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { findInsights } from '../../src/core/insights/index';
import { markSafeFormatted } from '../../src/core/insights/markSafeFormatted';
import { Code } from '../../src/core/insights/code';

const HEAD = [
  'from django.utils.safestring import mark_safe',
  'from django.utils.html import escape, conditional_escape',
  'from django.urls import reverse',
  'from django.utils.translation import gettext_lazy as _',
  'SEPARATOR = " | "',
].join('\n') + '\n';

/** 1-based lines of DJC006 findings (the check called directly: it may be out of the table). */
function lines(body: string): number[] {
  const analysis = analyzeDocument(HEAD + body, 'shop/views.py');
  return markSafeFormatted.find(new Code(analysis), 'shop/views.py').map(f => f.range.line + 1 - HEAD.split('\n').length + 1);
}

describe('insights: DJC006 look-alikes from real projects', () => {
  it('a local assigned a translation, a literal repeat, urlencode() or an escaped value is safe; a model attribute is not', () => {
    assert.deepEqual(lines([
      'def a(user):',
      '    text = _("deactivated user")',
      '    return mark_safe(f"<em>{text}</em>")',
      'def b(page, title):',
      '    indent = "&nbsp;" * (page.depth - 1)',
      '    return mark_safe(f"{indent}{escape(title)}")',
      'def c(q):',
      '    urlencoded = q.urlencode()',
      '    return mark_safe("?" + urlencoded)',
      'def d(value):',
      '    if value:',
      '        value = conditional_escape(value)',
      '        return mark_safe(f"<pre>{value}</pre>")',
      'def e(user):',
      '    name = user.display_name',
      '    return mark_safe(f"<a>{name}</a>")',
    ].join('\n')), [16]);
  });
  it('translations, reverse(), counts, constants and _meta.verbose_name are safe; a parameter is not', () => {
    assert.deepEqual(lines([
      'h = mark_safe("{} (<a>{}</a>)".format(_("Time zone"), _("available options")))',
      'v = mark_safe(_("Names, e.g.:") + " <code>x</code>")',
      'def f(obj, created):',
      '    msg = "{} {}".format("Created" if created else "Modified", obj._meta.verbose_name)',
      '    total = obj.items.all().count()',
      '    pending = (Item.objects',
      '               .filter(x=1).count())',
      '    accepted = total - pending',
      '    u = mark_safe(f"{total}{SEPARATOR}<i>{accepted}</i>")',
      '    w = mark_safe(f"<a href=\\"{reverse(\'x\', args=(obj.pk,))}\\">{escape(obj)}</a>")',
      '    return mark_safe(f"{msg} <a href=\\"{obj.get_absolute_url()}\\">{escape(obj)}</a>")',
      'def g(value):',
      '    return mark_safe(f"{value}&hellip;")',
    ].join('\n')), [13]);
  });
  it('a name rebound by a loop, an augmented assignment or a nested block is unknown, so found', () => {
    assert.deepEqual(lines([
      'def h(values):',
      '    value = "x"',
      '    for value in values:',
      '        pass',
      '    return mark_safe(f"<b>{value}</b>")',
      'def i(x):',
      '    label = "a"',
      '    label += x.name',
      '    return mark_safe(f"<b>{label}</b>")',
      'def j(x):',
      '    if x:',
      '        label = "a"',
      '    return mark_safe(f"<b>{label}</b>")',
    ].join('\n')), [5, 9, 13]);
  });
  it('is out of the insight table (below 9 in 10 right on real projects) but still finds on its own', () => {
    const code = HEAD + 'def k(user):\n    return mark_safe(f"<b>{user.name}</b>")\n';
    assert.deepEqual(findInsights(analyzeDocument(code, 'shop/views.py'), 'shop/views.py').filter(f => f.insightId === 'DJC006'), []);
    assert.deepEqual(lines('def k(user):\n    return mark_safe(f"<b>{user.name}</b>")\n'), [2]);
  });
});
