import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { tryBodies } from '../../lint/facts/errorChecks';
import { assignedValues } from '../../lint/facts/functions';
import { callsClaudeFunction } from '../../lint/facts/reachability';
import type { StringMatchedErrorData } from './data';
import {
  callee,
  dottedName,
  isCall,
  isMember,
  memberObject,
  memberProperty,
  namedChildren,
  positionalArgs,
  stringValue,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
} from '../../lint/syntax';

/** Text that marks a rate-limit error: "rate limit", "rate_limit(_error)", "429", "too many requests". */
const NEEDLE = /rate[ _-]?limit|429|too many requests/i;
/** Strings a rate-limit regex would be written to match. */
const SAMPLES = [
  'rate limit',
  'Rate limit',
  'rate_limit',
  'rate_limit_error',
  'rate-limit',
  '429',
  'too many requests',
  'Too Many Requests',
];
/** JS string methods that test text. */
const JS_TESTS = new Set([
  'includes',
  'indexOf',
  'lastIndexOf',
  'startsWith',
  'endsWith',
  'match',
  'matchAll',
  'search',
]);
/** Python string methods that test text. */
const PY_TESTS = new Set(['find', 'rfind', 'index', 'startswith', 'endswith', 'count', '__contains__']);
/** Python `re` functions. */
const PY_RE = /^(?:re|regex)\.(?:search|match|fullmatch|findall|finditer)$/;
/** Calls that keep the text of their receiver (case folding, trimming). */
const FOLDS = new Set([
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'trim',
  'lower',
  'upper',
  'casefold',
  'strip',
  'toString',
  'valueOf',
]);
/** Properties of an error that hold (or lead to) its text. */
const TEXT_PROPS = new Set([
  'message',
  'args',
  'stack',
  'body',
  'text',
  'detail',
  'error',
  'cause',
  'response',
]);

/**
 * `string-matched-error`: inside the catch/except that handles a Claude call, deciding that
 * the error is a rate limit from its text (`"rate limit" in str(e)`, `err.message.includes("429")`,
 * `/rate limit/i.test(e.message)`) instead of `RateLimitError` or the status code.
 */
export function detect(ctx: FileContext, report: Report<StringMatchedErrorData>): void {
  if (ctx.calls.length === 0 || !/rate|429|too many/i.test(ctx.text)) {
    return; // nothing that could match: skip the handler search
  }
  const seen = new Set<number>();
  for (const handler of claudeHandlers(ctx)) {
    const errorName = caughtName(ctx, handler);
    if (!errorName) {
      continue;
    }
    for (const literal of handler.descendantsOfType(['string', 'template_string', 'regex'])) {
      if (!literal || seen.has(literal.startIndex)) {
        continue;
      }
      const test = rateLimitTest(ctx, literal, errorName, handler);
      if (!test || seen.has(test.node.startIndex)) {
        continue;
      }
      seen.add(literal.startIndex);
      seen.add(test.node.startIndex);
      const replacement = replacementFor(ctx, errorName);
      report({
        start: test.node.startIndex,
        end: endOf(test.node),
        message:
          'This decides that the error is a rate limit by matching its message text, which is not a stable API: ' +
          'the wording can change, and other errors (a prompt that mentions "429", a proxy page) match too. ' +
          `Test ${replacement} instead.`,
        data: {
          rule: 'string-matched-error',
          language: lang(ctx),
          test: { start: test.node.startIndex, end: endOf(test.node) },
          errorName,
          needle: test.needle,
          negated: test.negated,
          replacement,
        },
      });
    }
  }
}

/** catch/except clauses of try statements whose body makes a Claude call (directly or one function away). */
function claudeHandlers(ctx: FileContext): Node[] {
  const tries = new Map<number, Node>();
  for (const t of tryBodies(ctx)) {
    // The try body makes a Claude call, or calls a same-file function that does.
    if (
      ctx.calls.some((c) => t.start <= c.node.startIndex && c.node.startIndex < t.end) ||
      callsClaudeFunction(ctx, t.node.childForFieldName('body') ?? t.node)
    ) {
      tries.set(t.node.startIndex, t.node);
    }
  }
  const handlers: Node[] = [];
  for (const t of tries.values()) {
    for (const child of namedChildren(t)) {
      if (
        kind(child) === 'catch_clause' ||
        kind(child) === 'except_clause' ||
        kind(child) === 'except_group_clause'
      ) {
        handlers.push(child);
      }
    }
  }
  return handlers;
}

