import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { callee, endOf, isCall, kind, positionalArgs, unwrap, up } from '../syntax';
import type { ClaudeCall } from './calls';
import { callGraph, claudeTarget, functionAt, type LocalFunction, siteCall, sitesWithin } from './callGraph';
import {
  ENDPOINT_ASSIGNMENT,
  httpClaudeCalls,
  rawHttpCall,
  sendsAnthropicHeaders,
  throwsOnErrorStatus,
} from './httpClaudeCalls';
import { functionTables } from './functionTables';
import { builtMessagesUrl } from './messagesUrls';
import { callOpeningAt } from './otherClaudeCalls';

/**
 * Claude requests one hop away from where a retry is written, for the rules that care about a
 * request being retried or its errors read (`naive-retry`, `string-matched-error`):
 *
 * - the Messages endpoint built as a urllib `Request("https://api.anthropic.com/v1/messages", …)`
 *   (sent by `urlopen`, which raises `HTTPError` on a 429);
 * - same-file functions that send a raw-HTTP Messages request and raise on an HTTP error
 *   (`if (!res.ok) throw …`, `raise_for_status()`, `urlopen`, axios or an axios/got/ky instance), so a loop around a call of
 *   them retries a 429;
 * - functions picked from a same-file table of functions (`fn = PROVIDERS[name]` then `fn(…)`,
 *   `HANDLERS[name](…)`) where a function of the table reaches Claude.
 *
 * Each is found once per file from text scans and one tree lookup per match (linear).
 */

/**
 * `Request("https://…/v1/messages", …)` (urllib, also `request.Request(…)` after `from urllib import
 * request`), on a same-file name assigned the endpoint, on a URL built to it (see
 * `builtMessagesUrl`: `self._messages_endpoint()`), or on any URL with Anthropic's
 * `anthropic-version` header among its arguments.
 */
