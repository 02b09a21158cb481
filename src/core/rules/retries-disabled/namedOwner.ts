import type { FileContext } from '../../lint/context';
import type { Node } from '../../parse/treeSitter';
import { escapeRegExp } from '../../parse/escapeRegExp';
import {
  callee,
  contains,
  endOf,
  isCall,
  kind,
  lastSegment,
  dottedName,
  positionalArgs,
  up,
} from '../../lint/syntax';

/**
 * Whether a comment on the `maxRetries: 0` / `max_retries=0` line, or on the line right above
 * it, names a function the file calls with the client or around its requests: `maxRetries: 0,
 * // リトライは createMessageWithRetry で制御する` with `createMessageWithRetry(client, {...})`
 * below. In any language, the comment says where retries are controlled, and the code agrees.
 * A function merely imported or named "retry" is not enough: the comment must name it.
 *
 * @param key the client's name (`client`, `this.client`), or null for a per-request setting
 * @param requests the client's requests (or the one request) in the file
 */
export function retriesOwnedByNamedFunction(
  ctx: FileContext,
  entry: Node,
  key: string | null,
  requests: readonly Node[],
): boolean {
  for (const name of namesInComment(ctx, entry)) {
    for (const m of ctx.scan(new RegExp(`(?<![\\w$])${escapeRegExp(name)}\\s*\\(`, 'g'))) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      const call = callNamed(ctx, m.index, name);
      if (
        call &&
        (requests.some((r) => contains(call, r)) ||
          (key !== null && positionalArgs(call).some((a) => ctx.textOf(a).replace(/\s+/g, '') === key)))
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Function names written in the comments on the entry's line and the line above it, in code
 * form: followed by `(`, or with an inner capital or underscore (`createMessageWithRetry`,
 * `call_with_backoff`), so plain words ("retries", "create") are not names.
 */
function namesInComment(ctx: FileContext, entry: Node): Set<string> {
  const text = ctx.text;
  const lineStart = text.lastIndexOf('\n', entry.startIndex - 1) + 1;
  const from = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : 0;
  const lineEnd = text.indexOf('\n', endOf(entry));
  const to = lineEnd === -1 ? text.length : lineEnd;
  const out = new Set<string>();
  for (const m of ctx.scan(/(?:\/\/|#|\/\*)[^\n]*/g, from, to)) {
    const node = ctx.nodeAt(m.index);
    if (!node || kind(node) !== 'comment') {
      continue;
    }
    for (const n of m[0].matchAll(/(?<![\w$])[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\s*\(|)/g)) {
      const name = lastSegment(n[0].replace(/\s*\($/, ''));
      if (n[0].endsWith('(') || /[a-z0-9][A-Z]|[a-z0-9]_[a-z]/.test(name)) {
        out.add(name);
      }
    }
  }
  return out;
}

/** The call at `offset` whose callee is `name` (or `obj.name`). */
function callNamed(ctx: FileContext, offset: number, name: string): Node | null {
  let n: Node | null = ctx.root.descendantForIndex(offset, offset + name.length);
  for (let i = 0; n && i < 5; i++, n = up(n)) {
    if (isCall(n)) {
      return lastSegment(dottedName(callee(n), ctx.text)) === name ? n : null;
    }
  }
  return null;
}
