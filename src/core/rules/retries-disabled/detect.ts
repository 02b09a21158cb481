import type { FileContext } from '../../lint/context';
import { lang, type Report } from '../rule';
import { hasOwnRetryHandling } from '../../lint/facts/retryLibraries';
import type { RetriesDisabledData } from './data';
import { endOf, rangeOf } from '../../lint/syntax';
import { entryNumber } from '../../lint/facts/arguments';

/**
 * `retries-disabled`: a client built with `maxRetries: 0` / `max_retries=0` whose calls in
 * the file have no retry handling of their own (loop, retry library, retry wrapper).
 */
export function detect(ctx: FileContext, report: Report<RetriesDisabledData>): void {
  const option = ctx.python ? 'max_retries' : 'maxRetries';
  for (const client of ctx.clients) {
    if (client.vendor !== 'anthropic') {
      continue;
    }
    const entry = client.options.entries.get(option);
    if (!entry || entryNumber(entry, ctx.text) !== 0) {
      continue;
    }
    const calls = ctx.calls.filter((c) => c.client === client);
    if (calls.some((c) => hasOwnRetryHandling(ctx, c.node))) {
      continue;
    }
    const what = ctx.python ? 'max_retries=0' : 'maxRetries: 0';
    report({
      start: entry.entry.startIndex,
      end: endOf(entry.entry),
      message:
        `This client is built with ${what}, so every 429, 529 or dropped connection fails at once instead of ` +
        `being retried with the SDK's back-off that honours retry-after${calls.length ? ', and its calls here have no retry handling of their own' : ''}. ` +
        `Remove ${what} (the default is 2 retries) or wrap the calls in a retry with back-off.`,
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
}
