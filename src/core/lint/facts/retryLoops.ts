import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { type Derived, sticky } from '../scanCache';
import {
  MAX_CLIMB,
  callee,
  COMPREHENSION_TYPES,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  receiverBefore,
  lastSegment,
  LOOP_TYPES,
  positionalArgs,
  numberValue,
  unwrap,
  up,
  kind,
  endOf,
  contains,
  namedChildren,
  nodeSpanning,
} from '../syntax';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { rateLimitHandlers, tryBodies } from './errorChecks';
import { callGraph, siteCall, sitesWithin } from './callGraph';
import { moduleConstant } from './constants';
import { assignedValues, lastAssignedValue } from './functions';

/** A hand-written retry loop around a call. */
export interface RetryLoop {
  loop: Node;
  tryNode: Node;
  /** Handlers that can catch a rate-limit error and do not just re-throw. */
  handlers: Node[];
  /**
   * The loop also walks a list: success steps a counter on (`while i < len(prompts)` with `i += 1`
   * in the try), or the handler steps it back (`i--`), so a failed item is sent again. Removing
   * the loop would drop the other items: no fix unrolls it.
   */
  walksItems: boolean;
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
  if (!inTryBody(ctx, call.startIndex)) {
    return null;
  }
  let tryNode: Node | null = null;
  let prev: Node = call;
  // (at most MAX_CLIMB levels up: a call under a deep nest of tries with no loop would
  // otherwise climb the whole nest, and each of the nest's calls climbs it again)
  for (let n = up(call), level = 0; n && level < MAX_CLIMB; prev = n, n = up(n), level++) {
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
      const retry = retryLoopKind(ctx, n, tryNode);
      if (!retry) {
        return null;
      }
      // (a handler that falls through to a `return` after the try leaves the loop: not a retry)
      const leaves = leftAfter(n, tryNode);
      const handlers = rateLimitHandlers(ctx, tryNode).filter(
        (h) => !leaves || /\bcontinue\b/.test(ctx.textOf(h)),
      );
      return { loop: n, tryNode, handlers, walksItems: retry.walksItems };
    }
  }
  return null;
}

const LEAVING = new Set(['return_statement', 'throw_statement', 'raise_statement', 'break_statement']);

/**
 * Whether the code run after a try statement, before its loop goes round again, always leaves
 * the loop: the next statement after it (or, at the end of an enclosing `if`/block, after that)
 * is a `return`, `throw`/`raise` or `break`. Then a handler that only logs and falls through
 * (`catch (e) { console.warn(e) }` then `return fallback(text)`) gives up: it does not retry.
 * An inner loop or `switch` on the way stops the walk (a `break` there is not this loop's).
 * Walks at most 16 levels.
 */
function leftAfter(loop: Node, tryNode: Node): boolean {
  const body = loop.childForFieldName('body');
  let n: Node = tryNode;
  for (let depth = 0; depth < 16; depth++) {
    const parent = up(n);
    if (!parent || parent.id === loop.id || FUNCTION_TYPES.has(kind(parent))) {
      return false;
    }
    if (/^(?:block|statement_block)$/.test(kind(parent))) {
      // (a statement list: the statement after it runs next)
      let next = n.nextNamedSibling;
      for (let i = 0; next && kind(next) === 'comment' && i < 32; i++) {
        next = next.nextNamedSibling;
      }
      if (next && kind(next) !== 'comment') {
        return LEAVING.has(kind(next));
      }
      if (body && parent.id === body.id) {
        return false; // the end of the loop's body: it goes round again
      }
    } else if (LOOP_TYPES.has(kind(parent)) || /switch/.test(kind(parent))) {
      return false;
    }
    n = parent;
  }
  return false;
}

/** Whether an offset is inside some try block (merged try-body ranges, built once; binary search). */
export function inTryBody(ctx: FileContext, offset: number): boolean {
  const merged = ctx.memo('try-body-ranges', () => {
    const out: Array<{ at: number; end: number }> = [];
    for (const b of [...tryBodies(ctx)].sort((x, y) => x.start - y.start)) {
      const last = out[out.length - 1];
      if (last && b.start <= last.end) {
        last.end = Math.max(last.end, b.end);
      } else {
        out.push({ at: b.start, end: b.end });
      }
    }
    return out;
  });
  const i = lowerBound(merged, offset + 1) - 1;
  return i >= 0 && offset < merged[i].end;
}

