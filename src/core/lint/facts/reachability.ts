import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  callee,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  lastSegment,
  namedChildren,
  positionalArgs,
  unwrap,
  kind,
  kindOf,
  endOf,
} from '../syntax';
import { assignedValues } from './functions';
import { callsItsParameter } from './perItem';
import type { ClaudeCall } from './calls';
import { callsWithin } from './calls';
import { callGraph, claudeTarget, functionAt, passedParams, siteCall, sitesWithin } from './callGraph';
import { isLimited } from './limiters';
import { allHttpClaudeCalls } from './httpHelpers';
import { importedClaudeCalls } from './importedClaudeCalls';
import type { LocalFunction } from './callGraph';

/** What a fan-out element reaches: Claude calls that run without a limit. */
export interface Reach {
  calls: ClaudeCall[];
  /** The same-file function followed, if any. */
  followed?: string;
  /** The function that makes the calls (inline callback or followed function). */
  callback?: Node;
}

/**
 * The unlimited Claude calls an expression makes when it is evaluated once per item:
 * calls written inside it, and calls inside same-file functions it calls (up to two local
 * calls deep, from the file's call graph). A call under a limiter (between it and `expr`,
 * or inside a followed function) does not count.
 */
export function reach(ctx: FileContext, expr: Node): Reach {
  const inline = callsWithin(ctx, expr).filter((c) => !isLimited(ctx, c.node, expr));
  if (inline.length > 0) {
    return { calls: inline, callback: FUNCTION_TYPES.has(kind(expr)) ? expr : undefined };
  }
  // A bare reference: `.map(summarize)`, `executor.map(summarize, items)`.
  const ref = unwrap(expr);
  const refKind = kindOf(ref);
  if (ref && (refKind === 'identifier' || refKind === 'member_expression' || refKind === 'attribute')) {
    const name = lastSegment(dottedName(ref, ctx.text));
    return (
      (name && follow(ctx, name, expr.startIndex)) ||
      (refKind === 'identifier' && ctx.python && partialReach(ctx, ref, expr)) ||
      (name && sentFollow(ctx, name, expr.startIndex, expr, 'http')) ||
      (name && sentFollow(ctx, name, expr.startIndex, expr, 'imported')) || { calls: [] }
    );
  }
  // `pool.map(partial(grade, judge=ask), rows)`: the partial made in place.
  const partial = ctx.python && ref && isCall(ref) ? partialCallReach(ctx, ref) : undefined;
  if (partial) {
    return partial;
  }
  // Calls to same-file functions inside the expression: `x => summarize(x)`, `summarize(x) for x in xs`.
  for (const site of sitesWithin(ctx, expr.startIndex, endOf(expr))) {
    const target = claudeTarget(ctx, site.name, site.at);
    if (!target) {
      continue;
    }
    const call = siteCall(ctx, site.at);
    if (!call || isLimited(ctx, call, expr)) {
      continue;
    }
    const followed = follow(ctx, site.name, site.at);
    if (followed) {
      return followed;
    }
  }
  // The function it sits in, called again per item (`Promise.all(chunks.map((c) => label(c)))` in
  // `label`, which asks Claude once a list is small enough): each element makes its request.
  for (const site of sitesWithin(ctx, expr.startIndex, endOf(expr))) {
    const own = functionAt(ctx, site.at);
    const r = own && own.name === site.name && !site.method ? callGraph(ctx).reach.get(own) : undefined;
    const call = r ? siteCall(ctx, site.at) : null;
    if (own && r && call && !isLimited(ctx, call, expr)) {
      return { calls: r.calls, followed: [own.name, ...r.via].join('() → '), callback: own.node };
    }
  }
  return sentReach(ctx, expr, 'http') ?? sentReach(ctx, expr, 'imported') ?? { calls: [] };
}

/**
 * Requests the SDK calls of this file do not show, by how they are sent: raw HTTP to the
 * Messages endpoint (`fetch('…/v1/messages', …)`, `requests.post(URL, …)`), or a function of
 * another module of the project that calls Claude (see `importedClaudeCalls`).
 */
type Sent = 'http' | 'imported';

function sentCalls(ctx: FileContext, by: Sent): ClaudeCall[] {
  return by === 'http' ? allHttpClaudeCalls(ctx) : importedClaudeCalls(ctx);
}

/**
 * The requests of one kind (see `Sent`) an expression makes once per item: written in it, or in a
 * same-file function it calls, up to two local calls deep. Not under a limiter, nor (raw HTTP)
 * each sent with the item's own API key.
 */
