import { projectImports } from '../../lint/facts/projectImports';
import { keywordParams, objectParams } from '../../lint/facts/arguments';
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { iterated, overConfiguredProviders } from '../../lint/facts/providers';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { assignedValues, lastAssignedValue } from '../../lint/facts/functions';
import { callGraph, functionAt, siteCall, type LocalFunction } from '../../lint/facts/callGraph';
import { MAX_CALLERS, sitesByName } from './thunks';
import { type Reach, reach } from '../../lint/facts/reachability';
import {
  callee,
  COMPREHENSION_TYPES,
  contains,
  dottedName,
  enclosingFunction,
  FUNCTION_TYPES,
  isCall,
  isMember,
  lastSegment,
  LOOP_TYPES,
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
import type { Report } from '../rule';

/**
 * The largest thread pool treated as a cap. Python's default is min(32, cpu + 4) workers;
 * 8 concurrent requests stay well inside every published tier's per-second budget.
 */
export const MAX_BOUNDED_WORKERS = 8;

/**
 * Literal lists of at most this many calls are not a fan-out: a fixed handful is reported
 * only when it alone exceeds the default (Start) tier, 1,000 requests per minute, which may
 * be enforced per second (about 16 requests in one second).
 */
export const MAX_LITERAL_CALLS = 16;

/** Names of arrays that are slices of a bigger input (batched processing). */
export const CHUNK_NAME = /chunk|batch|slice|page|group|window|part/i;

/** The report callback of this rule. */
export type FanoutReport = Report<UnboundedFanoutData>;

/** Where a fan-out's many calls come from. */
export interface Source {
  node: Node;
  kind: UnboundedFanoutData['sourceKind'];
  reach: Reach;
  /** Where the per-item work is written (for data.callback when there is no function). */
  element?: Node;
  /** What each item is, when the message should say it (`batches` holds slices: one request per slice). */
  itemNote?: string;
}

/**
 * A count written as a literal or as a same-file numeric constant (`CONCURRENCY = 5`), or an
 * upper bound of one: `Math.min(LIMIT, items.length)` / `min(8, len(rows))`, in place or
 * assigned to a name (`const workers = Math.min(POOL, pages.length)`), is at most LIMIT.
 */
export function countValue(
  ctx: FileContext,
  node: Node | null,
  byName?: string,
  depth = 0,
): number | undefined {
  const v = unwrap(node);
  if (!v && byName === undefined) {
    return undefined;
  }
  if (v) {
    const n = numberValue(v, ctx.text);
    if (n === undefined && isCall(v) && /^(?:Math\.)?min$/.test(dottedName(callee(v), ctx.text))) {
      return minOf(
        ctx,
        positionalArgs(v).map((a) => ctx.textOf(a)),
        depth,
      );
    }
    if (n === undefined && isCall(v)) {
      return settingDefault(ctx.textOf(v));
    }
    if (n === undefined && isMember(v)) {
      return memberConstant(ctx, v);
    }
    if (n !== undefined || kind(v) !== 'identifier') {
      return n;
    }
  }
  const name = byName ?? ctx.textOf(v);
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
    return undefined;
  }
  const re = new RegExp(
    `^[ \\t]*(?:export\\s+)?(?:(?:const|let|var)\\s+)?${escapeRegExp(name)}\\s*(?::[^=\\n]*)?=\\s*(?:([\\d_]+)|(?:Math\\.)?min\\(([^()\\n]*)\\)|((?:Number|parseInt|parseFloat|int|float)\\s*\\([^\\n]*?\\)(?:\\s*(?:\\|\\||\\?\\?)\\s*[\\d_]+)?))\\s*;?\\s*(?:(?:#|//).*)?$`,
    'gm',
  );
  let m: RegExpExecArray | null;
  // (a parameter's default, `workers: int = 32` on its own line, is not a constant: callers pass their own)
  while ((m = re.exec(ctx.text)) && isParameter(ctx, m.index + m[0].search(/\S/))) {
    /* next */
  }
  if (!m) {
    return undefined;
  }
  if (m[3] !== undefined) {
    return settingDefault(m[3]);
  }
  return m[1] !== undefined ? Number(m[1].replace(/_/g, '')) : minOf(ctx, m[2].split(','), depth);
}

/**
 * A count read from the environment with a numeric default: `Number(process.env.X ?? 3)`,
 * `parseInt(process.env.X || '3', 10)`, `Number(process.env.X) || 3`, `int(os.getenv("X", "3"))`,
 * `int(os.environ.get("X", 3))`. The default is the evidence, as an argparse option's is: runs
 * that leave the setting alone get that many.
 */
export function settingDefault(text: string): number | undefined {
  const m = SETTING_DEFAULT.exec(text.replace(/\s+/g, ''));
  const digits = m?.slice(1).find((g) => g !== undefined && /^[\d_]+$/.test(g));
  return digits === undefined ? undefined : Number(digits.replace(/_/g, ''));
}

/** A read of a setting (`process.env.X`, `process.env["X"]`, `os.getenv("X"` …) then its default. */
const ENV = String.raw`process\.env(?:\.[\w$]+|\[['"\`][\w$]+['"\`]\])`;
const SETTING_DEFAULT = new RegExp(
  [
    // Number(process.env.X ?? 3), parseInt(process.env.X || '3', 10)
    String.raw`^(?:Number|parseInt|parseFloat)\(${ENV}(?:\?\?|\|\|)(['"\`]?)([\d_]+)\1(?:,10)?\)$`,
    // Number(process.env.X) || 3, parseInt(process.env.X, 10) ?? 3
    String.raw`^(?:Number|parseInt|parseFloat)\(${ENV}(?:,10)?\)(?:\?\?|\|\|)([\d_]+)$`,
    // int(os.getenv("X", "3")), int(os.environ.get("X", 3)), int(os.environ.get("X") or 3)
    String.raw`^(?:int|float)\(os\.(?:getenv|environ\.get)\((['"])[\w.-]+\4(?:,(['"]?)([\d_]+)\5\)|\)or(['"]?)([\d_]+)\7)\)$`,
  ].join('|'),
);

