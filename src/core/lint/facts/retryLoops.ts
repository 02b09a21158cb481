import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  LOOP_TYPES,
  positionalArgs,
  up,
  kind,
  endOf,
  contains,
} from '../syntax';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { rateLimitHandlers, tryBodies } from './errorChecks';

/** A hand-written retry loop around a call. */
export interface RetryLoop {
  loop: Node;
  tryNode: Node;
  /** Handlers that can catch a rate-limit error and do not just re-throw. */
  handlers: Node[];
}

/** The loop head: from the loop keyword to the start of the body. */
export function loopHead(loop: Node): { start: number; end: number } {
  const body = loop.childForFieldName('body');
  if (kind(loop) === 'do_statement' || !body) {
    const end = body && kind(loop) !== 'do_statement' ? body.startIndex : loop.startIndex + 2;
    return { start: loop.startIndex, end: Math.max(loop.startIndex + 1, end) };
  }
  return { start: loop.startIndex, end: body.startIndex };
}

/**
 * The retry loop around a call: a loop (in the same function) containing a `try` whose body
 * holds the call, where success leaves the loop (`return`/`break`) or failure `continue`s.
 * Loops over a collection (`for x of items`) are item loops, not retries, unless the try returns.
 */
export function findRetryLoop(ctx: FileContext, call: Node): RetryLoop | null {
  // Most calls are in no try block at all: decide that from offsets before walking the tree.
  if (!tryBodies(ctx).some((b) => b.start <= call.startIndex && endOf(call) <= b.end)) {
    return null;
  }
  let tryNode: Node | null = null;
  let prev: Node = call;
  for (let n = up(call); n; prev = n, n = up(n)) {
    if (FUNCTION_TYPES.has(kind(n)) || COMPREHENSION_TYPES.has(kind(n))) {
      return null;
    }
    if (kind(n) === 'try_statement' && !tryNode) {
      const body = n.childForFieldName('body');
      if (body && contains(body, prev)) {
        tryNode = n;
      }
    }
    if (LOOP_TYPES.has(kind(n)) && tryNode) {
      return isRetryLoop(ctx, n, tryNode)
        ? { loop: n, tryNode, handlers: rateLimitHandlers(ctx, tryNode) }
        : null;
    }
  }
  return null;
}