/** The name the handler binds the error to (`catch (err)`, `except X as e`), if any. */
function caughtName(ctx: FileContext, handler: Node): string | undefined {
  if (kind(handler) === 'catch_clause') {
    const param = handler.childForFieldName('parameter');
    return kindOf(param) === 'identifier' ? ctx.textOf(param) : undefined;
  }
  const value = handler.childForFieldName('value') ?? namedChildren(handler)[0];
  if (kindOf(value) === 'as_pattern') {
    const alias = value.childForFieldName('alias');
    const id = alias ? (namedChildren(alias)[0] ?? alias) : null;
    return id ? ctx.textOf(id) : undefined;
  }
  return undefined;
}

interface Test {
  node: Node;
  needle: string;
  negated: boolean;
}

/** If the literal is a rate-limit pattern tested against the caught error's text, the test. */
function rateLimitTest(ctx: FileContext, literal: Node, errorName: string, handler: Node): Test | null {
  const parent = up(literal);
  if (!parent) {
    return null;
  }
  let node: Node | null = null;
  let subject: Node | null = null;
  let negated = false;
  let regex = kind(literal) === 'regex';
  if (ctx.python) {
    if (kind(parent) === 'comparison_operator') {
      const [left, right] = namedChildren(parent);
      const op = ctx.text.slice(endOf(left) ?? 0, right?.startIndex ?? 0).trim();
      if (!left || !right) {
        return null;
      }
      if ((op === 'in' || op === 'not in') && left.startIndex === literal.startIndex) {
        node = parent;
        subject = right;
        negated = op === 'not in';
      } else if (op === '==' || op === '!=') {
        node = parent;
        subject = left.startIndex === literal.startIndex ? right : left;
        negated = op === '!=';
      }
    } else if (kind(parent) === 'argument_list' && up(parent) && isCall(up(parent))) {
      const call = up(parent);
      const fn = callee(call);
      const args = positionalArgs(call);
      if (PY_RE.test(dottedName(fn, ctx.text)) && args[0]?.startIndex === literal.startIndex) {
        node = call;
        subject = args[1] ?? null;
        regex = true;
      } else if (isMember(fn) && PY_TESTS.has(ctx.textOf(memberProperty(fn)))) {
        node = call;
        subject = memberObject(fn);
      }
    }
  } else if (kind(parent) === 'arguments' && up(parent) && isCall(up(parent))) {
    const fn = callee(up(parent));
    if (isMember(fn) && JS_TESTS.has(ctx.textOf(memberProperty(fn)))) {
      node = up(parent);
      subject = memberObject(fn);
    }
  } else if (kind(literal) === 'regex' && isMember(parent) && ctx.textOf(memberProperty(parent)) === 'test') {
    const call = up(parent);
    if (call && isCall(call)) {
      node = call;
      subject = positionalArgs(call)[0] ?? null;
    }
  } else if (kind(parent) === 'binary_expression') {
    const op = ctx.textOf(parent.childForFieldName('operator'));
    if (op === '===' || op === '==' || op === '!==' || op === '!=') {
      const left = parent.childForFieldName('left');
      node = parent;
      subject = left?.startIndex === literal.startIndex ? parent.childForFieldName('right') : left;
      negated = op.startsWith('!');
    }
  }
  if (!node || !subject) {
    return null;
  }
  const needle = matchesRateLimit(ctx, literal, regex, node);
  if (!needle || !isErrorText(ctx, subject, errorName, handler, 0)) {
    return null;
  }
  // `!msg.includes('429')`, `not re.search(...)`: report the whole negation.
  for (
    let p = up(node);
    p && (kind(p) === 'unary_expression' || kind(p) === 'not_operator') && /^(!|not\b)/.test(ctx.textOf(p));
    p = up(node)
  ) {
    node = p;
    negated = !negated;
  }
  return { node, needle, negated };
}

/** The rate-limit text a literal matches: as a plain string, or as a regex. */
function matchesRateLimit(ctx: FileContext, literal: Node, regex: boolean, test: Node): string | undefined {
  if (kind(literal) === 'regex') {
    const pattern = ctx.textOf(literal.childForFieldName('pattern'));
    const flags = ctx.textOf(literal.childForFieldName('flags'));
    return regexMatch(pattern, flags);
  }
  const value = stringValue(literal, ctx.text) ?? ctx.textOf(literal);
  if (regex) {
    let flags = /\bre\.(?:I|IGNORECASE)\b/.test(ctx.textOf(test)) ? 'i' : '';
    let pattern = value;
    const inline = /^\(\?([a-z]+)\)/.exec(pattern);
    if (inline) {
      pattern = pattern.slice(inline[0].length);
      flags += inline[1].includes('i') ? 'i' : '';
    }
    return regexMatch(pattern, flags) ?? NEEDLE.exec(value)?.[0];
  }
  return NEEDLE.exec(value)?.[0];
}

