import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { objectParams, type ParamSet } from './arguments';
import type { ClaudeCall } from './calls';
import { lastAssignedValue } from './functions';
import {
  argumentList,
  callee,
  dottedName,
  enclosingFunction,
  isCall,
  kind,
  lastSegment,
  namedChildren,
  positionalArgs,
  unwrap,
} from '../syntax';

const NONE: ParamSet = { node: null, entries: new Map(), open: true };

/**
 * The request body of a raw-HTTP Messages call, read as params: the object handed to
 * `JSON.stringify(...)` / `json.dumps(...)` or given as the JSON body (`fetch(URL, { body:
 * JSON.stringify({ model, max_tokens, messages }) })`, `requests.post(URL, json=body)`,
 * `axios.post(URL, {...})`, a same-file sender's `JSON.stringify({...})` argument), directly or
 * through a name assigned it in the same function. The params of an SDK call are its own.
 * Open (nothing known) when the body is built some other way.
 */
export function requestParams(ctx: FileContext, call: ClaudeCall): ParamSet {
  if (call.params.node || call.params.open) {
    return call.params;
  }
  return ctx.memo(`http-body:${call.node.startIndex}`, () => bodyParams(ctx, call.node));
}

function bodyParams(ctx: FileContext, call: Node): ParamSet {
  const candidates: Array<Node | null> = [];
  if (ctx.python) {
    for (const a of namedChildren(argumentList(call) ?? call)) {
      if (
        kind(a) === 'keyword_argument' &&
        /^(?:json|data|content)$/.test(ctx.textOf(a.childForFieldName('name')))
      ) {
        candidates.push(a.childForFieldName('value'));
      }
    }
  } else {
    for (const a of positionalArgs(call).slice(1)) {
      const v = unwrap(a);
      if (v && kind(v) === 'object') {
        const body = objectParams(v, ctx.text).entries.get('body');
        candidates.push(body ? body.value : v);
      } else {
        candidates.push(v);
      }
    }
  }
  for (const c of candidates) {
    const params = asBody(ctx, c, call, 0);
    if (params) {
      return params;
    }
  }
  return NONE;
}

/** A body value's params: an object/dict with `model` or `messages`, a stringified one, or a name assigned one. */
function asBody(ctx: FileContext, node: Node | null, call: Node, depth: number): ParamSet | undefined {
  const v = unwrap(node);
  if (!v || depth > 2) {
    return undefined;
  }
  const k = kind(v);
  if (k === 'object' || k === 'dictionary') {
    const params = objectParams(v, ctx.text);
    return params.entries.has('model') || params.entries.has('messages') ? params : undefined;
  }
  if (isCall(v) && /^(?:stringify|dumps)$/.test(lastSegment(dottedName(callee(v), ctx.text)))) {
    return asBody(ctx, positionalArgs(v)[0] ?? null, call, depth + 1);
  }
  if (k === 'identifier' || k === 'shorthand_property_identifier') {
    const fn = enclosingFunction(call);
    const value = lastAssignedValue(ctx, ctx.textOf(v), fn?.startIndex ?? 0, call.startIndex);
    return value ? asBody(ctx, value, call, depth + 1) : undefined;
  }
  return undefined;
}
