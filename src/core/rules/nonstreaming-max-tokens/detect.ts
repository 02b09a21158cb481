import type { ClaudeCall, ClientBinding, FileContext } from '../../lint/context';
import { resolveClient } from '../../lint/facts/clients';
import { parseCalls } from '../../lint/facts/otherClaudeCalls';
import { callFacts, methodText } from '../callFacts';
import { lang, type Report } from '../rule';
import { MODEL_MAX_OUTPUT, MODEL_NONSTREAMING_TOKENS, NONSTREAMING_MAX_TOKENS } from '../../lint/models';
import {
  argumentList,
  callee,
  endOf,
  enclosingFunction,
  isCall,
  kind,
  namedChildren,
  positionalArgs,
  unwrap,
} from '../../lint/syntax';
import {
  entryNumber,
  entryString,
  keywordParams,
  objectParams,
  type ParamEntry,
} from '../../lint/facts/arguments';
import { assignedValues } from '../../lint/facts/functions';
import { moduleConstant } from '../../lint/facts/constants';
import type { Node } from '../../parse/treeSitter';
import type { NonstreamingMaxTokensData } from './data';

/**
 * `nonstreaming-max-tokens`: a non-streaming create with a literal max_tokens over 21,333
 * and no explicit timeout (the SDKs refuse it before sending), or a max_tokens above the
 * model's maximum output when the model literal is known.
 */
export function detect(ctx: FileContext, report: Report<NonstreamingMaxTokensData>): void {
  // Structured outputs' `messages.parse` too: `create` underneath, refused the same way.
  const parsing = new Set(parseCalls(ctx));
  for (const call of parsing.size ? [...ctx.calls, ...parsing] : ctx.calls) {
    if (call.method === 'batches.create') {
      continue;
    }
    const parse = parsing.has(call);
    const params = paramsOf(ctx, call);
    const entry = params.entries.get('max_tokens');
    const named =
      entry && entryNumber(entry, ctx.text) === undefined ? numberByName(ctx, call, entry.value) : undefined;
    const value = named ? named.value : entryNumber(entry, ctx.text);
    if (!entry || value === undefined) {
      continue;
    }
    if (named) {
      params.from = named.from;
    }
    const model = entryString(params.entries.get('model'), ctx.text);
    const modelMax = model === undefined ? undefined : MODEL_MAX_OUTPUT.get(model);
    const reasons: NonstreamingMaxTokensData['reasons'] = [];
    const guard = Math.min(
      NONSTREAMING_MAX_TOKENS,
      (model === undefined ? undefined : MODEL_NONSTREAMING_TOKENS.get(model)) ?? Infinity,
    );
    if (!isStreaming(ctx, call, params) && value > guard && !hasTimeout(ctx, call, params)) {
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
    const where = params.from ? ` (set in ${params.from})` : '';
    if (reasons.includes('model-max-output')) {
      let first = `max_tokens ${shown}${where} is above ${model}'s ${thousands(modelMax ?? 0)} output limit; lower it.`;
      if (first.length > 100) {
        first = `max_tokens ${shown} is above the model's ${thousands(modelMax ?? 0)} output limit; lower it.`;
      }
      parts.push(first, `The API rejects the request with a 400. Lower it to at most ${modelMax}.`);
    }
    if (reasons.includes('nonstreaming-guard')) {
      let first = `Non-streaming call with max_tokens ${shown}${where} is refused by the SDK; stream it.`;
      let later = '';
      if (first.length > 100) {
        first = `Non-streaming call with max_tokens ${shown} is refused by the SDK; stream it.`;
        later = where;
      }
      parts.push(
        ...(parts.length ? [] : [first]),
        `A non-streaming ${parse ? `${call.beta ? 'beta.' : ''}messages.parse` : methodText(call)} with max_tokens ${shown}${later} and no timeout is refused by the SDK ` +
          `before it is sent ("Streaming is required for operations that may take longer than 10 minutes"). ` +
          `Use client.messages.stream(...), lower max_tokens to ${thousands(guard)} or less, or pass an explicit timeout.`,
      );
    }
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message: parts.join(' '),
      data: {
        rule: 'nonstreaming-max-tokens',
        language: lang(ctx),
        call: parse ? { ...callFacts(ctx, call), method: 'parse' } : callFacts(ctx, call),
        maxTokens: named
          ? { start: named.node.startIndex, end: endOf(named.node) }
          : { start: entry.value.startIndex, end: endOf(entry.value) },
        maxTokensValue: value,
        reasons,
        model,
        modelMaxOutput: modelMax,
        nonstreamingLimit: guard,
      },
    });
  }
}

/** The request's params with those built first in a variable: `create(params)`, `{ ...base }`, `**params`. */
interface Params {
  entries: Map<string, ParamEntry>;
  open: boolean;
  /** The variable the entries came from, when not written in the call. */
  from?: string;
}

