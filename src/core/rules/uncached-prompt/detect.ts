import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { Derived } from '../../lint/scanCache';
import { objectParams, type ParamEntry } from '../../lint/facts/arguments';
import { constantValue, moduleConstant } from '../../lint/facts/constants';
import { repeatedCalls, type Repetition } from '../../lint/facts/repetition';
import { callGraph } from '../../lint/facts/callGraph';
import { httpClaudeCalls } from '../../lint/facts/httpClaudeCalls';
import { requestParams } from '../../lint/facts/httpBody';
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
  routeDocuments(ctx, report, seen);
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
    const { written, model, minimum } = modelFor(ctx, params.entries);
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
    const value = k === 'object' || k === 'dictionary' ? pairValue(ctx, item, 'content') : undefined;
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

/** The value written under a key of an object/dict literal (`{ content: … }`; a shorthand has none). */
function pairValue(ctx: FileContext, obj: Node, key: string): Node | undefined {
  const entry = objectParams(obj, ctx.text).entries.get(key);
  return entry && kind(entry.entry) === 'pair' ? (unwrap(entry.value) ?? undefined) : undefined;
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
  for (const call of [...ctx.calls, ...httpClaudeCalls(ctx)]) {
    // (a raw-HTTP request's params are its JSON body)
    const params = requestParams(ctx, call);
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
    const messages = history ? unwrap(history.value) : null;
    const name =
      messages && /^(?:shorthand_property_)?identifier$/.test(kind(messages)) ? ctx.textOf(messages) : '';
    if (!system || !name || !HISTORY.test(name)) {
      continue; // (decided before the walk up to the function)
    }
    const fn = enclosingFunction(call.node);
    const paramsText = fn
      ? ctx.textOf(fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter'))
      : '';
    if (!new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(paramsText)) {
      continue;
    }
    const own = unwrap(system.value);
    // A system prompt handed in by the caller (`callClaude(messages, system)` in a function
    // given the conversation so far): the template each such caller builds.
    const handed =
      own && fn && kind(own) !== 'template_string' ? handedTemplate(ctx, fn, own, name) : undefined;
    const value = handed ?? own;
    const cap = value ? documentCap(ctx, value) : 0;
    const { written, model, minimum } = modelFor(ctx, params.entries);
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

/** A route decorator (`@app.post("/query")`, `@router.get(...)`, `@app.route(...)`). */
const PY_ROUTE = /^[ \t]*@[\w.]*\.(?:get|post|put|patch|delete|route|api_route|websocket)\s*\(/m;
/** A route registration taking the handler: `app.post('/query', async (req, res) => …)`. */
const JS_ROUTE =
  /\b(?:app|router|server|api)\s*\.\s*(?:get|post|put|patch|all)\s*\(\s*['"`][^'"`]*['"`]\s*,[^]*$/;

/** A route registration's head (`app.post('/query',`): in every text `JS_ROUTE` matches a part of. */
const JS_ROUTE_HEAD =
  /\b(?:app|router|server|api)\s*\.\s*(?:get|post|put|patch|all)\s*\(\s*['"`][^'"`]*['"`]\s*,/;

/**
 * A route decorator's tail from its `@` (`@app.post(`), wherever it stands: every text `PY_ROUTE`
 * matches a part of holds one (searched from the literal `@`, where `^[ \t]*@` is tried at every offset).
 */
const PY_ROUTE_TAIL = /@[\w.]*\.(?:get|post|put|patch|delete|route|api_route|websocket)\s*\(/;

/** Whether the file registers or decorates a route at all (most do not: then no call is in a route handler). */
function hasRoutes(ctx: FileContext): boolean {
  return ctx.memo('uncached-routes', () => (ctx.python ? PY_ROUTE_TAIL : JS_ROUTE_HEAD).test(ctx.text));
}

/**
 * Whether the innermost function around a node is a web route's handler (one call per request),
 * with the range of the outermost node read: the function's parent, or the call it is handed to.
 */
function inRouteHandler(ctx: FileContext, node: Node): Derived<boolean> {
  const fn = enclosingFunction(node);
  const parent = fn ? up(fn) : null;
  const read = (value: boolean, outer: Node | null): Derived<boolean> =>
    outer ? { value, start: outer.startIndex, end: endOf(outer) } : { value, start: 0, end: ctx.text.length };
  if (!fn || !parent) {
    return read(false, null);
  }
  if (ctx.python) {
    return read(
      kind(parent) === 'decorated_definition' &&
        PY_ROUTE.test(ctx.text.slice(parent.startIndex, fn.startIndex)),
      parent,
    );
  }
  const list = kind(parent) === 'arguments' ? up(parent) : null;
  return list
    ? read(isCall(list) && JS_ROUTE.test(ctx.text.slice(list.startIndex, fn.startIndex)), list)
    : read(false, parent);
}

/**
 * A route that sends the same large document at the front of every request: the first user
 * turn is a template whose leading part is literal text and a top-level name (loaded once per
 * process, the same for every request) cut at a literal length of at least {@link DOCUMENT_CAP}
 * characters (`f"…{POLICY_TEXT[:120000]}…Question: {req.question}"`), with no cache_control.
 * Reported without a fix: caching it means moving the document into a block of its own.
 */
function routeDocuments(ctx: FileContext, report: Report<UncachedPromptData>, seen: Set<number>): void {
  if (!hasRoutes(ctx)) {
    return;
  }
  for (const call of [...ctx.calls, ...httpClaudeCalls(ctx)]) {
    if (call.method !== 'create' || seen.has(call.node.startIndex)) {
      continue;
    }
    // (Whether the call's function is a route's handler, read from around that function: kept
    // across an edit elsewhere, see `FileContext.derive`; most calls are in no route.)
    const node = call.node;
    if (!ctx.derive('route-handler-call', node.startIndex, () => inRouteHandler(ctx, node))) {
      continue;
    }
    const fn = enclosingFunction(node);
    if (!fn) {
      continue;
    }
    const params = requestParams(ctx, call);
    if (params.open || !params.node || /\bcache_control\b/.test(ctx.textOf(params.node))) {
      continue;
    }
    const system = part(ctx, params.entries.get('system'));
    if (system === 'dynamic' || params.entries.has('tools')) {
      continue;
    }
    const messages = unwrap(params.entries.get('messages')?.value ?? null);
    const list = messages ? localValue(ctx, messages, fn) : undefined;
    const first = list && /^(?:list|array)$/.test(kind(list)) ? namedChildren(list)[0] : undefined;
    const content =
      first && /^(?:dictionary|object)$/.test(kind(first)) ? pairValue(ctx, first, 'content') : undefined;
    const template = content ? localValue(ctx, content, fn) : undefined;
    const lead = template ? leadingDocument(ctx, template) : undefined;
    const { written, model, minimum } = modelFor(ctx, params.entries);
    const prefixTokens = lead ? tokensOfChars(lead.chars + (system?.chars ?? 0)) : 0;
    if (!lead || prefixTokens < minimum) {
      continue;
    }
    seen.add(call.node.startIndex);
    const tok = prefixTokens.toLocaleString('en-US');
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message:
        `Up to ~${tok} tokens of the same document lead every request, uncached: cache them. ` +
        `This route's first user turn starts with ${lead.name} (loaded once, the same for every request) cut at ` +
        `${lead.cap.toLocaleString('en-US')} characters (~${tok} tokens ${TOKENS_PER_CHAR_NOTE} with the text before it), ` +
        `then the request's own values, with no cache_control: every request pays for the document in full and counts it ` +
        `toward your input-tokens-per-minute limit. Move the document into a content block of its own (or the system prompt) ` +
        `with cache_control and keep the per-request text after it: requests within the cache's lifetime then read it from ` +
        `the cache, which does not count toward ITPM and costs a tenth of the input price. ` +
        `${written ?? (model ? `${model} (the model this file names)` : 'This model')}'s minimum cacheable prefix is ${minimum.toLocaleString('en-US')} tokens.`,
      data: {
        rule: 'uncached-prompt',
        language: lang(ctx),
        call: rangeOf(call.node),
        target: { kind: 'advice-only' },
        prefixTokens,
        model,
      },
    });
  }
}

/** A value, or the last value a local name was given in `fn` before it. */
function localValue(ctx: FileContext, node: Node, fn: Node): Node | undefined {
  const v = unwrap(node);
  if (!v || kind(v) !== 'identifier') {
    return v ?? undefined;
  }
  return unwrap(lastAssignedValue(ctx, ctx.textOf(v), fn.startIndex, v.startIndex)) ?? undefined;
}

/**
 * The leading part of a template that is the same for every request: literal text, then a
 * top-level name cut at a literal length (`{POLICY[:120000]}`, `${DOC.slice(0, 80000)}`), up to
 * the first other substitution. Undefined when no such cut document of at least
 * {@link DOCUMENT_CAP} characters leads it.
 */
function leadingDocument(
  ctx: FileContext,
  template: Node,
): { chars: number; cap: number; name: string } | undefined {
  // (implicit concatenation, `"…" f"…{DOC[:N]}…"`: the strings' parts in order)
  const strings = kind(template) === 'concatenated_string' ? namedChildren(template) : [template];
  if (!strings.every((x) => /^(?:string|template_string)$/.test(kind(x)))) {
    return undefined;
  }
  let chars = 0;
  let doc: { cap: number; name: string } | undefined;
  for (const part of strings.flatMap((x) => namedChildren(x))) {
    const k = kind(part);
    if (k === 'string_content' || k === 'string_fragment' || k === 'escape_sequence') {
      chars += ctx.textOf(part).length;
      continue;
    }
    if (k === 'string_start' || k === 'string_end') {
      continue;
    }
    const inner = k === 'interpolation' || k === 'template_substitution' ? namedChildren(part)[0] : undefined;
    const cut = inner ? cutOf(ctx, inner) : undefined;
    if (!cut || doc) {
      break;
    }
    doc = cut;
    chars += cut.cap;
  }
  return doc && doc.cap >= DOCUMENT_CAP ? { chars, ...doc } : undefined;
}

/** A top-level name cut at a literal length: `NAME[:N]`, `NAME.slice(0, N)`, `clip(NAME, N)`. */
function cutOf(ctx: FileContext, node: Node): { cap: number; name: string } | undefined {
  const text = ctx.textOf(node);
  const m =
    /^([A-Za-z_$][\w$]*)\s*\[\s*0?\s*:\s*([\d_]+)\s*\]$/.exec(text) ??
    /^([A-Za-z_$][\w$]*)\s*\.\s*(?:slice|substring)\s*\(\s*0\s*,\s*([\d_]+)\s*\)$/.exec(text) ??
    /^[A-Za-z_$][\w$]*\s*\(\s*([A-Za-z_$][\w$]*)\s*,\s*([\d_]+)\s*\)$/.exec(text);
  if (!m) {
    return undefined;
  }
  const id = ctx.nodeAt(node.startIndex + text.indexOf(m[1]));
  const topLevel = id && kind(id) === 'identifier' ? moduleConstant(ctx, id) : undefined;
  return topLevel ? { cap: Number(m[2].replace(/_/g, '')), name: m[1] } : undefined;
}

/** Where a text is cut to a length: `clip(text, 80000)`, `text.slice(0, MAX)`, `text[:120000]`, `text.substring(0, n)`. */
const CUTS = [
  /\b[A-Za-z_$][\w$]*\s*\(\s*[A-Za-z_$][\w$.]*\s*,\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\)/g,
  /\.\s*(?:slice|substring|substr)\s*\(\s*0\s*,\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\)/g,
  /\[\s*0?\s*:\s*([\d_]+|[A-Za-z_$][\w$]*)\s*\]/g,
];

/**
 * The template a function's system-prompt parameter is given by its same-file callers that also
 * hand it the conversation so far (their messages argument built from a history parameter of
 * theirs, `previousMessages.map(...)`): the one with the largest document cut.
 */
function handedTemplate(ctx: FileContext, fn: Node, system: Node, messages: string): Node | undefined {
  const graph = callGraph(ctx);
  const local = graph.functions.find((f) => f.start === fn.startIndex);
  const sysIndex = local ? local.params.indexOf(ctx.textOf(system)) : -1;
  const msgIndex = local ? local.params.indexOf(messages) : -1;
  if (!local || sysIndex < 0 || msgIndex < 0) {
    return undefined;
  }
  let best: { node: Node; cap: number } | undefined;
  for (const { paren } of ctx.callsOf(local.name).slice(0, 16)) {
    if (paren >= local.start && paren < local.end) {
      continue;
    }
    let site: Node | null = ctx.nodeAt(paren);
    for (let i = 0; site && !isCall(site) && i < 3; i++) {
      site = up(site);
    }
    const caller = site ? enclosingFunction(site) : null;
    const args = site && isCall(site) ? positionalArgs(site) : [];
    const given = args[msgIndex] ? localValue(ctx, args[msgIndex], caller ?? fn) : undefined;
    const callerParams = caller
      ? ctx.textOf(caller.childForFieldName('parameters') ?? caller.childForFieldName('parameter'))
      : '';
    // (the turns so far, copied from a parameter of the caller: `previousMessages.map(...)`,
    // `[...earlier, { role: 'user', content: question }]`; not a one-turn literal)
    const earlier = (callerParams.match(/[A-Za-z_$][\w$]*/g) ?? []).filter(
      (p) => p !== 'self' && p !== 'this',
    );
    const oneTurn =
      given &&
      /^(?:array|list)$/.test(kind(given)) &&
      namedChildren(given).length === 1 &&
      !/spread|splat/.test(ctx.textOf(given).slice(0, 8));
    if (
      !caller ||
      !args[sysIndex] ||
      !given ||
      oneTurn ||
      !earlier.some((h) => new RegExp(`(?<![\\w$.])${h}(?![\\w$])`).test(ctx.textOf(given)))
    ) {
      continue;
    }
    const template = localValue(ctx, args[sysIndex], caller);
    const cap = template ? documentCap(ctx, template) : 0;
    if (template && cap > (best?.cap ?? 0)) {
      best = { node: template, cap };
    }
  }
  return best?.node;
}

/**
 * The largest length a text in a template is cut to (a literal or a module-level number), also
 * through a substituted name made by a same-file function that cuts its input
 * (`const { content: doc } = truncateContent(text)` … `${doc}`), else 0.
 */
function documentCap(ctx: FileContext, value: Node): number {
  const k = kind(value);
  if (!/template_string|string|binary_expression|binary_operator|concatenated_string/.test(k)) {
    return 0;
  }
  let cap = capIn(ctx, value.startIndex, endOf(value));
  const fn = enclosingFunction(value);
  // (the 20,000 characters before it, and the first 8 substitutions: linear in the file)
  const from = Math.max(fn?.startIndex ?? 0, value.startIndex - 20_000);
  const before = ctx.text.slice(from, value.startIndex);
  const graph = callGraph(ctx);
  const substituted = [...ctx.textOf(value).matchAll(/(?:\$\{|(?<!\{)\{)\s*([A-Za-z_$][\w$]*)\s*\}/g)];
  for (const m of substituted.slice(0, 8)) {
    // `name = cutter(…)` / `{ content: name } = cutter(…)` earlier in the function.
    const made = new RegExp(
      `(?<![\\w$.])${m[1]}\\b[^=\\n;]*?\\}?\\s*=\\s*(?:await\\s+)?([A-Za-z_$][\\w$]*)\\s*\\(`,
    ).exec(before);
    const cutter = made ? graph.byName.get(made[1])?.[0] : undefined;
    if (cutter && cutter.claude.length === 0) {
      cap = Math.max(cap, capIn(ctx, cutter.start, cutter.end));
    }
    // `const body = text.length > MAX ? text.slice(0, MAX) : text`: the cut in its own assignment.
    const assigned = new RegExp(`(?<![\\w$.])(?:const|let|var)\\s+${m[1]}\\s*=(?!=)[^\\n;]*`).exec(before);
    if (assigned) {
      const at = from + assigned.index;
      cap = Math.max(cap, capIn(ctx, at, at + assigned[0].length));
    }
  }
  return cap;
}

/** The largest literal or module-level length text between two offsets is cut to, else 0. */
function capIn(ctx: FileContext, start: number, end: number): number {
  const text = ctx.text.slice(start, end);
  let cap = 0;
  for (const re of CUTS) {
    for (const m of text.matchAll(re)) {
      const raw = m[1];
      let n = /^\d/.test(raw) ? Number(raw.replace(/_/g, '')) : undefined;
      if (n === undefined) {
        const id = ctx.nodeAt(start + (m.index ?? 0) + m[0].lastIndexOf(raw));
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

/** The call's model (written, or the one the file names) and its minimum cacheable prefix. */
function modelFor(
  ctx: FileContext,
  entries: Map<string, ParamEntry>,
): { written?: string; model?: string; minimum: number } {
  const written = modelOf(ctx, entries.get('model'));
  const model = written ?? namedModel(ctx);
  return { written, model, minimum: minimumCacheable(model) };
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
