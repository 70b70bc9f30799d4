// The Code helper's structural questions that DJC001/DJC007 added or rely on.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { Code } from '../../src/core/insights/code';

function code(text: string): Code {
  return new Code(analyzeDocument(text, 'a.py'));
}

describe('insights: the Code helper', () => {
  it('finds the enclosing def through a multi-line header ending in `) -> T:`', () => {
    const c = code([
      'class A:',
      '    @staticmethod',
      '    def f(',
      '        a: int,',
      '        b: int = 0',
      '    ) -> bool:',
      '        x = 1',
      '        return x',
      'y = 2',
    ].join('\n'));
    assert.equal(c.enclosingDef(6)?.line, 2);
    assert.deepEqual(c.enclosingHeaders(6).map(h => h.line), [2, 0]);
    assert.equal(c.enclosingDef(8), null);
    assert.equal(code('class A:\n    x = 1\n').enclosingDef(1), null);
  });

  it('reads plain string literal values and refuses f-strings, escapes and expressions', () => {
    const text = 'f("author", \'tags__x\', f"{a}", "a\\\\nb", name, """doc""")';
    const c = code(text);
    const args = c.args(1).map(([s, e]) => c.stringValue(s, e));
    assert.deepEqual(args, ['author', 'tags__x', null, null, null, 'doc']);
  });

  it('matches a closing bracket to its opening one across lines', () => {
    const text = 'x = f(\n  [1, (2)],\n)\n';
    const c = code(text);
    assert.equal(c.openBracket(text.lastIndexOf(')')), text.indexOf('('));
    assert.equal(c.openBracket(text.indexOf(']')), text.indexOf('['));
    assert.equal(code('x)').openBracket(1), -1);
  });
});
