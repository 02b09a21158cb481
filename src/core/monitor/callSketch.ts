/**
 * What one `messages.create` / `messages.stream` call asks for, read from the lint facts of
 * its file (the same parsed tree and Claude-call facts the rules use): the model, the
 * `max_tokens`, and how much literal text it sends. The capacity hover renders it.
 */
import { type ClaudeCall, FileContext } from '../lint/context';
import { entryNumber, objectParams, type ParamEntry, type ParamSet } from '../lint/facts/arguments';
import { constantValue, moduleConstant } from '../lint/facts/constants';
import { assignedValues } from '../lint/facts/functions';
import { endOf, kind, namedChildren, numberValue, positionalArgs, stringValue, unwrap } from '../lint/syntax';
import type { LintLanguage } from '../lint/types';
import type { Node } from '../parse/treeSitter';

/** What the hover knows about one call. */
export interface CallSketch {
  /** The model id, when the call names one as a literal or a constant. */
  readonly model?: string;
  /** `max_tokens`, when it is a literal or a constant. */
  readonly maxTokens?: number;
  /** Characters of literal text (strings other than the model) in the call's request. */
  readonly literalChars: number;
  /** True when some content is not literal (variables, calls), so input is a lower bound. */
  readonly nonLiteral: boolean;
  /** `create` or `stream`. */
  readonly method: 'create' | 'stream';
  /** Offsets of the call's callee (`….messages.create`) and the end of the whole call. */
  readonly calleeStart: number;
  readonly calleeEnd: number;
  readonly argsEnd: number;
}

/** The request content whose text counts as input; anything not constant there makes the count a lower bound. */
const CONTENT_PARAMS = ['system', 'messages', 'tools'];

/** The Messages calls (`create`, `stream`) of a parsed file, in text order. */
export function sketchCalls(text: string, language: LintLanguage, root: Node): CallSketch[] {
  const ctx = new FileContext(text, language, root);
  const out: CallSketch[] = [];
  for (const call of ctx.calls) {
    if (call.method === 'batches.create') continue;
    const params = requestParams(ctx, call);
    const modelEntry = params.entries.get('model');
    const model = modelEntry ? modelIdOf(ctx, modelEntry) : undefined;
    const maxTokens = tokensOf(ctx, params.entries.get('max_tokens'));
    let literalChars = 0;
    let nonLiteral = params.node === null || params.open;
    for (const entry of params.entries.values()) {
      if (entry === modelEntry) continue;
      const value = valueOf(entry);
      // A constant counts through its definition (`system: SYSTEM`); a partly literal value
      // (`[{ role: 'user', content: item }]`) by its literal strings, as a lower bound.
      const constant = constantValue(ctx, value);
      literalChars += stringChars(ctx, constant ? constant.node : value);
      if (!constant && CONTENT_PARAMS.includes(entry.name)) nonLiteral = true;
    }
    out.push({
      ...(model !== undefined && { model }),
      ...(maxTokens !== undefined && { maxTokens }),
      literalChars,
      nonLiteral,
      method: call.method,
      calleeStart: call.callee.startIndex,
      calleeEnd: endOf(call.callee),
      argsEnd: endOf(call.node),
    });
  }
  return out;
}

/**
 * The call's request parameters: its literal ones, or (JS) the object literal a plain name
 * passed as the request was assigned once before the call (`const params = {…}; create(params)`).
 */
function requestParams(ctx: FileContext, call: ClaudeCall): ParamSet {
  if (call.params.node !== null || ctx.python) return call.params;
  const arg = unwrap(positionalArgs(call.node)[0] ?? null);
  if (!arg || kind(arg) !== 'identifier') return call.params;
  const values = assignedValues(ctx, ctx.textOf(arg), 0, call.node.startIndex);
  const value = values.length === 1 ? unwrap(values[0] ?? null) : null;
  return value && kind(value) === 'object' ? objectParams(value, ctx.text) : call.params;
}

/** The value of an entry; a JS shorthand entry (`{ model }`) is its own value, the name. */
function valueOf(entry: ParamEntry): Node | null {
  return entry.value === entry.entry && kind(entry.entry) !== 'pair' ? entry.entry : unwrap(entry.value);
}

/** A model id written as a string literal, or a module-level string constant. */
function modelIdOf(ctx: FileContext, entry: ParamEntry): string | undefined {
  const value = valueOf(entry);
  const direct = stringValue(value, ctx.text);
  if (direct !== undefined || !isName(value)) return direct;
  const def = moduleConstant(ctx, value);
  return def ? stringValue(unwrap(def), ctx.text) : undefined;
}

/** A `max_tokens` written as a number literal, or a module-level numeric constant. */
function tokensOf(ctx: FileContext, entry: ParamEntry | undefined): number | undefined {
  if (!entry) return undefined;
  const direct = entryNumber(entry, ctx.text);
  if (direct !== undefined) return direct;
  const value = valueOf(entry);
  const def = isName(value) ? moduleConstant(ctx, value) : undefined;
  return def ? numberValue(def, ctx.text) : undefined;
}

/** A plain name (also a JS shorthand entry's). */
function isName(node: Node | null): node is Node {
  const k = node ? kind(node) : undefined;
  return k === 'identifier' || k === 'shorthand_property_identifier';
}

/** Characters of the string literals inside a node. */
function stringChars(ctx: FileContext, node: Node | null): number {
  if (!node) return 0;
  const k = kind(node);
  if (k === 'string' || k === 'template_string') return stringValue(node, ctx.text)?.length ?? 0;
  let n = 0;
  for (const child of namedChildren(node)) n += stringChars(ctx, child);
  return n;
}
