import type { FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import type { RetriesDisabledData } from './data';
import type { Node } from '../../parse/treeSitter';
import { endOf, isCall, kind, rangeOf, up } from '../../lint/syntax';
import type { ClientBinding } from '../../lint/context';
import { keyOf } from '../../lint/facts/clients';
import { entryNumber } from '../../lint/facts/arguments';
import { inTestCode } from '../../lint/facts/testCode';
import {
  methodReferences,
  pluggedIntoPackageBase,
  rateLimitsMappedToRetryable,
  retriedByCaller,
  retriesOwnedByComment,
} from '../../lint/facts/retryOwnership';
import { retriesOwnedByNamedFunction } from './namedOwner';

/**
 * `retries-disabled`: a client built with `maxRetries: 0` / `max_retries=0`, or a TS request
 * sent with `{ maxRetries: 0 }`, whose calls in the file have no retry handling of their own
 * (loop, retry library, retry wrapper or decorator, a rate-limit handler that retries, a
 * caller that does), and no comment at the client saying the caller owns retries. Off in
 * test code unless `retriesDisabledInTests` is set: tests turn retries off on purpose.
 */
export function detect(ctx: FileContext, report: Report<RetriesDisabledData>): void {
  const option = ctx.python ? 'max_retries' : 'maxRetries';
  const what = ctx.python ? 'max_retries=0' : 'maxRetries: 0';
  const quietInTests = !ctx.options.retriesDisabledInTests;
  for (const client of ctx.clients) {
    // (no option of that name written in the construction: none set, and its options are not read)
    if (client.vendor !== 'anthropic' || !ctx.textOf(client.node).includes(option)) {
      continue;
    }
    const entry = client.options.entries.get(option);
    if (!entry || entryNumber(entry, ctx.text) !== 0) {
      continue;
    }
    if (quietInTests && inTestCode(ctx, entry.entry.startIndex)) {
      continue;
    }
    const calls = ctx.calls.filter((c) => c.client === client);
    const uses = [...calls.map((c) => c.node), ...methodReferences(ctx, client), ...tokenCounts(ctx, client)];
    if (uses.length === 0 && retriesReenabledPerRequest(ctx, client, option)) {
      continue; // every request goes through `with_options(max_retries=3)`: the SDK's retries are back on
    }
    // (every request retried here: one sent plainly fails at the first 429)
    const retried = uses.filter((u) => retriedByCaller(ctx, u)).length;
    if (
      (retried > 0 && retried === uses.length) ||
      retriesOwnedByComment(ctx, client.node, entry.entry) ||
      retriesOwnedByNamedFunction(ctx, entry.entry, client.key, uses)
    ) {
      continue; // (the last: a comment at the setting names the function the client's requests go through)
    }
    // (a client returned by a factory is used through calls not resolved to it: `self._client.messages.create`)
    const used = calls.length > 0 || (returnedByFactory(client.node) && ctx.calls.some((c) => !c.client));
    if (used && rateLimitsMappedToRetryable(ctx)) {
      continue; // its rate limits become the app's retryable error: the app's retry layer owns them
    }
    if (ctx.calls.length === 0 && uses.length === 0 && returnedByFactory(client.node)) {
      continue; // a module that only builds `return new Anthropic({ maxRetries: 0 })`: its callers, elsewhere, retry
    }
    if (calls.length > 0 && pluggedIntoPackageBase(ctx, client.node, uses)) {
      continue; // a provider class of the app's own framework: its callers, elsewhere, retry or fall back
    }
    report({
      start: entry.entry.startIndex,
      end: endOf(entry.entry),
      message:
        `Retries are off (${what}), so a 429 or 529 fails at once: remove it or retry with back-off. ` +
        `The SDK's default (2 retries) waits for retry-after and backs off on overloads and dropped connections` +
        `${calls.length ? '; the calls through this client here have no retry handling of their own' : ''}. ` +
        `If a caller retries (a queue, a wrapper elsewhere), say so in a comment at the client.`,
      data: {
        rule: 'retries-disabled',
        language: lang(ctx),
        setting: rangeOf(entry.entry),
        value: rangeOf(entry.value),
        client: rangeOf(client.node),
        calls: calls.map((c) => rangeOf(c.node)),
      },
    });
  }
  if (ctx.python) {
    return; // Python requests take no max_retries; `with_options(max_retries=0)` is a client above
  }
  // TS: `client.messages.create(params, { maxRetries: 0 })`, retries off for one request.
  for (const call of ctx.calls) {
    const entry = call.options.entries.get('maxRetries');
    if (!entry || entryNumber(entry, ctx.text) !== 0) {
      continue;
    }
    if (quietInTests && inTestCode(ctx, entry.entry.startIndex)) {
      continue;
    }
    if (
      retriedByCaller(ctx, call.node) ||
      retriesOwnedByComment(ctx, call.node, entry.entry) ||
      retriesOwnedByNamedFunction(ctx, entry.entry, null, [call.node])
    ) {
      continue;
    }
    report({
      start: entry.entry.startIndex,
      end: endOf(entry.entry),
      message:
        'This request turns retries off (maxRetries: 0), so a 429 fails at once: drop it or add back-off. ' +
        'Without it the SDK retries twice, waiting for retry-after; nothing around this call retries instead.',
      data: {
        rule: 'retries-disabled',
        language: lang(ctx),
        setting: rangeOf(entry.entry),
        value: rangeOf(entry.value),
        client: rangeOf(call.node),
        calls: [rangeOf(call.node)],
      },
    });
  }
}

/**
 * The client's token-counting requests (`client.messages.countTokens(...)`,
 * `client.messages.count_tokens(...)`): rate-limited too, so a loop that retries them
 * (waiting for retry-after) takes over the retries the client turned off.
 */
function tokenCounts(ctx: FileContext, client: ClientBinding): Node[] {
  const out: Node[] = [];
  if (client.key === null) {
    return out;
  }
  for (const m of ctx.scanFromHint(/\bmessages\s*\.\s*(?:countTokens|count_tokens)\s*\(/y, /\bmessages/g)) {
    const call = ctx.root.descendantForIndex(m.index, m.index + m[0].length);
    if (!call || !isCall(call) || ctx.inCommentOrString(m.index)) {
      continue;
    }
    const head = ctx.text.slice(call.startIndex, m.index).replace(/\s*\.\s*(?:beta\s*\.\s*)?$/, '');
    if (head.replace(/\s+/g, '').replace(/^(?:self|cls)\./, 'this.') === client.key) {
      out.push(call);
    }
  }
  return out;
}

/**
 * Whether the client is used only through derived clients that turn retries back on
 * (`client.with_options(max_retries=3).messages.create(...)`, `client.withOptions({ maxRetries: 2 })`):
 * at least one such derivation, and none that keeps them off (one without the option inherits 0).
 */
function retriesReenabledPerRequest(ctx: FileContext, client: ClientBinding, option: string): boolean {
  if (client.key === null) {
    return false;
  }
  const derived = ctx.clients.filter((d) => d.derivedFrom && keyOf(ctx, d.derivedFrom) === client.key);
  return (
    derived.length > 0 &&
    derived.every((d) => {
      const entry = d.options.entries.get(option);
      return !!entry && entryNumber(entry, ctx.text) !== 0; // (a name: as the rule, only a literal 0 counts)
    })
  );
}

/**
 * Whether a client construction is what a factory function returns (`return new
 * Anthropic({...})`, `() => new Anthropic({...})`): built for callers in other files.
 */
function returnedByFactory(node: Node): boolean {
  let n = up(node);
  while (
    n &&
    (kind(n) === 'parenthesized_expression' || kind(n) === 'await_expression' || kind(n) === 'as_expression')
  ) {
    n = up(n);
  }
  return !!n && (kind(n) === 'return_statement' || kind(n) === 'arrow_function');
}
