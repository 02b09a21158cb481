/**
 * The Claude calls a batchable fan-out repeats: those `repeatedCalls` finds once per item,
 * plus those it stops short of: a call in a retry loop (`for attempt in range(3)`,
 * `while True: try: return …`) or in a function called from a function that runs per item
 * (`main` → `get_citations(task)` → `create`, `annotator.annotate_episode(ep) for ep in
 * episodes`), followed up to {@link MAX_HOPS} same-file callers.
 */
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { ClaudeCall } from '../../lint/facts/calls';
import { repeatedCalls, repetitionAbove, type Repetition } from '../../lint/facts/repetition';
import { findRetryLoop } from '../../lint/facts/retryLoops';
import { httpClaudeCalls } from '../../lint/facts/httpClaudeCalls';
import { endOf, enclosingFunction, FUNCTION_TYPES, functionName, kind, up } from '../../lint/syntax';
import { instanceCalls } from './context';

/** Same-file functions followed from the one holding the call to the loop that runs it. */
const MAX_HOPS = 3;
/** Call sites of one function read per hop. */
const MAX_SITES = 16;

/** A repetition, with the name of the function called in the loop when the call is further down. */
export type PerItem = Repetition & {
  outer?: string;
  /** The calls followed between the loop and the function holding the Claude call (`pred = ask(text)` in a worker). */
  hops?: Node[];
};

/** The per-item Claude calls (`create` only), each with the construct that repeats it. */
export function perItemCalls(ctx: FileContext): PerItem[] {
  const direct = new Map(repeatedCalls(ctx).map((r) => [r.call.node.startIndex, r]));
  const out: PerItem[] = [];
  const http = new Set(httpClaudeCalls(ctx));
  for (const call of [...ctx.calls, ...http]) {
    if (call.method !== 'create') {
      continue;
    }
    // (`repeatedCalls` reads SDK calls only: a raw-HTTP call's own loop is looked up here.)
    const above = http.has(call) ? repetitionAbove(ctx, call.node).construct : undefined;
    const r = above ? { call, ...above } : direct.get(call.node.startIndex);
    // (`for n in range(tries)` looks like data when `tries` is a parameter: its retry shape says otherwise.)
    // A loop over `items.length` that steps back to re-send a failed item is still one request
    // per item (`for (let i = 0; i < lessons.length; i++) { … catch { …; i-- } }`).
    const retry =
      !!r &&
      !r.via &&
      !overLength(ctx, r.construct) &&
      findRetryLoop(ctx, call.node)?.loop.startIndex === r.construct.startIndex;
    if (r?.overData && !retry) {
      out.push(r);
      continue;
    }
    if (r && !retry && r.kind !== 'for') {
      continue; // an agent or polling loop, a sampling map: not one request per item
    }
    const deeper = throughCallers(ctx, call);
    if (deeper) {
      out.push(deeper);
    }
  }
  return out;
}

/** The loop over data that runs the function holding a call, through at most MAX_HOPS callers. */
function throughCallers(ctx: FileContext, call: ClaudeCall): PerItem | undefined {
  const inner = enclosingFunction(call.node);
  const innerName = inner ? functionName(inner, ctx.text) : undefined;
  if (!inner || !innerName) {
    return undefined;
  }
  // Once per function, not per call in it.
  const found = ctx.memo(`batchable-callers:${inner.startIndex}`, () => loopAbove(ctx, inner));
  return found && { call, ...found, via: inner, viaName: innerName };
}

function loopAbove(ctx: FileContext, inner: Node): Omit<PerItem, 'call' | 'via' | 'viaName'> | undefined {
  let frontier: Node[] = [inner];
  const visited = new Set<number>([inner.startIndex]);
  const hops: Node[] = [];
  for (let hop = 0; hop < MAX_HOPS && frontier.length > 0; hop++) {
    const next: Node[] = [];
    for (const fn of frontier) {
      const name = functionName(fn, ctx.text);
      if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
        continue;
      }
      for (const ref of callersOf(ctx, fn, name)) {
        const found = repetitionAbove(ctx, ref).construct;
        if (found?.overData && (overLength(ctx, found.construct) || !isRetryOf(ctx, found.construct, ref))) {
          return { ...found, outer: name, hops };
        }
        const caller = enclosingFunction(ref);
        if (caller && !visited.has(caller.startIndex) && next.length < MAX_SITES) {
          visited.add(caller.startIndex);
          hops.push(ref);
          next.push(caller);
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/** A C-style `for` whose condition reads a collection's `.length` / `.size`. */
function overLength(ctx: FileContext, loop: Node): boolean {
  return (
    kind(loop) === 'for_statement' &&
    !ctx.python &&
    /\.\s*(?:length|size)\b/.test(ctx.textOf(loop.childForFieldName('condition')))
  );
}

/** Whether a loop is the retry loop of the call at `ref` (`for i in range(n): try: return f()`). */
function isRetryOf(ctx: FileContext, loop: Node, ref: Node): boolean {
  let call: Node | null = ref;
  for (let i = 0; call && i < 4 && kind(call) !== 'call' && kind(call) !== 'call_expression'; i++) {
    call = up(call);
  }
  return !!call && findRetryLoop(ctx, call)?.loop.startIndex === loop.startIndex;
}

/** Where a function is called or referenced outside itself (also on an instance: `annotator.run(x)`). */
function callersOf(ctx: FileContext, fn: Node, name: string): Node[] {
  const out: Node[] = [];
  const offsets = [...ctx.usesOf(name), ...instanceCalls(ctx, name).map((c) => c.start)];
  for (const at of offsets) {
    if (out.length >= MAX_SITES) {
      break;
    }
    if ((at >= fn.startIndex && at < endOf(fn)) || ctx.inCommentOrString(at)) {
      continue;
    }
    const ref = ctx.nodeAt(at);
    const parent = ref ? up(ref) : null;
    if (!ref || (parent && FUNCTION_TYPES.has(kind(parent)) && functionName(parent, ctx.text) === name)) {
      continue; // the definition
    }
    out.push(ref);
  }
  return out;
}
