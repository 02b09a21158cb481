/**
 * unbounded-fanout: cap how many Claude calls run at once.
 * - JS/TS: route each call through one module-level limiter: p-limit when the project
 *   depends on it, else a small typed Semaphore helper inserted once per file.
 * - Python asyncio: a module-level `asyncio.Semaphore(N)` held with `async with` around
 *   each awaited call, or a `limited(coro)` helper coroutine where the call sits in a
 *   comprehension or argument (gather, TaskGroup, wait).
 * - Python thread pools: a bounded `max_workers`.
 * Plus the backoff fixes.
 */
import type { Finding } from '../../lint/types';
import type { UnboundedFanoutData } from './data';
import { FINAL_METHODS, raiseRetriesAction, withBackoffAction, wrapEnd } from '../../fix/backoff';
import {
  type CallInfo,
  callInfo,
  jsChainEnd,
  nodeAtSpan,
  pyStatementAround,
  usesAwait,
  wrappedBy,
} from '../../fix/calls';
import { EditBuilder, listInsert, wrapCall } from '../../fix/builder';
import { type FixFile } from '../../fix/file';
import { ensurePyBounded, ensurePySemaphore } from '../../fix/pythonTemplates';
import { ensureJsLimiter, existingJsLimiter } from '../../fix/templates';
import type { FixAction } from '../../fix/types';
import { callShape } from '../../fix/callShape';
import { type Sizing, sizeConcurrency } from '../../fix/sizing';

/** A cap sized from the calls' model's measured limits (see core/fix/sizing.ts). */
type Sized = Extract<Sizing, { kind: 'sized' }>;

/** Today in UTC, YYYY-MM-DD. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export function unboundedFanoutFixes(
  file: FixFile,
  finding: Finding,
  data: UnboundedFanoutData,
): FixAction[] {
  // Several call sites may reach one call (twenty `ask(...)` calling one create): wrap it once.
  const calls = data.calls
    .map((c) => callInfo(file, c))
    .filter((c, i, all): c is CallInfo => !!c && all.findIndex((o) => o?.span.start === c.span.start) === i);
  const out: FixAction[] = [];
  const { settings } = file.ctx;
  const sizing = sizeConcurrency(
    callShape(file, data.calls),
    file.ctx.measurements ?? [],
    file.ctx.today ?? today(),
  );
  const sized = sizing.kind === 'sized' ? sizing : undefined;
  // The setting's cap says why no measured one is offered next to it.
  const why = sizing.kind === 'unavailable' ? ` (from settings; not sized: ${sizing.reason})` : '';
  if (data.kind === 'executor-map' || data.kind === 'executor-submit') {
    const cap = maxWorkersAction(file, data, settings.concurrency);
    if (cap) {
      out.push({ ...cap, title: cap.title + why, isPreferred: true });
    }
    const m = sized && maxWorkersAction(file, data, sized.n, sized);
    if (m) {
      out.push(m);
    }
  } else if (calls.length) {
    const cap = capAction(file, calls, settings.concurrency);
    if (cap) {
      out.push({ ...cap, title: cap.reused ? cap.title : cap.title + why, isPreferred: true });
      const m = sized && !cap.reused ? capAction(file, calls, sized.n, sized) : undefined;
      if (m) {
        out.push({ ...m, id: `${m.id}.measured` });
      }
    }
  }
  const spans = calls.map((c) => c.span);
  const raise = spans.length ? raiseRetriesAction(file, finding.rule, spans) : undefined;
  if (raise) {
    out.push(raise);
  }
  const backoff = spans.length ? withBackoffAction(file, finding.rule, spans) : undefined;
  if (backoff) {
    out.push(backoff);
  }
  return out;
}

/** The derivation of a sized cap as comment lines in the file's language. */
function comment(file: FixFile, m: Sized | undefined): string | undefined {
  return m?.derivation.map((line) => `${file.python ? '#' : '//'} ${line}`).join('\n');
}