function sentReach(ctx: FileContext, expr: Node, by: Sent): Reach | undefined {
  const sent = sentCalls(ctx, by);
  if (sent.length === 0) {
    return undefined;
  }
  const end = endOf(expr);
  const inline = sent.filter(
    (c) =>
      c.node.startIndex >= expr.startIndex &&
      endOf(c.node) <= end &&
      !isLimited(ctx, c.node, expr) &&
      !(by === 'http' && keyOfItem(ctx, c, expr)),
  );
  if (inline.length > 0) {
    return { calls: inline, callback: FUNCTION_TYPES.has(kind(expr)) ? expr : undefined };
  }
  for (const site of sitesWithin(ctx, expr.startIndex, end)) {
    const r = sentFollow(ctx, site.name, site.at, expr, by);
    if (r) {
      return r;
    }
  }
  return undefined;
}

/** A same-file function of that name (not the one the site is in) that sends such a request (see `sentReach`). */
function sentFollow(ctx: FileContext, name: string, site: number, expr: Node, by: Sent): Reach | undefined {
  const senders = sendersOf(ctx, by);
  if (senders.size === 0) {
    return undefined;
  }
  for (const fn of callGraph(ctx).byName.get(name) ?? []) {
    const found = senders.get(fn);
    if (found && !(fn.start <= site && site < fn.end)) {
      const call = siteCall(ctx, site);
      if (call && (isLimited(ctx, call, expr) || keyFromItem(ctx, call, found.keyParam, expr))) {
        return undefined;
      }
      // (another module's function is named last: `explain() → ask()`)
      const last = found.call.imported ? [found.call.imported.name] : [];
      return {
        calls: [found.call],
        followed: [fn.name, ...found.via, ...last].join('() → '),
        callback: fn.node,
      };
    }
  }
  return undefined;
}

/** A function that sends a request of one kind (see `sendersOf`). */
interface Sender {
  call: ClaudeCall;
  /** The local functions followed to the request. */
  via: string[];
  /** Raw HTTP: the position of the parameter that carries the request's API key down to it, if one does. */
  keyParam?: number;
}

/**
 * The position of the parameter a raw-HTTP request sends as its API key (`'x-api-key': key`),
 * among its function's parameters (`self`/`cls` not counted). Reads the request's first 2,000 characters.
 */
function keyParameter(ctx: FileContext, call: ClaudeCall, params: readonly string[]): number | undefined {
  const text = ctx.text.slice(call.node.startIndex, Math.min(endOf(call.node), call.node.startIndex + 2000));
  const key = /['"]?x-api-key['"]?\s*:\s*([A-Za-z_$][\w$]*)\b/i.exec(text);
  const index = key ? passedParams(params).indexOf(key[1]) : -1;
  return index >= 0 ? index : undefined;
}

/**
 * Whether the key a per-item call hands down to its request comes from the item
 * (`keys.map(({ provider, key }) => validateKey(provider, key))`): each request is sent with
 * its own key, a key check or a per-tenant call, not one shared budget fanned out.
 */
function keyFromItem(ctx: FileContext, call: Node, keyParam: number | undefined, expr: Node): boolean {
  if (keyParam === undefined || !FUNCTION_TYPES.has(kind(expr))) {
    return false;
  }
  const arg = positionalArgs(call)[keyParam];
  const bound = new Set(callbackParameterNames(ctx, expr));
  // (and the callback's own locals before the call: `const decrypted = decrypt(key.secret)`)
  const before = ctx.text.slice(expr.startIndex, call.startIndex);
  for (const m of before.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/g)) {
    bound.add(m[1]);
  }
  return !!arg && (ctx.textOf(arg).match(/[A-Za-z_$][\w$]*/g) ?? []).some((n) => bound.has(n));
}

/** Inline: the request in the per-item callback sends a key the callback is given (`(key) => fetch(…, { 'x-api-key': key })`). */
function keyOfItem(ctx: FileContext, call: ClaudeCall, expr: Node): boolean {
  if (!FUNCTION_TYPES.has(kind(expr))) {
    return false;
  }
  return keyParameter(ctx, call, callbackParameterNames(ctx, expr)) !== undefined;
}

/**
 * Every name a callback's parameter list writes, destructured ones included (`({ provider, key })`;
 * type names too, which no argument reads).
 */