function regexMatch(pattern: string, flags: string): string | undefined {
  try {
    const re = new RegExp(pattern, flags.replace(/[^imsu]/g, ''));
    return SAMPLES.find((s) => re.test(s));
  } catch {
    return NEEDLE.exec(pattern)?.[0];
  }
}

/**
 * Whether an expression is the caught error's text: `str(e)`, `repr(e)`, `e.message`,
 * `e.args[0]`, `String(err)`, `err.toString()`, `${err}`, `err.message.toLowerCase()`, or a
 * local of the handler assigned from one of those.
 */
function isErrorText(
  ctx: FileContext,
  expr: Node | null,
  errorName: string,
  handler: Node,
  depth: number,
): boolean {
  const n = unwrap(expr);
  if (!n || depth > 6) {
    return false;
  }
  switch (kind(n)) {
    case 'identifier': {
      const name = ctx.textOf(n);
      return name === errorName || localFromError(ctx, n, errorName, handler, depth);
    }
    case 'call':
    case 'call_expression': {
      const fn = callee(n);
      const name = dottedName(fn, ctx.text);
      if (['str', 'repr', 'String', 'JSON.stringify', 'format'].includes(name)) {
        return isErrorText(ctx, positionalArgs(n)[0] ?? null, errorName, handler, depth + 1);
      }
      if (isMember(fn) && FOLDS.has(ctx.textOf(memberProperty(fn)))) {
        return isErrorText(ctx, memberObject(fn), errorName, handler, depth + 1);
      }
      if (isMember(fn) && /^(?:join|get)$/.test(ctx.textOf(memberProperty(fn)))) {
        return isErrorText(ctx, memberObject(fn), errorName, handler, depth + 1);
      }
      return false;
    }
    case 'member_expression':
    case 'attribute':
      return (
        TEXT_PROPS.has(ctx.textOf(memberProperty(n))) &&
        isErrorText(ctx, memberObject(n), errorName, handler, depth + 1)
      );
    case 'subscript':
    case 'subscript_expression':
      return isErrorText(
        ctx,
        n.childForFieldName('value') ?? n.childForFieldName('object'),
        errorName,
        handler,
        depth + 1,
      );
    case 'template_string':
    case 'string':
      return namedChildren(n).some(
        (c) =>
          (kind(c) === 'template_substitution' || kind(c) === 'interpolation') &&
          isErrorText(ctx, namedChildren(c)[0] ?? null, errorName, handler, depth + 1),
      );
    case 'ternary_expression':
    case 'conditional_expression':
      return namedChildren(n)
        .slice(kind(n) === 'ternary_expression' ? 1 : 0)
        .some((c) => isErrorText(ctx, c, errorName, handler, depth + 1));
    case 'binary_expression':
    case 'boolean_operator':
      return namedChildren(n).some((c) => isErrorText(ctx, c, errorName, handler, depth + 1));
    default:
      return false;
  }
}

/** A local assigned (inside the handler, before this use) from the error's text. */
function localFromError(
  ctx: FileContext,
  id: Node,
  errorName: string,
  handler: Node,
  depth: number,
): boolean {
  const values = assignedValues(ctx, ctx.textOf(id), handler.startIndex, id.startIndex);
  const last = values[values.length - 1];
  return !!last && isErrorText(ctx, last, errorName, handler, depth + 1);
}

/** What to test instead, using the names the file imported. */
function replacementFor(ctx: FileContext, e: string): string {
  const imports = ctx.imports;
  if (ctx.python) {
    if (imports.anthropicErrors.has('RateLimitError')) {
      return `isinstance(${e}, RateLimitError)`;
    }
    const ns = [...imports.anthropicNamespaces][0] ?? 'anthropic';
    return `isinstance(${e}, ${ns}.RateLimitError)`;
  }
  if (imports.anthropicErrors.has('RateLimitError')) {
    return `${e} instanceof RateLimitError`;
  }
  if (imports.anthropicDefault) {
    return `${e} instanceof ${imports.anthropicDefault}.RateLimitError`;
  }
  return `${e}.status === 429`;
}
