/**
 * The Claude calls a batchable fan-out repeats: those `repeatedCalls` finds once per item,
 * plus those it stops short of: a call in a retry loop (`for attempt in range(3)`,
 * `while True: try: return …`) or in a function called from a function that runs per item
 * (`main` → `get_citations(task)` → `create`, `annotator.annotate_episode(ep) for ep in
 * episodes`), followed up to {@link MAX_HOPS} same-file callers.
 */
import { importedClaudeCalls } from './importedClaudeCalls';
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { ClaudeCall } from './calls';
import {
  boundElsewhere,
  repeatedCalls,
  repetitionAbove,
  smallIterable,
  type Found,
  type Repetition,
} from './repetition';
import { aliasCallsOf, callGraph, type LocalFunction, tableParameterCalls } from './callGraph';
import { siteRoutedAway } from './providerGate';
import { findRetryLoop } from './retryLoops';
import { RETRY_HELPER_NAME } from './retryLibraries';
import { allHttpClaudeCalls } from './httpHelpers';
import { parseCalls } from './otherClaudeCalls';
import {
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  endOf,
  enclosingFunction,
  FUNCTION_TYPES,
  functionName,
  isCall,
  isMember,
  kind,
  lastSegment,
  memberObject,
  memberProperty,
  namedChildren,
  positionalArgs,
  unwrap,
  up,
} from '../syntax';
import { lastAssignedValue } from './functions';

/** Same-file functions followed from the one holding the call to the loop that runs it. */
const MAX_HOPS = 3;
/** Call sites of one function read per hop. */
const MAX_SITES = 16;

/** A repetition, with the name of the function called in the loop when the call is further down. */
export type PerItem = Repetition & {
  outer?: string;
  /** The calls followed between the loop and the function holding the Claude call (`pred = ask(text)` in a worker). */
  hops?: Node[];
  /** False when the per-item code sits in an anonymous function the Batch API version cannot lift. */
  lifted?: false;
};

/** pandas' per-row appliers (`df.apply(f, axis=1)`, tqdm's `progress_apply`, pandarallel's `parallel_apply`, swifter). */
const PANDAS_APPLY = /^(?:apply|progress_apply|parallel_apply|applymap|progress_map|parallel_map|transform)$/;

/**
 * Where a function or a reference to one runs once per item although no loop is written
 * around it: handed to pandas' `apply` (`df["text"].apply(classify)`, `df.progress_apply(lambda
 * r: ask(r), axis=1)`) or to a same-file runner that calls the function it is given once per
 * element of a list it is also given (`pool(rows, 4, async (row) => …)`, `run_all(items, fn)`).
 */
function appliedPerItem(ctx: FileContext, ref: Node): Found | undefined {
  // The value handed over: the reference itself, or the anonymous function around it.
  let arg: Node = ref;
  for (let n: Node | null = up(ref), i = 0; n && i < 3 && isMember(n); n = up(n), i++) {
    arg = n; // `self.classify`
  }
  let list = up(arg);
  if (!list || (kind(list) !== 'arguments' && kind(list) !== 'argument_list')) {
    const fn = enclosingFunction(ref);
    if (!fn || functionName(fn, ctx.text)) {
      return undefined;
    }
    arg = fn;
    list = up(fn);
    if (list && kind(list) === 'keyword_argument') {
      list = up(list);
    }
  }
  const call = list && (kind(list) === 'arguments' || kind(list) === 'argument_list') ? up(list) : null;
  if (!call || !isCall(call)) {
    return undefined;
  }
  const fnNode = callee(call);
  if (ctx.python && fnNode && isMember(fnNode) && PANDAS_APPLY.test(ctx.textOf(memberProperty(fnNode)))) {
    return {
      construct: call,
      kind: 'map',
      overData: !smallIterable(ctx, memberObject(fnNode)),
      guarded: false,
    };
  }
  const args = positionalArgs(call);
  const index = args.findIndex((a) => a.startIndex === arg.startIndex);
  const name = lastSegment(dottedName(fnNode, ctx.text));
  const runner = index >= 0 && name ? callGraph(ctx).byName.get(name)?.[0] : undefined;
  if (!runner || (runner.start <= call.startIndex && call.startIndex < runner.end)) {
    return undefined;
  }
  const items = ctx.memo(`per-item-runner:${runner.start}`, () => runnerItems(ctx, runner));
  if (!items) {
    return undefined;
  }
  const skip = /^(?:self|cls)$/.test(runner.params[0] ?? '') ? 1 : 0;
  if (items.fn !== index + skip) {
    return undefined;
  }
  const list2 = args[items.items - skip];
  return list2
    ? { construct: call, kind: 'map', overData: !smallIterable(ctx, list2), guarded: false }
    : undefined;
}

