import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { escapeRegExp, type Reach, reach } from '../../lint/flow';
import type { Report } from '../rule';
import {
  argumentList,
  callee,
  callParams,
  COMPREHENSION_TYPES,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  isMember,
  lastSegment,
  LOOP_TYPES,
  memberObject,
  memberProperty,
  namedChildren,
  numberValue,
  positionalArgs,
  rangeOf,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
} from '../../lint/syntax';
import type { UnboundedFanoutData } from './data';

/**
 * The largest thread pool treated as a cap. Python's default is min(32, cpu + 4) workers;
 * 8 concurrent requests stay well inside every published tier's per-second budget.
 */
export const MAX_BOUNDED_WORKERS = 8;

/** Literal lists of at most this many calls are not a fan-out. */
export const MAX_LITERAL_CALLS = 3;

/** Names of arrays that are slices of a bigger input (batched processing). */
const CHUNK_NAME = /chunk|batch|slice|page|group|window|part/i;

type FanoutReport = Report<UnboundedFanoutData>;

/**
 * `unbounded-fanout`: many Claude calls started at once with no cap: `Promise.all` over a
 * map/push loop/Array.from, `asyncio.gather`/`wait` over a comprehension/map/loop-filled list,
 * `TaskGroup.create_task` in a loop, thread pools with no or large `max_workers`.
 */
export function detect(ctx: FileContext, report: Report<UnboundedFanoutData>): void {
  if (ctx.calls.length === 0) {
    return;
  }
  if (ctx.python) {
    pythonGather(ctx, report);
    pythonTaskGroups(ctx, report);
    pythonExecutors(ctx, report);
  } else {
    jsPromiseCombinators(ctx, report);
  }
}

// ---- JS/TS ---------------------------------------------------------------------------------

