// The splicing helper shared by DJC005 and DJC006 (src/core/insights/formatted.ts), seen through
// DJC006 mark_safe: string shapes the first version missed or misread on the real projects.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { Code } from '../../src/core/insights/code';
import { markSafeFormatted } from '../../src/core/insights/markSafeFormatted';

const head = 'from django.utils.safestring import mark_safe\n';
function lines(code: string): number[] {
  // DJC006 is out of the table (below 9 in 10 on real projects): the check is called directly.
  return markSafeFormatted.find(new Code(analyzeDocument(head + code, 'app/html.py')), 'app/html.py').map(f => f.range.line + 1);
}

describe('insights: spliced values in formatted text (shared by DJC005 and DJC006)', () => {
  it('reads a triple-quoted f-string and adjacent literals as one text', () => {
    assert.deepEqual(lines('a = mark_safe(f"""\n<b>{name}</b>\n""")\nb = mark_safe(\n    "<b>"\n    f"{name}</b>"\n)\n'), [2, 6]);
  });
  it('leaves translated constant text, and commas inside string values', () => {
    assert.deepEqual(lines([
      'a = mark_safe(\'<input value="\' f\'{_("Activate")}">\')',
      'b = mark_safe("{} (<a>{}</a>)".format(_("Time zone"), _("options")))',
      'c = mark_safe(_("Names, quoted:") + " <code>x</code>")',
      'd = mark_safe("<b>%s</b> %s" % ("a, b", escape(x)))',
    ].join('\n')), []);
  });
});