/** Whether a loop around a try retries its call (null: it does not), and whether it also walks a list. */
function retryLoopKind(ctx: FileContext, loop: Node, tryNode: Node): { walksItems: boolean } | null {
  const body = loop.childForFieldName('body');
  if (!body) {
    return null;
  }
  const tryBody = tryNode.childForFieldName('body');
  const tryStart = tryBody ? tryBody.startIndex : tryNode.startIndex;
  const tryEnd = tryBody ? endOf(tryBody) : tryNode.startIndex;
  const words = keywordOffsets(ctx);
  // Only exits of this loop count: a `break` of an inner loop over the reply's blocks, or a
  // `return` of a callback (`batch.map((p) => { return … })`), leaves nothing.
  const exitsInTry = exitsIn(ctx, loop, words.exit, tryStart, tryEnd);
  // `else: break` leaves a range or while loop on success (not a loop over models or items).
  const exitsOnSuccess = exitsInTry || exitsInElse(ctx, loop, tryNode, words.exit);
  const exitsAfter = exitsIn(ctx, loop, words.exit, endOf(tryNode), endOf(body));
  // `for (let i = 0; i < items.length; i++)` whose handler does `i--`: the same item is sent again.
  const resends = stepsBack(ctx, loop, tryEnd, endOf(tryNode));
  // A retry loop is one that success leaves (by `break`/`return`, or through its condition). A
  // handler that `continue`s is no retry by itself: when nothing leaves on success
  // (`for trial in range(N): try: create(…) except Exception: print(e); continue`), every turn
  // sends the request once more whether the last one failed or not; it repeats the work.
  const leaves = exitsOnSuccess || exitsAfter;
  const byCondition = leaves || resends ? false : endsByCondition(ctx, loop, tryStart, tryEnd);
  if (!(leaves || resends || byCondition)) {
    return null;
  }
  if (anyIn(inputReads(ctx), body.startIndex, tryEnd)) {
    return null; // a REPL or worker loop: each turn sends a new request, read before the call
  }
  const kindOf = (retries: boolean): { walksItems: boolean } | null =>
    retries ? { walksItems: !leaves && (resends || byCondition === 'stepped') } : null;
  if (kind(loop) === 'for_in_statement' || (ctx.python && kind(loop) === 'for_statement')) {
    const right = loop.childForFieldName('right');
    const overRange =
      !!right && /^\s*(?:range|Retrying|AsyncRetrying|itertools\.count|count)\s*\(/.test(ctx.textOf(right));
    // A try that returns inside `for model of MODELS` sends another request each turn when it
    // reads the loop variable (a fallback over models, keys or endpoints), not the same again.
    return kindOf(
      overRange ||
        (exitsInTry &&
          !readsLoopVariable(ctx, loop, tryStart, tryEnd) &&
          !unpacksLoopVariable(ctx, loop, body.startIndex, tryNode.startIndex)),
    );
  }
  if (
    kind(loop) === 'for_statement' &&
    /\.\s*(?:length|size)\b/.test(ctx.textOf(loop.childForFieldName('condition')))
  ) {
    // `for (let i = 0; i < items.length; …)`: a loop over items. One whose try returns sends the
    // next entry each turn when it reads `items[i]` (a fallback over a chain of models), not the same again.
    return kindOf(resends || (exitsInTry && !readsIndexedEntry(ctx, loop, body.startIndex, tryEnd)));
  }
  return kindOf(true);
}

/**
 * Whether a C-style loop bounded by a list's length reads the list's entry at its counter in
 * [start, end) (`const model = chain[i]` before the try): each turn sends another entry. Not for
 * a schedule of waits (see `waitSchedule`). Reads at most 4,000 characters.
 */
function readsIndexedEntry(ctx: FileContext, loop: Node, start: number, end: number): boolean {
  const counter = /([A-Za-z_$][\w$]*)\s*=/.exec(ctx.textOf(loop.childForFieldName('initializer')))?.[1];
  const list = boundingList(ctx, loop);
  if (!counter || !list || waitSchedule(ctx, loop, list)) {
    return false;
  }
  const entry = new RegExp(`(?<![\\w$.])${escapeRegExp(list)}\\s*\\[\\s*${escapeRegExp(counter)}\\s*\\]`);
  return entry.test(ctx.text.slice(start, Math.min(end, start + 4000)));
}

/**
 * Whether a statement in [start, end) (the loop body before the try) assigns from a variable the
 * loop head binds (`index, row, *_ = task_args`, `const { id, text } = item;`): the request built
 * from it differs each turn. Reads at most the first 4,000 characters.
 */
function unpacksLoopVariable(ctx: FileContext, loop: Node, start: number, end: number): boolean {
  if (end <= start) {
    return false;
  }
  const names = ctx.textOf(loop.childForFieldName('left')).match(/[A-Za-z_$][\w$]*/g) ?? [];
  const before = ctx.text.slice(start, Math.min(end, start + 4000));
  return names.some(
    (n) =>
      !/^(?:const|let|var|await)$/.test(n) &&
      new RegExp(
        `^[ \\t]*(?:(?:const|let|var)\\s+)?[^=\\n]*[^=!<>\\n]=(?!=)[^\\n]*(?<![\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`,
        'm',
      ).test(before),
  );
}

/**
 * Whether the text in [start, end) names a variable the loop head binds (`for (const m of ms)`).
 * Reads at most the first 4,000 characters, once per loop and try, so it stays linear.
 */
function readsLoopVariable(ctx: FileContext, loop: Node, start: number, end: number): boolean {
  return ctx.memo(`loop-variable-read:${loop.startIndex}:${start}`, () => {
    const names = ctx.textOf(loop.childForFieldName('left')).match(/[A-Za-z_$][\w$]*/g) ?? [];
    const body = ctx.text.slice(start, Math.min(end, start + 4000));
    return names.some(
      (n) =>
        !/^(?:const|let|var|await)$/.test(n) &&
        new RegExp(`(?<![\\w$.])${n.replace(/\$/g, '\\$')}(?![\\w$])`).test(body),
    );
  });
}

/**
 * Whether one of the loop-control keywords at `offsets` in [start, end) belongs to `loop`: a
 * `return` with no function between it and the loop, a `break`/`continue` whose nearest loop
 * (or, for `break`, `switch`) is this one. Reads at most 16 keywords, each walking up at most
 * 48 levels (a deeper one counts, as before), so it stays linear.
 */
function exitsIn(
  ctx: FileContext,
  loop: Node,
  offsets: readonly number[],
  start: number,
  end: number,
): boolean {
  for (let i = lowerBound(offsets, start), seen = 0; i < offsets.length && offsets[i] < end; i++, seen++) {
    if (seen >= 16) {
      return true;
    }
    const at = offsets[i];
    if (ctx.inCommentOrString(at)) {
      continue;
    }
    const isReturn = ctx.text.startsWith('return', at);
    let n = ctx.nodeAt(at);
    let owned = false;
    for (let depth = 0; n; n = up(n), depth++) {
      if (
        depth > 48 ||
        (n.startIndex === loop.startIndex && n.endIndex === loop.endIndex && kind(n) === kind(loop))
      ) {
        owned = true;
        break;
      }
      if (
        FUNCTION_TYPES.has(kind(n)) ||
        (!isReturn &&
          (LOOP_TYPES.has(kind(n)) || (kind(n) === 'switch_statement' && ctx.text.startsWith('break', at))))
      ) {
        break;
      }
    }
    if (owned) {
      return true;
    }
  }
  return false;
}

/** Whether a C-style `for` loop's counter is stepped back (`i--`, `i -= 1`) in [start, end). */
function stepsBack(ctx: FileContext, loop: Node, start: number, end: number): boolean {
  if (kind(loop) !== 'for_statement' || ctx.python || end <= start) {
    return false;
  }
  const init = ctx.textOf(loop.childForFieldName('initializer'));
  const counter = /([A-Za-z_$][\w$]*)\s*=/.exec(init)?.[1];
  // (Every match names the counter and holds `--` or `-=`: most handlers do not, and a scan that
  // finds nothing in the range would read on to the end of the text.)
  const range = ctx.text.slice(start, end);
  if (!counter || !range.includes(counter) || !(range.includes('--') || range.includes('-='))) {
    return false;
  }
  const id = escapeRegExp(counter);
  const re = new RegExp(`(?<![\\w$.])${id}\\s*(?:--|-=\\s*1\\b)|--\\s*${id}(?![\\w$])`, 'g');
  return !ctx.scan(re, start, end).next().done;
}

/**
 * Whether a Python `try` leaves the loop from its `else:` clause (run only when the try body
 * raised nothing): `try: reply = create(...) except Exception: sleep(...) else: break`.
 */
function exitsInElse(ctx: FileContext, loop: Node, tryNode: Node, exits: readonly number[]): boolean {
  if (!ctx.python) {
    return false;
  }
  const clause = namedChildren(tryNode).find((c) => kind(c) === 'else_clause');
  return !!clause && exitsIn(ctx, loop, exits, clause.startIndex, endOf(clause));
}

/**
 * A `while` loop that ends through its condition, set by the try block on success:
 * `while ret is None: try: ret = create(...)`, `while (!res) { try { res = await ... } }`,
 * `while not done:` … `done = True`.
 */
function endsByCondition(
  ctx: FileContext,
  loop: Node,
  tryStart: number,
  tryEnd: number,
): 'assigned' | 'stepped' | false {
  if (kind(loop) !== 'while_statement' && kind(loop) !== 'do_statement') {
    return false;
  }
  const cond = ctx.textOf(loop.childForFieldName('condition'));
  const names = new Set(cond.match(/[A-Za-z_$][\w$]*/g) ?? []);
  for (const w of ['not', 'is', 'None', 'null', 'undefined', 'true', 'false', 'True', 'False', 'and', 'or']) {
    names.delete(w);
  }
  if (names.size === 0 || names.size > 3) {
    return false;
  }
  let found: 'assigned' | 'stepped' | false = false;
  for (const a of assignmentsIn(ctx, tryStart, tryEnd)) {
    if (names.has(a.name)) {
      found = a.step ? 'stepped' : 'assigned';
      if (!a.step) {
        return found; // (`ret = create(…)`: success ends the loop, whatever else is stepped)
      }
    }
  }
  return found;
}

/**
 * Offsets of reads of new input: `input(`, `rl.question(`, `sys.stdin.readline(`,
 * `websocket.receive_text(`, `queue.get(` (scanned once). A loop that reads one before its
 * call handles a new request each turn; an error there is not retried.
 */
export function inputReads(ctx: FileContext): number[] {
  return ctx.memo('input-reads', () => {
    if (!ctx.keeps) {
      return [...ctx.scan(INPUT_READ)].map((m) => m.index); // (one lint of a text: one pass)
    }
    // What `INPUT_READ` finds: its three alternatives never overlap, so each is scanned on its
    // own (from the matches of its words, kept across edits) and the starts merged.
    const text = ctx.text;
    const out = [
      ...[...ctx.scanFromHint(INPUT_CALL, INPUT_CALL_HINT)].map((m) => m.index),
      ...[...ctx.scanFromHint(QUEUE_GET, QUEUE_GET_HINT)].map((m) => m.index),
    ];
    // `.readline(`: the match starts at the dot before the method's name (blanks between).
    for (const h of ctx.scan(READ_METHOD_HINT)) {
      let dot = h.index - 1;
      while (dot >= 0 && /\s/.test(text[dot])) {
        dot--;
      }
      READ_METHOD.lastIndex = dot;
      if (dot >= 0 && text[dot] === '.' && READ_METHOD.exec(text)) {
        out.push(dot);
      }
    }
    return out.sort((a, b) => a - b);
  });
}

/** Reading input: `input(`, `sys.stdin.readline(`, `websocket.receive_text(`, `queue.get(`. */
export const INPUT_READ =
  /(?<![\w$.])(?:input|raw_input|getpass)\s*\(|\.\s*(?:readline|readLine|question|recv|receive|receive_text|receive_json)\s*\(|\b(?:queue|q|inbox|jobs|tasks)\s*\.\s*get(?:_nowait)?\s*\(/g;
const INPUT_CALL = /(?<![\w$.])(?:input|raw_input|getpass)\s*\(/y;
const INPUT_CALL_HINT = /(?<![\w$.])(?:input|raw_input|getpass)/g;
const READ_METHOD = /\.\s*(?:readline|readLine|question|recv|receive|receive_text|receive_json)\s*\(/y;
const READ_METHOD_HINT = /readline|readLine|question|recv|receive/g;
const QUEUE_GET = /\b(?:queue|q|inbox|jobs|tasks)\s*\.\s*get(?:_nowait)?\s*\(/y;
const QUEUE_GET_HINT = /\b(?:queue|q|inbox|jobs|tasks)/g;

/**
 * Names assigned between two offsets (`name =`, not `==`; also `i += 1`, `i++`, `--i`: a
 * counter the loop's condition reads, advanced on success), from one scan of the file.
 */
function assignmentsIn(ctx: FileContext, start: number, end: number): Array<{ name: string; step: boolean }> {
  const all = ctx.memo('assignments', () => {
    const out: Array<{ at: number; name: string; step: boolean }> = [];
    // (`a, b = f()` assigns both: the targets of a tuple assignment are read from one match.)
    for (const m of ctx.scan(ASSIGNMENT)) {
      for (const name of m[1].split(',')) {
        out.push({ at: m.index, name: name.trim(), step: m[2] === '+' || m[2] === '-' });
      }
    }
    for (const m of ctx.scan(STEP)) {
      out.push({ at: m.index, name: m[1] ?? m[2], step: true });
    }
    return out.sort((a, b) => a.at - b.at);
  });
  const out: Array<{ name: string; step: boolean }> = [];
  for (let i = lowerBound(all, start); i < all.length && all[i].at < end; i++) {
    out.push(all[i]);
  }
  return out;
}

/**
 * `name =`, `a, b =`, `name: T =` and the augmented forms (`+=`, `//=`, `??=` …; group 2 is
 * their operator: `+`/`-` step a counter), not `==`, `<=`, `=>`.
 */
const ASSIGNMENT =
  /(?<![\w$.])([A-Za-z_$][\w$]*(?:[ \t]*,[ \t]*[A-Za-z_$][\w$]*){0,7})\s*(?::[^=\n;]{0,40})?(\*\*|\/\/|<<|>>>?|\?\?|&&|\|\||[-+*/%&|^])?=(?![=>])/g;
/** `i++`, `i--`, `++i`, `--i` (JS). */
const STEP = /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*(?:\+\+|--)|(?:\+\+|--)[ \t]*([A-Za-z_$][\w$]*)/g;

/** Offsets of the loop-leaving keywords (`return`, `break`) in the file (scanned once). */
function keywordOffsets(ctx: FileContext): { exit: number[] } {
  return ctx.memo('loop-keywords', () => {
    const exit: number[] = [];
    for (const m of ctx.scan(/\b(?:return|break)\b/g)) {
      exit.push(m.index);
    }
    return { exit };
  });
}

/** The first index of a sorted list (of offsets or `{ at }`) at or after `offset`. */
export function lowerBound(list: ReadonlyArray<number | { at: number }>, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid];
    if ((typeof v === 'number' ? v : v.at) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether a sorted offset list has an entry in [start, end). */
export function anyIn(offsets: readonly number[], start: number, end: number): boolean {
  const i = lowerBound(offsets, start);
  return i < offsets.length && offsets[i] < end;
}

/** How a retry loop waits between attempts. */
export interface WaitInfo {
  kind: 'none' | 'fixed' | 'growing' | 'retry-after' | 'limiter';
  jitter: boolean;
  /** The sleep call, if any. */
  call?: Node;
  /** A fixed wait written as a literal, in words (`5 s`, `500 ms`). */
  amount?: string;
  /** A fixed wait that is no literal: the name it is read from (`self.retry_delay`), when short. */
  delayName?: string;
  /** The same-file helper that does the waiting (`_sleep_backoff`), if the loop waits through one. */
  helper?: string;
  /**
   * The pattern a wait is parsed from the error text with (`re.search(r"try again in (\d+)", str(e))`,
   * `/retry in (\d+)s/.exec(err.message)`), instead of the retry-after header.
   */
  parsedFrom?: string;
}

/** (Also an injected sleep: `sleepFn(ms)`, `delayImpl(ms)`.) */
const JS_SLEEP =
  /\b(?:sleep|delay|wait|setTimeout|pause|snooze|backoff|waitFor|timeout)(?:Fn|Func|Impl)?\s*\(/gi;
const PY_SLEEP = /\b(?:time\.|asyncio\.|trio\.|anyio\.|gevent\.)?sleep\s*\(/g;
/** Each found from the matches of its head (see `FileContext.scanFromHint`). */
export const SLEEP_SCANS = {
  js: {
    at: sticky(JS_SLEEP),
    hint: /\b(?:sleep|delay|wait|setTimeout|pause|snooze|backoff|waitFor|timeout)/gi,
  },
  python: { at: sticky(PY_SLEEP), hint: /\b(?:time\.|asyncio\.|trio\.|anyio\.|gevent\.)?sleep/g },
};
/** Waiting on a rate limiter or token bucket instead of sleeping. */
const LIMITER_WAIT =
  /\b(?:acquire|wait_for_token|waitForToken|removeTokens|remove_tokens|consume|take)\s*\(|\b\w*(?:bucket|limiter|throttle)\w*\s*\.\s*\w+\s*\(|\b(?:self|this)\s*\.\s*_?(?:wait|throttle|rate_?limit|pace)\s*\(\s*\)/gi;
/**
 * Where a match of {@link LIMITER_WAIT} can start: at its method word, at the start of a word
 * naming a bucket/limiter/throttle, or at `self`/`this` (a line-local pattern, kept across an
 * edit; see `FileContext.scanFromHint`). Each hint lies within one word, so none hides the
 * start of another match.
 */
const LIMITER_WAIT_AT = sticky(LIMITER_WAIT);
const LIMITER_WAIT_HINT =
  /\b\w*(?:bucket|limiter|throttle)|\b(?:acquire|wait_for_token|waitForToken|removeTokens|remove_tokens|consume|take|self|this)\b/gi;

/** A sleep call of the file (found once per file). */
export interface SleepCall {
  at: number;
  /** Where the call starts (`call.startIndex`, without a tree lookup). */
  start: number;
  call: Node;
  delay: Node | null;
}

/** Every sleep/delay call in the file, in text order (scanned once). */
export function sleepCalls(ctx: FileContext): SleepCall[] {
  return ctx.memo('sleep-calls', () => {
    const out: SleepCall[] = [];
    const { at, hint } = ctx.python ? SLEEP_SCANS.python : SLEEP_SCANS.js;
    for (const m of ctx.scanFromHint(at, hint)) {
      const offset = m.index + m[0].search(/\w+\s*\($/);
      // Read from the call's subtree (kept across an edit elsewhere, see `FileContext.derive`);
      // the nodes of a kept one are found again only when asked for.
      let node: Node | undefined;
      const found = ctx.derive<SleepSpan | null>(
        'sleep-call',
        offset,
        () => readSleep(ctx, offset, (n) => (node = n)),
        shiftSleep,
      );
      if (found) {
        out.push(new LazySleep(ctx, offset, found, node));
      }
    }
    return out;
  });
}

/** Where a sleep call is, and which of its positional arguments is the delay (-1: none). */
interface SleepSpan {
  start: number;
  end: number;
  delay: number;
}

function readSleep(ctx: FileContext, offset: number, found: (call: Node) => void): Derived<SleepSpan | null> {
  let n = ctx.nodeAt(offset);
  let read = n;
  for (let i = 0; n && !isCall(n) && i < 4; i++) {
    n = up(n);
    read = n ?? read;
  }
  const range = { start: read ? read.startIndex : offset, end: read && ctx.keeps ? endOf(read) : offset };
  if (!n || !isCall(n) || ctx.inCommentOrString(offset)) {
    return { value: null, ...range };
  }
  const name = lastSegment(dottedName(callee(n), ctx.text));
  const args = positionalArgs(n);
  if (name === 'setTimeout' && args[0] && FUNCTION_TYPES.has(kind(args[0])) && abortsOnly(ctx, args[0])) {
    // `setTimeout(() => controller.abort(), timeoutMs)`: a request's time limit, not a wait
    return { value: null, ...range };
  }
  let delay = name === 'setTimeout' && args.length > 1 ? 1 : args.length > 0 ? 0 : -1;
  if (delay >= 0 && /^(?:resolve|r|res|done)$/.test(ctx.textOf(args[delay])) && args.length > 1) {
    delay = 1;
  }
  found(n);
  return { value: { start: n.startIndex, end: endOf(n), delay }, ...range };
}

/** Whether a callback only aborts (`() => controller.abort()`, `() => { ac.abort('timeout'); }`). */
function abortsOnly(ctx: FileContext, fn: Node): boolean {
  const body = ctx.textOf(fn.childForFieldName('body'));
  return body.length < 200 && /^\{?\s*(?:[\w$]+\s*\.\s*)+abort\s*\([^()]*\)\s*;?\s*\}?$/.test(body.trim());
}

function shiftSleep(s: SleepSpan | null, by: number): SleepSpan | null {
  return s && { start: s.start + by, end: s.end + by, delay: s.delay };
}

/** A `SleepCall` whose nodes are found in the tree when first read. */
class LazySleep implements SleepCall {
  #call: Node | undefined;

  constructor(
    private readonly ctx: FileContext,
    readonly at: number,
    private readonly span: SleepSpan,
    call?: Node,
  ) {
    this.#call = call;
  }

  get start(): number {
    return this.span.start;
  }

  get call(): Node {
    const { start, end } = this.span;
    const call = (this.#call ??= nodeSpanning(this.ctx.root, start, end, isCallKind) ?? undefined);
    if (!call) {
      throw new Error(`no call at ${start}..${end}`);
    }
    return call;
  }

  get delay(): Node | null {
    return this.span.delay < 0 ? null : (positionalArgs(this.call)[this.span.delay] ?? null);
  }
}

function isCallKind(k: string): boolean {
  return k === 'call_expression' || k === 'call';
}

/** Offsets of `retry-after` mentions (scanned once). */
function retryAfterOffsets(ctx: FileContext): number[] {
  return ctx.memo('retry-after-offsets', () => [...ctx.scan(/retry[-_]?after/gi)].map((m) => m.index));
}

/** Offsets of rate-limiter waits (scanned once). */
function limiterWaitOffsets(ctx: FileContext): number[] {
  return ctx.memo('limiter-wait-offsets', () =>
    [...ctx.scanFromHint(LIMITER_WAIT_AT, LIMITER_WAIT_HINT)].map((m) => m.index),
  );
}

/**
 * Classifies how a retry loop waits: not at all, a fixed time, a growing time, on a rate
 * limiter, or per `retry-after`. A sleep inside the `try` is pacing, not back-off, so only
 * the parts of the loop outside its `try` block are read (which also keeps this linear:
 * nested loops never reread each other's bodies).
 */
export function classifyWait(ctx: FileContext, loop: RetryLoop): WaitInfo {
  const tryBody = loop.tryNode.childForFieldName('body');
  const skip = tryBody ? { start: tryBody.startIndex, end: endOf(tryBody) } : { start: 0, end: 0 };
  const grows = (id: string): boolean => counterOf(ctx, loop.loop, id, skip);
  const wait = classifyWaitIn(ctx, { start: loop.loop.startIndex, end: endOf(loop.loop) }, skip, grows);
  return wait.kind === 'none' ? (waitBeforeRetry(ctx, skip, grows) ?? wait) : wait;
}

/**
 * A wait at the top of the try, run only from the second attempt on: `if (attempt > 0) { await
 * sleep(1000 * 2 ** attempt) }` (its condition names the loop's counter). That is the wait
 * between attempts, not pacing. Reads at most the try's first 4 sleeps.
 */
function waitBeforeRetry(
  ctx: FileContext,
  body: { start: number; end: number },
  grows: (id: string) => boolean,
): WaitInfo | undefined {
  const sleeps = sleepCalls(ctx);
  for (
    let i = lowerBound(sleeps, body.start), n = 0;
    i < sleeps.length && sleeps[i].at < body.end && n < 4;
    i++, n++
  ) {
    let branch: Node | null = sleeps[i].call;
    for (let d = 0; branch && d < 12 && kind(branch) !== 'if_statement'; d++) {
      branch = up(branch);
    }
    const cond = branch?.childForFieldName('condition');
    if (
      branch &&
      cond &&
      branch.startIndex >= body.start &&
      (ctx.textOf(cond).match(/[A-Za-z_$][\w$]*/g) ?? []).some(grows)
    ) {
      return classifyWaitIn(
        ctx,
        { start: branch.startIndex, end: endOf(branch) },
        { start: 0, end: 0 },
        grows,
      );
    }
  }
  return undefined;
}

/**
 * How the code in `range` (minus `skip`) waits before its next attempt; `grows(id)` says
 * whether a name in the delay changes between attempts.
 */
export function classifyWaitIn(
  ctx: FileContext,
  range: { start: number; end: number },
  skip: { start: number; end: number },
  grows: (id: string) => boolean,
): WaitInfo {
  const ra = retryAfterOffsets(ctx);
  const honoursRetryAfter =
    anyIn(ra, range.start, Math.min(range.end, skip.start)) ||
    anyIn(ra, Math.max(range.start, skip.end), range.end);
  const sleeps = sleepCalls(ctx);
  let sleep: SleepCall | undefined;
  for (let i = lowerBound(sleeps, range.start); i < sleeps.length && sleeps[i].at < range.end;) {
    if (sleeps[i].at >= skip.start && sleeps[i].at < skip.end) {
      i = lowerBound(sleeps, skip.end);
      continue;
    }
    sleep = sleeps[i];
    break;
  }
  if (!sleep) {
    if (honoursRetryAfter) {
      return { kind: 'retry-after', jitter: false };
    }
    const helper = sleepingHelper(ctx, range, skip);
    if (helper) {
      return helper;
    }
    const lw = limiterWaitOffsets(ctx);
    if (
      anyIn(lw, range.start, Math.min(range.end, skip.start)) ||
      anyIn(lw, Math.max(range.start, skip.end), range.end)
    ) {
      return { kind: 'limiter', jitter: false };
    }
    return { kind: 'none', jitter: false };
  }
  const delayText = ctx.textOf(sleep.delay);
  const expanded = delayText + localInitialisers(ctx, delayText, range, skip);
  const jitter = /random|jitter|uniform/i.test(expanded);
  // (also a delay helper that only names retry-after, in a comment or a docstring, and parses the
  // number out of the error text: `delay = max(_retry_delay_seconds(e), 1.0)`)
  const helperNamesRetryAfter = delayHelperReadsRetryAfter(ctx, expanded);
  const fromText =
    honoursRetryAfter || /retry[-_]?after/i.test(expanded) || helperNamesRetryAfter
      ? textDerivedRetryAfter(ctx, expanded + localInitialisers(ctx, expanded, range, skip))
      : undefined;
  if (fromText) {
    return { kind: 'fixed', jitter, call: sleep.call, parsedFrom: fromText };
  }
  if (honoursRetryAfter || /retry[-_]?after|headers/i.test(expanded) || helperNamesRetryAfter) {
    return { kind: 'retry-after', jitter, call: sleep.call };
  }
  const parsedFrom = parsedWait(ctx, expanded, range, skip);
  if (parsedFrom) {
    return { kind: 'fixed', jitter, call: sleep.call, parsedFrom };
  }
  if (
    /\*\*|Math\.pow|\bpow\s*\(|<<|\bexp\b|Math\.exp/.test(expanded) ||
    (expanded.match(/[A-Za-z_$][\w$]*/g) ?? []).some(grows)
  ) {
    return { kind: 'growing', jitter, call: sleep.call };
  }
  const amount = amountOf(ctx, sleep, range.start);
  return {
    kind: 'fixed',
    jitter,
    call: sleep.call,
    amount,
    delayName: amount ? undefined : delayName(ctx, sleep),
  };
}

/** The name a non-literal wait is read from (`self.prompt_retry_delay`, `RETRY_DELAY`), when short. */
function delayName(ctx: FileContext, sleep: SleepCall): string | undefined {
  const d = unwrap(sleep.delay);
  const text = d ? ctx.textOf(d) : '';
  return /^(?:[A-Za-z_$][\w$]*\.)?[A-Za-z_$][\w$]*$/.test(text) && text.length <= 40 ? text : undefined;
}

/**
 * Whether the delay is computed by a same-file function that reads retry-after:
 * `sleep(_retry_delay(error, attempt))`, `wait = delayFor(err)`.
 */
function delayHelperReadsRetryAfter(ctx: FileContext, expanded: string): boolean {
  const graph = callGraph(ctx);
  for (const m of expanded.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
    for (const fn of graph.byName.get(m[1]) ?? []) {
      if (anyIn(retryAfterOffsets(ctx), fn.start, fn.end)) {
        return true;
      }
    }
  }
  return false;
}

/**
 * A "retry after" that is only a name: the delay comes from a same-file function
 * (`const info = parseRateLimitError(err)` … `sleep(info.retryAfterMs)`) that never reads a header
 * and parses the number out of the error text with a regex (or falls back to a constant). The
 * pattern, or undefined. Reads at most 8 called names, each function once.
 */
function textDerivedRetryAfter(ctx: FileContext, expanded: string): string | undefined {
  const graph = callGraph(ctx);
  let read = 0;
  for (const m of expanded.matchAll(/([A-Za-z_$][\w$]*)\s*\(/g)) {
    if (read++ >= 8) {
      break;
    }
    for (const fn of graph.byName.get(m[1]) ?? []) {
      const found = ctx.memo(`text-derived-retry-after:${fn.start}`, () => {
        const text = ctx.text.slice(fn.start, fn.end);
        if (!/retry[-_]?after/i.test(text) || /headers|['"`]retry-after['"`]/i.test(text)) {
          return undefined;
        }
        for (const s of ctx.scan(TEXT_SEARCH, fn.start, fn.end)) {
          const pattern = s[1] ?? s[2] ?? s[3];
          if (pattern && /\\d|\[0-9/.test(pattern)) {
            return pattern.length > 40 ? `${pattern.slice(0, 37)}…` : pattern;
          }
        }
        return undefined;
      });
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

/** A regex search (Python `re.*`, JS `.exec`/`.match`) with a literal pattern; group 1 or 2 is the pattern. */
const TEXT_SEARCH =
  /\bre\s*\.\s*(?:search|match|findall|fullmatch|finditer)\s*\(\s*([rbuf]*(?:"[^"\n]*"|'[^'\n]*'))|(\/(?:[^/\n\\]|\\.)+\/[a-z]*)\s*\.\s*exec\s*\(|\.\s*match\s*\(\s*(\/(?:[^/\n\\]|\\.)+\/[a-z]*)/g;

/**
 * The pattern a wait is read from the error text with: the delay (with its initialisers,
 * two assignments deep) takes a regex match group (`m.group(1)`, `match[1]`) of a search
 * made in the same range. Undefined when the delay is not parsed from text.
 */
function parsedWait(
  ctx: FileContext,
  expanded: string,
  range: { start: number; end: number },
  skip: { start: number; end: number },
): string | undefined {
  if (
    !/\.group\s*\(|\.groups\s*\(|\[\s*[1-9]\s*\]|\bparse(?:Int|Float)\s*\(|\b(?:int|float)\s*\(/.test(
      expanded,
    )
  ) {
    return undefined;
  }
  const deeper = expanded + localInitialisers(ctx, expanded, range, skip);
  if (!/\.group|\[\s*[1-9]\s*\]|\bre\s*\.|\.exec\s*\(|\.match\s*\(/.test(deeper)) {
    return undefined;
  }
  for (const part of parts(range, skip)) {
    for (const m of ctx.scan(TEXT_SEARCH, part.start, part.end)) {
      const pattern = m[1] ?? m[2] ?? m[3];
      if (pattern && /\\d|\[0-9/.test(pattern)) {
        return pattern.length > 40 ? `${pattern.slice(0, 37)}…` : pattern;
      }
    }
  }
  return undefined;
}

/** A literal wait in words: JS delays are milliseconds, Python's seconds. */
function amountOf(ctx: FileContext, sleep: SleepCall, from?: number): string | undefined {
  let d = unwrap(sleep.delay);
  if (d && kind(d) === 'identifier') {
    // `wait_time = 60` just before `time.sleep(wait_time)` (in the range read), or a module constant
    const local =
      from === undefined ? [] : assignedValues(ctx, ctx.textOf(d), Math.max(0, from - 1), d.startIndex);
    const value = local[local.length - 1];
    d = unwrap(value ?? moduleConstant(ctx, d) ?? null); // `time.sleep(PAUSE)` with `PAUSE = 10` at the top
  }
  const v = d ? numberValue(d, ctx.text) : undefined;
  if (v === undefined || v < 0) {
    return undefined;
  }
  if (ctx.python) {
    return `${v} s`;
  }
  return v >= 1000 ? `${v / 1000} s` : `${v} ms`;
}

/**
 * A same-file function called in the loop (outside the try) that sleeps:
 * `_sleep_backoff(attempt)`. Its own delay decides the kind.
 */
function sleepingHelper(
  ctx: FileContext,
  range: { start: number; end: number },
  skip: { start: number; end: number },
): WaitInfo | undefined {
  const graph = callGraph(ctx);
  const sites = [
    ...sitesWithin(ctx, range.start, Math.min(range.end, skip.start)),
    ...sitesWithin(ctx, Math.max(range.start, skip.end), range.end),
  ];
  for (const site of sites) {
    for (const fn of graph.byName.get(site.name) ?? []) {
      if (fn.start <= site.at && site.at < fn.end) {
        continue;
      }
      const sleeps = sleepCalls(ctx);
      const i = lowerBound(sleeps, fn.start);
      const ra = anyIn(retryAfterOffsets(ctx), fn.start, fn.end);
      if (i < sleeps.length && sleeps[i].at < fn.end) {
        const inner = classifyWaitIn(ctx, { start: fn.start, end: fn.end }, { start: 0, end: 0 }, (id) =>
          fn.params.includes(id),
        );
        // `hold(limited ? waitFromHeader(err) : backoff)`: the delay handed to the helper reads retry-after.
        const call = siteCall(ctx, site.at);
        const given = call
          ? ctx.text.slice(call.startIndex, Math.min(endOf(call), call.startIndex + 400))
          : '';
        const fromHeader =
          /retry[-_]?after/i.test(given) || delayHelperReadsRetryAfter(ctx, given.slice(site.name.length));
        return { ...inner, kind: ra || fromHeader ? 'retry-after' : inner.kind, helper: fn.name };
      }
      if (ra) {
        return { kind: 'retry-after', jitter: false, helper: fn.name };
      }
    }
  }
  return undefined;
}

/** The initialisers of names in a delay expression, assigned in the range (outside `skip`). */
function localInitialisers(
  ctx: FileContext,
  delayText: string,
  range: { start: number; end: number },
  skip: { start: number; end: number },
): string {
  let out = '';
  for (const id of new Set(delayText.match(/[A-Za-z_$][\w$]*/g) ?? [])) {
    for (const part of parts(range, skip)) {
      // (`(?:^|[^\w$.])id\s*(?::[^=\n]*)?=(?!=)([^;\n]*)`, from the name's occurrences)
      for (const m of ctx.scanAfterName(id, INITIALISER_TAIL, part.start, part.end)) {
        out += ` ${balanced(ctx, m.index + m[0].length - m[1].length, m[1])}`;
      }
    }
  }
  return out;
}

/** What follows a name assigned a value: `: T = value` / ` = value` (sticky, see `scanAfterName`). */
const INITIALISER_TAIL = /\s*(?::[^=\n]*)?=(?!=)([^;\n]*)/y;

/**
 * An initialiser cut at its line end, continued (at most 400 characters) while a parenthesis
 * is still open: `const delay = Math.min(\n base * Math.pow(2, attempt),\n max);`.
 */
function balanced(ctx: FileContext, at: number, line: string): string {
  let depth = 0;
  for (const ch of line) depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
  if (depth <= 0) {
    return line;
  }
  const end = Math.min(ctx.text.length, at + 400);
  for (let i = at + line.length; i < end; i++) {
    depth += ctx.text[i] === '(' ? 1 : ctx.text[i] === ')' ? -1 : 0;
    if (depth === 0) {
      return ctx.text.slice(at, i + 1);
    }
  }
  return line;
}

/** A range minus a skipped middle part. */
function parts(
  range: { start: number; end: number },
  skip: { start: number; end: number },
): Array<{ start: number; end: number }> {
  if (skip.end <= range.start || skip.start >= range.end || skip.end <= skip.start) {
    return [range];
  }
  return [
    { start: range.start, end: Math.max(range.start, skip.start) },
    { start: Math.min(range.end, skip.end), end: range.end },
  ];
}

/** Whether a name is the loop's counter or is updated in the loop (outside `skip`). */
function counterOf(ctx: FileContext, loop: Node, id: string, skip: { start: number; end: number }): boolean {
  const init = loop.childForFieldName('initializer') ?? loop.childForFieldName('left');
  if (new RegExp(`(?<![\\w$])${escapeRegExp(id)}(?![\\w$])`).test(ctx.textOf(init))) {
    return true;
  }
  // (also a self-referring growth: `delay = min(delay * base, max_delay)`, `wait = wait + step`)
  const name = escapeRegExp(id);
  const updated = new RegExp(
    `(?:^|[^\\w$.])${name}\\s*(?:[-+*/]|\\*\\*|<<)=|(?:\\+\\+|--)\\s*${name}\\b|\\b${name}\\s*(?:\\+\\+|--)` +
      `|(?:^|[^\\w$.])${name}\\s*=(?!=)[^\\n;]{0,80}?(?<![\\w$.])${name}\\s*(?:\\*\\*?|\\+|<<)`,
    'g',
  );
  return parts({ start: loop.startIndex, end: endOf(loop) }, skip).some(
    (part) => !ctx.scan(updated, part.start, part.end).next().done,
  );
}

/**
 * A status tested against a same-file set that lists 429: `resp.status_code in _RETRYABLE_STATUS`
 * (`_RETRYABLE_STATUS = {429, 500, 502, 503, 529}`), `RETRYABLE.has(res.status)`. The offsets of the
 * tests; each name's value is read once.
 */
function statusSetTests(ctx: FileContext): number[] {
  const out: number[] = [];
  const lists = new Map<string, boolean>();
  for (const m of statusSetMatches(ctx)) {
    const name = lastSegment(m.set);
    let holds = lists.get(name);
    if (holds === undefined && lists.size < 16) {
      const value = lastAssignedValue(ctx, name, 0, m.index);
      holds = !!value && /(?<![\w.])429\b/.test(ctx.textOf(value));
      lists.set(name, holds);
    }
    if (holds) {
      out.push(m.index);
    }
  }
  return out;
}

/**
 * The status-in-set tests of the text, in text order: `index` where the test starts and `set`
 * the name of the set. What `STATUS_IN_NAME | (?<![\w$.])(NAME(?:\.NAME)?)\s*` + `STATUS_HAS`
 * finds, without a pattern that starts at a name and so is tried at every offset: each
 * `.has(status)` is found from its dot and its receiver read back from there (`receiverBefore`).
 */
function statusSetMatches(ctx: FileContext): Array<{ index: number; set: string }> {
  const text = ctx.text;
  const out: Array<{ index: number; set: string }> = [];
  for (const m of ctx.scan(STATUS_IN_NAME)) {
    out.push({ index: m.index, set: m[1] });
  }
  for (const m of ctx.scan(STATUS_HAS)) {
    const receiver = receiverBefore(text, m.index, 'any');
    if (receiver) {
      out.push({ index: receiver.index, set: receiver.text });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** `status in RETRYABLE`, `resp.status_code in self._retry_codes` (not a call or an attribute of it). */
const STATUS_IN_NAME = /\b(?:status|status_code|statusCode)\s+in\s+((?:self\.)?[A-Za-z_]\w*)\b(?!\s*[([.])/g;
/** `.has(res.status)`, `.includes(response.statusCode)`: from the dot before the method. */
const STATUS_HAS = /\.\s*(?:has|includes)\s*\(\s*[\w$.]*\b(?:status|statusCode|status_code)\s*\)/g;

/** A 429 status test: `res.status === 429`, `r.status_code in (429, 500)`, `429 == resp.status`. */
const STATUS_429 =
  /\b(?:status|status_code|statusCode|code)\s*(?:[!=]==?|in|not\s+in)\s*[([{]?\s*(?:\d{3}\s*,\s*)*429\b|\b429\s*(?:===?|in)\s*[\w.]*\b(?:status|status_code|statusCode)\b/g;

/**
 * A loop that retries a raw HTTP call on its response status, with no exception involved:
 * `for (let attempt = 0; attempt < N; attempt++) { const res = await fetch(URL, …); if (res.ok) return …;
 * if (res.status === 429) { await sleep(15000 * (attempt + 1)); continue; } throw … }`. The branch
 * testing 429 must wait or `continue` and neither leave the loop nor throw; the loop must leave
 * on success (its own `return`/`break`) and not be a loop over items. `handlers` holds that branch.
 */
export function findStatusRetryLoop(ctx: FileContext, call: Node): StatusRetryLoop | null {
  const tests = ctx.memo('status-429-tests', () =>
    [...[...ctx.scan(STATUS_429)].map((m) => m.index), ...statusSetTests(ctx)]
      .filter((at) => !ctx.inCommentOrString(at))
      .sort((a, b) => a - b),
  );
  const guards = statusGuards(ctx);
  if (lowerBound(tests, endOf(call)) === tests.length && lowerBound(guards, endOf(call)) === guards.length) {
    return null; // no 429 test after the call, where the loop's body would need one (below): no loop to look for
  }
  let loop: Node | null = null;
  let promised = false;
  for (let n = up(call), depth = 0; n && depth < 48; n = up(n), depth++) {
    if (FUNCTION_TYPES.has(kind(n)) && awaitedExecutor(ctx, n)) {
      promised = true;
      continue;
    }
    if (FUNCTION_TYPES.has(kind(n)) || COMPREHENSION_TYPES.has(kind(n))) {
      return null;
    }
    if (LOOP_TYPES.has(kind(n))) {
      loop = n;
      break;
    }
  }
  const body = loop?.childForFieldName('body');
  if (!loop || !body || overItems(ctx, loop)) {
    return null;
  }
  const words = keywordOffsets(ctx);
  if (!exitsIn(ctx, loop, words.exit, body.startIndex, endOf(body))) {
    return null;
  }
  const found =
    (anyIn(tests, endOf(call), endOf(body)) ? retryBranch(ctx, loop, tests, endOf(call)) : null) ??
    passingGuard(ctx, loop, body, guards, endOf(call));
  if (!found) {
    return null;
  }
  // What was seen beyond a plain `if (res.status === 429)`, for the finding's message.
  const notes: string[] = [];
  if (promised) {
    notes.push(`The request is sent with ${ctx.textOf(callee(call))}() inside an awaited Promise.`);
  }
  if (found.waitEnd !== undefined) {
    const line = ctx.lines.lineAt(found.branch.startIndex) + 1;
    notes.push(
      `The status test on line ${line} gives up on the other statuses and lets a 429 through to the wait.`,
    );
  }
  const list = scheduleOf(ctx, loop);
  if (list) {
    notes.push(`The waits are the entries of \`${list}\`, a schedule fixed before the first attempt.`);
  }
  return notes.length ? { ...found, note: notes.join(' ') } : found;
}

/** A status-retry loop: the branch that retries a 429, and what was seen. */
export interface StatusRetryLoop extends RetryLoop {
  branch: Node;
  /** Where the wait is read to, when it follows a guard rather than sitting in the branch. */
  waitEnd?: number;
  /** What was seen beyond a plain 429 test (said in the finding's message). */
  note?: string;
}

/** The list whose entries a C-style loop sleeps (`for (…; a <= delays.length; …) … sleep(delays[a])`), if any. */
function scheduleOf(ctx: FileContext, loop: Node): string | undefined {
  const list = boundingList(ctx, loop);
  return list && waitSchedule(ctx, loop, list) ? list : undefined;
}

/** The list a C-style `for` loop's condition bounds it by (`items` in `i < items.length`), if any. */
function boundingList(ctx: FileContext, loop: Node): string | undefined {
  return kind(loop) === 'for_statement'
    ? /([\w$]+)\s*\.\s*(?:length|size)\b/.exec(ctx.textOf(loop.childForFieldName('condition')))?.[1]
    : undefined;
}

/**
 * The branch that retries a 429: the `if` the first 429 test after the call is the condition of
 * (or, for a test assigned to a name, `const again = res.status === 429 && n < N`, the next `if`
 * in the loop testing that name), when it waits or `continue`s and neither leaves nor throws.
 */
function retryBranch(
  ctx: FileContext,
  loop: Node,
  tests: readonly number[],
  from: number,
): StatusRetryLoop | null {
  const at = tests[lowerBound(tests, from)];
  let branch: Node | null = ctx.nodeAt(at);
  let flag: Node | null = null;
  // (Python's `elif status == 429:` is a clause of the `if` above it, with its own consequence.)
  for (let i = 0; branch && i < 8 && kind(branch) !== 'if_statement' && kind(branch) !== 'elif_clause'; i++) {
    if (/^(?:variable_declarator|assignment_expression|assignment)$/.test(kind(branch))) {
      flag = branch.childForFieldName('name') ?? branch.childForFieldName('left');
      break;
    }
    branch = up(branch);
  }
  if (flag && kind(flag) === 'identifier') {
    branch = ifTesting(ctx, loop, ctx.textOf(flag), endOf(flag));
  } else if (flag) {
    return null;
  }
  const then = branch?.childForFieldName('consequence');
  if (!branch || !then || !contains(loop, branch)) {
    return null;
  }
  const text = ctx.textOf(then);
  if (/\b(?:throw|raise|return|break)\b/.test(text)) {
    // `if (res.status === 429) { …; if (n < max) { await sleep(w); n++; continue; } throw … }`: it
    // gives up only once the attempts run out; the retried side is the inner branch.
    const retried = attemptsLeftSide(ctx, then);
    return retried ? { loop, tryNode: branch, handlers: [branch], branch, walksItems: false } : null;
  }
  if (!sleepsIn(ctx, then.startIndex, endOf(then)) && !/\bcontinue\b/.test(text)) {
    return null;
  }
  return { loop, tryNode: branch, handlers: [branch], branch, walksItems: false };
}

/**
 * The inner `if` of a 429 branch that waits and goes round (`if (n < max) { await sleep(w);
 * continue; }`), when no statement before it leaves the loop and the branch leaves only after it
 * or in its `else` (the attempts-ran-out side). Reads the branch's own statements.
 */
function attemptsLeftSide(ctx: FileContext, then: Node): Node | null {
  const LEAVES = /\b(?:throw|raise|return|break)\b/;
  for (const stmt of namedChildren(then)) {
    if (kind(stmt) === 'if_statement') {
      const inner = stmt.childForFieldName('consequence');
      const innerText = ctx.textOf(inner);
      // (an `else` that gives up is the attempts-ran-out side: `if attempt < n - 1: sleep(w); continue`
      // `else: raise …`)
      const otherwise = stmt.childForFieldName('alternative');
      if (
        inner &&
        (!otherwise || (LEAVES.test(ctx.textOf(otherwise)) && !/\bcontinue\b/.test(ctx.textOf(otherwise)))) &&
        /\bcontinue\b/.test(innerText) &&
        !LEAVES.test(innerText) &&
        sleepsIn(ctx, inner.startIndex, endOf(inner))
      ) {
        return stmt;
      }
    }
    if (LEAVES.test(ctx.textOf(stmt))) {
      return null;
    }
  }
  return null;
}

/** Whether a sleep call starts in [start, end). */
export function sleepsIn(ctx: FileContext, start: number, end: number): boolean {
  const waits = sleepCalls(ctx);
  const first = lowerBound(waits, start);
  return first < waits.length && waits[first].at < end;
}

/** The first `if` in the loop after `from` whose condition is the name (`if (again)`, `if again:`), or null. Reads 8 uses. */
function ifTesting(ctx: FileContext, loop: Node, name: string, from: number): Node | null {
  const uses = ctx.wordsOf(name);
  for (let i = lowerBound(uses, from), n = 0; i < uses.length && uses[i] < endOf(loop) && n < 8; i++, n++) {
    const use = ctx.nodeAt(uses[i]);
    const cond = use ? up(use) : null;
    const stmt = cond && kind(cond) === 'parenthesized_expression' ? up(cond) : cond;
    const test = stmt && kind(stmt) === 'if_statement' ? stmt.childForFieldName('condition') : null;
    if (stmt && test && ctx.textOf(test).replace(/^\(\s*|\s*\)$/g, '') === name) {
      return stmt;
    }
  }
  return null;
}

/**
 * A status guard that lets a 429 through to a wait after it (no exception involved): `if
 * (!RETRYABLE.has(res.status)) throw …` with `RETRYABLE` a same-file set holding 429, `if
 * (res.status < 429 && res.status !== 408) throw err`, `if r.status_code not in RETRYABLE: return …`;
 * then a sleep later in the loop's body (its own statement, or in an `if (attempt < n)`), and the
 * loop goes round. The wait is read from the guard to the end of the loop's body (`waitEnd`).
 */
function passingGuard(
  ctx: FileContext,
  loop: Node,
  body: Node,
  guards: readonly number[],
  from: number,
): (RetryLoop & { branch: Node; waitEnd: number }) | null {
  const i = lowerBound(guards, from);
  if (i >= guards.length || guards[i] >= endOf(body)) {
    return null;
  }
  let branch: Node | null = ctx.nodeAt(guards[i]);
  for (let d = 0; branch && d < 8 && kind(branch) !== 'if_statement'; d++) {
    branch = up(branch);
  }
  const cond = branch?.childForFieldName('condition');
  const then = branch?.childForFieldName('consequence');
  if (!branch || !cond || !then || !contains(loop, branch) || !passes429(ctx, ctx.textOf(cond))) {
    return null;
  }
  // The guard leaves for the other statuses; the code after it (to the body's end) waits.
  if (
    !/\b(?:throw|raise|return|break)\b/.test(ctx.textOf(then)) ||
    !sleepsIn(ctx, endOf(branch), endOf(body))
  ) {
    return null;
  }
  return { loop, tryNode: branch, handlers: [branch], branch, walksItems: false, waitEnd: endOf(body) };
}

/**
 * Whether a guard's condition (true for the statuses that are not retried) is false for 429:
 * `status < 429` or `status != 429` (with any `&&` / `and` tests), or `!SET.has(status)` / `status not in SET` where the
 * set is a same-file name whose value lists 429, or a literal list holding 429.
 */
function passes429(ctx: FileContext, cond: string): boolean {
  // (`status < 429`, or `status != 429` among other tests all joined by and: `status < 500 and status != 429`)
  if (/\bstatus(?:_code|Code)?\s*(?:<\s*429|!==?\s*429)\b/.test(cond) && !/\|\||\bor\b/.test(cond)) {
    return true;
  }
  const m =
    /^\s*\(?\s*!\s*([\w$.]+|\[[^\]]*\])\s*\.\s*(?:has|includes)\s*\(/.exec(cond) ??
    /\bnot\s+in\s+([\w.]+|[([][^)\]]*[)\]])\s*$/.exec(cond);
  if (!m) {
    return false;
  }
  if (/^[[(]/.test(m[1])) {
    return /\b429\b/.test(m[1]);
  }
  const value = lastAssignedValue(ctx, m[1].split('.').pop() ?? m[1], 0, ctx.text.length);
  return !!value && /\b429\b/.test(ctx.textOf(value));
}

/** Offsets of status guards that may let a 429 through (see `passingGuard`), scanned once. */
function statusGuards(ctx: FileContext): number[] {
  return ctx.memo('status-pass-guards', () =>
    [...ctx.scan(STATUS_GUARD)].map((m) => m.index).filter((at) => !ctx.inCommentOrString(at)),
  );
}

/** `status < 429`, `status != 429`, `.has(res.status)` / `.includes(res.status)`, `status_code not in …`. */
const STATUS_GUARD =
  /\b(?:status|status_code|statusCode)\s*(?:<\s*429|!==?\s*429)\b|\.\s*(?:has|includes)\s*\(\s*[\w$.]*\b(?:status|status_code|statusCode)\s*\)|\b(?:status|status_code)\s+not\s+in\b/g;

/**
 * A function that is the executor of an awaited promise, run at once in place: `await new
 * Promise((resolve, reject) => { const req = https.request(…); … })`. A request in it is sent
 * from the code around the `await`.
 */
function awaitedExecutor(ctx: FileContext, fn: Node): boolean {
  const args = up(fn);
  const made = args && kind(args) === 'arguments' ? up(args) : null;
  const awaited = made && kind(made) === 'new_expression' ? up(made) : null;
  return (
    !!made &&
    !!awaited &&
    kind(awaited) === 'await_expression' &&
    /^Promise$/.test(ctx.textOf(made.childForFieldName('constructor')))
  );
}

/** A `for` loop over a collection (`for x of items`, `for i in enumerate(xs)`, `for (…; i < xs.length; …)`). */
function overItems(ctx: FileContext, loop: Node): boolean {
  if (kind(loop) === 'for_in_statement' || (ctx.python && kind(loop) === 'for_statement')) {
    const right = loop.childForFieldName('right');
    return !(
      (!!right && /^\s*(?:range|itertools\.count|count)\s*\(/.test(ctx.textOf(right))) ||
      sleepsLoopVariable(ctx, loop)
    );
  }
  const list = boundingList(ctx, loop);
  return !!list && !waitSchedule(ctx, loop, list);
}

/**
 * Whether a loop over a list sleeps its own variable (`for attempt, delay in enumerate(DELAYS):` …
 * `await asyncio.sleep(delay)`, `for (const wait of [1000, 2000, 4000])`): the list is a schedule
 * of waits between attempts, not items. Reads the loop's first 4 sleeps.
 */
function sleepsLoopVariable(ctx: FileContext, loop: Node): boolean {
  const left = loop.childForFieldName('left');
  const names = new Set(
    (left ? ctx.textOf(left) : '').replace(/^(?:const|let|var)\s+/, '').match(/[A-Za-z_$][\w$]*/g) ?? [],
  );
  if (names.size === 0) {
    return false;
  }
  return someSleepIn(ctx, loop, (call) =>
    (ctx.textOf(call.childForFieldName('arguments')).match(/(?<![\w$.])[A-Za-z_$][\w$]*/g) ?? []).some((w) =>
      names.has(w),
    ),
  );
}

/**
 * Whether a loop bounded by a list's length (`for (let a = 0; a <= delays.length; a++)`) sleeps an
 * entry of that list (`await sleep(delays[a])`): the list is a schedule of waits between
 * attempts (often handed in by the caller), not the items the loop works through. Reads the
 * loop's first 4 sleeps.
 */
function waitSchedule(ctx: FileContext, loop: Node, list: string): boolean {
  const index = new RegExp(`(?<![\\w$.])${escapeRegExp(list)}\\s*\\[`);
  return someSleepIn(ctx, loop, (call) => index.test(ctx.textOf(call)));
}

/** Whether one of a loop's first 4 sleeps passes `test`. */
function someSleepIn(ctx: FileContext, loop: Node, test: (call: Node) => boolean): boolean {
  const sleeps = sleepCalls(ctx);
  for (
    let i = lowerBound(sleeps, loop.startIndex), n = 0;
    i < sleeps.length && sleeps[i].at < endOf(loop) && n < 4;
    i++, n++
  ) {
    if (test(sleeps[i].call)) {
      return true;
    }
  }
  return false;
}

/** How a status-retry loop waits: the sleep in its 429 branch; a delay name counts as growing when the loop changes it. */
export function classifyStatusWait(ctx: FileContext, loop: StatusRetryLoop): WaitInfo {
  const none = { start: 0, end: 0 };
  if (anyIn(retryAfterOffsets(ctx), loop.loop.startIndex, endOf(loop.loop))) {
    return { kind: 'retry-after', jitter: false }; // read anywhere in the loop (`const ra = res.headers.get(…)`)
  }
  const end = loop.waitEnd ?? endOf(loop.branch);
  return classifyWaitIn(ctx, { start: loop.branch.startIndex, end }, none, (id) =>
    counterOf(ctx, loop.loop, id, none),
  );
}