function jsPromiseCombinators(ctx: FileContext, report: FanoutReport): void {
  for (const m of ctx.scan(/\bPromise\s*\.\s*(all|allSettled|any|race)\s*\(/g)) {
    const call = callAtToken(ctx, m.index);
    if (!call) {
      continue;
    }
    const arg = unwrap(positionalArgs(call)[0] ?? null);
    if (!arg) {
      continue;
    }
    const found = jsSource(ctx, arg, call);
    if (found) {
      const fn = callee(call) ?? call;
      const name = `Promise.${m[1]}`;
      emit(ctx, report, call, fn, 'promise-combinator', found, fanoutMessage(name, found, JS_REMEDY));
    }
  }
}

interface Source {
  node: Node;
  kind: UnboundedFanoutData['sourceKind'];
  reach: Reach;
  /** Where the per-item work is written (for data.callback when there is no function). */
  element?: Node;
}

function jsSource(ctx: FileContext, arg: Node, combinator: Node): Source | null {
  if (isCall(arg)) {
    const fn = callee(arg);
    const method = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if ((method === 'map' || method === 'flatMap') && isMember(fn)) {
      const array = unwrap(memberObject(fn));
      if (boundedArray(ctx, array, combinator)) {
        return null;
      }
      const callback = positionalArgs(arg)[0];
      if (!callback) {
        return null;
      }
      // Array.from(...).map(...) and items.map(...)
      const r = reach(ctx, callback);
      return r.calls.length ? { node: arg, kind: 'map', reach: r } : null;
    }
    if (dottedName(fn, ctx.text) === 'Array.from') {
      const [source, callback] = positionalArgs(arg);
      const length = lengthOf(ctx, source ?? null);
      if (
        !callback ||
        boundedArray(ctx, unwrap(source ?? null), combinator) ||
        (length !== undefined && length <= MAX_BOUNDED_WORKERS)
      ) {
        return null; // a small array, or a fixed pool: Array.from({ length: 4 }, worker)
      }
      const r = reach(ctx, callback);
      return r.calls.length ? { node: arg, kind: 'array-from', reach: r } : null;
    }
    return null;
  }
  if (kind(arg) === 'array') {
    const elements = namedChildren(arg);
    if (elements.length === 1 && kind(elements[0]) === 'spread_element') {
      const inner = unwrap(namedChildren(elements[0])[0] ?? null);
      return inner ? jsSource(ctx, inner, combinator) : null;
    }
    const reaching = elements.map((el) => ({ el, r: reach(ctx, el) })).filter((x) => x.r.calls.length > 0);
    if (reaching.length > MAX_LITERAL_CALLS) {
      return {
        node: arg,
        kind: 'literal',
        reach: { calls: reaching.flatMap((x) => x.r.calls) },
      };
    }
    return null;
  }
  if (kind(arg) === 'identifier') {
    return jsFilledArray(ctx, arg, combinator);
  }
  return null;
}

/** `promises` built by `.map(...)` or by `promises.push(...)` in a loop, before the combinator. */
function jsFilledArray(ctx: FileContext, id: Node, combinator: Node): Source | null {
  return filledCollection(ctx, id, combinator, (v) => jsSource(ctx, v, combinator), 'push', 'push-loop');
}

/** An array that is known to be small or a slice of a bigger input processed chunk by chunk. */
function boundedArray(ctx: FileContext, array: Node | null, combinator: Node): boolean {
  if (!array) {
    return false;
  }
  if (kind(array) === 'array' || kind(array) === 'list' || kind(array) === 'tuple') {
    return (
      namedChildren(array).length <= MAX_LITERAL_CALLS &&
      !namedChildren(array).some((e) => /spread|splat/.test(kind(e)))
    );
  }
  if (isCall(array)) {
    const fn = callee(array);
    const method = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if (method === 'slice' || method === 'splice') {
      return true;
    }
    if (dottedName(fn, ctx.text) === 'Array.from') {
      // A fixed pool: Array.from({ length: 5 }, worker)
      const len = lengthOf(ctx, positionalArgs(array)[0] ?? null);
      return len !== undefined && len <= MAX_BOUNDED_WORKERS;
    }
    if (ctx.python && dottedName(fn, ctx.text) === 'range') {
      // A fixed pool: [worker(queue) for _ in range(5)]
      const args = positionalArgs(array);
      const stop = countValue(ctx, args.length === 1 ? args[0] : (args[1] ?? null));
      return stop !== undefined && stop <= MAX_BOUNDED_WORKERS;
    }
    return false;
  }
  if (kind(array) === 'subscript' && /:/.test(ctx.textOf(array.childForFieldName('subscript')))) {
    return true; // items[i:i + 10]
  }
  const name = lastSegment(dottedName(array, ctx.text));
  return CHUNK_NAME.test(name) && enclosingLoop(combinator, scopeOf(combinator)) !== null;
}

function lengthOf(ctx: FileContext, obj: Node | null): number | undefined {
  const o = unwrap(obj);
  if (!o || kind(o) !== 'object') {
    return undefined;
  }
  return countValue(ctx, callParamsOfObject(ctx, o) ?? null);
}

/** A count written as a literal or as a same-file numeric constant (`CONCURRENCY = 5`). */
function countValue(ctx: FileContext, node: Node | null, byName?: string): number | undefined {
  const v = unwrap(node);
  if (!v && byName === undefined) {
    return undefined;
  }
  if (v) {
    const n = numberValue(v, ctx.text);
    if (n !== undefined || kind(v) !== 'identifier') {
      return n;
    }
  }
  const name = byName ?? ctx.textOf(v);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
    return undefined;
  }
  const m = new RegExp(
    `^[ \\t]*(?:export\\s+)?(?:(?:const|let|var)\\s+)?${escapeRegExp(name)}\\s*(?::[^=\\n]*)?=\\s*([\\d_]+)\\s*;?\\s*(?:(?:#|//).*)?$`,
    'm',
  ).exec(ctx.text);
  return m ? Number(m[1].replace(/_/g, '')) : undefined;
}

