import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import {
  type CallSite,
  type LocalFunction,
  claudeTarget,
  functionAt,
  siteCall,
  sitesWithin,
} from '../../lint/facts/callGraph';
import { reach, type Reach } from '../../lint/facts/reachability';
import { assignedValues } from '../../lint/facts/functions';
import { callee, FUNCTION_TYPES, kind, namedChildren, positionalArgs, unwrap } from '../../lint/syntax';

/**
 * A generic helper that starts every thunk it is given at once, `Promise.allSettled(thunks.map((fn) => fn()))`,
 * where `thunks` is a parameter: what the thunks reach is what the file's callers pass for it
 * (`runChunks(chunks.map((c) => () => summarise(c)))`). The first caller whose argument
 * reaches a Claude call decides; undefined when the callback does not run its item or no
 * caller in the file passes Claude work.
 */
export function thunkParameterReach(ctx: FileContext, array: Node | null, callback: Node): Reach | undefined {
  const list = unwrap(array);
  if (!list || kind(list) !== 'identifier' || !runsItsItem(ctx, callback)) {
    return undefined;
  }
  const helper = functionAt(ctx, list.startIndex);
  const index = helper ? helper.params.indexOf(ctx.textOf(list)) : -1;
  if (!helper || index < 0) {
    return undefined;
  }
  for (const site of sitesByName(ctx).get(helper.name) ?? []) {
    if (helper.start <= site.at && site.at < helper.end) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    let arg = call ? unwrap(positionalArgs(call)[index] ?? null) : null;
    if (arg && kind(arg) === 'identifier') {
      // `const thunks = chunks.map(...)` then `runAll(thunks)`: the value it was last given.
      const values = assignedValues(ctx, ctx.textOf(arg), functionAt(ctx, site.at)?.start ?? 0, site.at);
      arg = values[values.length - 1] ?? arg;
    }
    const r = arg ? reach(ctx, arg) : undefined;
    if (r && r.calls.length) {
      return r; // each item is a thunk its caller built: it reaches Claude as the argument does
    }
    const passed = arg ? passedFunction(ctx, arg) : undefined;
    if (passed) {
      return passed;
    }
  }
  return undefined;
}

/**
 * A same-file function that reaches Claude, handed on as a value inside the thunks
 * (`() => withHalving(chunk, cardsForChunk)`): the thunk runs it through the helper.
 */
function passedFunction(ctx: FileContext, arg: Node): Reach | undefined {
  for (const m of ctx.textOf(arg).matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$])(?!\s*\()/g)) {
    const target = claudeTarget(ctx, m[1], arg.startIndex);
    if (target) {
      return { calls: target.reach.calls, followed: [target.fn.name, ...target.reach.via].join('() → ') };
    }
  }
  return undefined;
}

/** Whether a `.map` callback calls its own item: `(fn) => fn()`, `async (task) => await task()`. */
function runsItsItem(ctx: FileContext, callback: Node): boolean {
  if (!FUNCTION_TYPES.has(kind(callback))) {
    return false;
  }
  const params = callback.childForFieldName('parameters') ?? callback.childForFieldName('parameter');
  const first = params ? (kind(params) === 'identifier' ? params : namedChildren(params)[0]) : null;
  const name = first ? ctx.textOf(first.childForFieldName('pattern') ?? first) : '';
  const body = callback.childForFieldName('body');
  if (!name || !body) {
    return false;
  }
  const run = unwrap(kind(body) === 'await_expression' ? (namedChildren(body)[0] ?? null) : body);
  const text = ctx.textOf(run ? callee(run) : null);
  return text === name;
}

/** The file's local call sites by name (read once). */
export function sitesByName(ctx: FileContext): Map<string, CallSite[]> {
  return ctx.memo('call-sites-by-name', () => {
    const map = new Map<string, CallSite[]>();
    for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
      const list = map.get(site.name) ?? [];
      list.push(site);
      map.set(site.name, list);
    }
    return map;
  });
}

/** The most same-file callers read for what a parameter is given (keeps a fan-out's cost bounded). */
export const MAX_CALLERS = 16;

/**
 * What a callable parameter reaches, read from the file's callers: `evaluate(X, y, classify)`
 * for `def evaluate(X, y, classifier)` … `pool.submit(classifier, x)`. The first caller (of
 * at most 16) whose argument at that position, or keyword, reaches a Claude call decides.
 */
export function parameterReach(ctx: FileContext, ref: Node): Reach | undefined {
  const id = unwrap(ref);
  if (!id || kind(id) !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(id);
  const helper = functionAt(ctx, id.startIndex);
  const index = helper ? helper.params.indexOf(name) : -1;
  if (!helper || index < 0) {
    return undefined;
  }
  for (const { arg } of callerArguments(ctx, helper, name)) {
    const r = arg ? reach(ctx, arg) : undefined;
    if (r && r.calls.length) {
      return r;
    }
  }
  return undefined;
}

/**
 * What the file's callers of a local function (at most `MAX_CALLERS`, calls inside it left out)
 * pass for one of its parameters, by keyword or position (`self`/`cls` not counted): the
 * argument, or null when a caller leaves it out.
 */
export function* callerArguments(
  ctx: FileContext,
  helper: LocalFunction,
  name: string,
): Generator<{ at: number; arg: Node | null }> {
  const index = helper.params.indexOf(name);
  const position = /^(?:self|cls)$/.test(helper.params[0] ?? '') ? index - 1 : index;
  let read = 0;
  for (const site of sitesByName(ctx).get(helper.name) ?? []) {
    if (helper.start <= site.at && site.at < helper.end) {
      continue;
    }
    if (read++ >= MAX_CALLERS) {
      break;
    }
    const call = siteCall(ctx, site.at);
    const keyword = namedChildren(call?.childForFieldName('arguments') ?? null).find(
      (a) => kind(a) === 'keyword_argument' && ctx.textOf(a.childForFieldName('name')) === name,
    );
    yield {
      at: site.at,
      arg: unwrap(keyword?.childForFieldName('value') ?? positionalArgs(call)[position] ?? null),
    };
  }
}