/** ` (OTPM binds for claude-sonnet-4-5)` for a sized cap. */
function sizedNote(m: Sized | undefined): string {
  return m ? ` (${m.binding} binds for ${m.model}${m.latencyEstimated ? ', latency estimated' : ''})` : '';
}

type CapAction = FixAction & { reused: boolean };

/** Routes every call through a limiter of `n`. */
function capAction(file: FixFile, calls: CallInfo[], n: number, measured?: Sized): CapAction | undefined {
  return file.python ? pyCapAction(file, calls, n, measured) : jsCapAction(file, calls, n, measured);
}

function jsCapAction(file: FixFile, calls: CallInfo[], n: number, measured?: Sized): CapAction | undefined {
  const b = new EditBuilder(file);
  const reusable = existingJsLimiter(file);
  const limiter = reusable ?? ensureJsLimiter(b, n, comment(file, measured));
  if (!limiter) {
    return undefined;
  }
  let wrapped = 0;
  for (const call of calls) {
    if (wrappedBy(file, call.span.start, [limiter.name])) {
      continue;
    }
    const chain = jsChainEnd(file, call.span.end);
    if (call.method === 'stream' && !chain.methods.some((m) => FINAL_METHODS.has(m))) {
      return undefined; // a stream object is not a promise: the slot would be freed at once
    }
    const end = wrapEnd(call, chain);
    wrapCall(
      b,
      call.span.start,
      end,
      limiter.open(usesAwait(file, { start: call.span.start, end })),
      limiter.close,
    );
    wrapped++;
  }
  if (!wrapped) {
    return undefined;
  }
  const how = limiter.via === 'p-limit' ? 'p-limit' : 'a semaphore';
  const derivation = sizedNote(measured);
  const title = limiter.reused
    ? `Cap concurrency with the existing limiter \`${limiter.name}\``
    : `Cap concurrency at ${n}${derivation} with ${how}`;
  const edits = b.build();
  return {
    id: `unbounded-fanout.${limiter.via}`,
    title,
    rule: 'unbounded-fanout',
    isPreferred: false,
    safeForFixAll: false,
    edits,
    reused: limiter.reused,
  };
}