/** Whether the name at this offset is a function's parameter (its default value is the caller's to change). */
function isParameter(ctx: FileContext, at: number): boolean {
  let n: Node | null = ctx.nodeAt(at);
  for (let i = 0; n && i < 4; i++, n = up(n)) {
    if (
      /^(?:formal_)?parameters$|^(?:typed_)?default_parameter$|^(?:required|optional)_parameter$/.test(
        kind(n),
      )
    ) {
      return true;
    }
  }
  return false;
}

/** The smallest of the known counts among `min(...)`'s arguments (undefined when none is known). */
function minOf(ctx: FileContext, args: string[], depth: number): number | undefined {
  let out: number | undefined;
  for (const raw of args) {
    const a = raw.trim();
    const n = /^[\d_]+$/.test(a)
      ? Number(a.replace(/_/g, ''))
      : depth < 2 && /^[A-Za-z_$][\w$]*$/.test(a)
        ? countValue(ctx, null, a, depth + 1)
        : undefined;
    if (n !== undefined && (out === undefined || n < out)) {
      out = n;
    }
  }
  return out;
}

export function fanoutMessage(name: string, found: Source, remedy: string): string {
  if (found.kind === 'literal') {
    const n = found.reach.calls.length;
    return (
      `${name} starts ${n} fixed Claude requests at once, past the default tier's burst; cap them. ` +
      `The Start tier allows 1,000 requests per minute, which may be enforced per second (about ` +
      `${MAX_LITERAL_CALLS} at once): these ${n} requests alone exceed it and fail with 429s. ${remedy}`
    );
  }
  const via = found.reach.followed ? ` (through ${found.reach.followed}())` : '';
  let first = `${name} starts one Claude request per item${via} at once; cap the concurrency.`;
  let detail = '';
  if (first.length > 100) {
    first = `${name} starts one Claude request per item at once; cap the concurrency.`;
    detail = ` Each item reaches Claude through ${found.reach.followed}().`;
  }
  detail += found.itemNote ?? '';
  return (
    `${first}${detail} With no cap, a large input bursts past your requests-per-minute and token limits ` +
    `and the requests fail with 429s. ${remedy}`
  );
}

/**
 * A collection variable that holds one pending request per item: assigned from a map /
 * comprehension, or filled by `push`/`append` in a loop (not of awaited results), before the fan-out.
 */
