import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  callee,
  endOf,
  firstNamedChild,
  isCall,
  kind,
  lastSegment,
  positionalArgs,
  stringValue,
  unwrap,
  up,
} from '../syntax';
import { callGraph, functionAt } from './callGraph';
import { lastAssignedValue } from './functions';

/** A string literal (or f-string, template) whose text ends in the Messages endpoint's path. */
const ENDS_IN_ENDPOINT = /\/v1\/messages\/?['"`]$/;

/** How many steps (a name's value, a function's return) a URL is followed through. */
const MAX_DEPTH = 2;

/** How many same-named functions, and how many `return`s in each, are read for one call. */
const MAX_FUNCTIONS = 4;
const MAX_RETURNS = 16;

/**
 * Whether a URL expression is built, in this file, to the Messages endpoint: a string or
 * f-string/template ending in `/v1/messages` (`f"{self.base_url}/v1/messages"`), a concatenation
 * ending in it (`base + "/v1/messages"`), `urljoin(base, "/v1/messages")`, a name assigned one
 * of these (in the same function, or at the top level), or a call of a same-file function or
 * method any of whose `return`s gives one (`self._messages_endpoint()` returning
 * `f"{self.base_url}/v1/messages"`). Followed at most two steps; each function is read once
 * per depth.
 */
export function builtMessagesUrl(ctx: FileContext, url: Node | null): boolean {
  return messagesUrlVia(ctx, url) !== undefined;
}

/**
 * How a URL is built to the Messages endpoint (see `builtMessagesUrl`): `''` when written where
 * it is used, else the function that returns it (`self._messages_endpoint() (line 42)`);
 * undefined when it is not built to the endpoint here.
 */
export function messagesUrlVia(ctx: FileContext, url: Node | null, depth = 0): string | undefined {
  const v = unwrap(url);
  if (!v || depth > MAX_DEPTH) {
    return undefined;
  }
  const k = kind(v);
  if (/string|template/.test(k)) {
    return ENDS_IN_ENDPOINT.test(ctx.textOf(v)) ? '' : undefined;
  }
  if (k === 'binary_operator' || k === 'binary_expression') {
    const right = unwrap(v.childForFieldName('right'));
    return ctx.textOf(v.childForFieldName('operator')) === '+' &&
      !!right &&
      /string|template/.test(kind(right)) &&
      ENDS_IN_ENDPOINT.test(ctx.textOf(right))
      ? ''
      : undefined;
  }
  if (isCall(v)) {
    const fn = callee(v);
    const name = fn ? ctx.textOf(fn) : '';
    if (lastSegment(name) === 'urljoin') {
      const path = stringValue(unwrap(positionalArgs(v)[1] ?? null), ctx.text);
      return path !== undefined && /^\/?v1\/messages\/?$/.test(path) ? '' : undefined;
    }
    const line = /^(?:(?:self|this)\.)?[A-Za-z_$][\w$]*$/.test(name)
      ? returnsMessagesUrl(ctx, lastSegment(name), depth + 1)
      : undefined;
    return line === undefined ? undefined : `${name}() (line ${line})`;
  }
  if (k === 'identifier') {
    const value = lastAssignedValue(ctx, ctx.textOf(v), 0, v.startIndex);
    const here = functionAt(ctx, v.startIndex);
    const there = value ? functionAt(ctx, value.startIndex) : undefined;
    // (the name's value in the same function, or a top-level one: not another function's local)
    return value && (!there || there === here) ? messagesUrlVia(ctx, value, depth + 1) : undefined;
  }
  return undefined;
}

/**
 * The line (1-based) of a same-file function of that name that returns a URL built to the
 * Messages endpoint (see `messagesUrlVia`), or undefined.
 */
function returnsMessagesUrl(ctx: FileContext, name: string, depth: number): number | undefined {
  if (depth > MAX_DEPTH) {
    return undefined;
  }
  return ctx.memo(`messages-url-returned:${name}:${depth}`, () => {
    for (const fn of (callGraph(ctx).byName.get(name) ?? []).slice(0, MAX_FUNCTIONS)) {
      let read = 0;
      for (const m of ctx.scan(/\breturn\b/g, fn.start, fn.end)) {
        if (read++ >= MAX_RETURNS) {
          break;
        }
        if (ctx.inCommentOrString(m.index) || functionAt(ctx, m.index) !== fn) {
          continue;
        }
        let ret: Node | null = ctx.nodeAt(m.index);
        for (let i = 0; ret && i < 2 && kind(ret) !== 'return_statement'; i++) {
          ret = up(ret);
        }
        const value = ret && kind(ret) === 'return_statement' ? firstNamedChild(ret) : null;
        if (value && endOf(value) <= fn.end && messagesUrlVia(ctx, value, depth) !== undefined) {
          return ctx.lines.lineAt(fn.nameAt) + 1;
        }
      }
    }
    return undefined;
  });
}
