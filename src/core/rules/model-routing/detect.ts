import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { entryNumber, type ParamEntry } from '../../lint/facts/arguments';
import { constantValue, moduleConstant } from '../../lint/facts/constants';
import { importsName } from '../../lint/facts/imports';
import { perItemCalls, type PerItem } from '../../lint/facts/perItem';
import { requestParams } from '../../lint/facts/httpBody';
import { endOf, kind, numberValue, rangeOf, stringValue, unwrap } from '../../lint/syntax';
import { literalTokens, perThousandCalls, TOKENS_PER_CHAR_NOTE } from '../adviceCosts';
import { lang, type Report } from '../rule';
import type { ModelRoutingData } from './data';

/**
 * The largest `max_tokens` treated as classification- or extraction-sized: a label, a score,
 * a yes/no, a few extracted fields or a short JSON object (about 190 English words). Longer
 * outputs (summaries, drafts, code) are where a frontier model's quality is the point.
 */
export const MAX_ROUTING_TOKENS = 256;

/** The model the fix routes to. */
export const ROUTE_TO = 'claude-haiku-4-5';

/**
 * First-party Opus and Sonnet ids (`claude-opus-4-6`, `claude-sonnet-4-5-20250929`,
 * `claude-3-5-sonnet-latest`). Bedrock (`anthropic.claude-…:0`) and Vertex (`…@2025…`) ids
 * are left alone: their Haiku id differs per platform and region.
 */
const FRONTIER = /^claude-(?:[\d-]*)(opus|sonnet)\b[\w.-]*$/;

/**
 * A model setting named for judging or ranking others' output (`RANKING_MODEL`, `JUDGE_MODEL`,
 * `grader_model`): a short verdict, but the larger model is chosen for its judgement.
 */
const JUDGE_ROLE = /rank|judge|grader|grading|critic|evaluator/i;

/** `model-routing`: Opus/Sonnet called once per item with a classification-sized max_tokens. */
export function detect(ctx: FileContext, report: Report<ModelRoutingData>): void {
  const seen = new Set<number>();
  // (also through a retry loop and same-file callers: `for row in rows: ask(row)` → `for attempt in range(5): create(...)`)
  for (const r of perItemCalls(ctx, true)) {
    if (!r.overData || r.kind === 'while' || seen.has(r.call.node.startIndex)) {
      continue;
    }
    // (a raw-HTTP request's params are its JSON body: `fetch(URL, { body: JSON.stringify({ model, … }) })`)
    const params = requestParams(ctx, r.call);
    const entries = params.entries;
    const modelEntry = entries.get('model');
    const maxTokens = tokensOf(ctx, entries.get('max_tokens'));
    if (!modelEntry || maxTokens === undefined || maxTokens > MAX_ROUTING_TOKENS || maxTokens <= 0) {
      continue;
    }
    const shorthand =
      modelEntry.entry.startIndex === modelEntry.value.startIndex && kind(modelEntry.entry) !== 'pair';
    const value = shorthand ? modelEntry.entry : unwrap(modelEntry.value);
    const literalId = value ? modelIdOf(ctx, value) : undefined;
    // (an imported constant whose value is in another module: its name is the evidence, `MODEL_OPUS`)
    const named = value && literalId === undefined ? importedTier(ctx, value) : undefined;
    const modelId = literalId ?? named?.tier;
    if (!value || !modelId || (!named && !FRONTIER.test(modelId))) {
      continue;
    }
    if (kind(value) === 'identifier' && JUDGE_ROLE.test(ctx.textOf(value))) {
      continue; // a model set for judging others' output (`RANKING_MODEL`): its judgement is the point
    }
    // (The request's text is read after its model: most per-item calls name no larger model.)
    if (constantRequest(ctx, entries)) {
      continue; // the same text every time (a rate-limit header probe, a warm-up): it classifies nothing
    }
    if (opaqueRequest(ctx, entries)) {
      continue; // conversations read whole from data: the file writes no task, so nothing says it is a label
    }
    seen.add(r.call.node.startIndex);
    const inputTokens = literalTokens(ctx, params.node ?? r.call.node);
    const price = named ? undefined : perThousandCalls(modelId, ROUTE_TO, inputTokens, maxTokens);
    const where = describe(r);
    const reason =
      `classification-sized output (max_tokens ${maxTokens}) ${where}` +
      (price
        ? `: ${price.target} costs ~${price.to} vs ~${price.from} on ${price.family} per 1,000 calls`
        : '');
    const from = named ? `\`${named.name}\` (named for ${named.tier})` : `\`${modelId}\``;
    // (the first of these that fits in 100 characters; a long constant name gives way to its tier)
    const first =
      [
        `A ${maxTokens}-token answer per item from ${from}: consider Claude Haiku 4.5 for this call.`,
        `A ${maxTokens}-token answer per item from ${from}: consider Claude Haiku 4.5.`,
      ].find((t) => t.length <= 100) ??
      `A ${maxTokens}-token answer per item from ${named ? `a model named for ${named.tier}` : from}: consider Claude Haiku 4.5.`;
    report({
      start: r.call.callee.startIndex,
      end: endOf(r.call.callee),
      message:
        `${first} ` +
        `Output capped at max_tokens ${maxTokens} ${where} is classification- or extraction-sized, an answer ` +
        `that Haiku 4.5 usually gets right too.` +
        (price
          ? ` Per 1,000 calls: ~${price.from} on ${price.family} now, ~${price.to} on Haiku 4.5 ` +
            `(list prices as of ${price.asOf}; ~${inputTokens.toLocaleString('en-US')} input tokens of literal request ` +
            `text ${TOKENS_PER_CHAR_NOTE} plus up to ${maxTokens} output tokens per call; each item's own text adds to both).`
          : '') +
        (named
          ? ` \`${named.name}\` is imported: its value is not in this file, and the name is what says ${named.tier}.`
          : '') +
        ` Haiku 4.5 also draws on its own rate limits, not ${price?.family ?? named?.tier ?? 'this model'}'s. ` +
        `Check a sample of its answers before switching.`,
      data: {
        rule: 'model-routing',
        language: lang(ctx),
        call: rangeOf(r.call.node),
        model: rangeOf(value),
        shorthand,
        modelId,
        ...(named ? { namedFor: true as const } : {}),
        maxTokens,
        target: ROUTE_TO,
        reason,
      },
    });
  }
}

