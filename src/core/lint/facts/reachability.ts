import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  callee,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  namedChildren,
  positionalArgs,
  unwrap,
  kind,
  kindOf,
  endOf,
} from '../syntax';
import { assignedValues } from './functions';
import { callsItsParameter } from './perItem';
import type { ClaudeCall } from './calls';
import { callsWithin } from './calls';
import { callGraph, claudeTarget, functionAt, siteCall, sitesWithin } from './callGraph';
import { isLimited } from './limiters';

/** What a fan-out element reaches: Claude calls that run without a limit. */
export interface Reach {
  calls: ClaudeCall[];
  /** The same-file function followed, if any. */
  followed?: string;
  /** The function that makes the calls (inline callback or followed function). */
  callback?: Node;
}

/**
 * The unlimited Claude calls an expression makes when it is evaluated once per item:
 * calls written inside it, and calls inside same-file functions it calls (up to two local
 * calls deep, from the file's call graph). A call under a limiter (between it and `expr`,
 * or inside a followed function) does not count.
 */
export function reach(ctx: FileContext, expr: Node): Reach {
  const inline = callsWithin(ctx, expr).filter((c) => !isLimited(ctx, c.node, expr));
  if (inline.length > 0) {
    return { calls: inline, callback: FUNCTION_TYPES.has(kind(expr)) ? expr : undefined };
  }
  // A bare reference: `.map(summarize)`, `executor.map(summarize, items)`.
  const ref = unwrap(expr);
  const refKind = kindOf(ref);
  if (ref && (refKind === 'identifier' || refKind === 'member_expression' || refKind === 'attribute')) {
    const name = lastSegment(dottedName(ref, ctx.text));
    return (
      (name && follow(ctx, name, expr.startIndex)) ||
      (refKind === 'identifier' && ctx.python && partialReach(ctx, ref, expr)) || { calls: [] }
    );
  }
  // `pool.map(partial(grade, judge=ask), rows)`: the partial made in place.
  const partial = ctx.python && ref && isCall(ref) ? partialCallReach(ctx, ref) : undefined;
  if (partial) {
    return partial;
  }
  // Calls to same-file functions inside the expression: `x => summarize(x)`, `summarize(x) for x in xs`.
  for (const site of sitesWithin(ctx, expr.startIndex, endOf(expr))) {
    const target = claudeTarget(ctx, site.name, site.at);
    if (!target) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    if (!call || isLimited(ctx, call, expr)) {
      continue;
    }
    const followed = follow(ctx, site.name, site.at);
    if (followed) {
      return followed;
    }
  }
  // The function it sits in, called again per item (`Promise.all(chunks.map((c) => label(c)))` in
  // `label`, which asks Claude once a list is small enough): each element makes its request.
  for (const site of sitesWithin(ctx, expr.startIndex, endOf(expr))) {
    const own = functionAt(ctx, site.at);
    const r = own && own.name === site.name && !site.method ? callGraph(ctx).reach.get(own) : undefined;
    const call = r ? siteCall(ctx, site.at) : null;
    if (own && r && call && !isLimited(ctx, call, expr)) {
      return { calls: r.calls, followed: [own.name, ...r.via].join('() → '), callback: own.node };
    }
  }
  return { calls: [] };
}

/**
 * A name last assigned `functools.partial(f, ...)` before `expr` (`process_fn = partial(process_record,
 * evaluate_fn=evaluate)`): it reaches what `f` reaches, or what a function handed to it reaches
 * (the partial's call with every argument read as in `f(...)`).
 */
function partialReach(ctx: FileContext, ref: Node, expr: Node): Reach | undefined {
  const values = assignedValues(ctx, ctx.textOf(ref), 0, expr.startIndex);
  return partialCallReach(ctx, unwrap(values[values.length - 1] ?? null));
}

/** What a `functools.partial(f, ...)` call reaches (see `partialReach`); undefined for other values. */
function partialCallReach(ctx: FileContext, value: Node | null): Reach | undefined {
  if (!value || !isCall(value) || !/^(?:functools\.)?partial$/.test(dottedName(callee(value), ctx.text))) {
    return undefined;
  }
  const [target] = positionalArgs(value);
  const own = target ? reach(ctx, target) : undefined;
  if (own?.calls.length) {
    return own;
  }
  // (a function handed to it by name: `evaluate_fn=evaluate_with_claude`)
  for (const a of namedChildren(value.childForFieldName('arguments'))) {
    const v = unwrap(kind(a) === 'keyword_argument' ? a.childForFieldName('value') : a);
    if (
      v &&
      v.startIndex !== target?.startIndex &&
      kind(v) === 'identifier' &&
      callsItsParameter(ctx, value, v)
    ) {
      const r = follow(ctx, ctx.textOf(v), v.startIndex);
      if (r) {
        return r;
      }
    }
  }
  return undefined;
}

/** Whether the text of a node calls a same-file function that makes Claude calls. */
export function callsClaudeFunction(ctx: FileContext, node: Node): boolean {
  return sitesWithin(ctx, node.startIndex, endOf(node)).some((s) => !!claudeTarget(ctx, s.name, s.at));
}

function follow(ctx: FileContext, name: string, site: number): Reach | undefined {
  const target = claudeTarget(ctx, name, site);
  if (!target) {
    return undefined;
  }
  const via = [target.fn.name, ...target.reach.via];
  return { calls: target.reach.calls, followed: via.join('() → '), callback: target.fn.node };
}
