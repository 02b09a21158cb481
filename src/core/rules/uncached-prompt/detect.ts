import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { ParamEntry } from '../../lint/facts/arguments';
import { constantValue, moduleConstant } from '../../lint/facts/constants';
import { repeatedCalls, type Repetition } from '../../lint/facts/repetition';
import {
  enclosingFunction,
  endOf,
  kind,
  namedChildren,
  numberValue,
  rangeOf,
  stringValue,
  unwrap,
} from '../../lint/syntax';
import { cacheEffect, TOKENS_PER_CHAR_NOTE, tokensOfChars } from '../adviceCosts';
import { lang, type Report } from '../rule';
import type { CacheTarget, UncachedPromptData } from './data';
import { knownMinimum, minimumCacheable } from './minimums';

/** An estimate under this many times the model's minimum may be below it once counted (the message says so). */
const NEAR_MINIMUM = 1.25;

/** `uncached-prompt`: a large constant system prompt / tool list sent uncached by every call of a loop. */
export function detect(ctx: FileContext, report: Report<UncachedPromptData>): void {
  const seen = new Set<number>();
  chatDocuments(ctx, report, seen);
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

/** A document cap under this many characters (~5,000 tokens) is not a whole document. */
const DOCUMENT_CAP = 20_000;

/** What a conversation's history parameter is called. */
const HISTORY =
  /^(?:\w*_)?(?:history|messages|conversation|turns|chat|thread|dialog(?:ue)?)$|(?:History|Messages|Conversation|Turns)$/;

/**
 * A chat call that re-sends a whole document in its system prompt on every turn:
 * `create({ system: \`…${clip(context, 80000)}\`, messages: history })` in a function given the
 * conversation so far. The document (cut at a literal or constant length of at least
 * {@link DOCUMENT_CAP} characters) is the same on every turn of the conversation, so it is a
 * prefix to cache; its size is taken from the cut (an upper bound, said in the message).
 */
function chatDocuments(ctx: FileContext, report: Report<UncachedPromptData>, seen: Set<number>): void {
  for (const call of ctx.calls) {
    const params = call.params;
    if (
      call.method === 'batches.create' ||
      seen.has(call.node.startIndex) ||
      params.open ||
      !params.node ||
      /\bcache_control\b/.test(ctx.textOf(call.node))
    ) {
      continue;
    }
    const history = params.entries.get('messages');
    const system = params.entries.get('system');
    const fn = enclosingFunction(call.node);
    const messages = history ? unwrap(history.value) : null;
    const name = messages && kind(messages) === 'identifier' ? ctx.textOf(messages) : '';
    const paramsText = fn
      ? ctx.textOf(fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter'))
      : '';
    if (
      !system ||
      !name ||
      !HISTORY.test(name) ||
      !new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(paramsText)
    ) {
      continue;
    }
    const value = unwrap(system.value);
    const cap = value ? documentCap(ctx, value) : 0;
    const written = modelOf(ctx, params.entries.get('model'));
    const model = written ?? namedModel(ctx);
    const minimum = minimumCacheable(model);
    const prefixTokens = tokensOfChars(cap);
    if (!value || cap < DOCUMENT_CAP || prefixTokens < minimum) {
      continue;
    }
    seen.add(call.node.startIndex);
    const tok = prefixTokens.toLocaleString('en-US');
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message:
        `A document of up to ~${tok} tokens is re-sent uncached each chat turn: add cache_control. ` +
        `The system prompt holds a document cut at ${cap.toLocaleString('en-US')} characters (~${tok} tokens ${TOKENS_PER_CHAR_NOTE}) ` +
        `and goes with the conversation so far (${name}) on every turn with no cache_control, so each turn pays for the whole ` +
        `document and counts it toward your input-tokens-per-minute limit. Cached, later turns of the same conversation (within ` +
        `the cache's lifetime) read it from the cache: cache reads do not count toward ITPM and cost a tenth of the input price` +
        `. ${written ?? (model ? `${model} (the model this file names)` : 'This model')}'s minimum cacheable prefix is ${minimum.toLocaleString('en-US')} tokens; ` +
        `a shorter document is not cached. Keep what changes per turn or per mode after the document so the cached prefix stays the same.`,
      data: {
        rule: 'uncached-prompt',
        language: lang(ctx),
        call: rangeOf(call.node),
        target: { kind: 'system-string', value: rangeOf(value), shorthand: false },
        prefixTokens,
        model,
      },
    });
  }
}

/** Where a text is cut to a length: `clip(text, 80000)`, `text.slice(0, MAX)`, `text[:120000]`, `text.substring(0, n)`. */
const CUTS = [
  /\b[A-Za-z_$][\w$]*\s*\(\s*[A-Za-z_$][\w$.]*\s*,\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\)/g,
  /\.\s*(?:slice|substring|substr)\s*\(\s*0\s*,\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\)/g,
  /\[\s*0?\s*:\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\]/g,
];

/** The largest length a text in a template is cut to (a literal or a module-level number), else 0. */
function documentCap(ctx: FileContext, value: Node): number {
  const k = kind(value);
  if (!/template_string|string|binary_expression|binary_operator|concatenated_string/.test(k)) {
    return 0;
  }
  const text = ctx.textOf(value);
  let cap = 0;
  for (const re of CUTS) {
    for (const m of text.matchAll(re)) {
      const raw = m[1];
      let n = /^\d/.test(raw) ? Number(raw.replace(/_/g, '')) : undefined;
      if (n === undefined) {
        const at = value.startIndex + (m.index ?? 0) + m[0].lastIndexOf(raw);
        const id = ctx.nodeAt(at);
        const def = id && kind(id) === 'identifier' ? moduleConstant(ctx, id) : undefined;
        n = def ? numberValue(def, ctx.text) : undefined;
      }
      if (n !== undefined && n > cap) {
        cap = n;
      }
    }
  }
  return cap;
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
