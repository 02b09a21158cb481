import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { functionAt, type LocalFunction } from '../../lint/facts/callGraph';
import { assignedValues } from '../../lint/facts/functions';
import { anyIn, classifyWaitIn, lowerBound, sleepCalls, type WaitInfo } from '../../lint/facts/retryLoops';
import {
  endOf,
  FUNCTION_TYPES,
  isCall,
  kind,
  lastSegment,
  LOOP_TYPES,
  rangeOf,
  receiverBefore,
  up,
} from '../../lint/syntax';

/** A failed request put back on a queue that a loop drains and sends again: a retry by re-queueing. */
export interface Requeue {
  /** The put call (`retry_queue.put_nowait(self)`, `queue.push(job)`). */
  put: Node;
  /** The function that sends the request and puts it back. */
  fn: LocalFunction;
  /** The queue as written at the put, and at the drain. */
  queue: string;
  drained: string;
  /** The loop that takes the request off the queue and sends it again. */
  loop: Node;
  /** The Claude call in `fn` (its start). */
  callAt: number;
  /** How the loop (or the failure path) waits before the request is sent again. */
  wait: WaitInfo;
}

/** A put back on a queue, from the dot: `q.put_nowait(self)`, `await self.retry_q.put(req)`, `queue.push(job)`. */
const PUT =
  /\.\s*(?:put_nowait|put|append|appendleft|push|unshift)\s*\(\s*(self|this|[A-Za-z_$][\w$]*)\s*\)/g;
/** A take off a queue, from the dot: `q.get_nowait()`, `await q.get()`, `dq.popleft()`, `queue.shift()`. */
const TAKE = /\.\s*(?:get_nowait|get|popleft|shift)\s*\(\s*\)/g;
/** Whether the file takes anything off a queue (whatever the receiver). */
const TAKE_TEST = /\.\s*(?:get_nowait|get|popleft|shift)\s*\(\s*\)/;

/**
 * The matches of a method pattern (`PUT`, `TAKE`) whose receiver is a name or `self.`/`this.` a
 * name (`receiverBefore`): where the receiver starts, the queue as written, and the pattern's
 * group. (Found from the dot: a pattern starting at the receiver would be tried at every offset.)
 */
function* queueCalls(
  ctx: FileContext,
  method: RegExp,
): Generator<{ index: number; queue: string; item: string | undefined }> {
  for (const m of ctx.scan(method)) {
    const receiver = receiverBefore(ctx.text, m.index, 'self-this');
    if (receiver) {
      yield { index: receiver.index, queue: receiver.text, item: m[1] };
    }
  }
}

/**
 * Whether `TAKE_TEST` matches the text, from the methods' whole-word occurrences (a match's
 * method has a blank, `.` or `(` on each side): in an editor document, they are searched for
 * again on the changed lines only (for one lint of a text, the pattern is faster).
 */
function takesOffQueue(ctx: FileContext): boolean {
  const text = ctx.text;
  const blank = (i: number): boolean => /\s/.test(text[i]);
  for (const name of ['get_nowait', 'get', 'popleft', 'shift']) {
    for (const at of ctx.wordsOf(name)) {
      let j = at - 1;
      while (j >= 0 && blank(j)) {
        j--;
      }
      let k = at + name.length;
      while (k < text.length && blank(k)) {
        k++;
      }
      if (text[j] !== '.' || text[k] !== '(') {
        continue;
      }
      for (k++; k < text.length && blank(k); k++);
      if (text[k] === ')') {
        return true;
      }
    }
  }
  return false;
}

/** At most this many puts and takes are read per file (each pair reads one loop's text). */
const MAX_SITES = 8;

/**
 * Retries by re-queueing: a function that makes a Claude call (`claudeAt`: the starts of the
 * file's Claude calls, SDK or raw HTTP, sorted) puts the failed request (`self`/`this`, one of
 * its parameters, or what it took off a queue) back on a queue, on its failure path (in an `except`/`catch`, or under an `if`
 * on a name its handler sets, or on a failed status), and a loop of the file takes requests off
 * that queue (the same name, or the queue handed to the function by that loop's call) and calls
 * the function again. Found from two text scans, once per file; at most 8 puts and 8 takes.
 */