/**
 * A same-file runner's parameters: the one it calls inside a loop or a map (`fn(items[i], i)`
 * in a worker's `while`), and the list it reads item by item (`items.length`, `for x in items`,
 * `items.map(`). Undefined when it has no such pair.
 */
function runnerItems(ctx: FileContext, runner: LocalFunction): { fn: number; items: number } | undefined {
  const body = ctx.text.slice(runner.start, runner.end);
  for (const [fn, p] of runner.params.entries()) {
    if (!/^[A-Za-z_$][\w$]*$/.test(p) || /^(?:self|cls)$/.test(p)) {
      continue;
    }
    for (const at of namedCalls(ctx, p, runner.start, runner.end)) {
      if (ctx.inCommentOrString(at) || !insideRepetition(ctx, at, runner.node)) {
        continue;
      }
      const items = runner.params.findIndex(
        (q, i) =>
          i !== fn &&
          /^[A-Za-z_$][\w$]*$/.test(q) &&
          new RegExp(
            `(?<![\\w$.])${q.replace(/\$/g, '\\$')}\\s*(?:\\.\\s*(?:length|map|forEach|entries)\\b|\\[)|\\b(?:in|of|len\\s*\\()\\s*${q.replace(/\$/g, '\\$')}\\b`,
          ).test(body),
      );
      if (items >= 0) {
        return { fn, items };
      }
    }
  }
  return undefined;
}

/**
 * What `scan(/(?<![\w$.])name\s*\(/g, from, to)` finds (the offset of each match), from the
 * name's whole-word occurrences: a scan that finds nothing in the range reads on to the end
 * of the text, trying the look-behind at every offset.
 */
function namedCalls(ctx: FileContext, name: string, from: number, to: number): number[] {
  const text = ctx.text;
  const out: number[] = [];
  for (const at of ctx.wordsOf(name)) {
    if (at >= to) {
      break;
    }
    let paren = at + name.length;
    while (paren < text.length && /\s/.test(text[paren])) {
      paren++;
    }
    if (at >= from && text[at - 1] !== '.' && text[paren] === '(' && paren < to) {
      out.push(at);
    }
  }
  return out;
}

/** Whether an offset sits in a loop, comprehension or map callback below `top`. */
function insideRepetition(ctx: FileContext, at: number, top: Node): boolean {
  for (let n: Node | null = ctx.nodeAt(at); n && n.startIndex >= top.startIndex && n !== top; n = up(n)) {
    const k = kind(n);
    if (
      /^(?:for_statement|for_in_statement|while_statement|do_statement)$/.test(k) ||
      COMPREHENSION_TYPES.has(k)
    ) {
      return true;
    }
    if (n.startIndex === top.startIndex && endOf(n) === endOf(top)) {
      return false;
    }
  }
  return false;
}

/**
 * An anonymous function run once per item: applied per row or handed to a same-file runner
 * (see {@link appliedPerItem}), or made inside a loop over data (`for (const ch of chapters)
 * tasks.push(async () => translate(ch))`: one thunk, so one request, per item).
 */
function anonymousPerItem(ctx: FileContext, fn: Node): Found | undefined {
  const body = fn.childForFieldName('body');
  const applied = body ? appliedPerItem(ctx, body) : undefined;
  if (applied?.overData) {
    return applied;
  }
  if (!collected(ctx, fn)) {
    return undefined; // a callback handed to some other function (a validator's repair hook): not one job per item
  }
  const around = repetitionAbove(ctx, fn).construct;
  return around?.overData && !isRetryOf(ctx, around.construct, fn) ? around : undefined;
}

/**
 * Whether an anonymous function is kept as a job: pushed or appended to a list, put in a map
 * or set, submitted to a pool, or written as an element of a list literal.
 */
function collected(ctx: FileContext, fn: Node): boolean {
  const parent = up(fn);
  if (parent && /^(?:array|list)$/.test(kind(parent))) {
    return true;
  }
  const call =
    parent && (kind(parent) === 'arguments' || kind(parent) === 'argument_list') ? up(parent) : null;
  const name = call && isCall(call) ? dottedName(callee(call), ctx.text) : '';
  // (or run through a limiter or a retry helper: `limit(() => label(row))`, `sem.run(...)`, `pRetry(...)`)
  return (
    /(?:^|\.)(?:push|append|add|set|unshift|insert|submit|put|put_nowait|run|schedule|runExclusive|wrap)$/.test(
      name,
    ) || /^(?:\w*[lL]imit(?:er)?|pRetry|retry|withRetry|withRetries|retrying|backoff|throttled?)$/.test(name)
  );
}

