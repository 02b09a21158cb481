import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
  contains,
} from '../syntax';
import type { ClaudeCall } from './calls';
import { callsWithin } from './calls';
import { functionsNamed } from './functions';
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
 * calls written inside it, and calls inside same-file functions it calls (one level).
 * A call under a limiter (between it and `expr`, or inside the followed function) does not count.
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
    return (name && followFunction(ctx, name, expr)) || { calls: [] };
  }
  // Calls to same-file functions inside the expression: `x => summarize(x)`, `summarize(x) for x in xs`.
  // From one character before the expression: the pattern checks the character before a name.
  for (const m of ctx.scan(CALL_SITE, Math.max(0, expr.startIndex - 1), endOf(expr))) {
    if (NOT_FUNCTIONS.has(m[1]) || functionsNamed(ctx, m[1]).length === 0) {
      continue;
    }
    const offset = m.index + m[0].lastIndexOf(m[1]);
    let site = ctx.nodeAt(offset);
    while (site && !isCall(site) && site.startIndex >= expr.startIndex) {
      site = up(site);
    }
    if (!site || !isCall(site) || site.startIndex < expr.startIndex || isLimited(ctx, site, expr)) {
      continue;
    }
    const followed = followFunction(ctx, m[1], site);
    if (followed) {
      return followed;
    }
  }
  return { calls: [] };
}

/** Whether the text of a node calls a same-file function that makes Claude calls. */
export function callsClaudeFunction(ctx: FileContext, node: Node): boolean {
  for (const m of ctx.scan(CALL_SITE, Math.max(0, node.startIndex - 1), endOf(node))) {
    if (!NOT_FUNCTIONS.has(m[1]) && functionsNamed(ctx, m[1]).length > 0) {
      return true;
    }
  }
  return false;
}

/** A call of a plain name or of a method on `this`/`self`: `summarize(`, `this.summarize(`. */
const CALL_SITE = /(?:^|[^\w$.])(?:(?:this|self)\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g;
/** Keywords and builtins that look like calls. */
const NOT_FUNCTIONS = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'await',
  'async',
  'typeof',
  'new',
  'super',
  'print',
  'len',
  'str',
  'int',
  'list',
  'dict',
  'set',
  'tuple',
  'range',
  'isinstance',
]);

function followFunction(ctx: FileContext, name: string, site: Node): Reach | undefined {
  for (const fn of functionsNamed(ctx, name)) {
    if (contains(fn, site)) {
      continue; // recursion, or the fan-out inside the function itself
    }
    const calls = callsWithin(ctx, fn).filter((c) => !isLimited(ctx, c.node, fn));
    if (calls.length > 0) {
      return { calls, followed: name, callback: fn };
    }
  }
  return undefined;
}
