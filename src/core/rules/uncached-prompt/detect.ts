import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { ParamEntry } from '../../lint/facts/arguments';
import { constantValue, moduleConstant } from '../../lint/facts/constants';
import { repeatedCalls, type Repetition } from '../../lint/facts/repetition';
import { endOf, kind, namedChildren, rangeOf, stringValue, unwrap } from '../../lint/syntax';
import { cacheEffect, TOKENS_PER_CHAR_NOTE, tokensOfChars } from '../adviceCosts';
import { lang, type Report } from '../rule';
import type { CacheTarget, UncachedPromptData } from './data';
import { knownMinimum, minimumCacheable } from './minimums';

/** An estimate under this many times the model's minimum may be below it once counted (the message says so). */
const NEAR_MINIMUM = 1.25;

/** `uncached-prompt`: a large constant system prompt / tool list sent uncached by every call of a loop. */
export function detect(ctx: FileContext, report: Report<UncachedPromptData>): void {
  const seen = new Set<number>();
  for (const r of repeatedCalls(ctx)) {
    const agentLoop = r.kind === 'while' && !r.guarded;
    if ((!r.overData && !agentLoop) || seen.has(r.call.node.startIndex)) {
      continue;
    }
    const params = r.call.params;
    if (params.open || !params.node || /\bcache_control\b/.test(ctx.textOf(r.call.node))) {
      continue;
    }
    const system = part(ctx, params.entries.get('system'));
    const tools = part(ctx, params.entries.get('tools'));
    if (tools === 'dynamic') {
      continue; // tools that vary: nothing constant comes before the per-item text
    }
    const constSystem = system && system !== 'dynamic' ? system : undefined;
    const constTools = tools;
    if (!constSystem && !constTools) {
      continue;
    }
    const chars = (constSystem?.chars ?? 0) + (constTools?.chars ?? 0);
    const prefixTokens = tokensOfChars(chars);
    const written = modelOf(ctx, params.entries.get('model'));
    const model = written ?? namedModel(ctx);
    const minimum = minimumCacheable(model);
    const target = constSystem ? systemTarget(constSystem) : constTools ? toolsTarget(constTools) : undefined;
    if (prefixTokens < minimum || !target) {
      continue;
    }
    seen.add(r.call.node.startIndex);
    const what = [constTools && 'tool definitions', constSystem && 'system prompt']
      .filter(Boolean)
      .join(' and ');
    const effect = model ? cacheEffect(model, prefixTokens) : undefined;
    const tok = prefixTokens.toLocaleString('en-US');
    report({
      start: r.call.callee.startIndex,
      end: endOf(r.call.callee),
      message:
        `The same ~${tok}-token ${what} goes uncached with every call: add cache_control to it. ` +
        `Every call ${describe(r)} sends it ${TOKENS_PER_CHAR_NOTE} with no cache_control, so each call pays ` +
        `for it in full and counts it toward your input-tokens-per-minute limit. Once cached, ~${tok} of each call's input tokens become cache reads after the first call, ` +
        `which do not count toward ITPM` +
        (model && /haiku-3-5|3-5-haiku/.test(model) ? ' (except on Claude Haiku 3.5)' : '') +
        ` and cost a tenth of the input price` +
        (effect
          ? `: per 1,000 calls the prefix costs ~${effect.cached} instead of ~${effect.uncached} on ${effect.family} ` +
            `(list prices as of ${effect.asOf}, one 5-minute cache write included)`
          : '') +
        `. ${written ?? (model ? `${model} (the model this file names)` : 'This model')}'s minimum cacheable prefix is ${minimum.toLocaleString('en-US')} tokens` +
        (prefixTokens < minimum * NEAR_MINIMUM
          ? `, close to this estimate: count the prefix with count_tokens first, since a shorter one is not cached.`
          : '.'),
      data: {
        rule: 'uncached-prompt',
        language: lang(ctx),
        call: rangeOf(r.call.node),
        target,
        prefixTokens,
        model,
      },
    });
  }
}

