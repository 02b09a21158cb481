import type { Node } from '../parse/treeSitter';
import type { ClaudeCall, FileContext } from './context';
import { argumentList, rangeOf, endOf } from './syntax';
import type { CallFacts } from './types';

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

/** `client.messages.create` as written, for messages. */
export function calleeText(ctx: FileContext, call: ClaudeCall): string {
  return ctx.textOf(call.callee).replace(/\s+/g, '');
}

/** The short method name for messages: `messages.create`, `beta.messages.stream`. */
export function methodText(call: ClaudeCall): string {
  return `${call.beta ? 'beta.' : ''}messages.${call.method}`;
}

/** The language tag used in finding data. */
export function lang(ctx: FileContext): 'js' | 'python' {
  return ctx.python ? 'python' : 'js';
}

/** Shorthand for a node's range. */
export function r(node: Node): { start: number; end: number } {
  return rangeOf(node);
}
