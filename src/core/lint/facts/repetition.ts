import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { ClaudeCall } from './calls';
import { assignedValues, functionsNamed } from './functions';
import { aliasCallsOf, callGraph } from './callGraph';
import { siteRoutedAway } from './providerGate';
import { findRetryLoop } from './retryLoops';
import {
  MAX_CLIMB,
  callee,
  COMPREHENSION_TYPES,
  contains,
  dottedName,
  enclosingFunction,
  endOf,
  FUNCTION_TYPES,
  LOOP_TYPES,
  functionName,
  isCall,
  isMember,
  kind,
  lastSegment,
  memberObject,
  memberProperty,
  namedChildren,
  numberValue,
  positionalArgs,
  unwrap,
  up,
} from '../syntax';

/**
 * Lists of at most this many literal items are a small fixed list, not data: a loop over
 * them makes a handful of calls whatever the input.
 */
export const SMALL_FIXED_LIST = 5;

/** How a Claude call is repeated. */
export type RepetitionKind = 'for' | 'while' | 'map' | 'comprehension';

/** A Claude call made once per iteration of a loop, map callback or comprehension. */
export interface Repetition {
  call: ClaudeCall;
  /** The loop, comprehension, or the `.map(...)` / `map(fn, xs)` / `pool.map(...)` call. */
  construct: Node;
  kind: RepetitionKind;
  /**
   * Whether it iterates over data: not a `while` loop (agent, polling and retry loops),
   * not a small fixed list, not a retry counter (`for attempt in range(3)`).
   */
  overData: boolean;
  /** A `try` between the call and the construct (a retry or skip-on-error loop). */
  guarded: boolean;
  /** The same-file function holding the call when the repetition is at its call site (one level). */
  via?: Node;
  /** Its name. */
  viaName?: string;
}

/**
 * The Claude calls (`messages.create` / `stream`, not batches) that run once per item: inside
 * a loop, a comprehension or a map callback, directly or through a same-file function called
 * (or passed) there, one level deep. Memoised per file; in text order of the calls.
 */
export function repeatedCalls(ctx: FileContext): Repetition[] {
  return ctx.memo('repeated-calls', () => {
    const out: Repetition[] = [];
    for (const call of ctx.calls) {
      if (call.method === 'batches.create') {
        continue;
      }
      const direct = repetitionAbove(ctx, call.node);
      if (direct.construct) {
        out.push({ call, ...direct.construct });
        continue;
      }
      const fn = direct.boundary;
      const name = fn ? functionName(fn, ctx.text) : undefined;
      if (!fn || !name || functionsNamed(ctx, name).length === 0) {
        continue;
      }
      // Once per function, not per call in it: a function with many calls stays linear.
      const site =
        ctx.memo(`repetition-callers:${fn.startIndex}`, () => callerRepetition(ctx, fn, name)) ??
        passedRepetition(ctx, fn, name, 0);
      if (site) {
        out.push({ call, ...site, via: fn, viaName: name });
      }
    }
    return out;
  });
}

export type Found = Omit<Repetition, 'call' | 'via' | 'viaName'>;

/**
 * The nearest repeating construct above a node, up to its function; when none, the function
 * it stops at (null at the top level).
 */
export function repetitionAbove(ctx: FileContext, node: Node): { construct?: Found; boundary: Node | null } {
  let guarded = false;
  let prev = node;
  // (at most MAX_CLIMB levels up: each of many calls under a deep nest with no loop would
  // otherwise climb the whole nest, time quadratic in its depth)
  for (let n = up(node), level = 0; n && level < MAX_CLIMB; prev = n, n = up(n), level++) {
    const k = kind(n);
    if (k === 'try_statement') {
      guarded = true;
    }
    if (k === 'for_statement' || k === 'for_in_statement') {
      // The call must be in the body, not in the iterable (`for x of await list()`).
      const body = n.childForFieldName('body');
      if (body && contains(body, prev)) {
        return {
          construct: { construct: n, kind: 'for', overData: forOverData(ctx, n), guarded },
          boundary: null,
        };
      }
    }
    if (k === 'while_statement' || k === 'do_statement') {
      return { construct: { construct: n, kind: 'while', overData: false, guarded }, boundary: null };
    }
    if (COMPREHENSION_TYPES.has(k)) {
      const clause = namedChildren(n).find((c) => kind(c) === 'for_in_clause');
      const right = clause?.childForFieldName('right') ?? null;
      return {
        construct: { construct: n, kind: 'comprehension', overData: !smallIterable(ctx, right), guarded },
        boundary: null,
      };
    }
    if (FUNCTION_TYPES.has(k)) {
      const mapped = mapCallOf(ctx, n);
      if (mapped) {
        return { construct: { ...mapped, guarded }, boundary: null };
      }
      return { boundary: n };
    }
  }
  return { boundary: null };
}