interface Part {
  entry: ParamEntry;
  /** The value (a literal, or the module-level definition a name resolves to). */
  value: Node;
  /** The value written in the call (the name, when it is one). */
  written: Node;
  chars: number;
  shorthand: boolean;
}

/** A params entry's constant value, 'dynamic' when it is present but not constant, else undefined. */
function part(ctx: FileContext, entry: ParamEntry | undefined): Part | 'dynamic' | undefined {
  if (!entry) {
    return undefined;
  }
  const shorthand = entry.entry.startIndex === entry.value.startIndex && kind(entry.entry) !== 'pair';
  const written = shorthand ? entry.entry : unwrap(entry.value);
  if (!written) {
    return 'dynamic';
  }
  const c = constantValue(ctx, shorthand && kind(written) !== 'identifier' ? null : written);
  if (!c) {
    // JS shorthand `{ system }`: the entry is the name itself.
    const def = shorthand ? moduleConstant(ctx, written) : undefined;
    const v = def ? constantValue(ctx, def) : undefined;
    return v && !/\bcache_control\b/.test(ctx.textOf(v.node))
      ? { entry, value: v.node, written, chars: v.chars, shorthand }
      : 'dynamic';
  }
  if (/\bcache_control\b/.test(ctx.textOf(c.node))) {
    return 'dynamic';
  }
  return { entry, value: c.node, written, chars: c.chars, shorthand };
}

/** A string system prompt is wrapped in a block; a block list gets cache_control on its last block. */
function systemTarget(p: Part): CacheTarget | undefined {
  const k = kind(p.value);
  if (k === 'array' || k === 'list') {
    const last = lastObject(p.value);
    return last
      ? {
          kind: 'last-block',
          block: rangeOf(last),
          what: 'system',
          inCall: p.value.startIndex === p.written.startIndex,
        }
      : undefined;
  }
  return { kind: 'system-string', value: rangeOf(p.written), shorthand: p.shorthand };
}

function toolsTarget(p: Part): CacheTarget | undefined {
  const k = kind(p.value);
  if (k !== 'array' && k !== 'list') {
    return undefined;
  }
  const last = lastObject(p.value);
  return last
    ? {
        kind: 'last-block',
        block: rangeOf(last),
        what: 'tools',
        inCall: p.value.startIndex === p.written.startIndex,
      }
    : undefined;
}

function lastObject(list: Node): Node | undefined {
  const items = namedChildren(list);
  const last = items[items.length - 1];
  return last && (kind(last) === 'object' || kind(last) === 'dictionary') ? last : undefined;
}

function modelOf(ctx: FileContext, entry: ParamEntry | undefined): string | undefined {
  if (!entry) {
    return undefined;
  }
  const v = unwrap(entry.value);
  const direct = stringValue(v, ctx.text);
  if (direct !== undefined || !v || kind(v) !== 'identifier') {
    return direct;
  }
  const def = moduleConstant(ctx, v);
  return def ? stringValue(unwrap(def), ctx.text) : undefined;
}

/**
 * When the call's model is not a literal (a parameter, `args.model`): the Claude model the
 * file names, when every Claude model id written in it has a known minimum — the one with
 * the largest minimum, so the rule still never advises caching a prefix too short for one of them.
 */
function namedModel(ctx: FileContext): string | undefined {
  return ctx.memo('uncached-named-model', () => {
    let best: string | undefined;
    let bestMin = -1;
    for (const m of ctx.scan(/['"`](claude-[a-z0-9][\w.-]*)['"`]/g, 0, ctx.text.length)) {
      const n = knownMinimum(m[1]);
      if (n === undefined) {
        return undefined;
      }
      if (n > bestMin) {
        best = m[1];
        bestMin = n;
      }
    }
    return best;
  });
}

function describe(r: Repetition): string {
  const via = r.viaName ? ` (through ${r.viaName}())` : '';
  switch (r.kind) {
    case 'map':
      return `of this map${via}`;
    case 'comprehension':
      return `of this comprehension${via}`;
    case 'while':
      return `of this loop${via}`;
    default:
      return `of this loop${via}`;
  }
}
