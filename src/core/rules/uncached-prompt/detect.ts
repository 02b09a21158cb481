import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { ParamEntry } from '../../lint/facts/arguments';
import { constantValue, moduleConstant } from '../../lint/facts/constants';
import { repeatedCalls, type Repetition } from '../../lint/facts/repetition';
import { callGraph } from '../../lint/facts/callGraph';
import { assignedValues, lastAssignedValue } from '../../lint/facts/functions';
import {
  callee,
  dottedName,
  enclosingFunction,
  endOf,
  isCall,
  kind,
  lastSegment,
  namedChildren,
  numberValue,
  positionalArgs,
  rangeOf,
  stringValue,
  unwrap,
  up,
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
    // Constant turns at the front of the messages (an instruction turn and its fixed reply), when nothing before them varies.
    const turns = system === 'dynamic' ? undefined : leadingTurns(ctx, r);
    if (!constSystem && !constTools && !turns) {
      continue;
    }
    const chars = (constSystem?.chars ?? 0) + (constTools?.chars ?? 0) + (turns?.chars ?? 0);
    const prefixTokens = tokensOfChars(chars);
    const written = modelOf(ctx, params.entries.get('model'));
    const model = written ?? namedModel(ctx);
    const minimum = minimumCacheable(model);
    const target: CacheTarget | undefined = turns
      ? { kind: 'message-content', value: rangeOf(turns.content) }
      : constSystem
        ? systemTarget(constSystem)
        : constTools
          ? toolsTarget(constTools)
          : undefined;
    if (prefixTokens < minimum || !target) {
      continue;
    }
    seen.add(r.call.node.startIndex);
    const what = [
      constTools && 'tool definitions',
      constSystem && 'system prompt',
      turns && (turns.count === 1 ? 'opening turn' : 'opening turns'),
    ]
      .filter(Boolean)
      .join(' and ');
    const effect = model ? cacheEffect(model, prefixTokens) : undefined;
    const tok = prefixTokens.toLocaleString('en-US');
    report({
      start: r.call.callee.startIndex,
      end: endOf(r.call.callee),
      message:
        `The same ~${tok}-token ${what} ${what.includes(' and ') || what.endsWith('turns') ? 'go' : 'goes'} uncached with every call: add cache_control to it. ` +
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

/** Hops followed from a `messages` value to the list literal it is. */
const TURN_HOPS = 4;

/**
 * The constant turns at the front of a repeated call's `messages`: the list literal it is
 * (through a parameter filled at the loop's call site, a local name, or the `return` of a
 * same-file function called there: `message = assemble_message(chunk)` → `return message` →
 * `[{"role": "user", "content": instructions}, {"role": "assistant", "content": "Ok"}, {…chunk}]`),
 * its leading elements whose content is constant (a literal, or a name assigned one in the same
 * function or at the top level), as long as a later element varies. With the content of the
 * last constant turn (where the breakpoint goes).
 */
function leadingTurns(
  ctx: FileContext,
  r: Repetition,
): { chars: number; count: number; content: Node } | undefined {
  const entry = r.call.params.entries.get('messages');
  const list = entry ? listOf(ctx, unwrap(entry.value), r, 0) : undefined;
  if (!list) {
    return undefined;
  }
  const items = namedChildren(list);
  let chars = 0;
  let count = 0;
  let content: Node | undefined;
  for (const item of items) {
    const k = kind(item);
    const value = k === 'object' || k === 'dictionary' ? objectEntry(ctx, item, 'content') : undefined;
    const c = value ? localConstant(ctx, value) : undefined;
    if (!value || c === undefined) {
      break;
    }
    chars += c;
    count++;
    content = value;
  }
  return content && count < items.length ? { chars, count, content } : undefined;
}

/** The value of a literal key in an object/dict literal. */
function objectEntry(ctx: FileContext, obj: Node, key: string): Node | undefined {
  for (const pair of namedChildren(obj)) {
    if (kind(pair) === 'pair' && ctx.textOf(pair.childForFieldName('key')).replace(/['"]/g, '') === key) {
      return unwrap(pair.childForFieldName('value')) ?? undefined;
    }
  }
  return undefined;
}

/** Characters of a constant value, also through a name assigned one once in its own function. */
function localConstant(ctx: FileContext, value: Node): number | undefined {
  const direct = constantValue(ctx, value);
  if (direct) {
    return direct.chars;
  }
  if (kind(value) !== 'identifier') {
    return undefined;
  }
  const fn = enclosingFunction(value);
  const assigned = fn ? assignedValues(ctx, ctx.textOf(value), fn.startIndex, value.startIndex) : [];
  return assigned.length === 1 ? constantValue(ctx, assigned[0])?.chars : undefined;
}

/** The list literal a `messages` value is, followed through parameters, local names and same-file returns. */
function listOf(ctx: FileContext, node: Node | null, r: Repetition, depth: number): Node | undefined {
  const v = unwrap(node);
  if (!v || depth > TURN_HOPS) {
    return undefined;
  }
  const k = kind(v);
  if (k === 'list' || k === 'array') {
    return v;
  }
  const graph = callGraph(ctx);
  if (isCall(v)) {
    // A same-file function's return: `return message` / `return [...]`.
    const fn = graph.byName.get(lastSegment(dottedName(callee(v), ctx.text)))?.[0];
    const body = fn?.node.childForFieldName('body');
    // (its last `return` outside strings and comments: `return message`, `return [...]`)
    let value: Node | null = null;
    for (const m of body ? ctx.scan(/\breturn\s+(?=[A-Za-z_$[])/g, body.startIndex, endOf(body)) : []) {
      if (!ctx.inCommentOrString(m.index)) {
        value = ctx.nodeAt(m.index + m[0].length);
      }
    }
    while (value && up(value) && up(value)?.startIndex === value.startIndex && kind(value) !== 'identifier') {
      value = up(value); // the whole returned expression (`[` → the list)
    }
    return fn && value ? listOf(ctx, value, r, depth + 1) : undefined;
  }
  if (k !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(v);
  const fn = enclosingFunction(v);
  const local = fn ? graph.functions.find((f) => f.start === fn.startIndex) : undefined;
  const index = local ? local.params.indexOf(name) : -1;
  if (index >= 0 && r.via && fn && r.via.startIndex === fn.startIndex && r.viaName) {
    // A parameter: the argument at the loop's call site.
    for (const { paren } of ctx.callsOf(r.viaName)) {
      if (paren < r.construct.startIndex || paren >= endOf(r.construct)) {
        continue;
      }
      let call: Node | null = ctx.nodeAt(paren);
      for (let i = 0; call && !isCall(call) && i < 3; i++) {
        call = up(call);
      }
      const skip = /^(?:self|cls)$/.test(local?.params[0] ?? '') ? 1 : 0;
      const arg = call && isCall(call) ? positionalArgs(call)[index - skip] : undefined;
      return arg ? listOf(ctx, arg, r, depth + 1) : undefined;
    }
    return undefined;
  }
  const value = lastAssignedValue(ctx, name, fn?.startIndex ?? 0, v.startIndex);
  return value ? listOf(ctx, value, r, depth + 1) : undefined;
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