/**
 * A function passed to a map-like call: `xs.map(fn)`, `xs.flatMap`, `xs.forEach`,
 * `Array.from(xs, fn)`, Python `map(fn, xs)`, `pool.map(fn, xs)`.
 */
function mapCallOf(ctx: FileContext, fn: Node): Omit<Found, 'guarded'> | null {
  const args = up(fn);
  const call = args && (kind(args) === 'arguments' || kind(args) === 'argument_list') ? up(args) : null;
  const found = call && isCall(call) ? mapLike(ctx, call, fn) : null;
  // `Array.from({ length: n }, () => ask(q))`: the same request n times (sampling), not one per item.
  return found && ignoresItem(ctx, fn) ? { ...found, overData: false } : found;
}

/** A callback that takes no item: `() => ...`, `(_) => ...`, `lambda _: ...`. */
function ignoresItem(ctx: FileContext, fn: Node): boolean {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  const text = params ? ctx.textOf(params).replace(/[()\s]/g, '') : '';
  return text === '' || /^_\w*(?:,_\w*)*$/.test(text.replace(/:[^,]*/g, ''));
}

function mapLike(ctx: FileContext, call: Node, fnArg: Node): Omit<Found, 'guarded'> | null {
  const fnNode = callee(call);
  const name = dottedName(fnNode, ctx.text);
  const args = positionalArgs(call);
  if (isMember(fnNode)) {
    const method = ctx.textOf(memberProperty(fnNode));
    if (
      (method === 'map' || method === 'flatMap' || method === 'forEach') &&
      args[0] &&
      same(args[0], fnArg)
    ) {
      if (name === 'Array.from') {
        return null;
      }
      return { construct: call, kind: 'map', overData: !smallIterable(ctx, memberObject(fnNode)) };
    }
    if (name === 'Array.from' && args[1] && same(args[1], fnArg)) {
      return { construct: call, kind: 'map', overData: !smallIterable(ctx, args[0]) };
    }
    // pool.map(fn, xs) / executor.map(fn, xs) in Python
    if (ctx.python && method === 'map' && args[0] && same(args[0], fnArg)) {
      return { construct: call, kind: 'map', overData: !smallIterable(ctx, args[1] ?? null) };
    }
    return null;
  }
  if (ctx.python && name === 'map' && args[0] && same(args[0], fnArg)) {
    return { construct: call, kind: 'map', overData: !smallIterable(ctx, args[1] ?? null) };
  }
  return null;
}

function same(a: Node, b: Node): boolean {
  return a.startIndex === b.startIndex && endOf(a) === endOf(b);
}