export function requeueRetries(ctx: FileContext, claudeAt: readonly number[]): Requeue[] {
  return ctx.memo('naive-retry:requeue', () => {
    const out: Requeue[] = [];
    if (claudeAt.length === 0 || !(ctx.keeps ? takesOffQueue(ctx) : TAKE_TEST.test(ctx.text))) {
      return out;
    }
    const takes: Array<{ name: string; loop: Node }> = [];
    for (const m of queueCalls(ctx, TAKE)) {
      if (takes.length >= MAX_SITES) {
        break;
      }
      const loop = ctx.inCommentOrString(m.index) ? null : enclosingLoop(ctx.nodeAt(m.index));
      if (loop) {
        takes.push({ name: m.queue, loop });
      }
    }
    let puts = 0;
    for (const m of queueCalls(ctx, PUT)) {
      if (takes.length === 0 || puts >= MAX_SITES || ctx.inCommentOrString(m.index)) {
        break;
      }
      const { queue, item = '' } = m;
      const fn = functionAt(ctx, m.index);
      const i = fn ? lowerBound(claudeAt, fn.start) : -1;
      const callAt = fn && i < claudeAt.length && claudeAt[i] < m.index ? claudeAt[i] : -1;
      if (!fn || callAt < 0 || queue === item || !requestItem(ctx, item, fn, m.index)) {
        continue;
      }
      puts++;
      const put = putCall(ctx, m.index);
      if (!put || !onFailurePath(ctx, put, fn) || anyIn(retryAfter(ctx), fn.start, fn.end)) {
        continue;
      }
      for (const take of takes) {
        const resends = resendIn(ctx, take.loop, fn, callAt);
        if (
          resends &&
          (lastSegment(take.name) === lastSegment(queue) || passesQueue(ctx, resends, take.name))
        ) {
          const inLoop = classifyWaitIn(ctx, rangeOf(take.loop), { start: 0, end: 0 }, () => false);
          const wait =
            inLoop.kind === 'none'
              ? classifyWaitIn(ctx, rangeOf(fn.node), { start: 0, end: 0 }, () => false)
              : inLoop;
          if (wait.kind !== 'retry-after') {
            out.push({
              put,
              fn,
              queue,
              drained: take.name,
              loop: take.loop,
              callAt,
              wait: generic(ctx, wait, take.loop),
            });
          }
          break;
        }
      }
    }
    return out;
  });
}

/** Offsets of `retry-after` mentions (scanned once). */
function retryAfter(ctx: FileContext): number[] {
  return ctx.memo('retry-after-offsets:requeue', () =>
    [...ctx.scan(/retry[-_]?after/gi)].map((m) => m.index),
  );
}

/** The innermost loop around a node, inside its function. */
function enclosingLoop(n: Node | null): Node | null {
  for (let p = n; p; p = up(p)) {
    if (LOOP_TYPES.has(kind(p))) {
      return p;
    }
    if (FUNCTION_TYPES.has(kind(p))) {
      return null;
    }
  }
  return null;
}

/**
 * Whether what is put back is the request: `self`/`this` (a request object's own method), a
 * parameter of the function, or a name it took off a queue (`job = await queue.get()`).
 */
function requestItem(ctx: FileContext, item: string, fn: LocalFunction, before: number): boolean {
  return (
    /^(?:self|this)$/.test(item) ||
    fn.params.includes(item) ||
    assignedValues(ctx, item, fn.start, before).some((v) =>
      /\.\s*(?:get_nowait|get|popleft|shift)\s*\(\s*\)$/.test(ctx.textOf(v)),
    )
  );
}

/** The put call whose callee starts at `at`. */
function putCall(ctx: FileContext, at: number): Node | null {
  let n: Node | null = ctx.nodeAt(at);
  for (let i = 0; n && i < 4 && !isCall(n); i++) {
    n = up(n);
  }
  return n && isCall(n) && n.startIndex === at ? n : null;
}