function isRetryLoop(ctx: FileContext, loop: Node, tryNode: Node): boolean {
  const body = loop.childForFieldName('body');
  if (!body) {
    return false;
  }
  const tryBody = tryNode.childForFieldName('body');
  const tryText = ctx.textOf(tryBody);
  const exitsInTry = /\b(return|break)\b/.test(tryText);
  const handlersText = ctx
    .textOf(tryNode)
    .slice((tryBody ? endOf(tryBody) : tryNode.startIndex) - tryNode.startIndex);
  const continues = /\bcontinue\b/.test(handlersText);
  const exitsAfter = /\b(return|break)\b/.test(ctx.text.slice(endOf(tryNode), endOf(body)));
  if (!(exitsInTry || continues || exitsAfter)) {
    return false;
  }
  if (kind(loop) === 'for_in_statement' || (ctx.python && kind(loop) === 'for_statement')) {
    const right = loop.childForFieldName('right');
    const overRange =
      !!right && /^\s*(?:range|Retrying|AsyncRetrying|itertools\.count|count)\s*\(/.test(ctx.textOf(right));
    return overRange || exitsInTry;
  }
  return true;
}

/** How a retry loop waits between attempts. */
export interface WaitInfo {
  kind: 'none' | 'fixed' | 'growing' | 'retry-after';
  jitter: boolean;
  /** The sleep call, if any. */
  call?: Node;
}

const JS_SLEEP = /\b(?:sleep|delay|wait|setTimeout|pause|snooze|backoff|waitFor|timeout)\s*\(/gi;
const PY_SLEEP = /\b(?:time\.|asyncio\.|trio\.|anyio\.|gevent\.)?sleep\s*\(/g;

/** Classifies how a retry loop waits: not at all, a fixed time, a growing time, or per `retry-after`. */
export function classifyWait(ctx: FileContext, loop: RetryLoop): WaitInfo {
  const loopText = ctx.textOf(loop.loop);
  const honoursRetryAfter = /retry[-_]?after/i.test(loopText);
  let sleep: Node | undefined;
  let delay: Node | null = null;
  const re = ctx.python ? PY_SLEEP : JS_SLEEP;
  re.lastIndex = 0;
  for (let m = re.exec(loopText); m; m = re.exec(loopText)) {
    const offset = loop.loop.startIndex + m.index + m[0].search(/\w+\s*\($/);
    let n = ctx.nodeAt(offset);
    while (n && !isCall(n) && n.startIndex >= loop.loop.startIndex) {
      n = up(n);
    }
    if (!n || !isCall(n) || ctx.inCommentOrString(offset)) {
      continue;
    }
    const tryBody = loop.tryNode.childForFieldName('body');
    if (tryBody && contains(tryBody, n)) {
      continue; // a sleep inside the try is pacing, not back-off
    }
    sleep = n;
    const name = lastSegment(dottedName(callee(n), ctx.text));
    const args = positionalArgs(n);
    delay = name === 'setTimeout' && args.length > 1 ? args[1] : (args[0] ?? null);
    if (delay && /^(?:resolve|r|res|done)$/.test(ctx.textOf(delay)) && args.length > 1) {
      delay = args[1];
    }
    break;
  }
  // `new Promise(r => setTimeout(r, ms))` is found through setTimeout above.
  if (!sleep) {
    return { kind: honoursRetryAfter ? 'retry-after' : 'none', jitter: false };
  }
  const delayText = expandLocals(ctx, loop.loop, ctx.textOf(delay));
  const jitter = /random|jitter|uniform/i.test(delayText);
  if (honoursRetryAfter || /retry[-_]?after|headers/i.test(delayText)) {
    return { kind: 'retry-after', jitter, call: sleep };
  }
  if (
    /\*\*|Math\.pow|\bpow\s*\(|<<|\bexp\b|Math\.exp/.test(delayText) ||
    usesLoopVariable(ctx, loop.loop, delayText)
  ) {
    return { kind: 'growing', jitter, call: sleep };
  }
  return { kind: 'fixed', jitter, call: sleep };
}

/** Adds the initialisers of identifiers declared in the loop to a delay expression's text (one level). */
function expandLocals(ctx: FileContext, loop: Node, delayText: string): string {
  let out = delayText;
  const loopText = ctx.textOf(loop);
  for (const id of new Set(delayText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    const re = new RegExp(`(?:^|[^\\w$.])${escapeRegExp(id)}\\s*(?::[^=\\n]*)?=(?!=)([^;\\n]*)`, 'g');
    for (let m = re.exec(loopText); m; m = re.exec(loopText)) {
      out += ` ${m[1]}`;
    }
    // Also the declaration just before the loop (`let delay = 1000;` then `delay *= 2` inside).
  }
  return out;
}

/** Whether a delay depends on something that changes between iterations. */
function usesLoopVariable(ctx: FileContext, loop: Node, delayText: string): boolean {
  const loopText = ctx.textOf(loop);
  const counters = new Set<string>();
  const init = loop.childForFieldName('initializer') ?? loop.childForFieldName('left');
  for (const m of ctx.textOf(init).matchAll(/[A-Za-z_$][\w$]*/g)) {
    counters.add(m[0]);
  }
  for (const id of new Set(delayText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    if (counters.has(id)) {
      return true;
    }
    const updated = new RegExp(
      `(?:^|[^\\w$.])${escapeRegExp(id)}\\s*(?:[-+*/]|\\*\\*|<<)=|(?:\\+\\+|--)\\s*${escapeRegExp(id)}\\b|\\b${escapeRegExp(id)}\\s*(?:\\+\\+|--)`,
    );
    if (updated.test(loopText)) {
      return true;
    }
  }
  return false;
}