function describe(r: PerItem): string {
  const chain = r.outer && r.outer !== r.viaName ? `${r.outer}() and ${r.viaName}` : r.viaName;
  const via = chain ? ` (through ${chain}())` : '';
  switch (r.kind) {
    case 'map':
      return `once per item of a map${via}`;
    case 'comprehension':
      return `once per item of a comprehension${via}`;
    default:
      return `once per item of a loop${via}`;
  }
}

/** A literal max_tokens, or a same-file numeric constant. */
function tokensOf(ctx: FileContext, entry: Parameters<typeof entryNumber>[0]): number | undefined {
  const n = entryNumber(entry, ctx.text);
  if (n !== undefined || !entry) {
    return n;
  }
  const v = unwrap(entry.value);
  const def = v && kind(v) === 'identifier' ? moduleConstant(ctx, v) : undefined;
  return def ? numberValue(def, ctx.text) : undefined;
}

/** The tiers a model setting's name can say, as the message writes them. */
const TIERS: Record<string, 'Opus' | 'Sonnet' | 'Haiku'> = { opus: 'Opus', sonnet: 'Sonnet', haiku: 'Haiku' };

/**
 * The tier an imported model constant is named for (`MODEL_OPUS`, `OPUS_MODEL`, `CLAUDE_SONNET_4`,
 * `opusModel`): Opus or Sonnet, when the name says exactly one tier. Its value lives in another
 * module the linter does not read, so the name is the only evidence; a name that says no tier
 * (`DEFAULT_MODEL`), two (`OPUS_OR_HAIKU`) or Haiku says nothing to route.
 */
function importedTier(ctx: FileContext, value: Node): { name: string; tier: 'Opus' | 'Sonnet' } | undefined {
  if (kind(value) !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(value);
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/);
  const tiers = new Set(words.map((w) => TIERS[w]).filter((t) => t !== undefined));
  const [tier] = tiers;
  if (tiers.size !== 1 || tier === 'Haiku' || !tier || !importsName(ctx, name)) {
    return undefined;
  }
  return { name, tier };
}

/** The model id a value names: a string literal or a module-level string constant. */
function modelIdOf(ctx: FileContext, value: Node): string | undefined {
  const direct = stringValue(value, ctx.text);
  if (direct !== undefined || kind(value) !== 'identifier') {
    return direct;
  }
  const def = moduleConstant(ctx, value);
  return def ? stringValue(unwrap(def), ctx.text) : undefined;
}

/**
 * A request whose messages (and system prompt, if any) are constants written in the file:
 * `messages=[{"role": "user", "content": "."}]` sent once per item to read the rate-limit
 * headers. Its answer cannot depend on the item, so it is no per-item classification.
 */
function constantRequest(ctx: FileContext, entries: Map<string, ParamEntry>): boolean {
  const messages = entries.get('messages');
  const system = entries.get('system');
  return (
    !!messages && !!constantValue(ctx, messages.value) && (!system || !!constantValue(ctx, system.value))
  );
}

/**
 * A request whose messages are handed over whole from data (`for messages in batch:
 * create(messages=messages)`, a line of a JSONL file) with no instruction of the file's own
 * (no system text, no message built here): what the model is asked, and so whether the
 * short answer is a label, is not in the code.
 */
function opaqueRequest(ctx: FileContext, entries: Map<string, ParamEntry>): boolean {
  const messages = unwrap(entries.get('messages')?.value ?? null);
  if (!messages || kind(messages) !== 'identifier' || entries.has('system')) {
    return false;
  }
  const name = ctx.textOf(messages).replace(/\$/g, '\\$');
  // Built in the file: `messages = [{"role": ...}]`, `messages.append({...})`, `messages.push({ role })`.
  return !new RegExp(
    `(?<![\\w$.])${name}\\s*(?::[^=\\n]*)?=\\s*[[{]|(?<![\\w$.])${name}\\s*\\.\\s*(?:append|push|extend|insert)\\s*\\(\\s*[[{]|\\bdef\\s+\\w+\\s*\\([^)]*\\b${name}\\b`,
  ).test(ctx.text);
}