/**
 * The per-item Claude calls (`create`, and `stream` when asked), each with the construct that
 * repeats it. Memoised per file.
 */
export function perItemCalls(ctx: FileContext, withStream = false): PerItem[] {
  return ctx.memo(`per-item-calls:${withStream}`, () => findPerItemCalls(ctx, withStream));
}

function findPerItemCalls(ctx: FileContext, withStream: boolean): PerItem[] {
  const direct = new Map(repeatedCalls(ctx).map((r) => [r.call.node.startIndex, r]));
  const out: PerItem[] = [];
  // (urllib `Request`s too: each is sent where `urlopen(req)` takes it, in the same turn)
  const http = new Set(allHttpClaudeCalls(ctx));
  // (structured outputs' `messages.parse` is a `create` underneath)
  const parsing = new Set(parseCalls(ctx));
  // (and a call of another module's function that sends one: `generateLabSummary(lab)`, when the project can be read)
  const imported = new Set(importedClaudeCalls(ctx));
  for (const call of [...ctx.calls, ...parsing, ...http, ...imported]) {
    if (call.method !== 'create' && !(withStream && call.method === 'stream')) {
      continue;
    }
    // (`repeatedCalls` reads `create`/`stream` calls only: a raw-HTTP, `parse` or imported call's own loop is looked up here.)
    const above =
      http.has(call) || parsing.has(call) || imported.has(call)
        ? repetitionAbove(ctx, call.node).construct
        : undefined;
    const r = above ? { call, ...above } : direct.get(call.node.startIndex);
    if (r?.kind === 'while' && drained(ctx, r.construct)) {
      out.push({ ...r, kind: 'for', overData: true, lifted: false }); // a worker draining the items
      continue;
    }
    // (`for n in range(tries)` looks like data when `tries` is a parameter: its retry shape says otherwise.)
    // A loop over `items.length` that steps back to re-send a failed item is still one request
    // per item (`for (let i = 0; i < lessons.length; i++) { … catch { …; i-- } }`).
    // (so is a numbered loop around the call site of a same-file function holding the request, `for n
    // in range(6): try: return make_record(ask(…))`, when it is that site's retry loop)
    const viaSite = r?.via ? siteIn(ctx, r) : undefined;
    const retry =
      !!r &&
      !overLength(ctx, r.construct) &&
      (r.via
        ? !!viaSite && isRetryOf(ctx, r.construct, viaSite)
        : findRetryLoop(ctx, call.node)?.loop.startIndex === r.construct.startIndex);
    if (r?.overData && !retry) {
      out.push(r);
      continue;
    }
    // A retry, polling or sampling loop (`for _ in range(samples)`) inside a loop over data in
    // the same function: the requests repeat per item of that loop.
    // (not past an agent loop: `while` turns that feed each reply back are no retry)
    const agent =
      r?.kind === 'while' && findRetryLoop(ctx, call.node)?.loop.startIndex !== r.construct.startIndex;
    // (also when a sampling loop repeats a same-file function holding the call: `for _ in
    // range(trials): row[style].append(ask(…))` inside `for prompt in prompts`, the site standing
    // for the call; not a small fixed list of steps, which may feed a later request of the turn)
    const site = !r?.via ? call.node : retry || samplingLoop(ctx, r) ? viaSite : undefined;
    const outer = r && site && !agent ? dataLoopAround(ctx, r.construct, site) : undefined;
    if (outer) {
      out.push({ call, ...outer, lifted: false });
      continue;
    }
    if (r && !retry && r.kind !== 'for' && !retriesSite(ctx, r)) {
      continue; // an agent or polling loop, a sampling map: not one request per item
    }
    const deeper = throughCallers(ctx, call);
    if (deeper) {
      out.push(deeper);
    }
  }
  return out;
}

/**
 * Whether the loop a function holding the call is run in (`while not response:` around
 * `generate_response(prompt)`) is that call site's retry loop: the function around the loop
 * is then followed to where it runs per item, as for a retry loop around the request itself.
 */
function retriesSite(ctx: FileContext, r: Repetition): boolean {
  if (!r.via || !r.viaName || r.kind !== 'while') {
    return false;
  }
  for (const { start } of ctx.callsOf(r.viaName)) {
    if (start >= r.construct.startIndex && start < endOf(r.construct)) {
      const site = ctx.nodeAt(start);
      return !!site && isRetryOf(ctx, r.construct, site);
    }
  }
  return false;
}

