import type { FileContext } from '../context';
import { callee, endOf, isCall, positionalArgs, unwrap, up } from '../syntax';
import type { Node } from '../../parse/treeSitter';
import { callParams, objectParams, type ParamSet } from './arguments';
import { callAt, type ClaudeCall } from './calls';
import { sticky } from '../scanCache';
import { resolveClient } from './clients';

/**
 * Claude requests that are not Messages calls written out, for the rules that care about a
 * request being retried rather than its parameters (`naive-retry`): the legacy Text
 * Completions API on an Anthropic client (`anthropic_client.completions.create(prompt=…)`),
 * and the Messages resource reached by name (`getattr(client, "messages").create(…)`,
 * `getattr(client, name).create(…)`). The receiver must be an Anthropic client built in the
 * file (or, for getattr, a name in a file that calls Claude). Found once per file.
 */
export function otherClaudeCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('other-claude-calls', () => {
    const out: ClaudeCall[] = langchainCalls(ctx);
    if (!ctx.imports.anthropic) {
      return out;
    }
    out.push(...parseCalls(ctx));
    for (const m of ctx.scan(
      /(?:(?<![\w$])getattr\s*\(\s*[\w$.]+\s*,[^()\n]{1,80}\)|\.\s*completions)\s*\.\s*(create|stream)\s*\(/g,
    )) {
      const found = callOpeningAt(ctx, m.index, m.index + m[0].length - 1);
      if (!found) {
        continue;
      }
      const { call, fn } = found;
      const viaGetattr = m[0].startsWith('getattr');
      // `X.completions.create` -> X; `getattr(X, name).create` -> X.
      const holder = fn.childForFieldName('object');
      const receiver = viaGetattr
        ? unwrap(positionalArgs(holder)[0] ?? null)
        : unwrap(holder?.childForFieldName('object') ?? null);
      const receiverName = receiver ? ctx.textOf(receiver) : '';
      if (
        !viaGetattr &&
        (/(?:^|\.)(?:chat|beta)$/.test(receiverName) || /openai|\boai\b/i.test(receiverName))
      ) {
        continue; // OpenAI's chat.completions
      }
      const client = receiver ? resolveClient(ctx, receiver, call.startIndex) : null;
      const anthropic = client ? client.vendor === 'anthropic' : viaGetattr && ctx.claudeFile;
      if (!receiver || !anthropic) {
        continue;
      }
      const first = unwrap(positionalArgs(call)[0] ?? null);
      const params: ParamSet = ctx.python
        ? callParams(call, ctx.text, true)
        : first
          ? objectParams(first, ctx.text)
          : { node: null, entries: new Map(), open: false };
      out.push({
        node: call,
        callee: fn,
        receiver,
        method: m[1] === 'stream' ? 'stream' : 'create',
        beta: false,
        params,
        options: ctx.python ? params : { node: null, entries: new Map(), open: false },
        client,
      });
    }
    // (in text order: `legacyWithin` looks them up by offset)
    return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
  });
}

/**
 * Structured outputs: `client.messages.parse(…)` / `client.beta.messages.parse(…)` (the SDK sends
 * a Messages request and parses the reply against a schema), held to the same tests as a
 * `messages.create` (an Anthropic client, or an unresolved one in a file that calls Claude).
 * (Read as `create` calls by `naive-retry` and `nonstreaming-max-tokens`: `parse` is `create`
 * underneath in both SDKs, the non-streaming refusal included.)
 */
export function parseCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('parse-calls', () => {
    const out: ClaudeCall[] = [];
    if (!ctx.imports.anthropic) {
      return out;
    }
    for (const m of ctx.scanFromHint(MESSAGES_PARSE_AT, /\bmessages/g)) {
      const call = callAt(ctx, m.index, m.index + m[0].length - 1, 'create');
      if (call) {
        out.push(call);
      }
    }
    return out;
  });
}

/** `messages.parse(` (also `?.`, `!.`, type arguments), tried at the line-local matches of `messages`. */
const MESSAGES_PARSE_AT = sticky(/\bmessages\s*(?:\?\.|!?\.)\s*parse\s*(?:<[^()]*?>\s*)?\(/g);

/**
 * LangChain's `ChatAnthropic` (Python `langchain_anthropic`, JS `@langchain/anthropic`) asked for a
 * reply: `self.llm.ainvoke([...])`, `await model.invoke(prompt)`, `llm.stream(...)` on a name
 * assigned `ChatAnthropic(...)` in the file (matched by its last segment). Each is a Messages request through the SDK (LangChain passes its retries on to it).
 */
function langchainCalls(ctx: FileContext): ClaudeCall[] {
  const out: ClaudeCall[] = [];
  if (!ctx.text.includes('ChatAnthropic') || !/langchain[_-]anthropic|@langchain\/anthropic/.test(ctx.text)) {
    return out;
  }
  const names = new Set<string>();
  for (const m of ctx.scan(
    /([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{0,60})?=[ \t]*(?:new[ \t]+)?ChatAnthropic[ \t]*\(/g,
  )) {
    names.add(m[1]);
  }
  for (const m of ctx.scan(/([\w$]+)[ \t]*(?:\)[ \t]*)?\.[ \t]*(?:a?invoke|a?stream)[ \t]*\(/g)) {
    if (!names.has(m[1])) {
      continue;
    }
    const found = callOpeningAt(ctx, m.index, m.index + m[0].length - 1);
    if (!found) {
      continue;
    }
    const empty = { node: null, entries: new Map(), open: true };
    out.push({
      node: found.call,
      callee: found.fn,
      receiver: found.fn.childForFieldName('object') ?? found.fn,
      method: /stream/.test(m[0]) ? 'stream' : 'create',
      beta: false,
      params: empty,
      options: empty,
      client: null,
    });
  }
  return out;
}

/**
 * The call whose argument list opens at `paren` (a scan match ending in `(` at `matchAt`),
 * with its callee; null when the match is in a comment or string, or the `(` is not a
 * call's own (it belongs to an argument).
 */
export function callOpeningAt(
  ctx: FileContext,
  matchAt: number,
  paren: number,
): { call: Node; fn: Node } | null {
  let call = ctx.nodeAt(paren);
  for (let i = 0; call && !isCall(call) && i < 3; i++) {
    call = up(call);
  }
  const fn = call && isCall(call) ? callee(call) : null;
  if (!call || !fn || endOf(fn) > paren || ctx.inCommentOrString(matchAt)) {
    return null;
  }
  return { call, fn };
}
