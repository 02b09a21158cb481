import type { ClaudeCall, ClientBinding, FileContext } from '../../lint/context';
import { resolveClient } from '../../lint/facts/clients';
import { callFacts, methodText } from '../callFacts';
import { lang, type Report } from '../rule';
import { MODEL_MAX_OUTPUT, MODEL_NONSTREAMING_TOKENS, NONSTREAMING_MAX_TOKENS } from '../../lint/models';
import { endOf } from '../../lint/syntax';
import { entryNumber, entryString } from '../../lint/facts/arguments';
import type { NonstreamingMaxTokensData } from './data';

/**
 * `nonstreaming-max-tokens`: a non-streaming create with a literal max_tokens over 21,333
 * and no explicit timeout (the SDKs refuse it before sending), or a max_tokens above the
 * model's maximum output when the model literal is known.
 */
export function detect(ctx: FileContext, report: Report<NonstreamingMaxTokensData>): void {
  for (const call of ctx.calls) {
    if (call.method === 'batches.create') {
      continue;
    }
    const entry = call.params.entries.get('max_tokens');
    const value = entryNumber(entry, ctx.text);
    if (!entry || value === undefined) {
      continue;
    }
    const model = entryString(call.params.entries.get('model'), ctx.text);
    const modelMax = model === undefined ? undefined : MODEL_MAX_OUTPUT.get(model);
    const reasons: NonstreamingMaxTokensData['reasons'] = [];
    const guard = Math.min(
      NONSTREAMING_MAX_TOKENS,
      (model === undefined ? undefined : MODEL_NONSTREAMING_TOKENS.get(model)) ?? Infinity,
    );
    if (!isStreaming(ctx, call) && value > guard && !hasTimeout(ctx, call)) {
      reasons.push('nonstreaming-guard');
    }
    if (modelMax !== undefined && value > modelMax) {
      reasons.push('model-max-output');
    }
    if (reasons.length === 0) {
      continue;
    }
    const shown = thousands(value);
    const parts: string[] = [];
    if (reasons.includes('model-max-output')) {
      parts.push(
        `max_tokens ${shown} is above ${model}'s maximum output of ${thousands(modelMax ?? 0)}: ` +
          `the API rejects the request. Lower it to at most ${modelMax}.`,
      );
    }
    if (reasons.includes('nonstreaming-guard')) {
      parts.push(
        `A non-streaming ${methodText(call)} with max_tokens ${shown} and no timeout is refused by the SDK ` +
          `before it is sent ("Streaming is required for operations that may take longer than 10 minutes"). ` +
          `Use ${ctx.python ? 'client.messages.stream(...)' : 'client.messages.stream(...)'}, ` +
          `lower max_tokens to ${thousands(guard)} or less, or pass an explicit timeout.`,
      );
    }
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message: parts.join(' '),
      data: {
        rule: 'nonstreaming-max-tokens',
        language: lang(ctx),
        call: callFacts(ctx, call),
        maxTokens: { start: entry.value.startIndex, end: endOf(entry.value) },
        maxTokensValue: value,
        reasons,
        model,
        modelMaxOutput: modelMax,
        nonstreamingLimit: guard,
      },
    });
  }
}

function isStreaming(ctx: FileContext, call: ClaudeCall): boolean {
  if (call.method === 'stream') {
    return true;
  }
  if (/with_streaming_response/.test(ctx.textOf(call.callee))) {
    return true;
  }
  const stream = call.params.entries.get('stream');
  if (!stream) {
    return false;
  }
  const text = ctx.textOf(stream.value);
  // A literal false is non-streaming; anything else (true, a variable) may stream.
  return !(text === 'false' || text === 'False');
}

/** Whether an explicit timeout applies: per request, on the client, or possibly (unknown client). */
function hasTimeout(ctx: FileContext, call: ClaudeCall): boolean {
  if (call.options.entries.has('timeout') || (call.options !== call.params && call.options.open)) {
    return true;
  }
  if (ctx.python && call.params.open) {
    return true; // **kwargs may carry timeout=
  }
  if (call.client) {
    return clientHasTimeout(ctx, call.client, 0);
  }
  // A client we cannot see: only report when no client in the file sets a timeout.
  return ctx.clients.some(
    (c) => c.vendor === 'anthropic' && (c.options.entries.has('timeout') || c.options.open),
  );
}

function clientHasTimeout(ctx: FileContext, client: ClientBinding, depth: number): boolean {
  if (client.options.entries.has('timeout') || client.options.open) {
    return true;
  }
  if (client.derivedFrom && depth < 3) {
    const base = resolveClient(ctx, client.derivedFrom, client.node.startIndex);
    return base ? clientHasTimeout(ctx, base, depth + 1) : true;
  }
  return false;
}

/** `64000` → `64,000` (toLocaleString goes through ICU and is slow). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
