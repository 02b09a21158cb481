import type { ClaudeCall, FileContext } from '../lint/context';
import { argumentList, endOf, rangeOf } from '../lint/syntax';
import type { Span } from '../parse/span';

/** Facts about a Claude API call that fixes can use (carried in finding data). */
export interface CallFacts {
  /** The whole call expression. */
  call: Span;
  /** `client.messages.create` (the callee). */
  callee: Span;
  /** The receiver expression (`client`, `this.client`, `anthropic.Anthropic()`). */
  receiver: Span;
  /** The argument list, parentheses included. */
  args: Span;
  /** JS/TS: the params object literal; Python: absent (params are keyword arguments). */
  params?: Span;
  /** (`parse`: structured outputs, a `create` underneath; no fix rewrites it as one.) */
  method: 'create' | 'stream' | 'batches.create' | 'parse';
}

/** The offsets of a Claude call that fix generators need. */
export function callFacts(ctx: FileContext, call: ClaudeCall): CallFacts {
  const args = argumentList(call.node);
  return {
    call: rangeOf(call.node),
    callee: rangeOf(call.callee),
    receiver: rangeOf(call.receiver),
    args: args ? rangeOf(args) : { start: endOf(call.callee), end: endOf(call.node) },
    params: !ctx.python && call.params.node ? rangeOf(call.params.node) : undefined,
    method: call.method,
  };
}

/** The short method name for messages: `messages.create`, `beta.messages.stream`. */
export function methodText(call: ClaudeCall): string {
  return `${call.beta ? 'beta.' : ''}messages.${call.method}`;
}