/** Where a same-file function is called or passed inside a repeating construct (outside itself). */
function callerRepetition(ctx: FileContext, fn: Node, name: string): Found | null {
  // (also through a name bound to it: `const ask = useOpenAI ? askOpenAI : askAnthropic`, `ask(text)`)
  for (const at of [...ctx.usesOf(name), ...aliasCallsOf(ctx, name)]) {
    if (
      (at >= fn.startIndex && at < endOf(fn)) ||
      ctx.inCommentOrString(at) ||
      boundElsewhere(ctx, fn, name, at) ||
      siteRoutedAway(ctx, fn, at)
    ) {
      continue;
    }
    let ref = ctx.nodeAt(at);
    // `this.summarize` / `self.summarize`: the member expression is the reference.
    while (ref && up(ref) && isMember(up(ref)) && endOf(up(ref) as Node) === at + name.length) {
      ref = up(ref);
    }
    if (!ref) {
      continue;
    }
    const parent = up(ref);
    // A definition of the name (`def f`, `function f`, `f = ...`) is not a use.
    if (parent && functionName(parent, ctx.text) === name && FUNCTION_TYPES.has(kind(parent))) {
      continue;
    }
    // Passed by reference to a map-like call: `items.map(summarize)`, `pool.map(f, xs)`.
    const args =
      parent && (kind(parent) === 'arguments' || kind(parent) === 'argument_list') ? up(parent) : null;
    if (args && isCall(args)) {
      const mapped = mapLike(ctx, args, ref);
      if (mapped) {
        return { ...mapped, guarded: false };
      }
    }
    const found = repetitionAbove(ctx, ref).construct;
    if (found) {
      return found;
    }
  }
  return null;
}

/**
 * Whether a use of a Python function's name at `at` binds to another top-level definition of
 * the same name: the name is defined more than once at the top level (a notebook cell that
 * redefines a helper) and the nearest definition before the use is not `fn`, so the use runs
 * that one (cells and scripts run top to bottom).
 */
export function boundElsewhere(ctx: FileContext, fn: Node, name: string, at: number): boolean {
  if (!ctx.python) {
    return false;
  }
  const defs = ctx.memo(`top-level-defs:${name}`, () =>
    (callGraph(ctx).byName.get(name) ?? [])
      .map((f) => f.node)
      .filter((n) => {
        const parent = up(n);
        const holder = parent && kind(parent) === 'decorated_definition' ? up(parent) : parent;
        return !!holder && kind(holder) === 'module';
      })
      .sort((a, b) => a.startIndex - b.startIndex),
  );
  if (defs.length < 2 || !defs.some((d) => d.startIndex === fn.startIndex)) {
    return false;
  }
  let bound = defs[0];
  for (const d of defs) {
    if (d.startIndex < at) {
      bound = d;
    }
  }
  return bound.startIndex !== fn.startIndex;
}

/** Whether a `for` loop iterates over data rather than a counter, a retry count or a small fixed list. */
function forOverData(ctx: FileContext, loop: Node): boolean {
  if (kind(loop) === 'for_statement' && !ctx.python) {
    // for (let i = 0; i < N; i++): a literal bound is a fixed count.
    const condition = ctx.textOf(loop.childForFieldName('condition'));
    const bound = /<=?\s*([\d_]+)\s*;?$/.exec(condition.trim());
    if (bound && Number(bound[1].replace(/_/g, '')) <= SMALL_FIXED_LIST) {
      return false;
    }
    // for (let i = 0; i < AGENTS.length; i++) over a small fixed list (`const AGENTS = ['wren']`).
    const over = /<\s*([A-Za-z_$][\w$]*)\s*\.\s*length\s*;?$/.exec(condition.trim());
    const conditionNode = loop.childForFieldName('condition');
    if (over && conditionNode) {
      const at = conditionNode.startIndex + ctx.textOf(conditionNode).lastIndexOf(over[1]);
      const list = ctx.nodeAt(at);
      if (list && kind(list) === 'identifier' && smallIterable(ctx, list)) {
        return false;
      }
    }
    // for (let i = 0; i < maxAttempts; i++): a count of attempts, not of items.
    const limit = /<=?\s*(?:[\w$]+\s*\.\s*)*([\w$]+)\s*;?$/.exec(condition.trim());
    return (
      !RETRY_NAME.test(ctx.textOf(loop.childForFieldName('initializer'))) &&
      !(limit && ATTEMPT_BOUND.test(limit[1]))
    );
  }
  // `for _, row in df.iterrows()`: an unpacked item with a name is data, not an attempt count.
  const left = ctx.textOf(loop.childForFieldName('left'));
  if (left.split(',').every((part) => RETRY_NAME.test(part))) {
    return false;
  }
  // `for i in range(max_attempts)`, `range(self.rounds)`, `range(1, max_logic_attempts + 1)`: a
  // count of attempts or rounds, not of items.
  const count =
    /^range\s*\(\s*(?:\d+\s*,\s*)?(?:[A-Za-z_]\w*\s*\.\s*)*([A-Za-z_]\w*)\s*(?:[+-]\s*\d+\s*)?\)$/.exec(
      ctx.textOf(loop.childForFieldName('right')).trim(),
    );
  if (count && ATTEMPT_BOUND.test(count[1])) {
    return false;
  }
  return !smallIterable(ctx, loop.childForFieldName('right'));
}

