import type { Node } from '../../parse/treeSitter';
import type { Span } from '../../parse/span';
import type { FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { handlersOf, tryBodies } from '../../lint/facts/errorChecks';
import { anyIn, sleepsIn } from '../../lint/facts/retryLoops';
import { retryShapes } from '../../lint/facts/retryShapes';
import { allHttpClaudeCalls, httpClaudeHelpers, indirectClaudeCalls } from '../../lint/facts/httpHelpers';
import {
  callGraph,
  claudeTarget,
  functionAt,
  type LocalFunction,
  siteCall,
  sitesWithin,
} from '../../lint/facts/callGraph';
import { assignedValues } from '../../lint/facts/functions';
import { findRetryLibrary } from '../../lint/facts/retryLibraries';
import { catchesOwnErrors } from '../../lint/facts/rateLimitGuards';
import type { StringMatchedErrorData } from './data';
import { claudeOnlyThroughModule } from './appModule';
import { responseErrorBranches } from './responseBranches';
import {
  callee,
  descendantsWithin,
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
  FUNCTION_TYPES,
  LOOP_TYPES,
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
/**
 * An app's own property named for an error's text (`providerError`, `errorMessage`, `error_msg`,
 * `responseBody`, `failure_reason`): a custom error class carrying the provider's message.
 */
const TEXT_PROP_NAME =
  /[a-z](?:Error|Message|Msg|Text|Body|Detail|Reason)$|_(?:error|message|msg|text|body|detail|reason)$/;
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
 * `/rate limit/i.test(e.message)`) instead of `RateLimitError` or the status code; also
 * through a same-file predicate (`_is_rate_limit_error(e)`) and a list of indicator strings
 * (`any(s in msg for s in INDICATORS)`). One finding per test site: `a || b` is one.
 */
export function detect(ctx: FileContext, report: Report<StringMatchedErrorData>): void {
  if (
    !/rate|429|too many|limit/i.test(ctx.text) ||
    (ctx.calls.length === 0 &&
      allHttpClaudeCalls(ctx).length === 0 &&
      !retryShapes(ctx).some((s) => s.shape === 'wrapper' && s.calls.length > 0) &&
      !claudeOnlyThroughModule(ctx))
  ) {
    return; // nothing that could match: skip the handler search
  }
  const seen = new Set<number>();
  // (no Claude call here: the handlers are those of a file that reaches Claude through its module)
  const module =
    ctx.calls.length === 0 && allHttpClaudeCalls(ctx).length === 0 ? claudeOnlyThroughModule(ctx) : undefined;
  for (const handler of claudeHandlers(ctx)) {
    const errorName = caughtName(ctx, handler);
    if (!errorName) {
      continue;
    }
    // After an `except RateLimitError` clause a 429 never arrives here: a text test only labels
    // or logs, unless it still picks the rate-limit path (re-raised as the app's retryable
    // rate-limit error, or a wait and another attempt) for whatever other error says "429".
    const after = rateLimitCaughtBefore(ctx, handler);
    const emit = (test: Test, where: string, name = errorName): void => {
      if (seen.has(test.node.startIndex)) {
        return;
      }
      seen.add(test.node.startIndex);
      const replacement = module ? moduleReplacement(ctx, name) : replacementFor(ctx, name);
      reportTest(ctx, report, test, {
        message:
          messageFor(test.needle, where, replacement, !ctx.imports.anthropic || !!module) +
          (module
            ? ` This file reaches Claude only through \`${module}\`: the errors it catches are Claude's.`
            : ''),
        errorName: name,
        replacement,
        rawHttp: !ctx.imports.anthropic && !module,
        throughModule: module,
      });
    };
    for (const test of textTests(ctx, handler, errorName, handler)) {
      if (!after || picksRateLimitPath(ctx, test.node)) {
        emit(test, '');
      }
    }
    // (a predicate called twice in one handler, `if _is_rate_limit(e) and daily(e): … elif
    // _is_rate_limit(e) and attempt < n:`, is one text test: reported at its first call)
    const predicates = new Set<string>();
    for (const use of after ? [] : predicateUses(ctx, handler, errorName)) {
      if (!use.calledAt && predicates.has(use.helper)) {
        continue;
      }
      predicates.add(use.helper);
      emit(
        use.test,
        use.calledAt
          ? ` (the error caught on line ${use.calledAt})`
          : ` (in \`${use.helper}\`, line ${use.line})`,
        use.calledAt ? use.param : errorName,
      );
    }
  }
  // The failure branch of a raw-HTTP Messages response (`else:` after `if response.status == 200:`):
  // a test of the body's error text there decides the rate-limit path while the status is at hand.
  for (const { branch, names, replacement } of responseErrorBranches(ctx)) {
    for (const name of names) {
      for (const test of textTests(ctx, branch, name, branch)) {
        if (seen.has(test.node.startIndex)) {
          continue;
        }
        seen.add(test.node.startIndex);
        reportTest(ctx, report, test, {
          message: messageFor(test.needle, " (the response's error)", replacement, true),
          errorName: name,
          replacement,
          rawHttp: true,
        });
      }
    }
  }
  // A predicate a retry library asks whether to retry (`retry=retry_if_exception(_is_transient)`),
  // around a Claude call: its text tests pick the rate-limit path. Reported at the test. (Also
  // written in place in a retry helper's options: `retry(async () => fetch(…), { shouldRetry: (e) => … })`.)
  for (const { fn, param } of [...libraryPredicates(ctx), ...inlinePredicates(ctx)]) {
    for (const test of textTests(ctx, fn.node, param, fn.node)) {
      if (seen.has(test.node.startIndex)) {
        continue;
      }
      seen.add(test.node.startIndex);
      const replacement = replacementFor(ctx, param);
      reportTest(ctx, report, test, {
        message: messageFor(test.needle, '', replacement, !ctx.imports.anthropic),
        errorName: param,
        replacement,
        rawHttp: !ctx.imports.anthropic,
      });
    }
  }
}

/** Reports one text test, with what its fixes need. */
function reportTest(
  ctx: FileContext,
  report: Report<StringMatchedErrorData>,
  test: Test,
  how: { message: string; errorName: string; replacement: string; rawHttp: boolean; throughModule?: string },
): void {
  report({
    start: test.node.startIndex,
    end: endOf(test.node),
    message: how.message,
    data: {
      rule: 'string-matched-error',
      language: lang(ctx),
      test: { start: test.node.startIndex, end: endOf(test.node) },
      errorName: how.errorName,
      needle: test.needle,
      negated: test.negated,
      replacement: how.replacement,
      ...(how.rawHttp ? { rawHttp: true } : {}),
      ...(how.throughModule ? { throughModule: how.throughModule } : {}),
    },
  });
}

/** How a retry library is given its retry predicate: tenacity, backoff's `giveup`, JS options. */
const LIBRARY_PREDICATE =
  /\bretry_if_exception\s*\(\s*(?:lambda\s+\w+\s*:\s*)?([\w.]+)|\bgiveup\s*=\s*([\w.]+)|\b(?:shouldRetry|retryIf|retryCondition)\s*:\s*([\w$.]+)/g;

/** The words of `LIBRARY_PREDICATE` (line-local: a scan kept across edits in an editor document). */
const PREDICATE_WORDS = /retry_if_exception|giveup|shouldRetry|retryIf|retryCondition/g;

/**
 * The same-file predicates handed to a retry library that wraps a Claude call (directly, or
 * through a local function or a decorated wrapper's application), with the parameter holding the
 * error. At most 8 library uses are read.
 */
function libraryPredicates(ctx: FileContext): Array<{ fn: LocalFunction; param: string }> {
  if (ctx.imports.retryLibs.size === 0 || ctx.scan(PREDICATE_WORDS).next().done) {
    return [];
  }
  const uses = new Map<number, Node>();
  const nodes: Node[] = [...ctx.calls, ...allHttpClaudeCalls(ctx)].map((c) => c.node);
  for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
    const call = claudeTarget(ctx, site.name, site.at) ? siteCall(ctx, site.at) : null;
    if (call) {
      nodes.push(call);
    }
  }
  // (the first 64 calls: each lookup reads the file's retry scopes)
  for (const node of nodes.slice(0, 64)) {
    const lib = uses.size < 8 ? findRetryLibrary(ctx, node) : null;
    if (lib) {
      uses.set(lib.node.startIndex, lib.config ?? lib.head);
    }
  }
  const out: Array<{ fn: LocalFunction; param: string }> = [];
  for (const config of uses.values()) {
    for (const m of ctx.textOf(config).matchAll(LIBRARY_PREDICATE)) {
      const name = (m[1] ?? m[2] ?? m[3]).split('.').pop() ?? '';
      for (const fn of callGraph(ctx).byName.get(name) ?? []) {
        const first = fn.params[0] === 'self' || fn.params[0] === 'cls' ? 1 : 0;
        if (fn.params[first]) {
          out.push({ fn, param: fn.params[first] });
        }
      }
    }
  }
  return out;
}

/** An option naming a retry predicate, written in place (JS/TS): `shouldRetry: (error) => …`. */
const INLINE_PREDICATE =
  /\b(?:shouldRetry|retryIf|retryOn|retryCondition|isRetryable|shouldRetryOnError)\s*:\s*/g;

/**
 * Retry predicates written in place in the options of a call whose first argument is a function
 * making a Claude request (`retry(async () => { const res = await fetch(MESSAGES_URL, …) … }, {
 * shouldRetry: (error) => error.message.includes('429') })`, a project's own helper or a library),
 * with the parameter holding the error. At most 8 are read.
 */
function inlinePredicates(ctx: FileContext): Array<{ fn: { node: Node }; param: string }> {
  const out: Array<{ fn: { node: Node }; param: string }> = [];
  if (ctx.python) {
    return out;
  }
  const starts = [...ctx.calls, ...allHttpClaudeCalls(ctx)]
    .map((c) => c.node.startIndex)
    .sort((a, b) => a - b);
  if (starts.length === 0) {
    return out;
  }
  for (const m of ctx.scan(INLINE_PREDICATE)) {
    if (out.length >= 8) {
      break;
    }
    let fn = ctx.nodeAt(m.index + m[0].length);
    for (let i = 0; fn && i < 3 && !FUNCTION_TYPES.has(kind(fn)); i++) {
      fn = up(fn);
    }
    const param = fn && FUNCTION_TYPES.has(kind(fn)) ? firstParam(ctx, fn) : undefined;
    const pair = fn ? up(fn) : null;
    const args = pair ? up(up(pair) ?? pair) : null;
    const call = args && kind(args) === 'arguments' ? up(args) : null;
    const work = call ? unwrap(positionalArgs(call)[0] ?? null) : null;
    if (
      !fn ||
      !param ||
      !work ||
      !FUNCTION_TYPES.has(kind(work)) ||
      !anyIn(starts, work.startIndex, endOf(work))
    ) {
      continue;
    }
    out.push({ fn: { node: fn }, param });
  }
  return out;
}

/** The first parameter's name of an arrow or function expression (`(error) =>`, `err =>`, `function (e)`). */
function firstParam(ctx: FileContext, fn: Node): string | undefined {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return /^\(?\s*([A-Za-z_$][\w$]*)/.exec(ctx.textOf(params))?.[1];
}

/** One sentence saying what is wrong and what to do (at most 100 characters), then the details. */
function messageFor(needle: string, where: string, replacement: string, rawHttp = false): string {
  let first = `Tests the error message for '${needle}'${where}; check the error class or status instead.`;
  if (first.length > 100) {
    first = `Tests the error message for '${needle}'${where}; ${rawHttp ? 'check the status' : 'use the error class'}.`;
  }
  if (first.length > 100) {
    first = `Tests the error message for '${needle}'; check the error class or status instead.`;
  }
  return (
    `${first} Test ${replacement}: error text is not a stable API (the wording can change, and other errors, ` +
    `such as a prompt that mentions "429" or a proxy page, match too).`
  );
}

/** Nodes a text test can start from: literals, regexes, indicator lists and the names holding them. */
const TEST_TYPES = new Set(['string', 'template_string', 'regex', 'list', 'tuple', 'array', 'identifier']);
const CALL_TYPES = new Set(['call', 'call_expression']);
const READ_TYPES = new Set([...TEST_TYPES, ...CALL_TYPES]);
const HANDLER_TYPES = new Set(['catch_clause', 'except_clause', 'except_group_clause']);
/**
 * How many handlers nested in a handler are read with it (a test of the outer error written in
 * an inner handler): past that, each is read as a handler of its own, or not at all, so that a
 * deep nest of handlers costs time linear in the text.
 */
const MAX_NESTED_HANDLERS = 2;

/**
 * The nodes a handler (or a predicate helper) is read for, its text tests and its calls, with
 * the spans left unread (see `descendantsWithin`): one walk per scope, shared by every reader.
 */
function scopeNodes(ctx: FileContext, scope: Node): { tests: Node[]; calls: Node[]; skipped: Span[] } {
  return ctx.memo(`string-matched-scope:${scope.startIndex}:${endOf(scope)}`, () => {
    const { nodes, skipped } = descendantsWithin(scope, READ_TYPES, HANDLER_TYPES, MAX_NESTED_HANDLERS);
    const tests: Node[] = [];
    const calls: Node[] = [];
    for (const n of nodes) {
      (CALL_TYPES.has(kind(n)) ? calls : tests).push(n);
    }
    return { tests, calls, skipped };
  });
}

/** The rate-limit text tests on `errorName` inside `scope`, one per site (`a || b` is one). */
function textTests(ctx: FileContext, scope: Node, errorName: string, handler: Node): Test[] {
  const atoms: Test[] = [];
  const at = new Set<number>();
  for (const literal of scopeNodes(ctx, scope).tests) {
    if (at.has(literal.startIndex)) {
      continue;
    }
    const test = /^(?:list|tuple|array|identifier)$/.test(kind(literal))
      ? indicatorTest(ctx, literal, errorName, handler)
      : rateLimitTest(ctx, literal, errorName, handler);
    if (test && !at.has(test.node.startIndex)) {
      at.add(literal.startIndex);
      at.add(test.node.startIndex);
      atoms.push(test);
    }
  }
  return chains(ctx, atoms);
}

/**
 * Joins tests that are operands of one boolean chain (`a || b`, `'rate' in m and 'limit' in m`)
 * into one test over the whole chain; keeps those whose text means a rate limit.
 */
function chains(ctx: FileContext, atoms: Test[]): Test[] {
  const byStart = new Map(atoms.map((t) => [t.node.startIndex, t]));
  const top = new Map<
    number,
    {
      node: Node;
      needles: string[];
      negated: boolean;
      and: boolean;
      indicators: boolean;
      /** The needles of message-text tests (not class names). */
      text: string[];
    }
  >();
  for (const t of atoms) {
    let node = t.node;
    let cur = t.node;
    let and = false;
    for (let p = up(cur); p && isBoolean(ctx, p); p = up(cur)) {
      if (kind(p) === 'parenthesized_expression') {
        cur = p; // climb through, but never report the parentheses of `if (...)`
        continue;
      }
      const others = namedChildren(p).filter((c) => c.startIndex !== cur.startIndex);
      if (!others.every((o) => allTests(ctx, o, byStart))) {
        break;
      }
      if (others.length > 0) {
        and ||= /&&|\band\b/.test(ctx.textOf(p.childForFieldName('operator')));
      }
      node = p;
      cur = p;
    }
    const entry = top.get(node.startIndex) ?? {
      node,
      needles: [],
      negated: t.negated,
      and,
      indicators: false,
      text: [],
    };
    entry.needles.push(t.needle);
    entry.and ||= and;
    entry.indicators ||= !!t.indicators;
    if (!t.byName) {
      entry.text.push(t.needle);
    }
    top.set(node.startIndex, entry);
  }
  const out: Test[] = [];
  for (const e of top.values()) {
    if (!e.text.length) {
      continue;
    }
    // (a message text before a class name tested as a string: `"RateLimitError" in type(e).__name__ or "429" in str(e)`)
    const direct =
      e.text.find((n) => NEEDLE.test(n)) ??
      e.needles.find((n) => NEEDLE.test(n)) ??
      (e.indicators ? e.needles[0] : undefined);
    const split =
      e.and && e.needles.some((n) => /^rate$/i.test(n)) && e.needles.some((n) => /^limit(?:ed)?$/i.test(n));
    if (direct || split) {
      out.push({
        node: e.node,
        needle: direct ? (NEEDLE.exec(direct)?.[0] ?? direct) : 'rate … limit',
        negated: e.needles.length === 1 && e.negated,
      });
    } else if (!(e.needles.length === 1 && e.negated) && !e.and && picksWait(ctx, e.node)) {
      // A bare `"limit" in str(e)` (alone or beside other words) whose branch sleeps and goes
      // round again: the rate-limit path.
      const weak = e.needles.find((n) => /^(?:rate|limit|limited)$/i.test(n));
      if (weak) {
        out.push({ node: e.node, needle: weak, negated: false });
      }
    } else if (
      e.needles.length === 1 &&
      e.negated &&
      /^(?:rate|limit|limited)$/i.test(e.needles[0]) &&
      picksWait(ctx, e.node, /^(?:and|&&)$/)
    ) {
      // `if tries < 3 and "rate" not in str(e):` with a wait and another attempt: the other errors
      // are retried, the ones whose text says "rate" are not (a rate limit told apart by its text).
      out.push({ node: e.node, needle: e.needles[0], negated: true });
    }
  }
  return oneSitePerCondition(ctx, out);
}

/**
 * One test per boolean condition: text tests that a non-text operand keeps apart (`err.status === 429
 * || msg.includes('rate_limit') || msg.includes('rate limit')`) are one site, reported at the first.
 */
function oneSitePerCondition(ctx: FileContext, tests: Test[]): Test[] {
  if (tests.length < 2) {
    return tests;
  }
  const seen = new Set<number>();
  return tests
    .sort((a, b) => a.node.startIndex - b.node.startIndex)
    .filter((t) => {
      let top = t.node;
      for (let p = up(top); p && isBoolean(ctx, p); p = up(p)) {
        top = p;
      }
      if (top === t.node) {
        return true;
      }
      if (seen.has(top.startIndex)) {
        return false;
      }
      seen.add(top.startIndex);
      return true;
    });
}

/**
 * Whether a test is the condition of an `if` / `elif` whose branch waits (a sleep or delay
 * call) and neither throws, breaks nor returns (other than a call: `return self.ask(p)`, a retry
 * by recursion): it picks a wait before the next attempt, which is what a rate-limit path does
 * (a `"limit"` that shrinks the prompt or gives up is not one).
 */
function picksWait(ctx: FileContext, test: Node, through = /^(?:or|\|\|)$/): boolean {
  let cond: Node = test;
  // (through parentheses and `or` / `||`: `"overloaded" in msg or "rate" in msg`)
  for (
    let p = up(cond);
    p &&
    (kind(p) === 'parenthesized_expression' ||
      (isBoolean(ctx, p) && through.test(ctx.textOf(p.childForFieldName('operator')))));
    p = up(cond)
  ) {
    cond = p;
  }
  const branch = up(cond);
  if (!branch || !/^(?:if_statement|elif_clause)$/.test(kind(branch))) {
    return false;
  }
  const condition = branch.childForFieldName('condition');
  const then = branch.childForFieldName('consequence');
  if (!condition || condition.startIndex !== cond.startIndex || !then) {
    return false;
  }
  const text = ctx.textOf(then);
  // (or `continue`s to the next attempt of a loop that waits before each one)
  let loop: Node | null = branch;
  for (let d = 0; loop && d < 24 && !LOOP_TYPES.has(kind(loop)) && !FUNCTION_TYPES.has(kind(loop)); d++) {
    loop = up(loop);
  }
  const loopWaits =
    !!loop &&
    LOOP_TYPES.has(kind(loop)) &&
    /\bcontinue\b/.test(text) &&
    sleepsIn(ctx, loop.startIndex, endOf(loop));
  if (!(sleepsIn(ctx, then.startIndex, endOf(then)) || loopWaits)) {
    return false;
  }
  return !LEAVES.test(text) || leavesOnlyWhenOutOfAttempts(ctx, then, loop);
}

/** Text that leaves the attempt: a throw, raise, break, or a return other than a retry by recursion. */
const LEAVES = /\b(?:throw|raise|break)\b|\breturn\b(?!\s+(?:await\s+)?(?:self\.|this\.)?[\w$]+\s*\()/;

/** Names that count attempts (`attempt`, `retries`, `max_retries`, `tries`, `retryCount`). */
const ATTEMPT_NAME = /attempt|retr|tries|tried/i;

/**
 * Whether a branch that waits leaves (throws, returns, breaks) only once the attempts run out:
 * it holds an `if` on the attempt counter (`if attempt < max_retries - 1:`, `if (tries >= 3)`)
 * whose one side waits and goes round again while the other gives up, with nothing before it
 * always leaving: `if attempt < n - 1: time.sleep(30); continue` then `return None` (or `else:
 * return None`), or `if attempt == n - 1: raise` then `time.sleep(30)`. The side with attempts
 * left must wait itself (a `"limit"` that halves the prompt and asks again at once is no
 * rate-limit path, whatever the loop waits for other errors).
 */
function leavesOnlyWhenOutOfAttempts(ctx: FileContext, then: Node, loop: Node | null): boolean {
  const statements = namedChildren(then).filter((c) => kind(c) !== 'comment');
  const counter = loop ? loopCounter(ctx, loop) : undefined;
  for (const s of statements) {
    const cond = kind(s) === 'if_statement' ? s.childForFieldName('condition') : null;
    const yes = s.childForFieldName('consequence');
    if (!cond || !yes || !countsAttempts(ctx, cond, counter)) {
      if (!cond && LEAVES.test(ctx.textOf(s))) {
        return false; // (a statement before the attempt test always leaves)
      }
      continue; // (an `if` that gives up on some other errors first: `if "per day" in text: return None`)
    }
    const after = { start: endOf(s), end: endOf(then) };
    const restLeaves = LEAVES.test(ctx.text.slice(after.start, after.end));
    const yesText = ctx.textOf(yes);
    if (!LEAVES.test(yesText)) {
      // (the side with attempts left waits, and goes round again before any give-up after it)
      return sleepsIn(ctx, yes.startIndex, endOf(yes)) && (!restLeaves || /\bcontinue\b/.test(yesText));
    }
    // (the side with no attempts left gives up; the wait follows it)
    return !s.childForFieldName('alternative') && !restLeaves && sleepsIn(ctx, after.start, after.end);
  }
  return false;
}

/** The variable a `for` loop counts with (`for attempt in range(3)`, `for (let i = 0; …)`), if any. */
function loopCounter(ctx: FileContext, loop: Node): string | undefined {
  const left = loop.childForFieldName('left') ?? loop.childForFieldName('initializer');
  const m = left ? /^(?:(?:let|var|const)\s+)?([A-Za-z_$][\w$]*)\b/.exec(ctx.textOf(left)) : null;
  return m?.[1];
}

/** Whether a condition compares an attempt counter (`attempt < max_retries - 1`, `n >= tries`). */
function countsAttempts(ctx: FileContext, cond: Node, counter: string | undefined): boolean {
  const text = ctx.textOf(cond);
  return (
    /[<>]|[=!]==?/.test(text) &&
    (text.match(/[A-Za-z_$][\w$]*/g) ?? []).some((id) => id === counter || ATTEMPT_NAME.test(id))
  );
}

/**
 * Whether a test is the condition of an `if` whose branch re-raises the error as a rate-limit or
 * retryable error of the app's own (`raise RateLimitError(str(e)) from e`, `throw new RetryableError(…)`)
 * or waits before the next attempt (see `picksWait`).
 */
function picksRateLimitPath(ctx: FileContext, test: Node): boolean {
  if (picksWait(ctx, test)) {
    return true;
  }
  let cond: Node = test;
  for (let p = up(cond); p && (kind(p) === 'parenthesized_expression' || isBoolean(ctx, p)); p = up(cond)) {
    cond = p;
  }
  const branch = up(cond);
  const then =
    branch && /^(?:if_statement|elif_clause)$/.test(kind(branch))
      ? branch.childForFieldName('consequence')
      : null;
  return (
    !!then &&
    branch?.childForFieldName('condition')?.startIndex === cond.startIndex &&
    /\b(?:raise|throw\s+new)\s+[\w.]*(?:RateLimit|Retryable|Throttl)\w*\s*\(/.test(ctx.textOf(then))
  );
}

function isBoolean(ctx: FileContext, n: Node): boolean {
  if (kind(n) === 'boolean_operator') {
    return true;
  }
  if (kind(n) === 'parenthesized_expression') {
    return true;
  }
  if (kind(n) !== 'binary_expression') {
    return false;
  }
  const op = ctx.textOf(n.childForFieldName('operator'));
  return op === '||' || op === '&&';
}

/** Whether an expression is made only of the found tests (through boolean operators and parentheses). */
function allTests(ctx: FileContext, n: Node, byStart: Map<number, Test>): boolean {
  const t = byStart.get(n.startIndex);
  if (t && endOf(t.node) === endOf(n)) {
    return true;
  }
  if (!isBoolean(ctx, n)) {
    return false;
  }
  return namedChildren(n).every((c) => allTests(ctx, c, byStart));
}

/**
 * A list of indicator strings tested against the error text: `any(s in msg for s in
 * ["rate limit", "429"])`, `any(k in msg for k in INDICATORS)`, `['429', 'rate_limit'].some((s) => msg.includes(s))`.
 */
function indicatorTest(ctx: FileContext, node: Node, errorName: string, handler: Node): Test | null {
  const list = kind(node) === 'identifier' ? constantList(ctx, ctx.textOf(node)) : node;
  if (!list) {
    return null;
  }
  const needles = namedChildren(list)
    .map((c) => stringValue(c, ctx.text))
    .filter((v): v is string => v !== undefined);
  // (a bare 'limit' beside 'quota' names usage limits, a 429's text included: `['quota', 'limit', 'billing']`)
  const needle =
    needles.find((v) => NEEDLE.test(v)) ??
    (needles.some((v) => /^rate$/i.test(v))
      ? 'rate'
      : needles.some((v) => /^quota$/i.test(v.trim())) &&
          needles.some((v) => /^limit(?:ed)?$/i.test(v.trim()))
        ? needles.filter((v) => /^(?:quota|limit(?:ed)?)$/i.test(v.trim())).join("' / '")
        : undefined);
  if (!needle) {
    return null;
  }
  // Python: any(<x> in <subject> for <x> in <list>)
  const clause = up(node);
  if (clause && kind(clause) === 'for_in_clause') {
    const gen = up(clause);
    const call = gen && up(gen);
    const body = gen?.childForFieldName('body');
    if (
      call &&
      isCall(call) &&
      /^(?:any|all)$/.test(ctx.textOf(callee(call))) &&
      body &&
      kind(body) === 'comparison_operator'
    ) {
      const [, subject] = namedChildren(body);
      if (isErrorText(ctx, subject ?? null, errorName, handler, 0)) {
        return { node: call, needle: NEEDLE.exec(needle)?.[0] ?? needle, negated: false, indicators: true };
      }
    }
    return null;
  }
  // JS: <list>.some((s) => <subject>.includes(s))
  const member = up(node);
  if (member && isMember(member) && ctx.textOf(memberProperty(member)) === 'some') {
    const call = up(member);
    const fn = call && isCall(call) ? positionalArgs(call)[0] : null;
    const inner = fn ? ctx.textOf(fn) : '';
    const m = /([A-Za-z_$][\w$.]*(?:\(\))?)\s*\.\s*(?:includes|indexOf|startsWith|match)\s*\(/.exec(inner);
    if (call && m && new RegExp(`(?:^|[^\\w$.])${errorName}\\b|message|msg|text|str`).test(m[1])) {
      return { node: call, needle: NEEDLE.exec(needle)?.[0] ?? needle, negated: false, indicators: true };
    }
  }
  return null;
}

/** A module-level list/tuple/array constant by name (`RATE_LIMIT_MARKERS = [...]`). */
function constantList(ctx: FileContext, name: string): Node | null {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
    return null;
  }
  const at = ctx.memo(`constant-list:${name}`, () => listConstantAt(ctx, name));
  if (at === undefined) {
    return null;
  }
  const n = ctx.nodeAt(at);
  const list = n && (kind(n) === 'list' || kind(n) === 'array' || kind(n) === 'tuple') ? n : up(n);
  return list && (kind(list) === 'list' || kind(list) === 'array' || kind(list) === 'tuple') ? list : null;
}

/** A name assigned a list or a call's result at the start of a line (`const NAME = [`, `NAME: T = (`). */
export const LIST_CONSTANT =
  /^[ \t]*(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*[[(]/gm;
const LIST_CONSTANT_AT = new RegExp(LIST_CONSTANT.source, 'myd');
const LIST_CONSTANT_TAIL = /\s*(?::[^=\n]*)?=\s*[[(]/y;

/**
 * Where the last match of `LIST_CONSTANT` whose name is `name` ends (its `[` or `(`), found from
 * the name's whole-word occurrences, last first: the tail must follow the name, and the pattern
 * match from a line start before it (the name's own line, or an earlier one when only blanks and
 * `export`/`const`/`let`/`var` come between) with the name as its group. (A scan hides a match
 * only inside an earlier one from a line above, with the same name and end.)
 */
export function listConstantAt(ctx: FileContext, name: string): number | undefined {
  const text = ctx.text;
  const words = ctx.wordsOf(name);
  for (let i = words.length - 1; i >= 0; i--) {
    const at = words[i];
    LIST_CONSTANT_TAIL.lastIndex = at + name.length;
    if (!LIST_CONSTANT_TAIL.exec(text)) {
      continue;
    }
    const end = LIST_CONSTANT_TAIL.lastIndex - 1;
    // Line starts at or before the name (`^` with `m`: after any line terminator), nearest first.
    for (let from = at; from >= 0; from--) {
      if (from > 0 && !/[\n\r\u2028\u2029]/.test(text[from - 1])) {
        continue;
      }
      if (!/^\s*(?:(?:export|const|let|var)\s+)*$/.test(text.slice(from, at))) {
        break; // (a line start further up has the same text after its line)
      }
      LIST_CONSTANT_AT.lastIndex = from;
      const m = LIST_CONSTANT_AT.exec(text);
      if (m?.indices?.[1]?.[0] === at) {
        return end;
      }
    }
  }
  return undefined;
}

/** Calls in a handler of same-file predicates that test their argument's text: `_is_rate_limit_error(e)`. */
function predicateUses(
  ctx: FileContext,
  handler: Node,
  errorName: string,
): Array<{ test: Test; helper: string; line: number; calledAt?: number; param: string }> {
  const out: Array<{ test: Test; helper: string; line: number; calledAt?: number; param: string }> = [];
  const { skipped } = scopeNodes(ctx, handler);
  const uses: Array<{ name: string; call: Node | null; methods?: boolean }> = sitesWithin(
    ctx,
    handler.startIndex,
    endOf(handler),
  )
    .filter((site) => !skipped.some((r) => r.start <= site.at && site.at < r.end))
    .map((site) => ({ name: site.name, call: siteCall(ctx, site.at) }));
  uses.push(...instanceMethodCalls(ctx, handler));
  for (const { name, call, methods } of uses) {
    const args = positionalArgs(call);
    const index = args.findIndex((a) => isErrorText(ctx, a, errorName, handler, 0));
    if (!call || index < 0) {
      continue;
    }
    for (const fn of callGraph(ctx).byName.get(name) ?? []) {
      if (methods && !isMethod(fn)) {
        continue;
      }
      const first = fn.params[0] === 'self' || fn.params[0] === 'cls' ? 1 : 0;
      const param = fn.params[first + index];
      const found = param ? predicateTest(ctx, fn, param) : undefined;
      if (found) {
        let node = call;
        let negated = false;
        for (
          let p = up(node);
          p &&
          (kind(p) === 'unary_expression' || kind(p) === 'not_operator') &&
          /^(!|not\b)/.test(ctx.textOf(p));
          p = up(node)
        ) {
          node = p;
          negated = !negated;
        }
        // A helper that branches on the text itself (`describeError(err)` picking a message with
        // `if (/rate.?limit/i.test(m))`), called for its value: the decision is the helper's test.
        // (given the error itself, not its text, and branching to something else than a boolean:
        // `_should_retry(str(e))` whose branch returns True is a predicate, reported at the call)
        const inside =
          ctx.textOf(args[index]) === errorName &&
          !isCondition(ctx, node) &&
          isCondition(ctx, found.test.node) &&
          !returnsBoolean(ctx, found.test.node);
        out.push({
          test: inside ? found.test : { node, needle: found.needle, negated },
          helper: fn.name,
          line: ctx.lines.lineAt(found.at) + 1,
          param,
          ...(inside ? { calledAt: ctx.lines.lineAt(call.startIndex) + 1 } : {}),
        });
        break;
      }
    }
  }
  return out;
}

/**
 * Calls in a handler of a method on another receiver than `self`/`this` (`rot.rotate(str(e))`,
 * an instance of a same-file class): the call graph records only plain and `self.` calls.
 */
function instanceMethodCalls(
  ctx: FileContext,
  handler: Node,
): Array<{ name: string; call: Node; methods: true }> {
  const out: Array<{ name: string; call: Node; methods: true }> = [];
  const byName = callGraph(ctx).byName;
  for (const call of scopeNodes(ctx, handler).calls) {
    const fn = callee(call);
    const receiver = isMember(fn) ? ctx.textOf(memberObject(fn)) : 'self';
    const name = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if (!/^(?:self|this|super\(\)|super)$/.test(receiver) && byName.has(name)) {
      out.push({ name, call, methods: true });
    }
  }
  return out;
}

/** Whether a local function is a method of a class (its parent is a class body). */
function isMethod(fn: LocalFunction): boolean {
  let p = up(fn.node);
  if (p && kind(p) === 'decorated_definition') {
    p = up(p);
  }
  return /^(?:block|class_body)$/.test(kindOf(p) ?? '') && /^class/.test(kindOf(up(p)) ?? '');
}

/** Whether a local function tests its parameter's text for rate limits (computed once per function). */
function predicateTest(
  ctx: FileContext,
  fn: LocalFunction,
  param: string,
): { needle: string; at: number; test: Test } | undefined {
  return ctx.memo(`predicate:${fn.start}:${param}`, () => {
    const tests = textTests(ctx, fn.node, param, fn.node);
    return tests.length
      ? { needle: tests[0].needle, at: tests[0].node.startIndex, test: tests[0] }
      : undefined;
  });
}

/** Whether the branch a test picks (the `if` around it) starts by returning a boolean literal. */
function returnsBoolean(ctx: FileContext, test: Node): boolean {
  let n: Node | null = test;
  while (n && !/^(?:if_statement|elif_clause|ternary_expression|conditional_expression)$/.test(kind(n))) {
    n = up(n);
  }
  const branch = n ? (n.childForFieldName('consequence') ?? namedChildren(n)[0]) : null;
  return (
    !!branch &&
    /^[\s{:]*return\s+(?:true|false|True|False)\b|^[\s(]*(?:true|false|True|False)\b/.test(ctx.textOf(branch))
  );
}

/**
 * Whether a node is (part of) the condition of an `if`, `elif`, `while` or conditional expression,
 * through parentheses, negations and boolean operators.
 */
function isCondition(ctx: FileContext, node: Node): boolean {
  let cur = node;
  for (let p = up(cur); p; cur = p, p = up(p)) {
    const k = kind(p);
    const op = k === 'binary_expression' ? ctx.textOf(p.childForFieldName('operator')) : '';
    if (
      k === 'parenthesized_expression' ||
      k === 'unary_expression' ||
      k === 'not_operator' ||
      k === 'boolean_operator' ||
      op === '&&' ||
      op === '||'
    ) {
      continue;
    }
    if (
      k === 'if_statement' ||
      k === 'elif_clause' ||
      k === 'while_statement' ||
      k === 'ternary_expression'
    ) {
      return p.childForFieldName('condition')?.startIndex === cur.startIndex;
    }
    if (k === 'conditional_expression') {
      return namedChildren(p)[1]?.startIndex === cur.startIndex; // `a if cond else b`
    }
    return false;
  }
  return false;
}

/** catch/except clauses of try statements whose body makes a Claude call (directly or through local functions). */
function claudeHandlers(ctx: FileContext): Node[] {
  const http = allHttpClaudeCalls(ctx);
  // (with the calls of functions picked from a same-file table: `fn = PROVIDERS[name]; fn(…)`)
  const starts = [...ctx.calls, ...http, ...indirectClaudeCalls(ctx)]
    .map((c) => c.node.startIndex)
    .sort((a, b) => a - b);
  // Local functions that send a raw-HTTP Messages request (`askClaude()` → `fetch(MESSAGES_URL)`):
  // the call graph follows SDK calls only, so these are followed one call deep here.
  const httpFns = new Set<LocalFunction>();
  for (const c of http) {
    const fn = functionAt(ctx, c.node.startIndex);
    if (fn) {
      httpFns.add(fn);
    }
  }
  // (and those one call further that let the helper's error through: `summarise()` → `llm()`)
  for (const fn of httpClaudeHelpers(ctx).keys()) {
    httpFns.add(fn);
  }
  const callsHttpFn = (s: { name: string; at: number }): boolean =>
    (callGraph(ctx).byName.get(s.name) ?? []).some(
      (f) => httpFns.has(f) && !(f.start <= s.at && s.at < f.end),
    );
  const handlers: Node[] = [];
  for (const t of tryBodies(ctx)) {
    if (
      anyIn(starts, t.start, t.end) ||
      sitesWithin(ctx, t.start, t.end).some((s) => {
        // (a function that catches its own Claude errors, `catch { return null }`, lets none reach here)
        const target = claudeTarget(ctx, s.name, s.at);
        return (
          (!!target && !target.reach.calls.every((c) => catchesOwnErrors(ctx, c.node))) || callsHttpFn(s)
        );
      })
    ) {
      handlers.push(...handlersOf(t.node));
    }
  }
  // A file reaching Claude only through the app's Claude module (`@/lib/anthropic`): every try
  // that calls something may see a Claude error.
  if (ctx.calls.length === 0 && http.length === 0 && claudeOnlyThroughModule(ctx)) {
    for (const t of tryBodies(ctx)) {
      // (read from the body's start: nested tries never rescan each other at length)
      if (/[\w$)\]]\s*\(/.test(ctx.text.slice(t.start, Math.min(t.end, t.start + 4000)))) {
        handlers.push(...handlersOf(t.node));
      }
    }
  }
  // A same-file generic retry wrapper (`retry_with_backoff(func, *args)`) whose try runs the
  // callable it is given, applied to a function that calls Claude.
  for (const shape of retryShapes(ctx)) {
    if (shape.shape === 'wrapper' && shape.calls.length) {
      handlers.push(...handlersOf(shape.tryNode));
    }
  }
  return handlers;
}

/**
 * Whether an earlier `except` clause of the same try names `RateLimitError`: a 429 from the SDK
 * never reaches this handler, so a text test here is not how rate limits are told apart.
 */
function rateLimitCaughtBefore(ctx: FileContext, handler: Node): boolean {
  const tryNode = up(handler);
  if (kind(handler) !== 'except_clause' || !tryNode) {
    return false;
  }
  for (const h of handlersOf(tryNode)) {
    if (h.startIndex >= handler.startIndex) {
      return false;
    }
    const value = h.childForFieldName('value') ?? namedChildren(h).find((k) => kind(k) !== 'block');
    const caught = value && kind(value) === 'as_pattern' ? namedChildren(value)[0] : value;
    // (the SDK's class, bare or on its module; not another provider's `openai.RateLimitError`)
    if (caught && /(?:^|[^\w.]|\banthropic\.)RateLimitError\b/.test(ctx.textOf(caught))) {
      return true;
    }
  }
  return false;
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
  /** A list of indicators with `'rate'` among status words: a rate-limit test on its own. */
  indicators?: boolean;
  /** A test of the class name as a string (`type(e).__name__`): counts only beside a message test. */
  byName?: boolean;
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
  const needle = matchesRateLimit(ctx, literal, regex, node) ?? splitWord(ctx, literal);
  if (!needle || !isErrorText(ctx, subject, errorName, handler, 0)) {
    return null;
  }
  // (the class name as a string only joins a chain of message tests: alone it is not the text)
  const named =
    kind(subject) === 'identifier'
      ? assignedValues(ctx, ctx.textOf(subject), handler.startIndex, subject.startIndex).map((v) =>
          ctx.textOf(v),
        )
      : [];
  const byName =
    /__name__|\bconstructor\s*\.\s*name\b/.test([ctx.textOf(subject), ...named].join(' ')) || undefined;
  // `!msg.includes('429')`, `not re.search(...)`: report the whole negation.
  for (
    let p = up(node);
    p && (kind(p) === 'unary_expression' || kind(p) === 'not_operator') && /^(!|not\b)/.test(ctx.textOf(p));
    p = up(node)
  ) {
    node = p;
    negated = !negated;
  }
  return { node, needle, negated, byName };
}

/** `'rate'` or `'limit'` alone: a rate limit only when both are tested together (see chains). */
function splitWord(ctx: FileContext, literal: Node): string | undefined {
  const v = stringValue(literal, ctx.text);
  return v !== undefined && /^(?:rate|limit|limited)$/i.test(v.trim()) ? v.trim() : undefined;
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
      if (/^(?:__name__|name)$/.test(ctx.textOf(memberProperty(n)))) {
        // The class name as a string: `type(e).__name__`, `e.__class__.__name__`, `err.constructor.name`.
        const of = unwrap(memberObject(n));
        const inner =
          of && isCall(of) && ctx.textOf(callee(of)) === 'type'
            ? (positionalArgs(of)[0] ?? null)
            : of && isMember(of) && /^(?:__class__|constructor)$/.test(ctx.textOf(memberProperty(of)))
              ? memberObject(of)
              : null;
        return (
          !!inner && kind(inner) === 'identifier' && isErrorText(ctx, inner, errorName, handler, depth + 1)
        );
      }
      return (
        (TEXT_PROPS.has(ctx.textOf(memberProperty(n))) ||
          TEXT_PROP_NAME.test(ctx.textOf(memberProperty(n)))) &&
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
  // The last value, or an earlier one when a later one is set only on a branch
  // (`lastError = error as Error; if (lastError.name === 'AbortError') { lastError = new Error(…) }`).
  const body = kind(handler) === 'catch_clause' || kind(handler) === 'except_clause' ? handler : null;
  for (let i = values.length - 1; i >= 0 && i >= values.length - 4; i--) {
    if (isErrorText(ctx, values[i], errorName, handler, depth + 1)) {
      return true;
    }
    if (!body || !onBranch(values[i], body)) {
      return false;
    }
  }
  return false;
}

/** Whether a node sits in an `if` (or another nested block) inside a handler, not in its own statements. */
function onBranch(node: Node, handler: Node): boolean {
  for (let n = up(node); n && n.startIndex >= handler.startIndex; n = up(n)) {
    if (
      /^(?:if_statement|elif_clause|else_clause|conditional_expression|ternary_expression)$/.test(kind(n))
    ) {
      return true;
    }
    if (n.startIndex === handler.startIndex) {
      break;
    }
  }
  return false;
}

/** What to test instead when the error comes from the app's Claude module: the SDK error's status. */
function moduleReplacement(ctx: FileContext, e: string): string {
  return ctx.python ? `getattr(${e}, "status_code", None) == 429` : `${e}.status === 429`;
}

/** What to test instead, using the names the file imported. */
function replacementFor(ctx: FileContext, e: string): string {
  const imports = ctx.imports;
  if (ctx.python && !imports.anthropic) {
    // The Messages API over raw HTTP (`requests.post(".../v1/messages")`): no SDK error class.
    return `getattr(getattr(${e}, "response", None), "status_code", None) == 429`;
  }
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
  if (!imports.anthropic) {
    // Raw `fetch` to the Messages API: the error is the app's own `new Error(...)`, which has no status.
    return `the response's status where the error is raised (response.status === 429)`;
  }
  return `${e}.status === 429`;
}
