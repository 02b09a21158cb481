import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import {
  MAX_LITERAL_CALLS,
  FanoutReport,
  Source,
  fanoutMessage,
  filledCollection,
  emit,
  callAtToken,
  scopeOf,
  enclosingLoopOrComprehension,
  boundedLoop,
  boundedArray,
  unwrapTask,
  chunkListNote,
  unpackedIntoFixed,
} from './fanout';
import { reach } from '../../lint/facts/reachability';
import {
  argumentList,
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  isCall,
  namedChildren,
  positionalArgs,
  unwrap,
  kind,
} from '../../lint/syntax';

const PY_REMEDY =
  'Bound it with a semaphore (sem = asyncio.Semaphore(5); `async with sem:` around the request) or aiolimiter.';

/** `asyncio.gather`/`asyncio.wait` over a comprehension, `map` or loop-filled list. */
export function pythonGather(ctx: FileContext, report: FanoutReport): void {
  for (const m of ctx.scanFromHint(
    /\b(?:asyncio\s*\.\s*)?(gather|wait)\s*\(/y,
    /\b(?:asyncio|gather|wait)/g,
  )) {
    if (m[1] === 'wait' && !m[0].startsWith('asyncio')) {
      continue;
    }
    const call = callAtToken(ctx, m.index + m[0].indexOf(m[1]));
    if (!call) {
      continue;
    }
    const name = dottedName(callee(call), ctx.text);
    // tqdm's asyncio wrapper (`from tqdm.asyncio import tqdm`; `tqdm.gather(*tasks)`) is asyncio.gather with a bar.
    if (!/^(?:asyncio\.gather|gather|asyncio\.wait|(?:[\w.]+\.)?tqdm(?:_asyncio)?\.gather)$/.test(name)) {
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
    if (found && m[1] === 'gather' && unpackedIntoFixed(ctx, call)) {
      continue; // `a, b = await asyncio.gather(*tasks)`: as many requests as names (`asyncio.wait` hands back two sets)
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
    if (!body) {
      return null;
    }
    // (Whether the element reaches Claude is asked first: it is the cheaper question.)
    const r = reach(ctx, unwrapTask(ctx, body));
    const iterable = clause ? unwrap(clause.childForFieldName('right')) : null;
    if (!r.calls.length || (iterable && boundedArray(ctx, iterable, fanout))) {
      return null;
    }
    return {
      node: expr,
      kind: kind(expr) === 'generator_expression' ? 'generator' : 'comprehension',
      reach: r,
      element: body,
      itemNote: chunkListNote(ctx, iterable, fanout),
    };
  }
  if (isCall(expr) && dottedName(callee(expr), ctx.text) === 'map') {
    const [fn, iterable] = positionalArgs(expr);
    const r = fn ? reach(ctx, fn) : null;
    return r?.calls.length && !boundedArray(ctx, unwrap(iterable ?? null), fanout)
      ? { node: expr, kind: 'map-builtin', reach: r }
      : null;
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

/** `tasks = [f(x) for x in xs]` or `tasks.append(f(x))` in a loop, before the fan-out. */
function pyFilledList(ctx: FileContext, id: Node, fanout: Node): Source | null {
  return filledCollection(ctx, id, fanout, (v) => pySource(ctx, v, fanout), 'append|add', 'append-loop');
}

/** `tg.create_task(...)` in a loop inside `async with asyncio.TaskGroup()`. */
export function pythonTaskGroups(ctx: FileContext, report: FanoutReport): void {
  const groups = new Set<string>();
  // (Every match starts with `TaskGroup`: tried at its occurrences, kept across edits in an editor document.)
  for (const m of ctx.scanFromHint(/TaskGroup\s*\(\s*\)\s*as\s+([A-Za-z_]\w*)/y, /TaskGroup/g)) {
    groups.add(m[1]);
  }
  if (groups.size === 0) {
    return;
  }
  for (const { dot, name } of createTaskCalls(ctx)) {
    const owner = /([A-Za-z_]\w*)\s*$/.exec(ctx.text.slice(Math.max(0, dot - 80), dot));
    if (!owner || !groups.has(owner[1])) {
      continue;
    }
    const call = callAtToken(ctx, name);
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
        `${ctx.textOf(fn).length > 30 ? 'create_task' : ctx.textOf(fn)} in a loop starts one Claude request per item at once; cap the concurrency. ` +
          `The TaskGroup has no concurrency cap, so a large input bursts past your rate limits and fails with 429s. ` +
          `Wrap the request in \`async with sem:\` (sem = asyncio.Semaphore(5)) or use aiolimiter.`,
      );
    }
  }
}

/**
 * What `scan(/\.\s*create_task\s*\(/g)` finds (the offsets of each match's dot and name), from
 * the name's whole-word occurrences (a match's name has a blank, `.` or `(` on each side).
 */
function createTaskCalls(ctx: FileContext): Array<{ dot: number; name: number }> {
  const text = ctx.text;
  const out: Array<{ dot: number; name: number }> = [];
  for (const at of ctx.wordsOf('create_task')) {
    let dot = at - 1;
    while (dot >= 0 && /\s/.test(text[dot])) {
      dot--;
    }
    let paren = at + 'create_task'.length;
    while (paren < text.length && /\s/.test(text[paren])) {
      paren++;
    }
    if (text[dot] === '.' && text[paren] === '(') {
      out.push({ dot, name: at });
    }
  }
  return out;
}