/**
 * Whether a `for` loop that is not over data repeats its body a number of times that is not a
 * small literal (`for _ in range(trials)`): sampling, not a small fixed list of steps (which may
 * feed a later request of the turn: four summaries, then their synthesis).
 */
function samplingLoop(ctx: FileContext, r: Found): boolean {
  const right = r.kind === 'for' && !r.overData ? r.construct.childForFieldName('right') : null;
  return !!right && !smallIterable(ctx, right);
}

/** Where a repetition through a same-file function calls it: its first call site inside the construct. */
function siteIn(ctx: FileContext, r: Repetition): Node | undefined {
  for (const { start } of ctx.callsOf(r.viaName ?? '')) {
    if (start >= r.construct.startIndex && start < endOf(r.construct)) {
      return ctx.nodeAt(start) ?? undefined;
    }
  }
  return undefined;
}

/** The nearest loop over data around `inner` in its function, past retry, polling and sampling loops. */
function dataLoopAround(ctx: FileContext, inner: Node, call: Node): Found | undefined {
  let n = inner;
  for (let i = 0; i < 4; i++) {
    const above = repetitionAbove(ctx, n).construct;
    if (!above) {
      return undefined;
    }
    if (above.overData && above.kind !== 'while' && !isRetryOf(ctx, above.construct, call)) {
      return above;
    }
    n = above.construct;
  }
  return undefined;
}

/**
 * Whether an anonymous function is handed to a helper that runs it now, not a per-item runner:
 * the first argument of a call to a same-file function that does not itself hold a loop over
 * data (`callWithRetry(() => …)`, `retrying(lambda: …)`), a later argument of one whose
 * parameter in that place it calls (`withBackoff(label, () => …)` over `fn()` in its body), or
 * an argument of a helper from elsewhere named for retrying (`withAnthropicRetry(() => …,
 * opts)` imported from a shared module): a wrapper that calls it again on failure. Also a
 * Python thunk handed to an executor (`await loop.run_in_executor(pool, lambda: client.messages
 * .create(…))`, `asyncio.to_thread(lambda: …)`, `pool.submit(lambda: …)`): run once, on a worker.
 */
function runNowByHelper(ctx: FileContext, fn: Node): boolean {
  const list = up(fn);
  const call = list && (kind(list) === 'arguments' || kind(list) === 'argument_list') ? up(list) : null;
  const index =
    call && isCall(call) ? positionalArgs(call).findIndex((a) => a.startIndex === fn.startIndex) : -1;
  if (!call || index < 0) {
    return false;
  }
  const name = lastSegment(dottedName(callee(call), ctx.text));
  const helper = callGraph(ctx).byName.get(name)?.[0];
  if (!helper) {
    return RETRY_HELPER_NAME.test(name) || (ctx.python && EXECUTOR_RUN.test(name));
  }
  if (index === 0) {
    return true;
  }
  // (once per helper and place, however many thunks are handed to it)
  return ctx.memo(`runs-parameter:${helper.start}:${index}`, () => callsParameter(ctx, helper, index));
}

/** Executors' hand-offs that run a callable once on a worker: `run_in_executor`, `to_thread`, `submit`. */
const EXECUTOR_RUN = /^(?:run_in_executor|to_thread|submit)$/;

/** Whether a same-file function calls its parameter at positional index `index` (`fn()` in its body). */
function callsParameter(ctx: FileContext, helper: LocalFunction, index: number): boolean {
  const skip = /^(?:self|cls)$/.test(helper.params[0] ?? '') ? 1 : 0;
  const param = helper.params[index + skip];
  if (!param || !/^[A-Za-z_$][\w$]*$/.test(param)) {
    return false;
  }
  const calls = new RegExp(`(?<![\\w$.])${param.replace(/\$/g, '\\$')}\\s*\\(`, 'g');
  for (const m of ctx.scan(calls, helper.start, helper.end)) {
    if (!ctx.inCommentOrString(m.index)) {
      return true;
    }
  }
  return false;
}

