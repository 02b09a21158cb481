import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import {
  MAX_BOUNDED_WORKERS,
  MAX_LITERAL_CALLS,
  FanoutReport,
  Source,
  countValue,
  emit,
  callAtToken,
  ancestorOfType,
  scopeOf,
  enclosingLoop,
  enclosingLoopOrComprehension,
  boundedLoop,
  boundedArray,
  unpackedIntoFixed,
} from './fanout';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { reach } from '../../lint/facts/reachability';
import {
  callee,
  dottedName,
  isCall,
  numberValue,
  positionalArgs,
  rangeOf,
  unwrap,
  up,
  kind,
  kindOf,
  endOf,
  enclosingFunction,
  namedChildren,
} from '../../lint/syntax';
import { callParams } from '../../lint/facts/arguments';
import { parameterReach } from './thunks';
import { passedSize, type PassedSize } from './passedSize';

/** Thread/process pools with no or a large `max_workers` mapping or submitting Claude calls. */
export function pythonExecutors(ctx: FileContext, report: FanoutReport): void {
  // (line-local scans, kept across edits in an editor document)
  const multiprocessing = !ctx.scan(/\bmultiprocessing\b/g).next().done;
  for (const m of ctx.scanFromHint(
    /\b(ThreadPoolExecutor|ProcessPoolExecutor|Pool|ThreadPool)\s*\(/y,
    /\b(?:ThreadPoolExecutor|ProcessPoolExecutor|Pool|ThreadPool)/g,
  )) {
    // multiprocessing's `Pool(64)` / `mp.Pool()` / `ThreadPool(n)`: `processes` plays max_workers.
    const mpPool = m[1] === 'Pool' || m[1] === 'ThreadPool';
    if (mpPool && !multiprocessing) {
      continue;
    }
    const pool = callAtToken(ctx, m.index + m[0].indexOf(m[1]));
    if (!pool) {
      continue;
    }
    const sizeName = mpPool ? 'processes' : 'max_workers';
    let workers = maxWorkers(ctx, pool, sizeName);
    // Sized by a parameter whose default is past the burst (`max_workers: int = 50`): callers
    // that leave it out, the usual case, get that many requests at once. Small defaults stay quiet.
    // Or filled by the file's callers, a call or more up, from an argparse option's default
    // (`--workers`, default 50) or a number they pass: the largest size found.
    const byDefault: (Partial<PassedSize> & { name: string; value: number }) | undefined =
      workers === 'unknown'
        ? (parameterDefault(ctx, pool, sizeName) ?? passedSize(ctx, pool, sizeName))
        : undefined;
    if (byDefault && byDefault.value > MAX_LITERAL_CALLS) {
      workers = byDefault.value;
    }
    if (workers === 'unknown' || (typeof workers === 'number' && workers <= MAX_BOUNDED_WORKERS)) {
      continue;
    }
    const name = executorName(ctx, pool);
    if (!name) {
      continue;
    }
    const withStatement = kindOf(up(pool)) === 'as_pattern' ? ancestorOfType(pool, 'with_statement') : null;
    const scope = withStatement ?? scopeOf(pool);
    const methods = mpPool
      ? 'map|imap|imap_unordered|starmap|map_async|starmap_async|apply_async'
      : 'map|submit';
    const useRe = new RegExp(`(?:^|[^\\w.])${escapeRegExp(name)}\\s*\\.\\s*(${methods})\\s*\\(`, 'g');
    for (const u of ctx.scan(useRe, pool.startIndex, endOf(scope))) {
      const call = callAtToken(ctx, u.index + u[0].lastIndexOf(u[1]));
      if (!call) {
        continue;
      }
      const fnArg = positionalArgs(call)[0];
      if (!fnArg) {
        continue;
      }
      let loop: Node | null = null;
      if (u[1] === 'submit' || u[1] === 'apply_async') {
        loop = enclosingLoopOrComprehension(call, scope);
        if (loop && boundedLoop(ctx, loop)) {
          loop = batchesAllSubmitted(ctx, loop, scope);
        }
        if (!loop) {
          continue;
        }
      } else if (
        boundedArray(ctx, unwrap(positionalArgs(call)[1] ?? null), call) ||
        unpackedIntoFixed(ctx, call)
      ) {
        continue;
      }
      const own = reach(ctx, fnArg);
      // `pool.submit(classifier, x)` where `classifier` is a parameter: what the callers pass.
      const r = own.calls.length ? own : (parameterReach(ctx, fnArg) ?? own);
      // `pool.submit(client.messages.create, **kwargs)`: the method itself is the work.
      const direct =
        r.calls.length === 0 &&
        /\bmessages\s*\.\s*(?:create|stream)$/.test(ctx.textOf(fnArg)) &&
        ctx.claudeFile;
      if (r.calls.length || direct) {
        const workersText = byDefault
          ? byDefault.from
            ? `${sizeName}=${byDefault.name}, ${byDefault.from}`
            : `${sizeName}=${byDefault.name}, default ${workers}`
          : mpPool
            ? workers === null
              ? 'no processes (one per CPU core)'
              : `${workers} processes`
            : workers === null
              ? 'no max_workers (up to 32 threads)'
              : `max_workers=${workers}`;
        const found: Source = direct
          ? { node: loop ?? call, kind: 'loop', reach: r, element: fnArg }
          : { node: loop ?? call, kind: loop ? 'loop' : 'map-builtin', reach: r };
        emitExecutor(
          ctx,
          report,
          call,
          pool,
          u[1] === 'submit' || u[1] === 'apply_async' ? 'submit' : 'map',
          found,
          workers,
          workersText,
          sizeName,
          byDefault?.name,
          byDefault?.who,
        );
      }
    }
  }
}

/**
 * A bounded batch loop (`for x in X[i:i + n]`) inside an unbounded loop over the batches whose
 * body never waits on the futures (`.result()`, `wait`, `as_completed`): every batch is submitted
 * before any is awaited, so the slicing bounds nothing. The outer loop, or null.
 */
function batchesAllSubmitted(ctx: FileContext, inner: Node, scope: Node): Node | null {
  const outer = enclosingLoop(inner, scope);
  const body = outer?.childForFieldName('body');
  if (!outer || !body || boundedLoop(ctx, outer)) {
    return null;
  }
  return /\.\s*result\s*\(|\b(?:wait|as_completed|gather)\s*\(/.test(ctx.textOf(body)) ? null : outer;
}

function emitExecutor(
  ctx: FileContext,
  report: FanoutReport,
  call: Node,
  pool: Node,
  method: string,
  found: Source,
  workers: number | null,
  workersText: string,
  sizeName: string,
  parameter?: string,
  who = 'Callers that keep the default send',
): void {
  const fn = callee(call) ?? call;
  const size = sizeName === 'processes' ? 'give it a few processes' : `set a small ${sizeName}`;
  emit(
    ctx,
    report,
    call,
    fn,
    method === 'map' ? 'executor-map' : 'executor-submit',
    found,
    `${ctx.textOf(fn).length > 30 ? 'The pool' : ctx.textOf(fn)} runs Claude requests with ${workersText}; ${parameter ? 'cap it' : size}. ` +
      (workers !== null && workers > MAX_LITERAL_CALLS
        ? `${parameter ? `${who} ` : ''}${workers} requests at once${parameter ? ',' : ' are'} past the default tier's burst: the Start tier allows 1,000 requests per ` +
          `minute, which may be enforced per second (about ${MAX_LITERAL_CALLS} at once), so they fail with 429s. `
        : `That many requests go out at once and burst past your rate limits with 429s. `) +
      (parameter
        ? `Use ${sizeName}=min(${parameter}, ${Math.min(4, MAX_BOUNDED_WORKERS)}) (or a small default) to cap the concurrency.`
        : `Use ${sizeName}=${Math.min(4, MAX_BOUNDED_WORKERS)} (or another small number) to cap the concurrency.`),
    { constructor: rangeOf(pool), maxWorkers: workers, ...(parameter ? { parameter } : {}) },
  );
}

/**
 * The default of the enclosing function's parameter that sizes the pool
 * (`def run(path, max_workers: int = 50)` … `ThreadPoolExecutor(max_workers=max_workers)`).
 */
function parameterDefault(
  ctx: FileContext,
  pool: Node,
  keyword: string,
): { name: string; value: number } | undefined {
  const params = callParams(pool, ctx.text, true);
  const value = unwrap(params.entries.get(keyword)?.value ?? positionalArgs(pool)[0] ?? null);
  const fn = value && kind(value) === 'identifier' ? enclosingFunction(value) : null;
  const name = value ? ctx.textOf(value) : '';
  for (const p of namedChildren(fn?.childForFieldName('parameters') ?? null)) {
    if (/^(?:typed_)?default_parameter$/.test(kind(p)) && ctx.textOf(p.childForFieldName('name')) === name) {
      const n = numberValue(p.childForFieldName('value'), ctx.text);
      return n === undefined ? undefined : { name, value: n };
    }
  }
  return undefined;
}

/** The pool's max_workers: a number, null (absent/None/len(...)), or 'unknown' (a variable we cannot read). */
function maxWorkers(ctx: FileContext, pool: Node, keyword: string): number | null | 'unknown' {
  const params = callParams(pool, ctx.text, true);
  const value = params.entries.get(keyword)?.value ?? positionalArgs(pool)[0] ?? null;
  if (!value) {
    return params.open ? 'unknown' : null;
  }
  return evalWorkers(ctx, value, 0);
}

function evalWorkers(ctx: FileContext, node: Node, depth: number): number | null | 'unknown' {
  const v = unwrap(node);
  if (!v || depth > 3) {
    return 'unknown';
  }
  const n = numberValue(v, ctx.text);
  if (n !== undefined) {
    return n;
  }
  const text = ctx.textOf(v);
  if (text === 'None') {
    return null;
  }
  if (isCall(v)) {
    const fname = dottedName(callee(v), ctx.text);
    if (fname === 'len') {
      return null;
    }
    if (fname === 'min') {
      const values = positionalArgs(v).map((a) => evalWorkers(ctx, a, depth + 1));
      const nums = values.filter((x): x is number => typeof x === 'number');
      return nums.length ? Math.min(...nums) : 'unknown';
    }
    return 'unknown';
  }
  if (kind(v) === 'identifier') {
    // A module-level constant: WORKERS = 16
    return countValue(ctx, v) ?? 'unknown';
  }
  return 'unknown';
}

/** The name the pool is used through: `with ThreadPoolExecutor() as ex` or `ex = ThreadPoolExecutor()`. */
function executorName(ctx: FileContext, pool: Node): string | null {
  const parent = up(pool);
  if (parent && kind(parent) === 'as_pattern') {
    const alias = parent.childForFieldName('alias');
    return alias ? ctx.textOf(alias).trim() : null;
  }
  if (parent && kind(parent) === 'assignment') {
    const name = dottedName(parent.childForFieldName('left'), ctx.text);
    return name || null;
  }
  return null;
}