function callParamsOfObject(ctx: FileContext, o: Node): Node | undefined {
  for (const pair of namedChildren(o)) {
    if (kind(pair) === 'pair' && ctx.textOf(pair.childForFieldName('key')) === 'length') {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

const JS_REMEDY =
  "Cap the concurrency with p-limit (const limit = pLimit(5); items.map((x) => limit(() => ...))) or p-map's concurrency option.";
const PY_REMEDY =
  'Bound it with a semaphore (sem = asyncio.Semaphore(5); `async with sem:` around the request) or aiolimiter.';

function fanoutMessage(name: string, found: Source, remedy: string): string {
  const how =
    found.kind === 'literal'
      ? `${found.reach.calls.length} Claude API requests`
      : found.reach.followed
        ? `one Claude API request per item (through ${found.reach.followed}())`
        : 'one Claude API request per item';
  return (
    `${name} starts ${how} at once with no concurrency cap: a large input bursts past your requests-per-minute ` +
    `and token limits and the requests fail with 429s. ${remedy}`
  );
}

// ---- Python --------------------------------------------------------------------------------

function pythonGather(ctx: FileContext, report: FanoutReport): void {
  for (const m of ctx.scan(/\b(?:asyncio\s*\.\s*)?(gather|wait)\s*\(/g)) {
    if (m[1] === 'wait' && !m[0].startsWith('asyncio')) {
      continue;
    }
    const call = callAtToken(ctx, m.index + m[0].indexOf(m[1]));
    if (!call) {
      continue;
    }
    const name = dottedName(callee(call), ctx.text);
    if (name !== 'asyncio.gather' && name !== 'gather' && name !== 'asyncio.wait') {
      continue;
    }
    const args = argumentList(call);
    if (!args) {
      continue;
    }
    const items =
      kind(args) === 'generator_expression'
        ? [args]
        : namedChildren(args).filter((a) => kind(a) !== 'keyword_argument');
    let found: Source | null = null;
    if (m[1] === 'gather') {
      const splat = items.find((a) => kind(a) === 'list_splat');
      if (splat) {
        found = pySource(ctx, unwrap(namedChildren(splat)[0] ?? null), call);
      } else if (items.length === 1 && kind(items[0]) === 'generator_expression') {
        found = pySource(ctx, items[0], call);
      } else {
        const reaching = items.map((el) => reach(ctx, el)).filter((r) => r.calls.length > 0);
        if (reaching.length > MAX_LITERAL_CALLS) {
          found = { node: args, kind: 'literal', reach: { calls: reaching.flatMap((r) => r.calls) } };
        }
      }
    } else {
      let first = unwrap(items[0] ?? null);
      if (first && isCall(first) && ['set', 'list', 'tuple'].includes(dottedName(callee(first), ctx.text))) {
        first = unwrap(positionalArgs(first)[0] ?? null);
      }
      found = pySource(ctx, first, call);
    }
    if (found) {
      const kind = m[1] === 'wait' ? 'wait' : found.kind === 'literal' ? 'literal-list' : 'gather';
      const fn = callee(call) ?? call;
      emit(ctx, report, call, fn, kind, found, fanoutMessage(name, found, PY_REMEDY));
    }
  }
}

function pySource(ctx: FileContext, expr: Node | null, fanout: Node): Source | null {
  if (!expr) {
    return null;
  }
  if (COMPREHENSION_TYPES.has(kind(expr))) {
    const body = expr.childForFieldName('body');
    const clause = namedChildren(expr).find((c) => kind(c) === 'for_in_clause');
    if (!body || (clause && boundedArray(ctx, unwrap(clause.childForFieldName('right')), fanout))) {
      return null;
    }
    const r = reach(ctx, unwrapTask(ctx, body));
    return r.calls.length
      ? {
          node: expr,
          kind: kind(expr) === 'generator_expression' ? 'generator' : 'comprehension',
          reach: r,
          element: body,
        }
      : null;
  }
  if (isCall(expr) && dottedName(callee(expr), ctx.text) === 'map') {
    const [fn, iterable] = positionalArgs(expr);
    if (!fn || boundedArray(ctx, unwrap(iterable ?? null), fanout)) {
      return null;
    }
    const r = reach(ctx, fn);
    return r.calls.length ? { node: expr, kind: 'map-builtin', reach: r } : null;
  }
  if (kind(expr) === 'list') {
    const items = namedChildren(expr);
    const reaching = items.map((el) => reach(ctx, el)).filter((r) => r.calls.length > 0);
    return reaching.length > MAX_LITERAL_CALLS
      ? { node: expr, kind: 'literal', reach: { calls: reaching.flatMap((r) => r.calls) } }
      : null;
  }
  if (kind(expr) === 'identifier') {
    return pyFilledList(ctx, expr, fanout);
  }
  return null;
}

/** `asyncio.create_task(f(x))` / `asyncio.ensure_future(...)` / `loop.create_task(...)`: the coroutine inside. */
function unwrapTask(ctx: FileContext, expr: Node): Node {
  const e = unwrap(expr);
  if (e && isCall(e) && /(?:^|\.)(?:create_task|ensure_future)$/.test(dottedName(callee(e), ctx.text))) {
    return positionalArgs(e)[0] ?? e;
  }
  return e ?? expr;
}

/** `tasks = [f(x) for x in xs]` or `tasks.append(f(x))` in a loop, before the fan-out. */
function pyFilledList(ctx: FileContext, id: Node, fanout: Node): Source | null {
  return filledCollection(ctx, id, fanout, (v) => pySource(ctx, v, fanout), 'append|add', 'append-loop');
}

/**
 * A collection variable that holds one pending request per item: assigned from a map /
 * comprehension, or filled by `push`/`append` in a loop (not of awaited results), before the fan-out.
 */
function filledCollection(
  ctx: FileContext,
  id: Node,
  fanout: Node,
  source: (value: Node) => Source | null,
  appendMethods: string,
  sourceKind: 'push-loop' | 'append-loop',
): Source | null {
  const name = ctx.textOf(id);
  const scope = scopeOf(fanout);
  for (const value of ctx.assignedValues(name, scope.startIndex, fanout.startIndex)) {
    const v = unwrap(value);
    const nonEmptyList = !!v && (kind(v) === 'array' || kind(v) === 'list') && namedChildren(v).length > 0;
    if (v && (isCall(v) || COMPREHENSION_TYPES.has(kind(v)) || nonEmptyList)) {
      const found = source(v);
      if (found) {
        return found;
      }
    }
  }
  const appendRe = new RegExp(
    `(?:^|[^\\w$.])${escapeRegExp(name)}\\s*\\.\\s*(?:${appendMethods})\\s*\\(`,
    'g',
  );
  for (const m of ctx.scan(appendRe, scope.startIndex, fanout.startIndex)) {
    const append = callAtToken(ctx, m.index + m[0].lastIndexOf('.') + 1);
    const loop = append ? enclosingLoop(append, scope) : null;
    if (!append || !loop || boundedLoop(ctx, loop)) {
      continue;
    }
    for (const arg of positionalArgs(append)) {
      const el = kind(arg) === 'spread_element' || kind(arg) === 'list_splat' ? namedChildren(arg)[0] : arg;
      if (!el || kind(el) === 'await_expression' || kind(el) === 'await') {
        continue; // pushing awaited results: the loop is sequential
      }
      const r = reach(ctx, ctx.python ? unwrapTask(ctx, el) : el);
      if (r.calls.length) {
        return { node: loop, kind: sourceKind, reach: r, element: el };
      }
    }
  }
  return null;
}

function pythonTaskGroups(ctx: FileContext, report: FanoutReport): void {
  const groups = new Set<string>();
  for (const m of ctx.scan(/TaskGroup\s*\(\s*\)\s*as\s+([A-Za-z_]\w*)/g)) {
    groups.add(m[1]);
  }
  if (groups.size === 0) {
    return;
  }
  for (const m of ctx.scan(/\.\s*create_task\s*\(/g)) {
    const owner = /([A-Za-z_]\w*)\s*$/.exec(ctx.text.slice(Math.max(0, m.index - 80), m.index));
    if (!owner || !groups.has(owner[1])) {
      continue;
    }
    const call = callAtToken(ctx, m.index + m[0].indexOf('create_task'));
    if (!call) {
      continue;
    }
    const scope = scopeOf(call);
    const loop = enclosingLoopOrComprehension(call, scope);
    if (!loop || boundedLoop(ctx, loop)) {
      continue;
    }
    const arg = positionalArgs(call)[0];
    if (!arg) {
      continue;
    }
    const r = reach(ctx, arg);
    if (r.calls.length) {
      const fn = callee(call) ?? call;
      const found: Source = { node: loop, kind: 'loop', reach: r, element: arg };
      emit(
        ctx,
        report,
        call,
        fn,
        'task-group',
        found,
        `${ctx.textOf(fn)} in a loop starts one Claude API request per item at once: the TaskGroup has no ` +
          `concurrency cap, so a large input bursts past your rate limits and fails with 429s. Wrap the request in ` +
          `\`async with sem:\` (sem = asyncio.Semaphore(5)) or use aiolimiter.`,
      );
    }
  }
}

function pythonExecutors(ctx: FileContext, report: FanoutReport): void {
  for (const m of ctx.scan(/\b(ThreadPoolExecutor|ProcessPoolExecutor)\s*\(/g)) {
    const pool = callAtToken(ctx, m.index + m[0].indexOf(m[1]));
    if (!pool) {
      continue;
    }
    const workers = maxWorkers(ctx, pool);
    if (workers === 'unknown' || (typeof workers === 'number' && workers <= MAX_BOUNDED_WORKERS)) {
      continue;
    }
    const name = executorName(ctx, pool);
    if (!name) {
      continue;
    }
    const withStatement = kindOf(up(pool)) === 'as_pattern' ? ancestorOfType(pool, 'with_statement') : null;
    const scope = withStatement ?? scopeOf(pool);
    const useRe = new RegExp(`(?:^|[^\\w.])${escapeRegExp(name)}\\s*\\.\\s*(map|submit)\\s*\\(`, 'g');
    for (const u of ctx.scan(useRe, pool.startIndex, endOf(scope))) {
      const call = callAtToken(ctx, u.index + u[0].lastIndexOf(u[1]));
      if (!call) {
        continue;
      }
      const fnArg = positionalArgs(call)[0];
      if (!fnArg) {
        continue;
      }
      let loop: Node | null = null;
      if (u[1] === 'submit') {
        loop = enclosingLoopOrComprehension(call, scope);
        if (!loop || boundedLoop(ctx, loop)) {
          continue;
        }
      } else if (boundedArray(ctx, unwrap(positionalArgs(call)[1] ?? null), call)) {
        continue;
      }
      const r = reach(ctx, fnArg);
      // `pool.submit(client.messages.create, **kwargs)`: the method itself is the work.
      const direct =
        r.calls.length === 0 &&
        /\bmessages\s*\.\s*(?:create|stream)$/.test(ctx.textOf(fnArg)) &&
        ctx.claudeFile;
      if (r.calls.length || direct) {
        const workersText =
          workers === null ? 'no max_workers (default min(32, CPUs + 4) threads)' : `max_workers=${workers}`;
        const found: Source = direct
          ? { node: loop ?? call, kind: 'loop', reach: r, element: fnArg }
          : { node: loop ?? call, kind: loop ? 'loop' : 'map-builtin', reach: r };
        emitExecutor(ctx, report, call, pool, u[1], found, workers, workersText);
      }
    }
  }
}

function emitExecutor(
  ctx: FileContext,
  report: FanoutReport,
  call: Node,
  pool: Node,
  method: string,
  found: Source,
  workers: number | null,
  workersText: string,
): void {
  const fn = callee(call) ?? call;
  emit(
    ctx,
    report,
    call,
    fn,
    method === 'map' ? 'executor-map' : 'executor-submit',
    found,
    `${ctx.textOf(fn)} runs Claude API requests on a pool with ${workersText}: that many requests go out at ` +
      `once and burst past your rate limits with 429s. Use max_workers=${Math.min(4, MAX_BOUNDED_WORKERS)} ` +
      `(or another small number) to cap the concurrency.`,
    { constructor: rangeOf(pool), maxWorkers: workers },
  );
}

/** The pool's max_workers: a number, null (absent/None/len(...)), or 'unknown' (a variable we cannot read). */
function maxWorkers(ctx: FileContext, pool: Node): number | null | 'unknown' {
  const params = callParams(pool, ctx.text, true);
  const value = params.entries.get('max_workers')?.value ?? positionalArgs(pool)[0] ?? null;
  if (!value) {
    return params.open ? 'unknown' : null;
  }
  return evalWorkers(ctx, value, 0);
}

function evalWorkers(ctx: FileContext, node: Node, depth: number): number | null | 'unknown' {
  const v = unwrap(node);
  if (!v || depth > 3) {
    return 'unknown';
  }
  const n = numberValue(v, ctx.text);
  if (n !== undefined) {
    return n;
  }
  const text = ctx.textOf(v);
  if (text === 'None') {
    return null;
  }
  if (isCall(v)) {
    const fname = dottedName(callee(v), ctx.text);
    if (fname === 'len') {
      return null;
    }
    if (fname === 'min') {
      const values = positionalArgs(v).map((a) => evalWorkers(ctx, a, depth + 1));
      const nums = values.filter((x): x is number => typeof x === 'number');
      return nums.length ? Math.min(...nums) : 'unknown';
    }
    return 'unknown';
  }
  if (kind(v) === 'identifier') {
    // A module-level constant: WORKERS = 16
    return countValue(ctx, v) ?? 'unknown';
  }
  return 'unknown';
}

/** The name the pool is used through: `with ThreadPoolExecutor() as ex` or `ex = ThreadPoolExecutor()`. */
function executorName(ctx: FileContext, pool: Node): string | null {
  const parent = up(pool);
  if (parent && kind(parent) === 'as_pattern') {
    const alias = parent.childForFieldName('alias');
    return alias ? ctx.textOf(alias).trim() : null;
  }
  if (parent && kind(parent) === 'assignment') {
    const name = dottedName(parent.childForFieldName('left'), ctx.text);
    return name || null;
  }
  return null;
}

// ---- shared --------------------------------------------------------------------------------

function emit(
  _ctx: FileContext,
  report: FanoutReport,
  fanout: Node,
  fn: Node,
  kind: UnboundedFanoutData['kind'],
  found: Source,
  message: string,
  pool?: UnboundedFanoutData['pool'],
): void {
  report({
    start: fn.startIndex,
    end: endOf(fn),
    message,
    data: {
      rule: 'unbounded-fanout',
      kind,
      language: _ctx.python ? 'python' : 'js',
      fanout: rangeOf(fanout),
      fanoutCallee: rangeOf(fn),
      source: rangeOf(found.node),
      sourceKind: found.kind,
      callback: found.reach.callback
        ? rangeOf(found.reach.callback)
        : found.element
          ? rangeOf(found.element)
          : undefined,
      followed: found.reach.followed,
      calls: found.reach.calls.map((c) => rangeOf(c.node)),
      pool,
    },
  });
}

/** The call whose callee contains the token at `offset`. */
function callAtToken(ctx: FileContext, offset: number): Node | null {
  // The call is the smallest node spanning the callee's last name and the `(` after it.
  const paren = /^[\w$.\s]*\(/.exec(ctx.text.slice(offset, offset + 200));
  let n = paren ? ctx.root.descendantForIndex(offset, offset + paren[0].length) : ctx.nodeAt(offset);
  for (let i = 0; n && i < 6; i++, n = up(n)) {
    if (isCall(n)) {
      const fn = callee(n);
      return fn && fn.startIndex <= offset && offset < endOf(fn) ? n : null;
    }
  }
  return null;
}

function ancestorOfType(node: Node, type: string): Node | null {
  for (let n = up(node); n; n = up(n)) {
    if (kind(n) === type) {
      return n;
    }
  }
  return null;
}

/** The innermost function (or the whole file) around a node. */
function scopeOf(node: Node): Node {
  let last = node;
  for (let n = up(node); n; n = up(n)) {
    last = n;
    if (FUNCTION_TYPES.has(kind(n))) {
      return n;
    }
  }
  return last;
}

function enclosingLoop(node: Node, scope: Node): Node | null {
  for (let n = up(node); n && n.startIndex >= scope.startIndex; n = up(n)) {
    if (LOOP_TYPES.has(kind(n))) {
      return n;
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      return null;
    }
  }
  return null;
}

function enclosingLoopOrComprehension(node: Node, scope: Node): Node | null {
  for (let n = up(node); n && n.startIndex >= scope.startIndex; n = up(n)) {
    if (LOOP_TYPES.has(kind(n)) || COMPREHENSION_TYPES.has(kind(n))) {
      return n;
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      return null;
    }
  }
  return null;
}

/** A loop over a small literal list or a slice, or a loop that awaits each item (sequential). */
function boundedLoop(ctx: FileContext, loop: Node): boolean {
  const right =
    loop.childForFieldName('right') ??
    namedChildren(loop)
      .find((c) => kind(c) === 'for_in_clause')
      ?.childForFieldName('right') ??
    null;
  if (right && boundedArray(ctx, unwrap(right), loop)) {
    return true;
  }
  if (kind(loop) === 'for_statement' && !ctx.python) {
    // A fixed pool: for (let i = 0; i < 4; i++) workers.push(worker())
    const cond = ctx.textOf(loop.childForFieldName('condition'));
    const lim = /<=?\s*([\d_]+|[A-Za-z_$][\w$]*)\s*;?$/.exec(cond);
    if (lim) {
      const n = /^\d/.test(lim[1]) ? Number(lim[1].replace(/_/g, '')) : countValue(ctx, null, lim[1]);
      if (n !== undefined && n <= MAX_BOUNDED_WORKERS) {
        return true;
      }
    }
  }
  return false;
}