/** The loop over data that runs the function holding a call, through at most MAX_HOPS callers. */
function throughCallers(ctx: FileContext, call: ClaudeCall): PerItem | undefined {
  const inner = enclosingFunction(call.node);
  const innerName = inner ? functionName(inner, ctx.text) : undefined;
  if (inner && !innerName) {
    // An anonymous function run per item: handed to a same-file runner or `.apply`, or made in a loop.
    const found = ctx.memo(`batchable-anonymous:${inner.startIndex}`, () => anonymousPerItem(ctx, inner));
    if (found) {
      return { call, ...found, lifted: false };
    }
    // A thunk a helper runs at once (`callWithRetry(() => client.messages.create(…))`, a retry
    // wrapper from a shared module): the request runs as often as the named function around it.
    const outerFn = runNowByHelper(ctx, inner) ? enclosingFunction(inner) : null;
    const outerName = outerFn ? functionName(outerFn, ctx.text) : undefined;
    if (!outerFn || !outerName || repetitionAbove(ctx, inner).construct) {
      return undefined;
    }
    const viaOuter = ctx.memo(`batchable-callers:${outerFn.startIndex}`, () => loopAbove(ctx, outerFn));
    return viaOuter && { call, ...viaOuter, via: outerFn, viaName: outerName };
  }
  if (!inner || !innerName) {
    return undefined;
  }
  // Once per function, not per call in it.
  const found = ctx.memo(`batchable-callers:${inner.startIndex}`, () => loopAbove(ctx, inner));
  return found && { call, ...found, via: inner, viaName: innerName };
}

/**
 * The per-item construct another chain of same-file callers reaches, past `skip` (a loop in an
 * entry function nothing here runs, found first): `main()` → `classify()` → `_batch()` when
 * `classify_outcome()` also loops over `_batch()`. Read on demand (see `batchable-fanout`).
 */
export function perItemElsewhere(ctx: FileContext, call: ClaudeCall, skip: Node): PerItem | undefined {
  const inner = enclosingFunction(call.node);
  const innerName = inner ? functionName(inner, ctx.text) : undefined;
  if (!inner || !innerName) {
    return undefined;
  }
  const found = ctx.memo(`batchable-callers-past:${inner.startIndex}:${skip.startIndex}`, () =>
    loopAbove(ctx, inner, skip.startIndex),
  );
  return found && { call, ...found, via: inner, viaName: innerName };
}

