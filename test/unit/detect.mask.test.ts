// The maskers: comments, docstrings and string literals (Python), comments (templates) become
// spaces; everything else — code, quotes, prefixes, line breaks, offsets — stays where it was.
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../src/core/detect/analysis';
import { maskPython, maskPythonCodes, maskTemplate } from '../../src/core/detect/mask';

/** Masks and checks the invariant every case shares: same length, same line breaks. */
function mask(text: string): string {
  const out = maskPython(text);
  assert.equal(out.length, text.length);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || text[i] === '\r') assert.equal(out[i], text[i], `line break kept at ${i}`);
  }
  return out;
}

describe('Python masker', () => {
  it('blanks comments to the end of their line', () => {
    assert.equal(mask('x = 1  # post_save\ny = 2'), 'x = 1             \ny = 2');
  });

  it('blanks string contents but keeps quotes, prefixes and the code around them', () => {
    assert.equal(mask(`a = "b" + 'c' + r"\\d" + b'e' + u"f"`), `a = " " + ' ' + r"  " + b' ' + u" "`);
    assert.equal(mask(`Rb'x' Fr"y" BR'z'`), `Rb' ' Fr" " BR' '`);
  });

  it('does not treat # inside a string as a comment, nor quotes inside a comment as strings', () => {
    assert.equal(mask(`s = "a # b"; t = 1  # it's`), `s = "${' '.repeat(5)}"; t = 1  ${' '.repeat(6)}`);
    assert.equal(mask(`# "open\nx = 1`), `${' '.repeat(7)}\nx = 1`);
  });

  it('handles escapes: escaped quotes and backslashes', () => {
    assert.equal(mask(`'it\\'s' + "a\\\\" + x`), `'     ' + "   " + x`);
  });

  it('blanks triple-quoted strings across lines, including quotes of the other kind inside', () => {
    const text = 'def f():\n    """Doc with \'quotes\' and # hash\n    and post_save.connect(h)\n    """\n    return 1';
    assert.equal(mask(text), `def f():\n    """${' '.repeat(28)}\n${' '.repeat(28)}\n    """\n    return 1`);
    assert.equal(mask("x = '''a\n''' + y"), "x = ''' \n''' + y");
  });

  it('handles empty strings and empty triple-quoted strings', () => {
    assert.equal(mask(`"" + '' + """""" + ''''''`), `"" + '' + """""" + ''''''`);
  });

  it('blanks f-strings whole, replacement fields and nested quotes included', () => {
    assert.equal(mask('f"{post_save} {x!r:>{w}}" + z'), 'f"                      " + z');
    assert.equal(mask(`f"{d['k']}" + z`), `f"${' '.repeat(8)}" + z`);
    assert.equal(mask('f"{d["k"]}" + z'), `f"${' '.repeat(8)}" + z`, 'Python 3.12: the same quote inside a replacement field');
    assert.equal(mask('f"{{literal}}" + z'), 'f"           " + z');
    assert.equal(mask('F"""{a}\n{b}""" + z'), 'F"""   \n   """ + z');
  });

  it('ends an unterminated single-quoted string at its line and leaves the next line alone', () => {
    assert.equal(mask('x = "open\npost_save.connect(h)'), 'x = "    \npost_save.connect(h)');
    assert.equal(mask("x = f'{open\ny = 1"), "x = f'     \ny = 1");
  });

  it('runs an unterminated triple-quoted string to the end of the text', () => {
    assert.equal(mask('x = """open\npost_save\n'), 'x = """    \n         \n');
  });

  it('continues a single-quoted string after a backslash-newline', () => {
    assert.equal(mask('x = "a \\\nb" + y'), 'x = "   \n " + y');
    assert.equal(mask('x = "a \\\r\nb" + y'), 'x = "   \r\n " + y');
  });

  it('keeps CRLF and lone CR line breaks and tabs', () => {
    assert.equal(mask('a\t= "x"  # c\r\nb = 2\rc'), 'a\t= " "     \r\nb = 2\rc');
  });

  it('returns the text unchanged when there is nothing to mask, and copes with the empty text', () => {
    const code = 'from django.db import transaction\nwith transaction.atomic():\n    pass\n';
    assert.equal(maskPython(code), code);
    assert.equal(maskPython(''), '');
  });

  it('keeps offsets with surrogate pairs and combining characters', () => {
    assert.equal(mask('x = "\u{1F600}e\u0301" + y'), `x = "${' '.repeat(4)}" + y`, 'two UTF-16 units each');
  });
});

describe('Python masker: code units', () => {
  const texts = [
    'from django.db import transaction  # café\r\nx = "a\\"b" + f"{y!r}"\n',
    'def f(a=")", *, b=\'(\'):\n    """Doc — with post_save\n    """\n    transaction.on_commit(g)\n',
    'plain = 1\nno_strings_here()\n',
    '',
  ];

  it('gives the code units of the masked text, with Buffer and without it (the browser host)', () => {
    const withBuffer = texts.map(t => {
      const { masked, codes } = maskPythonCodes(t);
      return { masked, codes: Array.from(codes) };
    });
    const saved = globalThis.Buffer;
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    try {
      texts.forEach((t, i) => {
        const { masked, codes } = maskPythonCodes(t);
        assert.equal(masked, withBuffer[i].masked, `same masked text for text ${i}`);
        assert.equal(masked, maskPython(t));
        assert.deepEqual(Array.from(codes), Array.from({ length: masked.length }, (_, k) => masked.charCodeAt(k)), `codes are the masked text's for text ${i}`);
        assert.deepEqual(withBuffer[i].codes, Array.from(codes), `same codes both ways for text ${i}`);
      });
      // The whole analysis (its file context reads the codes) works without Buffer too.
      const ruleIds = analyzeDocument(texts[1], 'python').detections().map(d => d.ruleId);
      assert.ok(ruleIds.includes('on-commit'), ruleIds.join());
    } finally {
      globalThis.Buffer = saved;
    }
  });
});

describe('template masker', () => {
  it('blanks {# #} comments and {% comment %} blocks, keeping line breaks', () => {
    const text = 'a {# {% csrf_token %} #} b\n{% comment "why" %}\n{% cache 1 k %}\n{% endcomment %} c';
    const out = maskTemplate(text);
    assert.equal(out.length, text.length);
    assert.equal(out, `a ${' '.repeat(22)} b\n${' '.repeat(19)}\n${' '.repeat(15)}\n${' '.repeat(16)} c`);
  });

  it('blanks {% verbatim %} blocks, which Django never interprets', () => {
    assert.equal(maskTemplate('{% verbatim %}{{ x|safe }}{% endverbatim %}!'), `${' '.repeat(43)}!`);
  });

  it('leaves HTML comments alone: Django still runs the tags inside them', () => {
    const text = '<!-- {% csrf_token %} -->';
    assert.equal(maskTemplate(text), text);
  });

  it('runs an unterminated {% comment %} to the end', () => {
    assert.equal(maskTemplate('x{% comment %}\n{% cache %}'), `x${' '.repeat(13)}\n${' '.repeat(11)}`);
  });
});