/**
 * The call's literal params, plus the entries of an object / dict literal (or Python
 * `dict(...)`) assigned in the same function to a name the call passes (`create(params)`),
 * spreads (`{ ...params, stream: false }`) or unpacks (`**params`). Entries written in the call win.
 */
function paramsOf(ctx: FileContext, call: ClaudeCall): Params {
  const out: Params = { entries: new Map(call.params.entries), open: call.params.open };
  const sources: Node[] = [];
  if (ctx.python) {
    for (const child of namedChildren(argumentList(call.node))) {
      if (kind(child) === 'dictionary_splat') {
        const inner = namedChildren(child)[0];
        if (inner) sources.push(inner);
      }
    }
  } else {
    const first = unwrap(positionalArgs(call.node)[0] ?? null);
    if (first && kind(first) === 'identifier') {
      sources.push(first);
    } else if (first && kind(first) === 'object') {
      for (const child of namedChildren(first)) {
        const inner = kind(child) === 'spread_element' ? unwrap(namedChildren(child)[0] ?? null) : null;
        if (inner) sources.push(inner);
      }
    }
  }
  if (sources.length === 0) {
    return out;
  }
  const scopeStart = enclosingFunction(call.node)?.startIndex ?? 0;
  let open = false;
  for (const src of sources) {
    const name = ctx.textOf(src);
    const values =
      kind(src) === 'identifier' ? assignedValues(ctx, name, scopeStart, call.node.startIndex) : [];
    const value = unwrap(values[values.length - 1] ?? null);
    const literal =
      value && (kind(value) === 'object' || kind(value) === 'dictionary')
        ? objectParams(value, ctx.text)
        : value && ctx.python && isCall(value) && ctx.textOf(callee(value)) === 'dict'
          ? keywordParams(value, ctx.text)
          : null;
    if (!literal) {
      open = true;
      continue;
    }
    open ||= literal.open;
    for (const [key, entry] of literal.entries) {
      if (!call.params.entries.has(key)) {
        out.entries.set(key, entry);
        if (key === 'max_tokens') {
          out.from = `\`${name}\``;
        }
      }
    }
  }
  out.open = open; // the call's own spreads / splats were the sources just read
  return out;
}

function isStreaming(ctx: FileContext, call: ClaudeCall, params: Params): boolean {
  if (call.method === 'stream') {
    return true;
  }
  if (/with_streaming_response/.test(ctx.textOf(call.callee))) {
    return true;
  }
  const stream = params.entries.get('stream');
  if (!stream) {
    return false;
  }
  const text = ctx.textOf(stream.value);
  // A literal false is non-streaming; anything else (true, a variable) may stream.
  return !(text === 'false' || text === 'False');
}

/** Whether an explicit timeout applies: per request, on the client, or possibly (unknown client). */
function hasTimeout(ctx: FileContext, call: ClaudeCall, params: Params): boolean {
  if (call.options.entries.has('timeout') || (call.options !== call.params && call.options.open)) {
    return true;
  }
  if (ctx.python && (params.open || params.entries.has('timeout'))) {
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

/**
 * The number a `max_tokens` value written as a name holds: a parameter default or a local
 * assignment, when it is the only value the name is given in the enclosing function before
 * the call (`def ask(p, max_tokens=64000): … create(max_tokens=max_tokens)`), or a module
 * constant (`MAX_TOKENS = 64_000`).
 */
function numberByName(
  ctx: FileContext,
  call: ClaudeCall,
  value: Node,
): { value: number; node: Node; from: string } | undefined {
  const v = unwrap(value);
  if (!v || kind(v) !== 'identifier') {
    return undefined;
  }
  const name = ctx.textOf(v);
  const fn = enclosingFunction(call.node);
  const local = fn ? assignedValues(ctx, name, fn.startIndex, call.node.startIndex) : [];
  let node: Node | undefined;
  let from: string;
  if (local.length > 0) {
    if (local.length !== 1) {
      return undefined; // reassigned (clamped, computed): not one known value
    }
    node = unwrap(local[0]) ?? undefined;
    const param = node && fn && node.startIndex < (fn.childForFieldName('body')?.startIndex ?? 0);
    from = param ? `the default of \`${name}\`` : `\`${name}\``;
  } else {
    node = moduleConstant(ctx, v);
    from = `\`${name}\``;
  }
  const k = node ? kind(node) : '';
  if (!node || (k !== 'integer' && k !== 'number')) {
    return undefined;
  }
  const n = Number(ctx.textOf(node).replace(/_/g, ''));
  return Number.isFinite(n) ? { value: n, node, from } : undefined;
}

/** `64000` → `64,000` (toLocaleString goes through ICU and is slow). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
