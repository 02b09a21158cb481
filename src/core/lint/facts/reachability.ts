import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { dottedName, FUNCTION_TYPES, lastSegment, unwrap, kind, kindOf, endOf } from '../syntax';
import type { ClaudeCall } from './calls';
import { callsWithin } from './calls';
import { claudeTarget, siteCall, sitesWithin } from './callGraph';
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
    return (name && follow(ctx, name, expr.startIndex)) || { calls: [] };
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
  return { calls: [] };
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