/** Loop variables that count attempts, not items (also qualified: `logic_attempt`, `repairAttempt`). */
const RETRY_NAME =
  /(?:\b|_)(?:attempts?|retry|retries|tries|ATTEMPTS?|RETRY|RETRIES|TRIES|Attempts?|Retry|Retries|Tries)\b|[a-z](?:Attempts?|Retry|Retries|Tries)\b|\b_\b/;

/**
 * Loop bounds that count attempts or rounds of one task, not items (`max_attempts`,
 * `maxRetries`, `n_rounds`, `rounds`, qualified: `max_logic_attempts`, `maxRepairRounds`): a
 * generate-and-check or repair loop runs them; so do repeated runs or trials of one experiment
 * (`range(args.runs)` for a pass@k estimate, `num_trials`). (Case-sensitive at word joins: `numEntries` and
 * `countries` are not `tries`.)
 */
const ATTEMPT_BOUND =
  /^(?:[A-Za-z]+_)*(?:attempts?|retries|tries|rounds?|runs|trials|ATTEMPTS?|RETRIES|TRIES|ROUNDS?|RUNS|TRIALS|Attempts?|Retries|Tries|Rounds?|Runs|Trials)$|^[a-z][A-Za-z]*(?:Attempts?|Retries|Tries|Rounds?|Runs|Trials)$|^(?:max|num|n|MAX|NUM|N)(?:attempts?|retries|tries|rounds?|runs|trials|ATTEMPTS?|RETRIES|TRIES|ROUNDS?|RUNS|TRIALS)$/;

/**
 * Whether an iterable is a small fixed list: a literal array/list/tuple/set of at most
 * {@link SMALL_FIXED_LIST} items, a literal object of at most that many entries (iterated by
 * `Object.keys`/`Object.entries` or `for … in`), `range(n)` / `Array.from({ length: n })`
 * with a small literal `n`, a `.filter(…)` of one of those, or a name assigned one of those.
 */