function pyCapAction(file: FixFile, calls: CallInfo[], n: number, measured?: Sized): CapAction | undefined {
  const b = new EditBuilder(file);
  const sem = ensurePySemaphore(b, n, comment(file, measured));
  const unit = file.style.indent;
  const done = new Set<number>();
  let wrapped = 0;
  for (const call of calls) {
    const stmt = pyStatementAround(file, call.span);
    if (stmt) {
      if (done.has(stmt.start) || heldBy(file, stmt.start, stmt.indent, sem.name)) {
        continue;
      }
      done.add(stmt.start);
      const body = file.text
        .slice(stmt.start, stmt.end)
        .split(/\r?\n/)
        .map((line) => (line.trim() ? unit + line : line))
        .join('\n');
      b.replace(stmt.start, stmt.end, `${stmt.indent}async with ${sem.name}:\n${body}`);
      wrapped++;
      continue;
    }
    if (call.method !== 'create' && call.method !== 'batches.create') {
      return undefined;
    }
    if (/\blimited\(\s*$/.test(file.text.slice(Math.max(0, call.span.start - 20), call.span.start))) {
      continue;
    }
    if (inPlainDef(file, call.span)) {
      return undefined; // a blocking call run on a thread (`asyncio.to_thread(ask, x)`): no coroutine to hold a slot
    }
    const fn = ensurePyBounded(b);
    b.insert(call.span.start, `${fn}(`).insert(call.span.end, ')');
    wrapped++;
  }
  if (!wrapped) {
    return undefined;
  }
  const derivation = sizedNote(measured);
  const title = sem.reused
    ? `Cap concurrency with the existing \`${sem.name}\``
    : `Cap concurrency at ${n}${derivation} with asyncio.Semaphore`;
  return {
    id: 'unbounded-fanout.semaphore',
    title,
    rule: 'unbounded-fanout',
    isPreferred: false,
    safeForFixAll: false,
    edits: b.build(),
    reused: sem.reused,
  };
}

const PY_CALL: ReadonlySet<string> = new Set(['call']);

/** Whether a call sits in a plain (not `async`) `def`. */
function inPlainDef(file: FixFile, span: { start: number; end: number }): boolean {
  for (let n = nodeAtSpan(file, span, PY_CALL) ?? null; n; n = n.parent) {
    if (n.type === 'function_definition') {
      return !/^async\b/.test(file.text.slice(n.startIndex, n.startIndex + 6));
    }
    if (n.type === 'lambda') {
      return false;
    }
  }
  return false;
}

/** Whether the statement at `start` is already inside `async with <name>:`. */
function heldBy(file: FixFile, start: number, indent: string, name: string): boolean {
  const { src } = file;
  for (let p = start; p > 0;) {
    p = src.lineStart(p - 1);
    const line = file.text.slice(p, src.lineEnd(p));
    if (line.trim() === '' || src.kinds[p + line.length - line.trimStart().length] !== 0) {
      continue;
    }
    const ws = line.length - line.trimStart().length;
    if (ws < indent.length) {
      if (new RegExp(`^\\s*async\\s+with\\s+${name}\\s*:`).test(line)) {
        return true;
      }
      if (ws === 0 || /^\s*(?:async\s+)?def\s/.test(line)) {
        return false;
      }
      indent = line.slice(0, ws);
    }
  }
  return false;
}

/** A thread pool's `max_workers` (a multiprocessing pool's `processes`) set to `n`. */
function maxWorkersAction(
  file: FixFile,
  data: UnboundedFanoutData,
  n: number,
  measured?: Sized,
): FixAction | undefined {
  const pool = data.pool;
  if (!pool) {
    return undefined;
  }
  const { src } = file;
  const text = file.text;
  let end = pool.constructor.end;
  while (end > pool.constructor.start && text[end - 1] !== ')') {
    end--;
  }
  const open = src.match(end - 1);
  if (open < pool.constructor.start) {
    return undefined;
  }
  const b = new EditBuilder(file);
  const items = src.items(open);
  // multiprocessing's Pool / ThreadPool take `processes`, the executors `max_workers`.
  const name = /\bPool\s*$/.test(text.slice(pool.constructor.start, open)) ? 'processes' : 'max_workers';
  const kwRe = new RegExp(`^${name}\\s*=\\s*`);
  const kw = items.find((i) => kwRe.test(text.slice(i.start, i.end)));
  const positional =
    items[0] && !/^\w+\s*=[^=]/.test(text.slice(items[0].start, items[0].end)) ? items[0] : undefined;
  if (kw) {
    const valueStart = kw.start + (kwRe.exec(text.slice(kw.start, kw.end))?.[0].length ?? 0);
    // (a parameter's default was reported: callers that pass a smaller size keep it)
    b.replace(valueStart, kw.end, pool.parameter ? `min(${pool.parameter}, ${n})` : String(n));
  } else if (positional && !text.startsWith('*', positional.start)) {
    b.replace(positional.start, positional.end, String(n));
  } else {
    const e = listInsert(src, open, [`${name}=${n}`], 'first');
    b.replace(e.start, e.end, e.newText);
  }
  const note = comment(file, measured);
  if (note) {
    const lineStart = src.lineStart(pool.constructor.start);
    const indent = src.indentAt(lineStart);
    b.insert(lineStart, note.replace(/^/gm, indent) + '\n');
  }
  const derivation = sizedNote(measured);
  return {
    id: measured ? 'unbounded-fanout.max-workers.measured' : 'unbounded-fanout.max-workers',
    title: `Cap concurrency at ${n}${derivation} with ${name}=${n}`,
    rule: 'unbounded-fanout',
    isPreferred: false,
    safeForFixAll: false,
    edits: b.build(),
  };
}