function loopAbove(
  ctx: FileContext,
  inner: Node,
  skip = -1,
): Omit<PerItem, 'call' | 'via' | 'viaName'> | undefined {
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
      for (const ref of callersOf(ctx, fn, name).flatMap((r) => [
        r,
        ...tableCalls(ctx, r),
        ...parameterCalls(ctx, r),
      ])) {
        const direct = repetitionAbove(ctx, ref).construct;
        const bound = direct ? undefined : partialRunPerItem(ctx, ref);
        const found = direct ?? appliedPerItem(ctx, ref) ?? bound;
        if (
          found?.overData &&
          found.construct.startIndex !== skip &&
          (overLength(ctx, found.construct) || !isRetryOf(ctx, found.construct, ref))
        ) {
          return direct ? { ...found, outer: name, hops } : { ...found, outer: name, hops, lifted: false };
        }
        // A worker's `while` taking the next item each turn (`while (index < targets.length) { const
        // row = targets[index++]; … await generateTags(…) }`): one call per item of the list it drains.
        if (direct?.kind === 'while' && drained(ctx, direct.construct)) {
          return { ...direct, kind: 'for', overData: true, outer: name, hops, lifted: false };
        }
        // A retry loop around the call site (`while (true) { try { r = await translate(b); …; break } catch
        // { if (++n >= 3) break; … } }`) inside a loop over data: the requests repeat per item of that loop.
        // So is a sampling loop around it (`for _ in range(trials): rows.append(send(…))`).
        const past =
          direct && !direct.overData && (isRetryOf(ctx, direct.construct, ref) || samplingLoop(ctx, direct))
            ? dataLoopAround(ctx, direct.construct, ref)
            : undefined;
        if (past) {
          return { ...past, outer: name, hops, lifted: false };
        }
        const caller = enclosingFunction(ref);
        const anonymous =
          caller && !functionName(caller, ctx.text) ? anonymousPerItem(ctx, caller) : undefined;
        if (anonymous) {
          return { ...anonymous, outer: name, hops, lifted: false };
        }
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

/**
 * Where a function stored as a value of a dict or list literal is called through a loop over
 * that table (`models = {'claude': classify}` … `for name, fn in models.items(): … fn(row)`,
 * `for (const [name, fn] of Object.entries(models))`, `for fn in fns:`): the callees of those
 * calls. At most {@link MAX_SITES}; the table's uses in the file are read once per reference.
 */
function tableCalls(ctx: FileContext, ref: Node): Node[] {
  const pair = up(ref);
  const literal =
    pair && kind(pair) === 'pair' && pair.childForFieldName('value')?.startIndex === ref.startIndex
      ? up(pair)
      : pair;
  const assigned = literal && /^(?:dictionary|object|list|array)$/.test(kind(literal)) ? up(literal) : null;
  const left =
    assigned && /^(?:assignment|variable_declarator)$/.test(kind(assigned))
      ? (assigned.childForFieldName('left') ?? assigned.childForFieldName('name'))
      : null;
  if (!literal || !left || kind(left) !== 'identifier') {
    return [];
  }
  const table = ctx.textOf(left).replace(/\$/g, '\\$');
  const keyed = /^(?:dictionary|object)$/.test(kind(literal));
  // `models.items()` / `models.values()`, `Object.entries(models)` / `Object.values(models)`, a list itself.
  const over = keyed
    ? new RegExp(
        `^(?:${table}\\s*\\.\\s*(items|values)\\s*\\(\\s*\\)|Object\\s*\\.\\s*(entries|values)\\s*\\(\\s*${table}\\s*\\))$`,
      )
    : new RegExp(`^${table}$`);
  const out: Node[] = [];
  for (const at of ctx.usesOf(table)) {
    let loop: Node | null = ctx.nodeAt(at);
    for (let i = 0; loop && i < 5 && !/^for_(?:in_)?statement$/.test(kind(loop)); i++) {
      loop = up(loop);
    }
    const right = loop?.childForFieldName('right');
    const m = right ? over.exec(ctx.textOf(right).trim()) : null;
    const body = loop?.childForFieldName('body');
    if (!loop || !m || !body || at < right!.startIndex || at >= endOf(right!)) {
      continue;
    }
    const names = ctx.textOf(loop.childForFieldName('left')).match(/[A-Za-z_$][\w$]*/g) ?? [];
    const bound = names.filter((n) => !/^(?:const|let|var)$/.test(n));
    const fnVar = (m[1] ?? m[2]) === 'items' || (m[1] ?? m[2]) === 'entries' ? bound[1] : bound[0];
    if (!fnVar || (keyed && !m[1] && !m[2])) {
      continue;
    }
    for (const c of ctx
      .textOf(body)
      .matchAll(new RegExp(`(?<![\\w$.])${fnVar.replace(/\$/g, '\\$')}\\s*\\(`, 'g'))) {
      const callee = ctx.nodeAt(body.startIndex + (c.index ?? 0));
      // (a call made once per entry of the table is no loop over data: only one inside another loop counts)
      const own = callee ? repetitionAbove(ctx, callee).construct : undefined;
      if (
        callee &&
        kind(callee) === 'identifier' &&
        own &&
        own.construct.startIndex !== loop.startIndex &&
        out.length < MAX_SITES
      ) {
        out.push(callee);
      }
    }
  }
  return out;
}

/**
 * Where a function stored in a same-file table of functions is run through a parameter handed
 * the pick (`call_fn = CALL_FNS[provider]`, `_process_one(doc, call_fn)`, then `call_fn(…)` in
 * `_process_one`): those parameter calls' callees (see `tableParameterCalls`), for a reference
 * that is a value of a dict or object literal.
 */
function parameterCalls(ctx: FileContext, ref: Node): Node[] {
  const pair = up(ref);
  const literal =
    pair && kind(pair) === 'pair' && pair.childForFieldName('value')?.startIndex === ref.startIndex
      ? up(pair)
      : null;
  if (!literal || !/^(?:dictionary|object)$/.test(kind(literal))) {
    return [];
  }
  const out: Node[] = [];
  for (const at of tableParameterCalls(ctx, ctx.textOf(ref)).slice(0, MAX_SITES)) {
    const callee = ctx.nodeAt(at);
    if (callee && kind(callee) === 'identifier') {
      out.push(callee);
    }
  }
  return out;
}

/** `partial` / `functools.partial`. */
const PARTIAL = /^(?:functools\.)?partial$/;

/**
 * Where a function handed to `functools.partial` runs once per item: the partial (given the
 * function, or given it as an argument, `partial(process_record, evaluate_fn=evaluate)`, whose
 * function calls its parameter) assigned to a name that a map-like call or a loop over data
 * runs (`pool.map(process_fn, records)`), or mapped in place.
 */
export function partialRunPerItem(ctx: FileContext, ref: Node): Found | undefined {
  if (!ctx.python) {
    return undefined;
  }
  let arg: Node = ref;
  for (let n: Node | null = up(ref), i = 0; n && i < 3 && isMember(n); n = up(n), i++) {
    arg = n; // `self.evaluate`
  }
  let list = up(arg);
  if (list && kind(list) === 'keyword_argument') {
    list = up(list);
  }
  const call = list && kind(list) === 'argument_list' ? up(list) : null;
  if (!call || !isCall(call) || !PARTIAL.test(dottedName(callee(call), ctx.text))) {
    return undefined;
  }
  const args = positionalArgs(call);
  if (args[0]?.startIndex !== arg.startIndex && !callsItsParameter(ctx, call, arg)) {
    return undefined; // handed to a function that may never call it
  }
  const stmt = up(call);
  const left = stmt && kind(stmt) === 'assignment' ? stmt.childForFieldName('left') : null;
  const uses: Node[] = [];
  if (left && kind(left) === 'identifier') {
    const name = ctx.textOf(left);
    for (const at of ctx.wordsOf(name)) {
      const use = at > endOf(call) && ctx.text[at - 1] !== '.' ? ctx.nodeAt(at) : null;
      if (use && uses.length < MAX_SITES) {
        uses.push(use);
      }
    }
  } else {
    uses.push(call);
  }
  for (const use of uses) {
    const found = repetitionAbove(ctx, use).construct ?? mappedBy(ctx, use);
    if (found?.overData) {
      return found;
    }
  }
  return undefined;
}

/**
 * Whether the same-file function a partial binds (`partial(process_record, evaluate_fn=f)`)
 * calls the parameter `arg` is given for (`evaluate_fn(...)` in its body).
 */
export function callsItsParameter(ctx: FileContext, partial: Node, arg: Node): boolean {
  const [target, ...rest] = positionalArgs(partial);
  const fn = target ? callGraph(ctx).byName.get(lastSegment(dottedName(target, ctx.text)))?.[0] : undefined;
  if (!fn) {
    return false;
  }
  const keyword = up(arg);
  const skip = /^(?:self|cls)$/.test(fn.params[0] ?? '') ? 1 : 0;
  const param =
    keyword && kind(keyword) === 'keyword_argument'
      ? ctx.textOf(keyword.childForFieldName('name'))
      : fn.params[skip + rest.findIndex((a) => a.startIndex === arg.startIndex)];
  return (
    !!param &&
    fn.params.includes(param) &&
    new RegExp(`(?<![\\w.])${param}\\s*\\(`).test(ctx.text.slice(fn.start, fn.end))
  );
}

/** A function value handed to a map-like call: `pool.map(fn, xs)`, `map(fn, xs)`. */
function mappedBy(ctx: FileContext, fn: Node): Found | undefined {
  const list = up(fn);
  const call = list && kind(list) === 'argument_list' ? up(list) : null;
  if (!call || !isCall(call) || positionalArgs(call)[0]?.startIndex !== fn.startIndex) {
    return undefined;
  }
  const fnNode = callee(call);
  const method = isMember(fnNode) ? ctx.textOf(memberProperty(fnNode)) : dottedName(fnNode, ctx.text);
  if (!/^(?:map|imap|imap_unordered|starmap)$/.test(method)) {
    return undefined;
  }
  const items = positionalArgs(call)[1] ?? null;
  return { construct: call, kind: 'map', overData: !!items && !smallIterable(ctx, items), guarded: false };
}

/**
 * A `while` loop that takes the next item of a list each turn (`while (idx < batches.length) {
 * const i = idx++; … batches[i] … }`, `while i < len(rows): row = rows[i]; i += 1`), or takes
 * it off the front of a list of data while any is left (`while (queue.length) { const photo =
 * queue.shift(); … }`, `while pending: row = pending.pop(0)`): one of the workers of a pool
 * draining the items, one request per item, not an agent or polling loop.
 */
function drainsList(ctx: FileContext, loop: Node): boolean {
  const condition = ctx.textOf(loop.childForFieldName('condition')).trim();
  const m =
    /^\(?\s*([A-Za-z_$][\w$.]*)\s*<\s*([A-Za-z_$][\w$.]*)\s*\.\s*(?:length|size)\s*\)?$/.exec(condition) ??
    /^\(?\s*([A-Za-z_$][\w$.]*)\s*<\s*len\s*\(\s*([A-Za-z_$][\w$.]*)\s*\)\s*\)?$/.exec(condition);
  if (!m) {
    return takesFromData(ctx, loop, condition);
  }
  const body = ctx.textOf(loop.childForFieldName('body'));
  const index = m[1].replace(/[.$]/g, '\\$&');
  const list = m[2].replace(/[.$]/g, '\\$&');
  return (
    new RegExp(`(?<![\\w$.])${list}\\s*\\[`).test(body) &&
    new RegExp(`(?<![\\w$.])${index}\\s*(?:\\+\\+|\\+=\\s*1\\b)|\\+\\+\\s*${index}(?![\\w$])`).test(body)
  );
}

/** While a list holds items: `(queue.length)`, `(queue.length > 0)`, `queue`, `len(queue) > 0`. */
const JS_ANY_LEFT = /^\(\s*([A-Za-z_$][\w$]*)\s*\.\s*length\s*(?:>\s*0|!==?\s*0)?\s*\)$/;
const PY_ANY_LEFT = /^(?:len\s*\(\s*([A-Za-z_]\w*)\s*\)\s*(?:>\s*0|!=\s*0)?|([A-Za-z_]\w*))$/;

/**
 * Whether a `while` loop runs while a local list holds items and takes one off it each turn
 * (`queue.shift()`, `pending.pop(0)`, `todo.popleft()`), the list assigned data before the loop
 * (`const queue = photos.filter(…)`), not an empty list that something else fills as it goes
 * (messages arriving while the workers run).
 */
function takesFromData(ctx: FileContext, loop: Node, condition: string): boolean {
  const m = (ctx.python ? PY_ANY_LEFT : JS_ANY_LEFT).exec(condition);
  const list = m ? (m[1] ?? m[2]) : undefined;
  if (!list) {
    return false;
  }
  const name = list.replace(/\$/g, '\\$');
  const take = ctx.python
    ? new RegExp(`(?<![\\w.])${name}\\s*\\.\\s*(?:pop|popleft)\\s*\\(`)
    : new RegExp(`(?<![\\w$.])${name}\\s*\\.\\s*(?:shift|pop)\\s*\\(\\s*\\)`);
  if (!take.test(ctx.textOf(loop.childForFieldName('body')))) {
    return false;
  }
  const value = unwrap(lastAssignedValue(ctx, list, 0, loop.startIndex));
  return !!value && !emptyList(ctx, value);
}

/** An empty list or queue: `[]`, `deque()`, `asyncio.Queue()`, `new Array()`. */
function emptyList(ctx: FileContext, value: Node): boolean {
  const k = kind(value);
  if (k === 'array' || k === 'list') {
    return namedChildren(value).length === 0;
  }
  return /^(?:new\s+)?(?:[\w$]+\s*\.\s*)*(?:deque|Queue|LifoQueue|PriorityQueue|SimpleQueue|Array|list)\s*\(\s*\)$/.test(
    ctx.textOf(value).trim(),
  );
}

/** {@link drainsList}, once per loop. */
function drained(ctx: FileContext, loop: Node): boolean {
  return ctx.memo(`per-item-drains:${loop.startIndex}`, () => drainsList(ctx, loop));
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
  const offsets = [
    ...ctx.usesOf(name),
    ...instanceCalls(ctx, name).map((c) => c.start),
    ...aliasCallsOf(ctx, name),
  ];
  for (const at of offsets) {
    if (out.length >= MAX_SITES) {
      break;
    }
    if (
      (at >= fn.startIndex && at < endOf(fn)) ||
      ctx.inCommentOrString(at) ||
      boundElsewhere(ctx, fn, name, at)
    ) {
      continue;
    }
    if (siteRoutedAway(ctx, fn, at)) {
      continue; // (`complete("gpt-4o-mini", prompt)` of a helper that calls Claude only for Claude's models)
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

/**
 * Calls of a method on a plain name other than `self`/`this` (`classifier.process_reviews(df)`,
 * an instance of a local class built in `main`), which `callsOf` leaves out.
 */
export function instanceCalls(ctx: FileContext, name: string): Array<{ start: number; paren: number }> {
  const out: Array<{ start: number; paren: number }> = [];
  const text = ctx.text;
  for (const at of ctx.wordsOf(name)) {
    // (`labeller.label_all(`, or on a call's result: `Labeller(key).label_all(`)
    const m = /(?:(?:^|[^\w$.])([A-Za-z_$][\w$]*)|\))\s*\.\s*$/.exec(text.slice(Math.max(0, at - 60), at));
    const paren = /^\s*\(/.exec(text.slice(at + name.length, at + name.length + 20));
    if (m && paren && !/^(?:self|this)$/.test(m[1] ?? '')) {
      out.push({
        start: at - m[0].length + (m[1] ? m[0].indexOf(m[1]) : 0),
        paren: at + name.length + paren[0].length - 1,
      });
    }
  }
  return out;
}
