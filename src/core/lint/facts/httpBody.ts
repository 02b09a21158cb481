import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import { objectParams, type ParamSet } from './arguments';
import type { ClaudeCall } from './calls';
import { lastAssignedValue } from './functions';
import {
  argumentList,
  callee,
  dottedName,
  endOf,
  enclosingFunction,
  isCall,
  kind,
  lastSegment,
  namedChildren,
  positionalArgs,
  unwrap,
} from '../syntax';

const NONE: ParamSet = { node: null, entries: new Map(), open: true };

/** The object/dict literal a raw-HTTP request sends as its JSON body (see `bodyLiteral`). */
export interface BodyLiteral {
  node: Node;
  /** Whether it was reached through a name assigned it (`json=payload`), whose keys may be set later. */
  viaName: boolean;
}

/**
 * The request body of a raw-HTTP Messages call, read as params (the one reader of such bodies:
 * see `bodyLiteral`). The params of an SDK call are its own. Open (nothing known) when the body
 * is built some other way.
 */
export function requestParams(ctx: FileContext, call: ClaudeCall): ParamSet {
  if (call.params.node || call.params.open) {
    return call.params;
  }
  const body = bodyLiteral(ctx, call);
  return body ? objectParams(body.node, ctx.text) : NONE;
}

/**
 * The object/dict literal written as a raw-HTTP Messages request's JSON body, naming `model` or
 * `messages`: the object handed to `JSON.stringify(...)` / `json.dumps(...)` (also with
 * `.encode()` after it) or given as the body (`fetch(URL, { body: JSON.stringify({...}) })`,
 * `requests.post(URL, json=body)`, `data=json.dumps(...)`, `axios.post(URL, {...})`, a same-file
 * sender's `JSON.stringify({...})` argument), directly or through a name assigned it in the
 * request's function (at most 4,000 characters before the request: the read stays linear).
 * Undefined when the body is built some other way.
 */
export function bodyLiteral(ctx: FileContext, call: ClaudeCall): BodyLiteral | undefined {
  return ctx.memo(`http-body:${call.node.startIndex}`, () => findBody(ctx, call.node));
}

function findBody(ctx: FileContext, call: Node): BodyLiteral | undefined {
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
    const found = asBody(ctx, c, call, 0, false);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** A body value's literal: an object/dict with `model` or `messages`, a stringified one, or a name assigned one. */
function asBody(
  ctx: FileContext,
  node: Node | null,
  call: Node,
  depth: number,
  viaName: boolean,
): BodyLiteral | undefined {
  const v = unwrap(node);
  if (!v || depth > 2) {
    return undefined;
  }
  const k = kind(v);
  if (k === 'object' || k === 'dictionary') {
    const params = objectParams(v, ctx.text);
    return params.entries.has('model') || params.entries.has('messages') ? { node: v, viaName } : undefined;
  }
  if (isCall(v)) {
    const fn = callee(v);
    // `json.dumps(payload).encode("utf-8")`
    if (fn && /\.encode$/.test(dottedName(fn, ctx.text) || ctx.textOf(fn))) {
      return asBody(
        ctx,
        fn.childForFieldName('object') ?? fn.childForFieldName('value'),
        call,
        depth + 1,
        viaName,
      );
    }
    return /^(?:stringify|dumps)$/.test(lastSegment(dottedName(fn, ctx.text)))
      ? asBody(ctx, positionalArgs(v)[0] ?? null, call, depth + 1, viaName)
      : undefined;
  }
  if (k === 'identifier' || k === 'shorthand_property_identifier') {
    const fn = enclosingFunction(call);
    const value = lastAssignedValue(ctx, ctx.textOf(v), fn?.startIndex ?? 0, call.startIndex);
    return value && call.startIndex - endOf(value) <= 4000
      ? asBody(ctx, value, call, depth + 1, true)
      : undefined;
  }
  return undefined;
}