export function filledCollection(
  ctx: FileContext,
  id: Node,
  fanout: Node,
  source: (value: Node) => Source | null,
  appendMethods: string,
  sourceKind: 'push-loop' | 'append-loop',
): Source | null {
  const name = ctx.textOf(id);
  const scope = scopeOf(fanout);
  for (const value of assignedValues(ctx, name, scope.startIndex, fanout.startIndex)) {
    const v = unwrap(value);
    const nonEmptyList = !!v && (kind(v) === 'array' || kind(v) === 'list') && namedChildren(v).length > 0;
    if (v && (isCall(v) || COMPREHENSION_TYPES.has(kind(v)) || nonEmptyList)) {
      const found = source(v);
      if (found) {
        return found;
      }
    }
  }
  // (`(?:^|[^\w$.])name\s*\.\s*(?:push)\s*\(`, from the name's occurrences)
  const tail = (APPEND_TAILS[appendMethods] ??= new RegExp(`\\s*\\.\\s*(?:${appendMethods})\\s*\\(`, 'y'));
  for (const m of ctx.scanAfterName(name, tail, scope.startIndex, fanout.startIndex)) {
    const append = callAtToken(ctx, m.index + m[0].lastIndexOf('.') + 1);
    const loop = append ? fillingLoop(ctx, append, scope, fanout) : null;
    if (!append || !loop) {
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

/**
 * The loop that repeats an append before the fan-out: the innermost loop around it, or when
 * that one is bounded (`for model in MODELS`), an unbounded loop further out that does not
 * also hold the fan-out (`for item in dataset` around it all, gathered once at the end). A
 * fan-out inside the outer loop runs once per its iteration: only the bounded loop's handful.
 */
function fillingLoop(ctx: FileContext, append: Node, scope: Node, fanout: Node): Node | null {
  let loop = enclosingLoop(append, scope);
  while (loop && boundedLoop(ctx, loop)) {
    const outer = enclosingLoop(loop, scope);
    loop = outer && !contains(outer, fanout) ? outer : null;
  }
  return loop;
}

/** `.push(` / `.append(` after a collection's name, by the methods (see `filledCollection`). */
const APPEND_TAILS: Record<string, RegExp> = {};

// ---- shared --------------------------------------------------------------------------------

export function emit(
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
export function callAtToken(ctx: FileContext, offset: number): Node | null {
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

export function ancestorOfType(node: Node, type: string): Node | null {
  for (let n = up(node); n; n = up(n)) {
    if (kind(n) === type) {
      return n;
    }
  }
  return null;
}

/** The innermost function (or the whole file) around a node. */
export function scopeOf(node: Node): Node {
  let last = node;
  for (let n = up(node); n; n = up(n)) {
    last = n;
    if (FUNCTION_TYPES.has(kind(n))) {
      return n;
    }
  }
  return last;
}

export function enclosingLoop(node: Node, scope: Node): Node | null {
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

export function enclosingLoopOrComprehension(node: Node, scope: Node): Node | null {
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
export function boundedLoop(ctx: FileContext, loop: Node): boolean {
  const right = iterated(loop);
  if ((right && boundedArray(ctx, unwrap(right), loop)) || overConfiguredProviders(ctx, loop)) {
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

/**
 * How many numbers a Python `range(...)` yields when its bounds are known (literals or
 * module constants): `range(5)` 5, `range(1, 13)` 12, `range(0, 10, 3)` 4; undefined otherwise.
 */
function rangeCount(ctx: FileContext, call: Node): number | undefined {
  const args = positionalArgs(call);
  if (args.length < 1 || args.length > 3) {
    return undefined;
  }
  const [start, stop, step] =
    args.length === 1
      ? [0, countValue(ctx, args[0]), 1]
      : [countValue(ctx, args[0]), countValue(ctx, args[1]), args[2] ? countValue(ctx, args[2]) : 1];
  if (start === undefined || stop === undefined || step === undefined || step <= 0) {
    return undefined;
  }
  return Math.max(0, Math.ceil((stop - start) / step));
}

/** An array that is known to be small or a slice of a bigger input processed chunk by chunk. */
export function boundedArray(
  ctx: FileContext,
  array: Node | null,
  combinator: Node,
  before = combinator.startIndex,
  depth = 0,
): boolean {
  if (!array || depth > MAX_DERIVATION) {
    return false;
  }
  if (toolUseBlocks(ctx, array)) {
    return true; // one model turn's tool calls: a handful, not data
  }
  const source = derivedFrom(ctx, array);
  if (source) {
    return boundedArray(ctx, source, combinator, Math.min(before, array.startIndex), depth + 1);
  }
  if (/^(?:array|list|tuple|set|dictionary)$/.test(kind(array))) {
    // (a literal table iterated by its keys, `for name in SECTIONS`, is as small as it is written)
    if (/^(?:set|dictionary)$/.test(kind(array)) && namedChildren(array).length === 0) {
      return false; // `tasks = {}`, filled by key later
    }
    return (
      namedChildren(array).length <= MAX_LITERAL_CALLS &&
      !namedChildren(array).some((e) => /spread|splat/.test(kind(e)))
    );
  }
  if (isCall(array)) {
    const fn = callee(array);
    const method = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if (method === 'slice' || method === 'splice' || boundedCall(ctx, array)) {
      return true;
    }
    const limit = queryLimit(ctx, array);
    if (limit !== undefined && limit <= MAX_LITERAL_CALLS) {
      return true;
    }
    if (dottedName(fn, ctx.text) === 'Array.from') {
      // A fixed pool: Array.from({ length: 5 }, worker)
      const len = lengthOf(ctx, positionalArgs(array)[0] ?? null);
      return len !== undefined && len <= MAX_BOUNDED_WORKERS;
    }
    if (ctx.python && dottedName(fn, ctx.text) === 'range') {
      // A fixed pool, [worker(queue) for _ in range(5)], or a fixed input of literal size
      // (`pool.submit(work, m) for m in range(1, 13)`): as small as a literal list of that many.
      const count = rangeCount(ctx, array);
      return count !== undefined && count <= MAX_LITERAL_CALLS;
    }
    return false;
  }
  if (kind(array) === 'subscript' && /:/.test(ctx.textOf(array.childForFieldName('subscript')))) {
    return true; // items[i:i + 10]
  }
  if (isMember(array)) {
    // `result.domains`, `result` bound to a same-file call returning `{ domains: <at most N> }`
    const field = ctx.textOf(memberProperty(array));
    let obj = unwrap(array.childForFieldName('object'));
    if (obj && kind(obj) === 'identifier') {
      const values = assignedValues(ctx, ctx.textOf(obj), scopeOf(combinator).startIndex, before);
      obj = unwrap(values[values.length - 1] ?? null);
    }
    if (obj && isCall(obj) && boundedCall(ctx, obj, field)) {
      return true;
    }
    if (field === 'content' && obj && !isMember(obj) && reach(ctx, obj).calls.length > 0) {
      return true; // `response.content`: the blocks of one Claude response (its text, its tool calls)
    }
  }
  const name = lastSegment(dottedName(array, ctx.text));
  if (
    CHUNK_NAME.test(name) &&
    enclosingLoop(combinator, scopeOf(combinator)) !== null &&
    !(kind(array) === 'identifier' && chunkListFill(ctx, name, combinator, before))
  ) {
    return true; // one chunk of the input, processed chunk by chunk (not the list of all its chunks)
  }
  return (
    kind(array) === 'identifier' &&
    (boundedName(ctx, ctx.textOf(array), combinator, before, depth) ||
      boundedParameter(ctx, array, combinator, before, depth) ||
      importedList(ctx, ctx.textOf(array)))
  );
}

/**
 * A list imported from another module of the project that writes it out in full with at most
 * `MAX_LITERAL_CALLS` items (`import { AGENTS } from '@/lib/agents'`: a fixed roster), when the
 * lint can read the project.
 */
function importedList(ctx: FileContext, name: string): boolean {
  const from = ctx.options.modules ? projectImports(ctx).get(name) : undefined;
  const length = from ? ctx.options.modules!.listLength(from.specifier, from.imported) : undefined;
  return length !== undefined && length <= MAX_LITERAL_CALLS;
}

/**
 * Where `name` is built, before the fan-out in its function, as a list OF chunks rather than one
 * chunk: assigned a comprehension of slices (`[xs[i:i + N] for i in range(0, len(xs), N)]`), or
 * an empty list then given slices (`batches.push(products.slice(i, i + SIZE))`). It holds one
 * entry per N items, as many as the input has chunks: a fan-out over it starts them all at once.
 * The slice node found, or null.
 */
export function chunkListFill(ctx: FileContext, name: string, combinator: Node, before: number): Node | null {
  const last = unwrap(lastAssignedValue(ctx, name, scopeOf(combinator).startIndex, before));
  if (!last) {
    return null;
  }
  if (COMPREHENSION_TYPES.has(kind(last))) {
    const body = unwrap(last.childForFieldName('body'));
    return isSlice(ctx, body) ? body : null;
  }
  if ((kind(last) !== 'array' && kind(last) !== 'list') || namedChildren(last).length > 0) {
    return null;
  }
  for (const m of ctx.scanAfterName(name, GROWN_TAIL, endOf(last), before)) {
    const call = callAtToken(ctx, m.index + m[0].lastIndexOf(m[1]));
    const arg = unwrap(call ? (positionalArgs(call)[0] ?? null) : null);
    if (arg && isSlice(ctx, arg)) {
      return arg;
    }
  }
  return null;
}

/**
 * For the message, when the fan-out's list is a list of chunks (see `chunkListFill`): what it
 * holds and where it is filled. Asked only of a fan-out being reported.
 */
export function chunkListNote(ctx: FileContext, array: Node | null, combinator: Node): string | undefined {
  const name = array && kind(array) === 'identifier' ? ctx.textOf(array) : '';
  const slice = CHUNK_NAME.test(name) ? chunkListFill(ctx, name, combinator, combinator.startIndex) : null;
  return slice
    ? ` Each item is a whole chunk: \`${name}\` holds every slice of the input (filled on line ${ctx.lines.lineAt(slice.startIndex) + 1}), so all the chunks start together, not one at a time.`
    : undefined;
}

/** `xs.slice(a, b)` / `xs.splice(a, n)` / `xs[a:b]`. */
function isSlice(ctx: FileContext, e: Node | null): e is Node {
  if (!e) {
    return false;
  }
  if (isCall(e)) {
    const fn = callee(e);
    return isMember(fn) && /^(?:slice|splice)$/.test(ctx.textOf(memberProperty(fn)));
  }
  return kind(e) === 'subscript' && /:/.test(ctx.textOf(e.childForFieldName('subscript')));
}

/**
 * A parameter of the function around the fan-out, not reassigned before it, that every
 * same-file caller (at least one, at most 16) gives a bounded list: `processBatch(client,
 * items.slice(i, i + BATCH_SIZE))` for `async function processBatch(client, items)`.
 */
function boundedParameter(
  ctx: FileContext,
  id: Node,
  combinator: Node,
  before: number,
  depth: number,
): boolean {
  const name = ctx.textOf(id);
  const helper = functionAt(ctx, combinator.startIndex);
  const index = helper ? helper.params.indexOf(name) : -1;
  if (
    depth >= CALLER_DEPTH ||
    !helper ||
    index < 0 ||
    assignedValues(ctx, name, helper.start, before).length > 0
  ) {
    return false;
  }
  if (kindOf(up(helper.node)) === 'export_statement') {
    return false; // other modules may pass anything
  }
  const position = /^(?:self|cls)$/.test(helper.params[0] ?? '') ? index - 1 : index;
  const callers = (sitesByName(ctx).get(helper.name) ?? []).filter(
    (s) => !(helper.start <= s.at && s.at < helper.end),
  );
  if (callers.length === 0 || callers.length > MAX_CALLERS) {
    return false;
  }
  return callers.every((site) => {
    const call = siteCall(ctx, site.at);
    const keyword = namedChildren(call?.childForFieldName('arguments') ?? null).find(
      (a) => kind(a) === 'keyword_argument' && ctx.textOf(a.childForFieldName('name')) === name,
    );
    const arg = unwrap(keyword?.childForFieldName('value') ?? positionalArgs(call)[position] ?? null);
    // From CALLER_DEPTH on, a caller's argument is not followed to its own callers: 16 reads, not 16^n.
    // A literal list handed over (`summarize_all(["a", "b"])` under `__main__`) is sample data, not a bound.
    return (
      !!call &&
      !!arg &&
      !literalList(ctx, arg, call) &&
      boundedArray(ctx, arg, call, arg.startIndex, Math.max(depth + 1, CALLER_DEPTH))
    );
  });
}

/**
 * A name bound before the fan-out to a bounded list: `topics = pickTopics(state, 8)` (a
 * same-file function that returns at most N), `items = all.slice(0, MAX)`, `recent = xs[-5:]`,
 * a module constant holding a short literal list.
 */
function boundedName(
  ctx: FileContext,
  name: string,
  combinator: Node,
  before: number,
  depth: number,
): boolean {
  // The fan-out's function, else (a name the callback captures: `const batch = docs.slice(…)`
  // in the loop around `step.run(async () => Promise.all(batch.map(…)))`) the functions around
  // it, two levels out at most, up to where the inner one starts; never past a parameter of that name.
  let scope = scopeOf(combinator);
  let values = assignedValues(ctx, name, scope.startIndex, before);
  for (let i = 0; i < 2 && values.length === 0 && !declaresParameter(ctx, scope, name); i++) {
    const outer = up(scope) ? scopeOf(scope) : null;
    if (!outer || outer === scope || !FUNCTION_TYPES.has(kind(scope))) {
      break;
    }
    values = assignedValues(ctx, name, outer.startIndex, scope.startIndex);
    scope = outer;
  }
  const last = unwrap(values[values.length - 1] ?? null);
  if (last) {
    if ((kind(last) === 'list' || kind(last) === 'array') && grownAfter(ctx, name, endOf(last), before)) {
      return false; // `data = []`, then `data.append(row)` in a loop: as long as the input
    }
    // `paths = [p for p in paths if p]` reads the earlier `paths`: look before this assignment.
    const assignedAt = ctx.text.lastIndexOf(name, last.startIndex);
    return kind(last) !== 'identifier' && boundedArray(ctx, last, combinator, assignedAt, depth + 1);
  }
  const constant = assignedValues(ctx, name, 0, ctx.text.length)[0];
  const c = unwrap(constant ?? null);
  // (only a binding the fan-out can see: another function's local `examples = []` is not this name)
  const owner = c ? enclosingFunction(c) : null;
  return (
    !!c &&
    (!owner || contains(owner, combinator)) &&
    /^(?:array|list|tuple|set|dictionary|object)$/.test(kind(c)) &&
    boundedArray(ctx, c, combinator)
  );
}

/**
 * The row limit a database query states, read along its chain of calls (eight links at most):
 * `.limit(5)` / `.take(5)` (Supabase, Drizzle, Knex, SQLAlchemy, TypeORM), an options object's
 * `take:` / `limit:` (`prisma.x.findMany({ where, take: 3 })`), Python's `limit=5`; a literal,
 * a constant or a `min(…)` (see `countValue`).
 */
function queryLimit(ctx: FileContext, call: Node): number | undefined {
  let c: Node | null = call;
  for (let i = 0; c && isCall(c) && i < 8; i++) {
    const fn = callee(c);
    const method = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if (method === 'limit' || method === 'take') {
      const n = countValue(ctx, positionalArgs(c)[0] ?? null);
      if (n !== undefined) {
        return n;
      }
    }
    for (const arg of positionalArgs(c)) {
      if (kind(arg) === 'object') {
        const entries = objectParams(arg, ctx.text).entries;
        const value = entries.get('take')?.value ?? entries.get('limit')?.value;
        const n = value ? countValue(ctx, value) : undefined;
        if (n !== undefined) {
          return n;
        }
      }
    }
    if (ctx.python) {
      const value = keywordParams(c, ctx.text).entries.get('limit')?.value;
      const n = value ? countValue(ctx, value) : undefined;
      if (n !== undefined) {
        return n;
      }
    }
    c = fn && isMember(fn) ? unwrap(fn.childForFieldName('object')) : null;
  }
  return undefined;
}

/** Whether a function's parameter list names `name`. */
function declaresParameter(ctx: FileContext, fn: Node, name: string): boolean {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return (
    !!params && new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(ctx.textOf(params))
  );
}

/** `.append(` / `.push(` / … after a name (`(?:^|[^\w$.])name` + this, see `FileContext.scanAfterName`). */
const GROWN_TAIL = /\s*\.\s*(append|push|extend|insert|unshift)\s*\(/y;

/**
 * Whether `name.append(…)` / `.push(…)` / `.extend(…)` / `.insert(…)` is written between two
 * offsets inside a loop that starts there and is not itself bounded (a handful of fixed
 * `push` calls stays a handful).
 */
function grownAfter(ctx: FileContext, name: string, from: number, to: number): boolean {
  if (to <= from || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    return false;
  }
  for (const m of ctx.scanAfterName(name, GROWN_TAIL, from, to)) {
    const call = callAtToken(ctx, m.index + m[0].lastIndexOf(m[1]));
    const loop = call ? enclosingLoop(call, scopeOf(call)) : null;
    if (loop && loop.startIndex >= from && !boundedLoop(ctx, loop)) {
      return true;
    }
    // `items.forEach((x) => { if (…) out.push(x) })`: the callback runs once per item.
    const each = !loop && call ? iterationAround(ctx, call) : null;
    if (each && each.startIndex >= from && !boundedArray(ctx, memberObjectOf(each), each)) {
      return true;
    }
  }
  return false;
}

/** JS: the `.forEach(…)` / `.map(…)` / `.flatMap(…)` call whose callback a node is written in, or null. */
function iterationAround(ctx: FileContext, node: Node): Node | null {
  if (ctx.python) {
    return null;
  }
  const fn = scopeOf(node);
  const args = FUNCTION_TYPES.has(kind(fn)) ? up(fn) : null;
  const call = args && kind(args) === 'arguments' ? up(args) : null;
  const target = call && isCall(call) ? callee(call) : null;
  return target && isMember(target) && /^(?:forEach|map|flatMap)$/.test(ctx.textOf(memberProperty(target)))
    ? call
    : null;
}

/** The receiver of a method call (`items` in `items.forEach(…)`). */
function memberObjectOf(call: Node): Node | null {
  return unwrap(callee(call)?.childForFieldName('object') ?? null);
}

/** A list literal, or a name last assigned one before `call` in its scope. */
function literalList(ctx: FileContext, arg: Node, call: Node): boolean {
  const isLiteral = (n: Node | null): boolean => /^(?:list|array|tuple)$/.test(kindOf(n) ?? '');
  if (isLiteral(arg)) {
    return true;
  }
  if (kind(arg) !== 'identifier') {
    return false;
  }
  const values = assignedValues(ctx, ctx.textOf(arg), scopeOf(call).startIndex, call.startIndex);
  return isLiteral(unwrap(values[values.length - 1] ?? null));
}

/**
 * Content blocks filtered to tool calls: `content.filter((b) => b.type === 'tool_use')`,
 * `[b for b in blocks if b.type == "tool_use"]`. The tool calls of one model turn: as many as
 * the model asked for at once, a handful, whatever the input's size.
 */
function toolUseBlocks(ctx: FileContext, array: Node): boolean {
  const test = COMPREHENSION_TYPES.has(kind(array))
    ? namedChildren(array).find((c) => kind(c) === 'if_clause')
    : isCall(array) && isMember(callee(array)) && ctx.textOf(memberProperty(callee(array))) === 'filter'
      ? positionalArgs(array)[0]
      : undefined;
  return !!test && /\b(?:type|kind)\s*===?\s*(['"`])(?:server_)?tool_use\1/.test(ctx.textOf(test));
}

/** The derivation depth a caller's argument is read at (a few steps left, no further callers). */
const CALLER_DEPTH = 5;

/** How many steps of `list(map(f, xs))` / `[g(x) for x in xs]` / `xs.map(f)` are followed back to a list. */
const MAX_DERIVATION = 8;

/**
 * The list an expression has at most as many items as: the iterable of a one-clause
 * comprehension (`[f(x) for x in xs if x]`), the argument of `list(...)` / `sorted(...)` /
 * `tuple(...)`, the iterable of `map(f, xs)` / `pool.map(f, xs)` / `filter(f, xs)`, the
 * receiver of JS `xs.map(...)` / `xs.filter(...)`. Null for anything else.
 */
function derivedFrom(ctx: FileContext, array: Node): Node | null {
  const k = kind(array);
  if (k === 'list_comprehension' || k === 'generator_expression' || k === 'set_comprehension') {
    const clauses = namedChildren(array).filter((c) => kind(c) === 'for_in_clause');
    return clauses.length === 1 ? unwrap(clauses[0].childForFieldName('right')) : null;
  }
  if (!isCall(array)) {
    return null;
  }
  const fn = callee(array);
  const args = positionalArgs(array);
  const name = dottedName(fn, ctx.text);
  if (ctx.python) {
    if (/^(?:list|sorted|tuple|set|reversed|enumerate)$/.test(name) && args.length >= 1) {
      return unwrap(args[0]);
    }
    if (name === 'zip' && args.length >= 1) {
      return unwrap(args[0]); // (as long as its shortest: the first is enough to bound it)
    }
    if ((/^(?:map|filter)$/.test(name) || /\.map$/.test(name)) && args.length >= 2) {
      return unwrap(args[1]);
    }
    if (/\.(?:keys|values|items)$/.test(name) && args.length === 0 && fn && isMember(fn)) {
      return unwrap(fn.childForFieldName('object')); // `MODELS.keys()`: as many as the dict has
    }
    return null;
  }
  if (fn && isMember(fn) && /^(?:map|filter|flat|toSorted|reverse)$/.test(ctx.textOf(memberProperty(fn)))) {
    return unwrap(fn.childForFieldName('object'));
  }
  return null;
}

/** A call of a same-file function that returns a list of at most a small, known size. */
function boundedCall(ctx: FileContext, call: Node, field?: string): boolean {
  const name = lastSegment(dottedName(callee(call), ctx.text));
  for (const fn of callGraph(ctx).byName.get(name) ?? []) {
    const bound = returnsAtMost(ctx, fn, field);
    if (!bound) {
      continue;
    }
    let n = bound.n;
    if (bound.param !== undefined) {
      const skip = fn.params[0] === 'self' || fn.params[0] === 'cls' ? 1 : 0;
      n = countValue(ctx, positionalArgs(call)[bound.param - skip] ?? null);
    }
    if (n !== undefined && n <= MAX_LITERAL_CALLS) {
      return true;
    }
  }
  return false;
}

/**
 * "Returns a list of at most N" (computed once per function): every `return` (or the arrow's
 * expression body) is `x.slice(0, N)`, `x[:N]`, `x[-N:]`, `x.slice(-N)`, a literal list or a
 * list filled in a loop that stops at N (`if (out.length >= N) break`), with N a literal, a
 * same-file constant or one of the function's parameters. With `field`: every return is an
 * object / dict literal whose `field` entry is such a list (`return { domains: out, reasoning }`).
 */
export function returnsAtMost(
  ctx: FileContext,
  fn: LocalFunction,
  field?: string,
): { n?: number; param?: number } | undefined {
  return ctx.memo(`returns-at-most:${fn.start}:${field ?? ''}`, () => {
    const exprs: Node[] = [];
    const guarded: Node[] = [];
    const body = fn.node.childForFieldName('body');
    if (body && kind(fn.node) === 'arrow_function' && kind(body) !== 'statement_block') {
      exprs.push(body);
    } else {
      for (const m of ctx.scan(/\breturn\b[ \t]*/g, fn.start, fn.end)) {
        // (not the word in a message: `Claude did not return valid JSON`)
        if (functionAt(ctx, m.index) !== fn || ctx.inCommentOrString(m.index)) {
          continue;
        }
        const stmt = up(ctx.nodeAt(m.index));
        const value = stmt && kind(stmt) === 'return_statement' ? namedChildren(stmt)[0] : null;
        if (!value) {
          return undefined;
        }
        // `if (list.length <= max) return list;`: the list as it is, when no longer than the bound
        const guard = lengthGuard(ctx, stmt as Node, unwrap(value));
        if (guard) {
          guarded.push(guard);
          continue;
        }
        exprs.push(value);
      }
    }
    let out: { n?: number; param?: number } | undefined;
    for (const e of exprs) {
      const value = field === undefined ? unwrap(e) : fieldValue(ctx, unwrap(e), field);
      const b = sliceBound(ctx, value, fn);
      if (!b) {
        return undefined;
      }
      out = b;
    }
    // (a guarded return counts when it is bounded as the others are)
    for (const g of field === undefined ? guarded : []) {
      const b = nodeBound(ctx, g, fn);
      if (!out || !b || b.n !== out.n || b.param !== out.param) {
        return undefined;
      }
    }
    return guarded.length && field !== undefined ? undefined : out;
  });
}

/**
 * A number in a same-file constant table: `SECTION_CAPS.main` with `const SECTION_CAPS = { main: 5,
 * launch: 5 }` (the table's last assignment before the use).
 */
function memberConstant(ctx: FileContext, member: Node): number | undefined {
  const object = unwrap(member.childForFieldName('object'));
  const key = ctx.textOf(member.childForFieldName('property') ?? member.childForFieldName('attribute'));
  if (!object || kind(object) !== 'identifier' || !key) {
    return undefined;
  }
  const table = unwrap(lastAssignedValue(ctx, ctx.textOf(object), 0, member.startIndex));
  if (!table || kind(table) !== 'object') {
    return undefined;
  }
  for (const pair of namedChildren(table)) {
    if (
      kind(pair) === 'pair' &&
      ctx.textOf(pair.childForFieldName('key')).replace(/^['"]|['"]$/g, '') === key
    ) {
      return numberValue(pair.childForFieldName('value'), ctx.text);
    }
  }
  return undefined;
}

/** A bound written as a number, a same-file constant or a parameter of `fn` (`-N` read as N). */
function nodeBound(
  ctx: FileContext,
  node: Node | null,
  fn: LocalFunction,
): { n?: number; param?: number } | undefined {
  const text = ctx.textOf(node).replace(/^-/, '');
  const param = fn.params.indexOf(text);
  if (param >= 0) {
    return { param };
  }
  const n =
    countValue(ctx, node, /^[A-Za-z_$][\w$]*$/.test(text) ? text : undefined) ??
    (/^\d[\d_]*$/.test(text) ? Number(text.replace(/_/g, '')) : undefined);
  return n === undefined ? undefined : { n };
}

function sliceBound(
  ctx: FileContext,
  e: Node | null,
  fn: LocalFunction,
  depth = 0,
): { n?: number; param?: number } | undefined {
  if (!e || depth > 12) {
    return undefined;
  }
  // A list made from one bounded list: `rows.filter(f)`, `rows.map(f)`, `[f(x) for x in rows]`.
  if (
    isCall(e) &&
    isMember(callee(e)) &&
    /^(?:filter|map|sort|toSorted|reverse|concat)$/.test(ctx.textOf(memberProperty(callee(e))))
  ) {
    const method = ctx.textOf(memberProperty(callee(e)));
    return method === 'concat' ? undefined : sliceBound(ctx, unwrap(memberObjectOf(e)), fn, depth + 1);
  }
  if (kind(e) === 'list_comprehension') {
    const clauses = namedChildren(e).filter((c) => kind(c) === 'for_in_clause');
    return clauses.length === 1
      ? sliceBound(ctx, unwrap(clauses[0].childForFieldName('right')), fn, depth + 1)
      : undefined;
  }
  // `list.length <= max ? list : list.slice(0, max)` (Python `lst if len(lst) <= n else lst[:n]`)
  if (kind(e) === 'ternary_expression' || kind(e) === 'conditional_expression') {
    const js = kind(e) === 'ternary_expression';
    const parts = namedChildren(e);
    const cond = js ? e.childForFieldName('condition') : (parts[1] ?? null);
    const branches = js
      ? [e.childForFieldName('consequence'), e.childForFieldName('alternative')]
      : [parts[0] ?? null, parts[2] ?? null];
    const bounds = branches.map((b) => {
      const guard = b && cond ? guardBound(ctx, cond, unwrap(b)) : undefined;
      return guard ? nodeBound(ctx, guard, fn) : sliceBound(ctx, unwrap(b), fn, depth + 1);
    });
    const [a, b] = bounds;
    return a && b && a.n === b.n && a.param === b.param ? a : undefined;
  }
  // `[...main, ...launches, ...also]`: as long as its parts together.
  if (
    (kind(e) === 'array' || kind(e) === 'list') &&
    namedChildren(e).some((c) => /spread|splat/.test(kind(c)))
  ) {
    let n = 0;
    for (const c of namedChildren(e)) {
      if (!/spread|splat/.test(kind(c))) {
        n++;
        continue;
      }
      const part = sliceBound(ctx, unwrap(namedChildren(c)[0] ?? null), fn, depth + 1);
      if (part?.n === undefined) {
        return undefined;
      }
      n += part.n;
    }
    return { n };
  }
  // A same-file function that returns at most N: `return flattenSections(parsed)`, `capped(list, key, MAX)`.
  const head = isCall(e) ? callee(e) : null;
  if (head && kind(head) === 'identifier') {
    const name = ctx.textOf(head);
    // (the functions whose bound is being worked out: a call of one inside another stops there)
    const busy = ctx.memo('slice-bound-computing', () => new Set<number>());
    for (const g of (callGraph(ctx).byName.get(name) ?? []).slice(0, 2)) {
      if (g === fn || busy.has(g.start)) {
        continue;
      }
      busy.add(g.start);
      let b: { n?: number; param?: number } | undefined;
      try {
        b = returnsAtMost(ctx, g);
      } finally {
        busy.delete(g.start);
      }
      if (b?.n !== undefined) {
        return { n: b.n };
      }
      if (b?.param !== undefined) {
        const arg =
          positionalArgs(e)[b.param - (g.params[0] === 'self' || g.params[0] === 'cls' ? 1 : 0)] ?? null;
        const own = fn.params.indexOf(ctx.textOf(arg));
        const n = own >= 0 ? undefined : countValue(ctx, arg);
        return own >= 0 ? { param: own } : n === undefined ? undefined : { n };
      }
    }
    return undefined;
  }
  const bound = (node: Node | null): { n?: number; param?: number } | undefined => nodeBound(ctx, node, fn);
  if (kind(e) === 'array' || kind(e) === 'list') {
    return { n: namedChildren(e).length };
  }
  if (kind(e) === 'identifier' && grownIn(ctx, ctx.textOf(e), fn.start, e.startIndex)) {
    // `out = []`, then `out.push(x)` in a loop: bounded only by a cap on its length
    const cap = lengthCap(ctx, ctx.textOf(e), fn.start, e.startIndex);
    if (cap === undefined || fn.params.includes(cap)) {
      return cap === undefined ? undefined : { param: fn.params.indexOf(cap) };
    }
    const n = /^\d[\d_]*$/.test(cap) ? Number(cap.replace(/_/g, '')) : countValue(ctx, null, cap);
    return n === undefined ? undefined : { n };
  }
  if (isCall(e) && isMember(callee(e)) && ctx.textOf(memberProperty(callee(e))) === 'slice') {
    const args = positionalArgs(e);
    if (args.length === 1 && ctx.textOf(args[0]).startsWith('-')) {
      return bound(args[0]);
    }
    return args.length === 2 && ctx.textOf(args[0]) === '0' ? bound(args[1]) : undefined;
  }
  if (kind(e) === 'subscript') {
    const sub = ctx.textOf(e.childForFieldName('subscript')).replace(/\s+/g, '');
    const head = /^0?:([\w$]+)$/.exec(sub);
    const tail = /^-([\w$]+):$/.exec(sub);
    const m = head ?? tail;
    if (m) {
      const node = e.childForFieldName('subscript');
      const inner = node
        ? namedChildren(node).find((c) => ctx.textOf(c).replace(/^-/, '') === m[1])
        : undefined;
      return bound(inner ?? node);
    }
  }
  if (kind(e) === 'identifier') {
    const values = assignedValues(ctx, ctx.textOf(e), fn.start, e.startIndex);
    const last = unwrap(values[values.length - 1] ?? null);
    return last && kind(last) !== 'identifier' ? sliceBound(ctx, last, fn, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * For `return list` under `if (list.length <= max)` (also `<`, Python `len(list) <= max`): the bound
 * the guard reads (`max`), as a node to read like a slice's end; else undefined.
 */
function lengthGuard(ctx: FileContext, ret: Node, value: Node | null): Node | undefined {
  if (!value || kind(value) !== 'identifier') {
    return undefined;
  }
  let n: Node | null = up(ret);
  if (n && (kind(n) === 'statement_block' || kind(n) === 'block')) {
    n = up(n);
  }
  const cond = n && kind(n) === 'if_statement' ? n.childForFieldName('condition') : null;
  return cond ? guardBound(ctx, cond, value) : undefined;
}

/** For a condition `value.length <= max` (also `<`, `len(value) <= max`): the node of `max`. */
function guardBound(ctx: FileContext, cond: Node, value: Node | null): Node | undefined {
  if (!value || kind(value) !== 'identifier') {
    return undefined;
  }
  const name = escapeRegExp(ctx.textOf(value));
  const m = new RegExp(
    `^\\(?\\s*(?:${name}\\s*\\.\\s*length|len\\s*\\(\\s*${name}\\s*\\))\\s*<=?\\s*([\\w$.]+)\\s*\\)?$`,
  ).exec(ctx.textOf(cond).trim());
  if (!m) {
    return undefined;
  }
  return namedChildren(unwrap(cond) ?? cond)
    .flatMap((c) => [c, ...namedChildren(c)])
    .find((c) => ctx.textOf(c) === m[1]);
}

/** The `field` entry of an object / dict literal (`{ domains: out }`, `{ domains }`, `{"domains": out}`). */
function fieldValue(ctx: FileContext, e: Node | null, field: string): Node | null {
  if (!e || (kind(e) !== 'object' && kind(e) !== 'dictionary')) {
    return null;
  }
  for (const entry of namedChildren(e)) {
    if (kind(entry) === 'shorthand_property_identifier' && ctx.textOf(entry) === field) {
      return entry;
    }
    const key = entry.childForFieldName('key');
    if (kind(entry) === 'pair' && ctx.textOf(key).replace(/^['"]|['"]$/g, '') === field) {
      return unwrap(entry.childForFieldName('value'));
    }
  }
  return null;
}

/** Whether `name.push(…)` / `.append(…)` / `.extend(…)` / `.insert(…)` / `.unshift(…)` is written in [from, to). */
function grownIn(ctx: FileContext, name: string, from: number, to: number): boolean {
  return !ctx.scanAfterName(name, GROWN_TAIL, from, to).next().done;
}

/**
 * The cap a loop filling `name` stops at, written in [from, to): `if (out.length >= N) break;`,
 * `if len(out) >= N: break` (or `return`). `>` caps at N + 1.
 */
function lengthCap(ctx: FileContext, name: string, from: number, to: number): string | undefined {
  const n = escapeRegExp(name);
  const re = new RegExp(
    `(?:${n}\\.length|len\\(\\s*${n}\\s*\\))\\s*(>=|==)\\s*([\\w$]+)\\s*\\)?\\s*:?\\s*\\{?\\s*(?:break|return)\\b`,
    'g',
  );
  for (const m of ctx.scan(re, from, to)) {
    if (m[2]) return m[2];
  }
  return undefined;
}

export function lengthOf(ctx: FileContext, obj: Node | null): number | undefined {
  const o = unwrap(obj);
  if (!o || kind(o) !== 'object') {
    return undefined;
  }
  let value = unwrap(callParamsOfObject(ctx, o) ?? null);
  if (value && kind(value) === 'identifier') {
    // `const workers = Math.min(CONCURRENCY, items.length)` before the pool
    const values = assignedValues(ctx, ctx.textOf(value), scopeOf(value).startIndex, value.startIndex);
    const last = unwrap(values[values.length - 1] ?? null);
    value = last && isCall(last) ? last : value;
  }
  // (`Math.min(CONCURRENCY, items.length)` is at most its smallest count: countValue reads it)
  return countValue(ctx, value);
}

/**
 * `{ length: concurrency }` where `concurrency` is a parameter of the enclosing function with no
 * default, or a default within `MAX_BOUNDED_WORKERS`: a worker pool its caller sizes.
 */
export function poolSizedByParameter(ctx: FileContext, spec: Node | null): boolean {
  const o = unwrap(spec);
  const value = o && kind(o) === 'object' ? unwrap(callParamsOfObject(ctx, o) ?? null) : null;
  if (!value || kind(value) !== 'identifier') {
    return false;
  }
  const name = ctx.textOf(value);
  const fn = enclosingFunction(value);
  const params = fn?.childForFieldName('parameters');
  if (!fn || !params || !new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`).test(ctx.textOf(params))) {
    return false;
  }
  const given = new RegExp(`(?<![\\w$])${escapeRegExp(name)}\\s*(?::[^=,)]*)?=\\s*([\\d_]+)`).exec(
    ctx.textOf(params),
  );
  return !given || Number(given[1].replace(/_/g, '')) <= MAX_BOUNDED_WORKERS;
}

export function callParamsOfObject(ctx: FileContext, o: Node): Node | undefined {
  for (const pair of namedChildren(o)) {
    if (kind(pair) === 'pair' && ctx.textOf(pair.childForFieldName('key')) === 'length') {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/**
 * `asyncio.create_task(f(x))` / `asyncio.ensure_future(...)` / `loop.create_task(...)`: the
 * coroutine inside. A thread on the default executor (`asyncio.to_thread(f, x)`,
 * `loop.run_in_executor(None, f, x)`: up to 32 threads at once): the function it runs.
 */
export function unwrapTask(ctx: FileContext, expr: Node): Node {
  const e = unwrap(expr);
  if (e && isCall(e)) {
    const name = dottedName(callee(e), ctx.text);
    const args = positionalArgs(e);
    if (/(?:^|\.)(?:create_task|ensure_future)$/.test(name)) {
      return args[0] ?? e;
    }
    if (/(?:^|\.)to_thread$/.test(name) && args[0]) {
      return args[0];
    }
    if (/(?:^|\.)run_in_executor$/.test(name) && args[1] && ctx.textOf(args[0]) === 'None') {
      return args[1];
    }
  }
  return e ?? expr;
}

/**
 * Python: whether a fan-out's results are unpacked into a fixed number of names, which asserts
 * that many items (`draft, baseline, research, ablation = results` after `results =
 * list(executor.map(work, stages))`, or `a, b = await asyncio.gather(*tasks)`): a fixed handful,
 * not data. Followed up through calls that wrap the fan-out (`list(…)`, `tqdm(…)`, `await`); a
 * later unpacking of the name it is assigned is read in its scope. (JS destructuring takes the
 * first items and runs the rest: no bound.)
 */
export function unpackedIntoFixed(ctx: FileContext, fanout: Node): boolean {
  if (!ctx.python) {
    return false;
  }
  let node = fanout;
  for (let i = 0; i < 4; i++) {
    const parent = up(node);
    const holder = parent && kind(parent) === 'argument_list' ? up(parent) : parent;
    if (!holder || !(kind(holder) === 'await' || (isCall(holder) && holder !== fanout))) {
      break;
    }
    node = holder;
  }
  const assignment = up(node);
  const right =
    assignment && kind(assignment) === 'assignment' ? assignment.childForFieldName('right') : null;
  if (!assignment || !right || right.startIndex !== node.startIndex) {
    return false;
  }
  const left = assignment.childForFieldName('left');
  if (!left) {
    return false;
  }
  if (fixedNames(ctx.textOf(left))) {
    return true;
  }
  if (kind(left) !== 'identifier') {
    return false;
  }
  // `results = …` then `a, b, c = results` (on its own line, later in the scope)
  const name = escapeRegExp(ctx.textOf(left));
  const scope = enclosingFunction(assignment);
  const to = scope ? endOf(scope) : ctx.text.length;
  const unpack = new RegExp(
    String.raw`^[ \t]*\(?([A-Za-z_][\w, \t]*?)\)?[ \t]*=[ \t]*${name}[ \t]*(?:#.*)?$`,
    'gm',
  );
  for (const m of ctx.scan(unpack, endOf(assignment), to)) {
    if (fixedNames(m[1])) {
      return true;
    }
  }
  return false;
}

/** `a, b, c` (two to {@link MAX_LITERAL_CALLS} plain names, none starred). */
function fixedNames(text: string): boolean {
  const parts = text
    .replace(/^\(|\)$/g, '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    parts.length >= 2 && parts.length <= MAX_LITERAL_CALLS && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))
  );
}