export function smallIterable(
  ctx: FileContext,
  node: Node | null,
  depth = 0,
  origin: Node | null = node,
): boolean {
  const v = unwrap(node);
  if (!v || depth > 6) {
    return false;
  }
  const k = kind(v);
  if (k === 'array' || k === 'list' || k === 'tuple' || k === 'set' || k === 'expression_list') {
    const items = namedChildren(v);
    // (an empty literal bound to a name is filled later, `batches = []` … `batches.push(...)`: not a fixed list)
    return (
      items.length <= SMALL_FIXED_LIST &&
      !(items.length === 0 && depth > 0) &&
      !items.some((i) => /spread|splat/.test(kind(i)))
    );
  }
  if (k === 'object' || k === 'dictionary') {
    // (a Python dict of models iterated inside a loop over data stays one: that outer loop is
    // not looked at past a call, `tasks.append(query_model(name, item))` per model per item)
    if (k === 'dictionary' && (!origin || inLoopBody(origin))) {
      return false;
    }
    const entries = namedChildren(v).filter((p) => kind(p) !== 'comment');
    const length = entries.find((p) => /^length\s*:/.test(ctx.textOf(p)));
    if (length) {
      const n = numberValue(length.childForFieldName('value'), ctx.text);
      return n !== undefined && n <= SMALL_FIXED_LIST;
    }
    // A literal map of a few entries (`{ slug: 'Body', … }` iterated by `Object.keys`): a small
    // fixed list, as a literal array is; not an empty one filled later, nor one spread into.
    // (A Python dict counts only when its loop is not itself inside a loop of its function.)
    return (
      entries.length > 0 &&
      entries.length <= SMALL_FIXED_LIST &&
      !entries.some((e) => /spread|splat/.test(kind(e)))
    );
  }
  if (isCall(v)) {
    const name = lastSegment(dottedName(callee(v), ctx.text));
    const args = positionalArgs(v);
    if (name === 'range' && args.length === 1) {
      const n = numberValue(args[0], ctx.text);
      return n !== undefined && n <= SMALL_FIXED_LIST;
    }
    if (
      name === 'enumerate' ||
      name === 'entries' ||
      name === 'keys' ||
      name === 'values' ||
      name === 'items'
    ) {
      return smallIterable(ctx, args[0] ?? memberObject(callee(v)), depth + 1, origin);
    }
    // `known.filter(f)`: a subset of a small fixed list is one too.
    if (name === 'filter' && isMember(callee(v)) && !ctx.python) {
      return smallIterable(ctx, memberObject(callee(v)), depth + 1, origin);
    }
    if (name === 'from' && args[0]) {
      return smallIterable(ctx, args[0], depth + 1, origin);
    }
    // `heroes.filter(f).slice(0, 3)`, `df.head(3)`: a literal handful taken from the front.
    const method = isMember(callee(v)) ? ctx.textOf(memberProperty(callee(v))) : name;
    if ((method === 'slice' && args.length === 2) || (method === 'head' && args.length === 1)) {
      return literalSpan(ctx, args.length === 2 ? args[0] : null, args[args.length - 1]);
    }
    return false;
  }
  if (k === 'subscript') {
    // `rows[:3]`, `rows[0:3]`; a column of a small frame: `df.head(3)["name"]`
    const text = ctx.textOf(v);
    const m = /\[\s*(\d+)?\s*:\s*(\d+)\s*\]$/.exec(text);
    if (m) {
      return Number(m[2]) - Number(m[1] ?? 0) <= SMALL_FIXED_LIST;
    }
    return (
      /\[\s*(['"])[^'"\n]*\1\s*\]$/.test(text) &&
      smallIterable(ctx, v.childForFieldName('value'), depth + 1, origin)
    );
  }
  if (k === 'identifier') {
    // Assignments in the loop's own function or at module level, not a same-named local of another function.
    const assigned = assignedValues(ctx, ctx.textOf(v), 0, v.startIndex);
    if (assigned.length === 0) {
      return false; // (a parameter, a loop variable: the walk up to the scope is not needed)
    }
    const scope = enclosingFunction(v);
    const values = assigned.filter((value) => {
      const owner = enclosingFunction(value);
      return !owner || (!!scope && owner.startIndex === scope.startIndex);
    });
    const last = values[values.length - 1];
    return !!last && (smallIterable(ctx, last, depth + 1, origin) || cappedFill(ctx, ctx.textOf(v), last, v));
  }
  return false;
}

/** Whether a node (a loop's iterable) sits in the body of another loop of its function. */
function inLoopBody(node: Node): boolean {
  for (
    let n = up(node), level = 0;
    n && level < MAX_CLIMB && !FUNCTION_TYPES.has(kind(n));
    n = up(n), level++
  ) {
    const body = LOOP_TYPES.has(kind(n)) ? n.childForFieldName('body') : null;
    if (body && contains(body, node)) {
      return true;
    }
  }
  return false;
}

/**
 * Whether a list assigned empty is filled by a loop that stops once it holds a small literal
 * number of items (`picked = []` … `if len(picked) == 2: break`, `if (picked.length >= 3) break;`)
 * before `use`: a handful picked from the data, not the data. Reads the list's function once.
 */
function cappedFill(ctx: FileContext, name: string, value: Node, use: Node): boolean {
  const k = kind(value);
  if (!(k === 'list' || k === 'array') || namedChildren(value).length > 0) {
    return false;
  }
  // (the first cap after the assignment, found once per list: every loop over it reuses it)
  const at = ctx.memo(`capped-fill:${value.startIndex}`, () => {
    const n = name.replace(/\$/g, '\\$');
    const cap = new RegExp(
      `\\bif\\s*\\(?\\s*(?:len\\(\\s*${n}\\s*\\)|${n}\\s*\\.\\s*length)\\s*(==|===|>=|>)\\s*(\\d+)\\s*\\)?\\s*:?\\s*\\{?\\s*break\\b`,
      'g',
    );
    const scope = enclosingFunction(value);
    for (const m of ctx.scan(cap, endOf(value), scope ? endOf(scope) : ctx.text.length)) {
      const limit = Number(m[2]) + (m[1] === '>' ? 1 : 0);
      if (limit <= SMALL_FIXED_LIST && !ctx.inCommentOrString(m.index)) {
        return m.index;
      }
    }
    return -1;
  });
  return at >= 0 && at < use.startIndex;
}

/** Whether `[start, end)` are literal numbers at most {@link SMALL_FIXED_LIST} apart (`start` absent: 0). */
function literalSpan(ctx: FileContext, start: Node | null, end: Node): boolean {
  const a = start ? numberValue(start, ctx.text) : 0;
  const b = numberValue(end, ctx.text);
  return a !== undefined && b !== undefined && a >= 0 && b - a <= SMALL_FIXED_LIST;
}

/** Hops followed from a function to where it runs once per item (beyond the direct caller). */
const MAX_HOPS = 3;
/** Uses of one name read per hop (keeps the search bounded on files that use a name everywhere). */
const MAX_USES = 16;

/**
 * Where a function that calls Claude runs once per item further away than its caller: handed
 * to another function (a retry wrapper, `retry(make_request)`), the function holding that hand-off
 * is followed in turn; put in a table (`models = {"claude": ask_claude}`) iterated by a loop,
 * the loop variable is followed; passed to a same-file function's parameter (`process(name,
 * model_func, rows)`), the parameter's uses there are (`run_in_executor(pool, model_func, row)`
 * inside `for row in rows`). At most three hops, each function's answer computed once.
 */
function passedRepetition(ctx: FileContext, fn: Node, name: string, depth: number): Found | null {
  if (depth >= MAX_HOPS) {
    return null;
  }
  return ctx.memo(`repetition-passed:${fn.startIndex}`, () => {
    let read = 0;
    for (const at of ctx.usesOf(name)) {
      if ((at >= fn.startIndex && at < endOf(fn)) || ctx.inCommentOrString(at)) {
        continue;
      }
      if (read++ >= MAX_USES) {
        break;
      }
      const ref = ctx.nodeAt(at);
      if (
        !ref ||
        (FUNCTION_TYPES.has(kind(up(ref) ?? ref)) && functionName(up(ref) as Node, ctx.text) === name)
      ) {
        continue;
      }
      for (const use of [...tableLoopUses(ctx, ref), ref]) {
        for (const u of parameterUses(ctx, use)) {
          const found = perItem(ctx, u);
          if (found) {
            return found;
          }
        }
      }
      const here = depth > 0 ? perItem(ctx, ref) : undefined;
      if (here) {
        return here;
      }
      // Only a hand-off (passed or stored, not called) is followed to the function holding it:
      // plain calls stay one level deep, as in `callerRepetition`.
      let held: Node = ref;
      while (up(held) && isMember(up(held)) && endOf(up(held) as Node) === endOf(ref)) {
        held = up(held) as Node;
      }
      const called = isCall(up(held)) && callee(up(held))?.startIndex === held.startIndex;
      const outer = called ? null : repetitionAbove(ctx, ref).boundary;
      const outerName = outer ? functionName(outer, ctx.text) : undefined;
      if (outer && outerName && /^[A-Za-z_$][\w$]*$/.test(outerName)) {
        const found = passedRepetition(ctx, outer, outerName, depth + 1);
        if (found) {
          return found;
        }
      }
    }
    return null;
  });
}

/**
 * The loop over data (not a retry loop: `for i in range(tries): try: return func()`) that
 * runs a use of a function (called, or handed to a call such as `run_in_executor`).
 */
function perItem(ctx: FileContext, use: Node): Found | undefined {
  const found = repetitionAbove(ctx, use).construct;
  if (!found?.overData) {
    return undefined;
  }
  let call: Node | null = up(use);
  for (let i = 0; call && !isCall(call) && i < 2; i++) {
    call = up(call);
  }
  const retry = call && isCall(call) ? findRetryLoop(ctx, call) : null;
  return retry && retry.loop.startIndex === found.construct.startIndex ? undefined : found;
}

/**
 * The uses, inside a same-file function, of the parameter a reference is passed to:
 * `process_model(name, model_func, rows)` → the uses of `model_func` in `process_model`.
 */
function parameterUses(ctx: FileContext, ref: Node): Node[] {
  const list = up(ref);
  const call = list && (kind(list) === 'argument_list' || kind(list) === 'arguments') ? up(list) : null;
  if (!call || !isCall(call)) {
    return [];
  }
  const index = positionalArgs(call).findIndex((a) => a.startIndex === ref.startIndex);
  const target = lastSegment(dottedName(callee(call), ctx.text));
  const def = index >= 0 && target ? callGraph(ctx).byName.get(target)?.[0] : undefined;
  if (!def || (def.start <= ref.startIndex && ref.startIndex < def.end)) {
    return [];
  }
  const param = def.params[/^(?:self|cls)$/.test(def.params[0] ?? '') ? index + 1 : index];
  const body = def.node.childForFieldName('body');
  if (!param || !body) {
    return [];
  }
  return usesWithin(ctx, param, body.startIndex, endOf(body));
}

/**
 * The uses of the loop variable of loops over a table holding a reference:
 * `models = {"claude": ask}` … `for name, func in models.items():` → the uses of `func`.
 */
function tableLoopUses(ctx: FileContext, ref: Node): Node[] {
  let holder = up(ref);
  if (holder && kind(holder) === 'pair') {
    holder = up(holder);
  }
  if (!holder || !/^(?:dictionary|object|list|array|tuple)$/.test(kind(holder))) {
    return [];
  }
  const assignment = up(holder);
  const left =
    assignment && (kind(assignment) === 'assignment' || kind(assignment) === 'variable_declarator')
      ? (assignment.childForFieldName('left') ?? assignment.childForFieldName('name'))
      : null;
  const table = left && kind(left) === 'identifier' ? ctx.textOf(left) : '';
  if (!table) {
    return [];
  }
  const over = new RegExp(
    `^(?:Object\\.(?:entries|values)\\(\\s*${table}\\s*\\)|${table}(?:\\s*\\.\\s*(?:items|values)\\s*\\(\\s*\\))?)$`,
  );
  const out: Node[] = [];
  for (const at of ctx.wordsOf(table).slice(0, MAX_USES)) {
    let loop = ctx.nodeAt(at);
    for (let i = 0; loop && i < 4 && !/^for_(?:in_)?(?:statement|clause)$/.test(kind(loop)); i++) {
      loop = up(loop);
    }
    const right = loop?.childForFieldName('right');
    // (a comprehension's clause: its body is the comprehension's element)
    const body =
      loop && kind(loop) === 'for_in_clause'
        ? up(loop)?.childForFieldName('body')
        : loop?.childForFieldName('body');
    if (
      !loop ||
      !right ||
      !body ||
      !over.test(ctx.textOf(right).trim()) ||
      !contains(right, { start: at, end: at + 1 })
    ) {
      continue;
    }
    const names = ctx.textOf(loop.childForFieldName('left')).match(/[A-Za-z_$][\w$]*/g) ?? [];
    const variable = names.filter((n) => !/^(?:const|let|var)$/.test(n)).pop();
    if (variable) {
      out.push(...usesWithin(ctx, variable, body.startIndex, endOf(body)));
    }
  }
  return out;
}

/** Identifier nodes of a name between two offsets (not after a dot), at most {@link MAX_USES}. */
function usesWithin(ctx: FileContext, name: string, start: number, end: number): Node[] {
  const out: Node[] = [];
  const words = ctx.wordsOf(name);
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < words.length && words[i] < end && out.length < MAX_USES; i++) {
    const at = words[i];
    const n = ctx.text[at - 1] !== '.' && !ctx.inCommentOrString(at) ? ctx.nodeAt(at) : null;
    if (n) {
      out.push(n);
    }
  }
  return out;
}
