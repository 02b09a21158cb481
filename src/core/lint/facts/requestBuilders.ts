import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { callee, endOf, isCall, kind, namedChildren, positionalArgs, up } from '../syntax';
import type { ClaudeCall } from './calls';
import { functionAt, type LocalFunction } from './callGraph';
import { httpClaudeCalls, rawHttpCall } from './httpClaudeCalls';
import { callOpeningAt } from './otherClaudeCalls';

/**
 * Raw-HTTP Messages requests built by one function and sent by another, for the rules that care
 * about a request being retried (`naive-retry`): a same-file builder returns the endpoint in an
 * object (`function anthropicRequest(q, key) { return { url: 'https://api.anthropic.com/v1/messages',
 * init: {...} } }`, or an arrow in a provider table, `build: (q, key) => ({ url: '…/v1/messages', … })`),
 * called by its name or through the key of an object literal holding it (`buildRequest:
 * anthropicRequest` … `provider.buildRequest(q, key, model)`), and the function that destructures
 * the URL from it sends it (`const { url, init } = provider.buildRequest(…); await fetchImpl(url, …)`).
 * A table with no Claude builder gives no sender. Found once per file from the lines naming the
 * endpoint and the whole-word occurrences of the names (at most 8 builders, 16 keys, 32 builder
 * calls), each match read with one tree lookup.
 */

/**
 * `url: 'https://…/v1/messages'` (also a quoted Python key): a property whose value is the endpoint,
 * read on the lines that name it (see `FileContext.scanLines`).
 */
const ENDPOINT_PROPERTY: [RegExp, RegExp] = [
  /(?<![\w$])['"]?([A-Za-z_$][\w$]*)['"]?[ \t]*:[ \t]*[fF]?(['"`])https?:\/\/[^'"`\s]*\/v1\/messages\2/g,
  /\/v1\/messages/g,
];
/** The key an object literal holds a name under, read back from the name (`buildRequest: ` before `anthropicRequest`). */
const KEY_BEFORE = /['"]?([A-Za-z_$][\w$]*)['"]?[ \t]*:[ \t]*$/;

/** A function sending a request another function built: the send, and the builder call's callee (`provider.buildRequest`). */
export interface BuiltRequestSend {
  call: ClaudeCall;
  builder: string;
}

/** The same-file functions that send a Messages request another function built, with that send. */
export function builtRequestSenders(ctx: FileContext): Map<LocalFunction, BuiltRequestSend> {
  return ctx.memo('built-request-senders', () => {
    const out = new Map<LocalFunction, BuiltRequestSend>();
    if (!ctx.text.includes('/v1/messages')) {
      return out;
    }
    // The builders and the key their object gives the endpoint (`url`).
    const builders = new Map<LocalFunction, string>();
    const direct = new Set(httpClaudeCalls(ctx).map((c) => c.node.startIndex));
    for (const m of ctx.scanLines(...ENDPOINT_PROPERTY)) {
      if (builders.size >= 8 || ctx.inCommentOrString(m.index)) {
        continue;
      }
      const fn = functionAt(ctx, m.index);
      if (fn && !builders.has(fn) && !sendsItself(fn, direct)) {
        builders.set(fn, m[1]);
      }
    }
    if (builders.size === 0) {
      return out;
    }
    // The names a builder is called by: its own, and the keys of object literals holding it.
    const text = ctx.text;
    const keys = new Map<string, string>();
    for (const [fn, field] of builders) {
      keys.set(fn.name, field);
      for (const at of ctx.wordsOf(fn.name)) {
        const after = text.slice(at + fn.name.length, at + fn.name.length + 8);
        const key = /^[ \t]*[,}\n]/.test(after)
          ? KEY_BEFORE.exec(text.slice(Math.max(0, at - 80), at))
          : null;
        if (key && keys.size < 16 && !ctx.inCommentOrString(at)) {
          keys.set(key[1], field);
        }
      }
    }
    // The calls of those names (`provider.buildRequest(`, `anthropicRequest(`), at most 32.
    const calls: Array<{ at: number; paren: number; field: string }> = [];
    for (const [key, field] of keys) {
      for (const at of ctx.wordsOf(key)) {
        const paren = /^[ \t]*\(/.exec(text.slice(at + key.length, at + key.length + 8));
        if (paren && calls.length < 32) {
          calls.push({ at, paren: at + key.length + paren[0].length - 1, field });
        }
      }
    }
    for (const { at, paren, field } of calls) {
      const found = callOpeningAt(ctx, at, paren);
      const sender = found ? functionAt(ctx, at) : undefined;
      if (!found || !sender || builders.has(sender) || out.has(sender)) {
        continue;
      }
      const url = urlName(ctx, found.call, field);
      const send = url
        ? sendOf(ctx, url, endOf(found.call), Math.min(sender.end, endOf(found.call) + 4000))
        : null;
      if (send) {
        out.set(sender, { call: rawHttpCall(send, callee(send) ?? send), builder: ctx.textOf(found.fn) });
      }
    }
    return out;
  });
}

/** Whether a function sends a raw-HTTP Messages request itself (a direct request, not a builder). */
function sendsItself(fn: LocalFunction, direct: Set<number>): boolean {
  for (const at of direct) {
    if (fn.start <= at && at < fn.end) {
      return true;
    }
  }
  return false;
}

/**
 * The text a builder call's URL is read by: `url` from `const { url, init } = b(…)` (`endpoint`
 * from `{ url: endpoint }`), `req.url` from `const req = b(…)`; undefined otherwise.
 */
function urlName(ctx: FileContext, call: Node, field: string): string | undefined {
  let n: Node | null = up(call);
  for (let i = 0; n && i < 3 && kind(n) === 'await_expression'; i++) {
    n = up(n);
  }
  if (!n || !/^(?:variable_declarator|assignment_expression|assignment)$/.test(kind(n))) {
    return undefined;
  }
  const left = n.childForFieldName('name') ?? n.childForFieldName('left');
  if (!left) {
    return undefined;
  }
  if (kind(left) === 'identifier') {
    return `${ctx.textOf(left)}.${field}`;
  }
  if (kind(left) !== 'object_pattern') {
    return undefined;
  }
  for (const part of namedChildren(left)) {
    if (kind(part) === 'shorthand_property_identifier_pattern' && ctx.textOf(part) === field) {
      return field;
    }
    const key = part.childForFieldName('key');
    const value = part.childForFieldName('value');
    if (
      kind(part) === 'pair_pattern' &&
      key &&
      value &&
      ctx.textOf(key) === field &&
      kind(value) === 'identifier'
    ) {
      return ctx.textOf(value);
    }
  }
  return undefined;
}

/** The first call between two offsets whose first argument is exactly `url` (`fetchImpl(url, {...})`). */
function sendOf(ctx: FileContext, url: string, from: number, to: number): Node | null {
  const re = new RegExp(`\\([ \\t\\n]*${url.replace(/[.$]/g, (c) => `\\${c}`)}[ \\t\\n]*[,)]`, 'g');
  for (const m of ctx.scan(re, from, to)) {
    let call = ctx.nodeAt(m.index);
    for (let i = 0; call && !isCall(call) && i < 3; i++) {
      call = up(call);
    }
    const first = call && isCall(call) ? positionalArgs(call)[0] : undefined;
    if (call && first && ctx.textOf(first) === url && !ctx.inCommentOrString(m.index)) {
      return call;
    }
  }
  return null;
}
