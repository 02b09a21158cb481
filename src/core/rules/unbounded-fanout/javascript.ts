import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import {
  MAX_BOUNDED_WORKERS,
  MAX_LITERAL_CALLS,
  FanoutReport,
  Source,
  fanoutMessage,
  filledCollection,
  emit,
  callAtToken,
  boundedArray,
  poolSizedByParameter,
  chunkListNote,
  lengthOf,
} from './fanout';
import { reach } from '../../lint/facts/reachability';
import { thunkParameterReach } from './thunks';
import {
  callee,
  dottedName,
  isCall,
  isMember,
  memberObject,
  memberProperty,
  namedChildren,
  positionalArgs,
  unwrap,
  kind,
} from '../../lint/syntax';

const JS_REMEDY =
  "Cap the concurrency with p-limit (const limit = pLimit(5); items.map((x) => limit(() => ...))) or p-map's concurrency option.";

/** `Promise.all`/`allSettled`/`any`/`race` over a map, a push loop, `Array.from` or a literal list. */
export function jsPromiseCombinators(ctx: FileContext, report: FanoutReport): void {
  for (const m of ctx.scanFromHint(/\bPromise\s*\.\s*(all|allSettled|any|race)\s*\(/y, /\bPromise/g)) {
    const call = callAtToken(ctx, m.index);
    if (!call) {
      continue;
    }
    const arg = unwrap(positionalArgs(call)[0] ?? null);
    if (!arg) {
      continue;
    }
    const found = jsSource(ctx, arg, call);
    if (found) {
      const fn = callee(call) ?? call;
      const name = `Promise.${m[1]}`;
      emit(ctx, report, call, fn, 'promise-combinator', found, fanoutMessage(name, found, JS_REMEDY));
    }
  }
}

/**
 * Local names of promise mappers whose concurrency is unbounded unless an options object sets
 * `concurrency`: p-map's default export (`import pMap from 'p-map'`, `require('p-map')`) and
 * Bluebird's `Promise.map` / `Bluebird.map`.
 */
function mapperNames(ctx: FileContext): string[] {
  return ctx.memo('unbounded-mappers', () => {
    const out: string[] = [];
    // (each pattern matches only where its module's name is written: most files name neither)
    const text = ctx.text;
    const matches = (module: string, re: RegExp): Iterable<RegExpExecArray> =>
      text.includes(module) ? text.matchAll(re) : [];
    for (const m of matches(
      'p-map',
      /\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+['"]p-map['"]|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\s*\(\s*['"]p-map['"]\s*\)/g,
    )) {
      out.push((m[1] ?? m[2]) as string);
    }
    for (const m of matches(
      'bluebird',
      /\bimport\s+([A-Za-z_$][\w$]*)\s+from\s+['"]bluebird['"]|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\s*\(\s*['"]bluebird['"]\s*\)/g,
    )) {
      out.push(`${m[1] ?? m[2]}.map`);
    }
    return out;
  });
}

/**
 * `pMap(items, mapper)` / `Bluebird.map(items, mapper)` with no `concurrency` option: both run
 * every mapper at once by default (p-map's concurrency defaults to Infinity).
 */
export function jsPromiseMappers(ctx: FileContext, report: FanoutReport): void {
  const names = mapperNames(ctx);
  if (names.length === 0) {
    return;
  }
  for (const name of names) {
    const re = new RegExp(`(?<![\\w$.])${name.replace(/[$.]/g, (c) => `\\${c}`)}\\s*\\(`, 'g');
    for (const m of ctx.scan(re)) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      const call = callAtToken(ctx, m.index);
      const [items, mapper, options] = call ? positionalArgs(call) : [];
      if (!call || !items || !mapper || boundedArray(ctx, unwrap(items), call)) {
        continue;
      }
      // Any `concurrency` written (a number, a constant, a setting) is a cap; `Infinity` is not.
      if (
        options &&
        /\bconcurrency\b(?!\s*:\s*(?:Infinity|Number\.POSITIVE_INFINITY)\b)/.test(ctx.textOf(options))
      ) {
        continue;
      }
      const r = reach(ctx, mapper);
      if (r.calls.length === 0) {
        continue;
      }
      const found: Source = { node: call, kind: 'map', reach: r };
      const fn = callee(call) ?? call;
      emit(
        ctx,
        report,
        call,
        fn,
        'promise-combinator',
        found,
        fanoutMessage(
          `${name}() with no concurrency option`,
          found,
          `Pass { concurrency: 5 } (or another small number) as its third argument.`,
        ),
      );
    }
  }
}

function jsSource(ctx: FileContext, arg: Node, combinator: Node): Source | null {
  if (isCall(arg)) {
    const fn = callee(arg);
    const method = isMember(fn) ? ctx.textOf(memberProperty(fn)) : '';
    if ((method === 'map' || method === 'flatMap') && isMember(fn)) {
      const array = unwrap(memberObject(fn));
      const callback = positionalArgs(arg)[0];
      if (!callback) {
        return null;
      }
      // Array.from(...).map(...) and items.map(...); thunks.map((fn) => fn()) in a generic helper.
      // (Whether the callback reaches Claude is asked first: most maps do not, and it is the cheaper question.)
      const r = reach(ctx, callback);
      const via = r.calls.length ? r : thunkParameterReach(ctx, array, callback);
      return via && !boundedArray(ctx, array, combinator)
        ? { node: arg, kind: 'map', reach: via, itemNote: chunkListNote(ctx, array, combinator) }
        : null;
    }
    if (dottedName(fn, ctx.text) === 'Array.from') {
      const [source, callback] = positionalArgs(arg);
      const length = lengthOf(ctx, source ?? null);
      const r = callback ? reach(ctx, callback) : null;
      if (
        !r?.calls.length ||
        (length !== undefined && length <= MAX_BOUNDED_WORKERS) ||
        (length === undefined && poolSizedByParameter(ctx, source ?? null)) ||
        boundedArray(ctx, unwrap(source ?? null), combinator)
      ) {
        return null; // no Claude call, a fixed pool (Array.from({ length: 4 }, worker)), one its caller sizes, or a small array
      }
      return { node: arg, kind: 'array-from', reach: r };
    }
    return null;
  }
  if (kind(arg) === 'array') {
    const elements = namedChildren(arg);
    if (elements.length === 1 && kind(elements[0]) === 'spread_element') {
      const inner = unwrap(namedChildren(elements[0])[0] ?? null);
      return inner ? jsSource(ctx, inner, combinator) : null;
    }
    const reaching = elements.map((el) => ({ el, r: reach(ctx, el) })).filter((x) => x.r.calls.length > 0);
    if (reaching.length > MAX_LITERAL_CALLS) {
      return {
        node: arg,
        kind: 'literal',
        reach: { calls: reaching.flatMap((x) => x.r.calls) },
      };
    }
    return null;
  }
  if (kind(arg) === 'identifier') {
    return jsFilledArray(ctx, arg, combinator);
  }
  return null;
}

/** `promises` built by `.map(...)` or by `promises.push(...)` in a loop, before the combinator. */
function jsFilledArray(ctx: FileContext, id: Node, combinator: Node): Source | null {
  return filledCollection(ctx, id, combinator, (v) => jsSource(ctx, v, combinator), 'push', 'push-loop');
}