function urllibClaudeRequests(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('urllib-claude-requests', () => {
    const out: ClaudeCall[] = [];
    if (
      !ctx.python ||
      (!ctx.text.includes('/v1/messages') && !ctx.text.includes('anthropic-version')) ||
      !/\burlopen\b/.test(ctx.text)
    ) {
      return out;
    }
    const names = new Set<string>();
    for (const m of ctx.scanLines(...ENDPOINT_ASSIGNMENT)) {
      if (!ctx.inCommentOrString(m.index)) {
        names.add(m[1]);
      }
    }
    for (const m of ctx.scan(/(?<![\w.])(?:(?:urllib\.)?request\.)?Request\s*\(/g)) {
      const found = callOpeningAt(ctx, m.index, m.index + m[0].length - 1);
      const first = found ? unwrap(positionalArgs(found.call)[0] ?? null) : null;
      const text = first ? ctx.textOf(first) : '';
      const k = first ? kind(first) : '';
      const endpoint =
        !!found &&
        !!first &&
        ((/string/.test(k) ? /\/v1\/messages['"]$/.test(text) : k === 'identifier' && names.has(text)) ||
          builtMessagesUrl(ctx, first) ||
          sendsAnthropicHeaders(ctx, found.call, first));
      if (!found || !endpoint) {
        continue;
      }
      out.push(rawHttpCall(found.call, found.fn));
    }
    return out;
  });
}

/**
 * Where a urllib Messages request built apart is sent: `req = request.Request(URL, …)` then
 * `with request.urlopen(req, timeout=60) as resp:` later in the same function (a retry loop may
 * hold the `urlopen` and not the `Request`). The first `urlopen(req` after the request, or null.
 */
export function urllibSendOf(ctx: FileContext, call: Node): Node | null {
  if (!ctx.python || !/(?:^|\.)Request$/.test(ctx.textOf(callee(call)))) {
    return null;
  }
  const holder = up(call);
  const left = holder && kind(holder) === 'assignment' ? holder.childForFieldName('left') : null;
  const name = left ? ctx.textOf(left) : '';
  if (!/^[A-Za-z_]\w*$/.test(name)) {
    return null;
  }
  const fn = functionAt(ctx, call.startIndex);
  const send = new RegExp(`(?<![\\w.])(?:[A-Za-z_]\\w*\\.){0,2}urlopen\\s*\\(\\s*${name}\\b`, 'g');
  for (const m of ctx.scan(send, endOf(call), fn ? fn.end : ctx.text.length)) {
    const found = ctx.inCommentOrString(m.index)
      ? null
      : callOpeningAt(ctx, m.index, m.index + m[0].indexOf('('));
    if (found && functionAt(ctx, m.index) === fn) {
      return found.call;
    }
  }
  return null;
}

/** Every raw-HTTP Messages request of the file (`requests.post`, `fetch`, urllib), in text order. */
export function allHttpClaudeCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('all-http-claude-calls', () => {
    const urllib = urllibClaudeRequests(ctx);
    const http = httpClaudeCalls(ctx);
    return urllib.length ? [...http, ...urllib].sort((a, b) => a.node.startIndex - b.node.startIndex) : http;
  });
}

/** Text after an HTTP request that makes an error status raise: a throw, a raise, `raise_for_status()`. */
const RAISES = /\b(?:throw|raise|raise_for_status)\b/;

/**
 * The same-file functions that send a raw-HTTP Messages request and raise on an HTTP error
 * status, with that request: `async function llm(user) { const r = await fetch(URL, …); if (!r.ok)
 * throw new Error(…); … }`, `def _call(…): with urlopen(Request(URL, …)) as resp: …`.
 */
export function httpClaudeHelpers(ctx: FileContext): Map<LocalFunction, ClaudeCall> {
  return ctx.memo('http-claude-helpers', () => {
    const out = new Map<LocalFunction, ClaudeCall>();
    for (const c of allHttpClaudeCalls(ctx)) {
      const fn = functionAt(ctx, c.node.startIndex);
      if (!fn || out.has(fn)) {
        continue;
      }
      const after = ctx.text.slice(endOf(c.node), Math.min(fn.end, endOf(c.node) + 2000));
      if (throwsOnErrorStatus(ctx, c) || RAISES.test(after)) {
        out.set(fn, c);
      }
    }
    // One call further (`translate()` → `llm()`), where no try in the caller catches the error.
    if (out.size) {
      const graph = callGraph(ctx);
      for (const g of graph.functions) {
        if (out.has(g)) {
          continue;
        }
        for (const site of g.sites.slice(0, 64)) {
          const f = (graph.byName.get(site.name) ?? []).find((h) => h !== g && out.has(h));
          const call = f ? siteCall(ctx, site.at) : null;
          if (f && call && !inTryWithin(call, g.node)) {
            out.set(g, out.get(f) as ClaudeCall);
            helperThrough(ctx).set(g, f.name);
            break;
          }
        }
      }
    }
    return out;
  });
}

/** The helper a two-hop raw-HTTP helper sends its request through (`summarise` → `llm`). */
function helperThrough(ctx: FileContext): Map<LocalFunction, string> {
  return ctx.memo('http-claude-helpers-through', () => new Map<LocalFunction, string>());
}

/** Whether a node sits in the body of a try statement inside `boundary`. */
function inTryWithin(node: Node, boundary: Node): boolean {
  let prev: Node = node;
  for (let n = up(node); n && n.startIndex >= boundary.startIndex && n !== boundary; prev = n, n = up(n)) {
    const body = kind(n) === 'try_statement' ? n.childForFieldName('body') : null;
    if (body && body.startIndex <= prev.startIndex && endOf(prev) <= endOf(body)) {
      return true;
    }
  }
  return false;
}

/** A call that runs a same-file function sending a Claude request, reached one hop from the call. */
export interface IndirectClaudeCall {
  /** The call written where a retry may be (`llm(user)`, `fn(model, …)`). */
  node: Node;
  /** The function it runs. */
  fn: LocalFunction;
  /** The Claude request at the end. */
  call: ClaudeCall;
  /** Whether the request is raw HTTP. */
  http: boolean;
  /** The table the function was picked from (`_CALL_FN`), if so. */
  table?: string;
  /** The raw-HTTP helper `fn` sends its request through (`llm`), when it is one call further. */
  through?: string;
}

/**
 * Calls of the file that reach Claude one hop away in a way the call graph does not follow:
 * a call of a raw-HTTP helper (see `httpClaudeHelpers`), and a call of a function picked from a
 * same-file table whose functions reach Claude (SDK or raw HTTP).
 */
export function indirectClaudeCalls(ctx: FileContext): IndirectClaudeCall[] {
  return ctx.memo('indirect-claude-calls', () => {
    const out: IndirectClaudeCall[] = [];
    const helpers = httpClaudeHelpers(ctx);
    const reaches = (fn: LocalFunction): { call: ClaudeCall; http: boolean } | undefined => {
      const h = helpers.get(fn);
      if (h) {
        return { call: h, http: true };
      }
      const r = callGraph(ctx).reach.get(fn);
      return r ? { call: r.calls[0], http: false } : undefined;
    };
    if (helpers.size) {
      for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
        const fn = (callGraph(ctx).byName.get(site.name) ?? []).find(
          (f) => helpers.has(f) && !(f.start <= site.at && site.at < f.end),
        );
        const node = fn && !claudeTarget(ctx, site.name, site.at) ? siteCall(ctx, site.at) : null;
        if (fn && node) {
          const through = helperThrough(ctx).get(fn);
          out.push({
            node,
            fn,
            call: helpers.get(fn) as ClaudeCall,
            http: true,
            ...(through ? { through } : {}),
          });
        }
      }
    }
    // (A table's function reaches Claude through a helper or a Claude call of the file: with
    // neither, no table call can, and its call graph need not be built.)
    for (const use of helpers.size || ctx.calls.length ? tableCalls(ctx) : []) {
      const fn = use.fns.find((f) => reaches(f));
      const r = fn && reaches(fn);
      if (fn && r) {
        out.push({ node: use.node, fn, call: r.call, http: r.http, table: use.table });
      }
    }
    return out;
  });
}

/**
 * Calls through a same-file table of functions: `fn = TABLE[key]` / `fn = TABLE.get(key)` then
 * `fn(…)` in the same function, or `TABLE[key](…)`; the table is a dict or object literal
 * assigned to a name whose values are local functions (`{"anthropic": _call_anthropic, …}`).
 * At most 16 tables and 32 picks a file, so it stays linear.
 */
function tableCalls(ctx: FileContext): Array<{ node: Node; table: string; fns: LocalFunction[] }> {
  const graph = callGraph(ctx);
  if (graph.functions.length === 0) {
    return [];
  }
  const tables = new Map<string, LocalFunction[]>();
  for (const [name, fns] of functionTables(ctx, (n) => graph.byName.has(n))) {
    tables.set(
      name,
      fns.flatMap((f) => graph.byName.get(f) ?? []),
    );
  }
  const out: Array<{ node: Node; table: string; fns: LocalFunction[] }> = [];
  if (tables.size === 0) {
    return out;
  }
  const names = [...tables.keys()].map((n) => n.replace(/\$/g, '\\$')).join('|');
  const re = new RegExp(
    `(?:(?<![\\w$.])([A-Za-z_$][\\w$]*)[ \\t]*=[ \\t]*)?(?<![\\w$.])(${names})[ \\t]*(?:\\[|\\.get\\()`,
    'g',
  );
  let picks = 0;
  for (const m of ctx.scan(re)) {
    if (picks++ >= 32 || ctx.inCommentOrString(m.index)) {
      continue;
    }
    const fns = tables.get(m[2]) as LocalFunction[];
    if (!m[1]) {
      // `TABLE[key](…)`: the subscript is the callee.
      let n = ctx.nodeAt(m.index);
      for (let i = 0; n && !isCall(n) && i < 4; i++) {
        n = up(n);
      }
      const head = n && isCall(n) ? n.childForFieldName('function') : null;
      if (n && head && /^subscript/.test(kind(head)) && ctx.textOf(head).startsWith(m[2])) {
        out.push({ node: n, table: m[2], fns });
      }
      continue;
    }
    // `fn = TABLE[key]`, then the calls of `fn(` up to the end of the function it is in.
    const owner = functionAt(ctx, m.index);
    const end = owner ? owner.end : Math.min(ctx.text.length, m.index + 4000);
    const alias = new RegExp(`(?<![\\w$.])${m[1].replace(/\$/g, '\\$')}[ \\t]*\\(`, 'g');
    for (const c of ctx.scan(alias, m.index + m[0].length, end)) {
      const node = siteCall(ctx, c.index);
      if (node && !ctx.inCommentOrString(c.index)) {
        out.push({ node, table: m[2], fns });
      }
    }
  }
  return out;
}
