import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { assignedValues } from '../../lint/facts/functions';
import { type Reach, reach } from '../../lint/facts/reachability';
import {
  callee,
  COMPREHENSION_TYPES,
  dottedName,
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
  endOf,
} from '../../lint/syntax';
import type { UnboundedFanoutData } from './data';
import type { Report } from '../rule';

/**
 * The largest thread pool treated as a cap. Python's default is min(32, cpu + 4) workers;
 * 8 concurrent requests stay well inside every published tier's per-second budget.
 */
export const MAX_BOUNDED_WORKERS = 8;

/** Literal lists of at most this many calls are not a fan-out. */
export const MAX_LITERAL_CALLS = 3;

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
}

/** A count written as a literal or as a same-file numeric constant (`CONCURRENCY = 5`). */
export function countValue(ctx: FileContext, node: Node | null, byName?: string): number | undefined {
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

export function fanoutMessage(name: string, found: Source, remedy: string): string {
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

/** An array that is known to be small or a slice of a bigger input processed chunk by chunk. */
export function boundedArray(ctx: FileContext, array: Node | null, combinator: Node): boolean {
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

export function lengthOf(ctx: FileContext, obj: Node | null): number | undefined {
  const o = unwrap(obj);
  if (!o || kind(o) !== 'object') {
    return undefined;
  }
  return countValue(ctx, callParamsOfObject(ctx, o) ?? null);
}

export function callParamsOfObject(ctx: FileContext, o: Node): Node | undefined {
  for (const pair of namedChildren(o)) {
    if (kind(pair) === 'pair' && ctx.textOf(pair.childForFieldName('key')) === 'length') {
      return pair.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

/** `asyncio.create_task(f(x))` / `asyncio.ensure_future(...)` / `loop.create_task(...)`: the coroutine inside. */
export function unwrapTask(ctx: FileContext, expr: Node): Node {
  const e = unwrap(expr);
  if (e && isCall(e) && /(?:^|\.)(?:create_task|ensure_future)$/.test(dottedName(callee(e), ctx.text))) {
    return positionalArgs(e)[0] ?? e;
  }
  return e ?? expr;
}