function callbackParameterNames(ctx: FileContext, fn: Node): string[] {
  const params = ctx.textOf(fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter'));
  return params.match(/[A-Za-z_$][\w$]*/g) ?? [];
}

/**
 * The same-file functions that send a request of one kind (see `Sent`) themselves (outside a
 * limiter) or through at most two more local calls, with the request, the functions followed and
 * (raw HTTP) the parameter that carries its API key down, when one does.
 */
function sendersOf(ctx: FileContext, by: Sent): Map<LocalFunction, Sender> {
  return ctx.memo(`reach-senders:${by}`, () => {
    const out = new Map<LocalFunction, Sender>();
    const sent = sentCalls(ctx, by);
    if (sent.length === 0) {
      return out;
    }
    for (const call of sent) {
      const fn = functionAt(ctx, call.node.startIndex);
      if (fn && !out.has(fn) && !isLimited(ctx, call.node, fn.node)) {
        const keyParam = by === 'http' ? keyParameter(ctx, call, fn.params) : undefined;
        out.set(fn, { call, via: [], keyParam });
      }
    }
    const graph = callGraph(ctx);
    for (let depth = 1; depth <= 2; depth++) {
      const found: Array<[LocalFunction, Sender]> = [];
      for (const g of graph.functions) {
        if (out.has(g)) {
          continue;
        }
        for (const site of g.sites.slice(0, 64)) {
          const f = (graph.byName.get(site.name) ?? []).find(
            (h) => h !== g && out.get(h)?.via.length === depth - 1,
          );
          const call = f ? siteCall(ctx, site.at) : null;
          if (f && call && !isLimited(ctx, call, g.node)) {
            const r = out.get(f)!;
            // (the key handed down from one of g's own parameters, or fixed here)
            const arg = r.keyParam === undefined ? undefined : positionalArgs(call)[r.keyParam];
            const index = arg ? passedParams(g.params).indexOf(ctx.textOf(arg)) : -1;
            found.push([
              g,
              { call: r.call, via: [f.name, ...r.via], ...(index >= 0 && { keyParam: index }) },
            ]);
            break;
          }
        }
      }
      for (const [g, r] of found) {
        out.set(g, r);
      }
    }
    return out;
  });
}

/**
 * A name last assigned `functools.partial(f, ...)` before `expr` (`process_fn = partial(process_record,
 * evaluate_fn=evaluate)`): it reaches what `f` reaches, or what a function handed to it reaches
 * (the partial's call with every argument read as in `f(...)`).
 */
function partialReach(ctx: FileContext, ref: Node, expr: Node): Reach | undefined {
  const values = assignedValues(ctx, ctx.textOf(ref), 0, expr.startIndex);
  return partialCallReach(ctx, unwrap(values[values.length - 1] ?? null));
}

/** What a `functools.partial(f, ...)` call reaches (see `partialReach`); undefined for other values. */
function partialCallReach(ctx: FileContext, value: Node | null): Reach | undefined {
  if (!value || !isCall(value) || !/^(?:functools\.)?partial$/.test(dottedName(callee(value), ctx.text))) {
    return undefined;
  }
  const [target] = positionalArgs(value);
  const own = target ? reach(ctx, target) : undefined;
  if (own?.calls.length) {
    return own;
  }
  // (a function handed to it by name: `evaluate_fn=evaluate_with_claude`)
  for (const a of namedChildren(value.childForFieldName('arguments'))) {
    const v = unwrap(kind(a) === 'keyword_argument' ? a.childForFieldName('value') : a);
    if (
      v &&
      v.startIndex !== target?.startIndex &&
      kind(v) === 'identifier' &&
      callsItsParameter(ctx, value, v)
    ) {
      const r = follow(ctx, ctx.textOf(v), v.startIndex);
      if (r) {
        return r;
      }
    }
  }
  return undefined;
}

/** Whether the text of a node calls a same-file function that makes Claude calls. */
export function callsClaudeFunction(ctx: FileContext, node: Node): boolean {
  return sitesWithin(ctx, node.startIndex, endOf(node)).some((s) => !!claudeTarget(ctx, s.name, s.at));
}

function follow(ctx: FileContext, name: string, site: number): Reach | undefined {
  const target = claudeTarget(ctx, name, site);
  if (!target) {
    return undefined;
  }
  const via = [target.fn.name, ...target.reach.via];
  return { calls: target.reach.calls, followed: via.join('() → '), callback: target.fn.node };
}