/**
 * Whether a put runs only when the request failed: inside an `except`/`catch` of its function,
 * or under an `if` on a name that a handler of the function sets (`error = str(e)` … `if error:`)
 * or on a failed status (`!= 200`, `not resp.ok`, `>= 400`).
 */
function onFailurePath(ctx: FileContext, put: Node, fn: LocalFunction): boolean {
  for (let p = up(put); p && p.startIndex >= fn.start && !FUNCTION_TYPES.has(kind(p)); p = up(p)) {
    const k = kind(p);
    if (k === 'catch_clause' || k === 'except_clause' || k === 'except_group_clause') {
      return true;
    }
    if (k !== 'if_statement') {
      continue;
    }
    const cond = p.childForFieldName('condition');
    const text = cond
      ? ctx
          .textOf(cond)
          .replace(/^\(\s*|\s*\)$/g, '')
          .trim()
      : '';
    if (/\.\s*status(?:_code)?\s*(?:!==?|>=?)\s*[2-4]\d\d\b|(?:\bnot\s+|!\s*)[\w$.]+\.ok\b/.test(text)) {
      return true;
    }
    const flag = /^([A-Za-z_$][\w$]*)(?:\s+is\s+not\s+None|\s*!==?\s*(?:null|undefined))?$/.exec(text)?.[1];
    if (flag && assignedValues(ctx, flag, fn.start, p.startIndex).some((v) => inHandler(v, fn))) {
      return true;
    }
  }
  return false;
}

/** Whether a node sits in an `except`/`catch` clause inside a function. */
function inHandler(n: Node, fn: LocalFunction): boolean {
  for (let p = up(n); p && p.startIndex >= fn.start && !FUNCTION_TYPES.has(kind(p)); p = up(p)) {
    if (/^(?:catch_clause|except_clause|except_group_clause)$/.test(kind(p))) {
      return true;
    }
  }
  return false;
}

/**
 * Where a draining loop sends the request again: a call of the function by name in the loop
 * (`next_request.call_api(…)`, `send(job, queue)`), or the Claude call itself when the loop is in
 * the function (a worker that takes, sends and puts back). The call's start, or undefined.
 */
function resendIn(ctx: FileContext, loop: Node, fn: LocalFunction, callAt: number): Node | undefined {
  if (loop.startIndex <= callAt && callAt < endOf(loop)) {
    return loop;
  }
  if (fn.start <= loop.startIndex && endOf(loop) <= fn.end) {
    return undefined;
  }
  const name = fn.name.replace(/\$/g, '\\$');
  const m = new RegExp(`(?<![\\w$])${name}\\s*\\(`).exec(ctx.textOf(loop));
  if (!m) {
    return undefined;
  }
  let n: Node | null = ctx.nodeAt(loop.startIndex + m.index + m[0].length - 1);
  for (let i = 0; n && i < 3 && !isCall(n); i++) {
    n = up(n);
  }
  return n && isCall(n) ? n : undefined;
}

/** Whether the loop's call of the function hands it the drained queue (`retry_queue=queue_of_requests_to_retry`). */
function passesQueue(ctx: FileContext, call: Node, queue: string): boolean {
  const args = call.childForFieldName('arguments');
  if (!args || LOOP_TYPES.has(kind(call))) {
    return false;
  }
  const q = queue.replace(/[$.]/g, (c) => `\\${c}`);
  return new RegExp(`(?<![\\w$.])${q}(?![\\w$])`).test(ctx.textOf(args));
}

/**
 * The wait as the message says it: a loop may sleep more than once per turn (a tick and a
 * cool-down), so a fixed wait is named only when the loop has a single sleep.
 */
function generic(ctx: FileContext, wait: WaitInfo, loop: Node): WaitInfo {
  if (wait.kind !== 'fixed') {
    return wait;
  }
  const sleeps = sleepCalls(ctx);
  const i = lowerBound(sleeps, loop.startIndex);
  const several = i + 1 < sleeps.length && sleeps[i + 1].at < endOf(loop);
  return several ? { kind: 'fixed', jitter: wait.jitter, call: wait.call } : wait;
}
