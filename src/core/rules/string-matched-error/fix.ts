/**
 * string-matched-error: replace a test of the error's text with a test of its class,
 * using the names the file already imports (`err instanceof Anthropic.RateLimitError`,
 * `isinstance(e, anthropic.RateLimitError)`); adds an import only when none is usable.
 */
import type { Finding } from '../../lint/types';
import type { StringMatchedErrorData } from './data';
import { EditBuilder } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import { pyErrorClass } from '../../fix/pythonTemplates';
import { jsErrorClass } from '../../fix/templates';
import type { FixAction } from '../../fix/types';

/** The error variable a text test reads, when the engine did not name it. */
function errorNameOf(file: FixFile, test: string): string | undefined {
  const patterns = file.python
    ? [/\b(?:str|repr)\(\s*([A-Za-z_]\w*)\s*\)/, /\b([A-Za-z_]\w*)\.(?:message|args|body)\b/]
    : [
        /(?<![\w$.])([A-Za-z_$][\w$]*)\??\.(?:message|toString\s*\(|name|error)\b/,
        /\bString\(\s*([A-Za-z_$][\w$]*)\s*\)/,
        /\$\{\s*([A-Za-z_$][\w$]*)\s*\}/,
      ];
  for (const re of patterns) {
    const m = re.exec(test);
    if (m) {
      return m[1];
    }
  }
  return undefined;
}

export function stringMatchedErrorFixes(
  file: FixFile,
  finding: Finding,
  data: StringMatchedErrorData,
): FixAction[] {
  const { src } = file;
  const text = file.text;
  const testText = text.slice(data.test.start, data.test.end);
  const err = data.errorName ?? errorNameOf(file, testText);
  if (data.rawHttp || data.throughModule || !err || !/^[A-Za-z_$][\w$]*$/.test(err)) {
    return [];
  }
  const overloaded = /overload|529/i.test(data.needle) && !/429|rate|too many/i.test(data.needle);
  const b = new EditBuilder(file);
  let expr: string;
  let compound = false;
  if (file.python) {
    const cls = pyErrorClass(b, overloaded ? 'OverloadedError' : 'RateLimitError');
    expr = `isinstance(${err}, ${cls})`;
    if (data.negated) {
      expr = `not ${expr}`;
      compound = true;
    }
  } else if (overloaded) {
    const cls = jsErrorClass(b, 'APIError');
    expr = `${err} instanceof ${cls} && ${err}.status === 529`;
    compound = true;
  } else {
    expr = `${err} instanceof ${jsErrorClass(b, 'RateLimitError')}`;
  }
  if (!file.python && data.negated) {
    expr = `!(${expr})`;
    compound = false;
  }
  // Parenthesise where the surroundings bind tighter than the new test.
  const before = text[src.prevCode(data.test.start)] ?? '';
  const after = text[src.nextCode(data.test.end)] ?? '';
  const tight = file.python
    ? compound &&
      !/[([,=:]/.test(before) &&
      !/^(?:if|elif|while|return|and|or)$/.test(wordBefore(file, data.test.start))
    : before === '!' ||
      /[.[(]/.test(after) ||
      (compound && !/[(,=?:&|]/.test(before) && wordBefore(file, data.test.start) !== 'return');
  if (tight && !(before === '(' && after === ')')) {
    expr = `(${expr})`;
  }
  b.replace(data.test.start, data.test.end, expr);
  const shown = expr.replace(/^\((.*)\)$/, '$1');
  return [
    {
      id: 'string-matched-error.class-check',
      title: `Test the class: ${shown}`,
      rule: finding.rule,
      isPreferred: true,
      safeForFixAll: true,
      edits: b.build(),
    },
  ];
}

function wordBefore(file: FixFile, offset: number): string {
  const m = /([\w$]+)\s*$/.exec(file.text.slice(Math.max(0, offset - 20), offset));
  return m ? m[1] : '';
}
