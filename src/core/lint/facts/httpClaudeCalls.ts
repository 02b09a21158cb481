import type { FileContext } from '../context';
import { kind, lastSegment, positionalArgs, unwrap } from '../syntax';
import type { ClaudeCall } from './calls';
import { callOpeningAt } from './otherClaudeCalls';

/**
 * A name assigned a string ending in the endpoint, with the tail it cannot match without (see
 * `FileContext.scanLines`: tried at every offset, the pattern alone costs more than the rest
 * of the analysis of a large file).
 */
export const ENDPOINT_ASSIGNMENT: [RegExp, RegExp] = [
  /([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{0,40})?=[ \t]*[fF]?(['"`])[^'"`\n]{0,200}?\/v1\/messages\2/g,
  /\/v1\/messages/g,
];

/**
 * The Messages API called over raw HTTP, for the rules that care about a request being
 * retried or its errors read (`naive-retry`, `string-matched-error`):
 * `requests.post("https://api.anthropic.com/v1/messages", ...)`, `httpx.post(URL, ...)`,
 * `session.post(...)`, `axios.post(...)`, `fetch(URL, {...})`. Recognised only by the
 * endpoint: the first argument is a string ending in `/v1/messages` (not `/v1/messages/batches`,
 * not `count_tokens`), or a same-file name assigned one. Files without the text `/v1/messages`
 * are not read further. Found once per file.
 */
export function httpClaudeCalls(ctx: FileContext): ClaudeCall[] {
  return ctx.memo('http-claude-calls', () => {
    const out: ClaudeCall[] = [];
    if (!ctx.text.includes('/v1/messages')) {
      return out;
    }
    // `ANTHROPIC_URL = "https://api.anthropic.com/v1/messages"`, `const url = \`${base}/v1/messages\``.
    const names = new Set<string>();
    for (const m of ctx.scanLines(...ENDPOINT_ASSIGNMENT)) {
      if (!ctx.inCommentOrString(m.index)) {
        names.add(m[1]);
      }
    }
    for (const m of ctx.scan(/\b(?:post|fetch)\s*\(/g)) {
      const found = callOpeningAt(ctx, m.index, m.index + m[0].length - 1);
      if (!found) {
        continue;
      }
      const { call, fn } = found;
      const first = unwrap(positionalArgs(call)[0] ?? null);
      if (!first || !isMessagesEndpoint(ctx.textOf(first), kind(first), names)) {
        continue;
      }
      const empty = { node: null, entries: new Map(), open: false };
      out.push({
        node: call,
        callee: fn,
        receiver: fn,
        method: 'create',
        beta: false,
        params: empty,
        options: empty,
        client: null,
      });
    }
    return out;
  });
}

/** A URL argument naming the Messages endpoint: a string ending in it, or a name assigned one. */
function isMessagesEndpoint(text: string, k: string, names: Set<string>): boolean {
  if (/string|template/.test(k)) {
    return /\/v1\/messages['"`]$/.test(text);
  }
  return (
    (k === 'identifier' || k === 'attribute' || k === 'member_expression') && names.has(lastSegment(text))
  );
}
