import type { Node } from '../../parse/treeSitter';
import type { ClaudeCall, FileContext } from '../../lint/context';
import { objectParams } from '../../lint/facts/arguments';
import { lastAssignedValue } from '../../lint/facts/functions';
import {
  callee,
  enclosingFunction,
  endOf,
  isCall,
  kind,
  kindOf,
  lastSegment,
  dottedName,
  namedChildren,
  positionalArgs,
  unwrap,
} from '../../lint/syntax';

/** The keys an object/dict literal certainly or possibly holds, and whether others may be added. */
export interface LiteralKeys {
  node: Node;
  keys: Set<string>;
  open: boolean;
}

/**
 * The keys of an object or dict literal, reading through spreads of literals added on a condition
 * (`...(ttl && { cache_control: … })`, `...(c ? { a: 1 } : {})`, `**({"a": 1} if c else {})`): their
 * keys count as present. Any other spread, computed key or unreadable entry leaves it open.
 */
export function literalKeys(ctx: FileContext, node: Node | null, depth = 0): LiteralKeys | undefined {
  const obj = unwrap(node);
  if (!obj || !/^(?:object|dictionary)$/.test(kind(obj))) {
    return undefined;
  }
  const params = objectParams(obj, ctx.text);
  const keys = new Set(params.entries.keys());
  if (!params.open) {
    return { node: obj, keys, open: false };
  }
  for (const child of namedChildren(obj)) {
    const k = kind(child);
    if (k !== 'spread_element' && k !== 'dictionary_splat') {
      if (!params.entries.has(keyName(ctx, child)) && k !== 'method_definition' && k !== 'comment') {
        return { node: obj, keys, open: true };
      }
      continue;
    }
    const spread = conditionalLiterals(namedChildren(child)[0] ?? null);
    if (!spread || depth > 2) {
      return { node: obj, keys, open: true };
    }
    for (const lit of spread) {
      const inner = literalKeys(ctx, lit, depth + 1);
      if (!inner || inner.open) {
        return { node: obj, keys, open: true };
      }
      inner.keys.forEach((key) => keys.add(key));
    }
  }
  return { node: obj, keys, open: false };
}

/** The key an entry is read under by `objectParams` (`''` when none). */
function keyName(ctx: FileContext, entry: Node): string {
  const key = entry.childForFieldName('key') ?? entry;
  return ctx.textOf(key).replace(/^['"]|['"]$/g, '');
}

/** The literals a spread adds on a condition (`c && {…}`, `c ? {…} : {}`), or undefined for anything else. */
function conditionalLiterals(node: Node | null): Node[] | undefined {
  const n = unwrap(node);
  if (!n) {
    return undefined;
  }
  const k = kind(n);
  const isLiteral = (x: Node | null): boolean => /^(?:object|dictionary)$/.test(kindOf(unwrap(x)) ?? '');
  const isNothing = (x: Node | null): boolean =>
    /^(?:null|undefined|none|false)$/i.test(kindOf(unwrap(x)) ?? '');
  if (k === 'binary_expression' || k === 'boolean_operator') {
    const right = n.childForFieldName('right');
    const op = n.childForFieldName('operator');
    return op && /^(?:&&|and)$/.test(kind(op)) && isLiteral(right) ? [unwrap(right) as Node] : undefined;
  }
  if (k === 'ternary_expression') {
    const a = n.childForFieldName('consequence');
    const b = n.childForFieldName('alternative');
    const out = [a, b].filter((x) => isLiteral(x)).map((x) => unwrap(x) as Node);
    return [a, b].every((x) => isLiteral(x) || isNothing(x)) ? out : undefined;
  }
  if (k === 'conditional_expression') {
    const [a, , b] = namedChildren(n);
    const out = [a, b].filter((x) => isLiteral(x ?? null)).map((x) => unwrap(x) as Node);
    return [a, b].every((x) => isLiteral(x ?? null) || isNothing(x ?? null)) ? out : undefined;
  }
  return undefined;
}

/**
 * The JSON body of a raw-HTTP Messages request, when written in the file: `fetch(url, { body:
 * JSON.stringify({...}) })`, `axios.post(url, {...})`, `requests.post(url, json={...})`,
 * `data=json.dumps({...})`, or a name assigned such a literal in the request's function (`json=payload`).
 * Undefined when the body is built elsewhere, or a name whose keys may be set after the literal
 * (`payload["max_tokens"] = n`: any `max_tokens` between the literal and the request, read when
 * the literal is at most 4,000 characters before it).
 */
export function httpBody(ctx: FileContext, call: ClaudeCall): LiteralKeys | undefined {
  const request = call.node;
  let body: Node | null = null;
  if (ctx.python) {
    const args = request.childForFieldName('arguments');
    for (const a of namedChildren(args)) {
      const name = kind(a) === 'keyword_argument' ? ctx.textOf(a.childForFieldName('name')) : '';
      if (name === 'json' || name === 'data' || name === 'content') {
        body = stringified(ctx, a.childForFieldName('value')) ?? a.childForFieldName('value');
      }
    }
  } else if (/\baxios\b/.test(ctx.textOf(callee(request)))) {
    body = positionalArgs(request)[1] ?? null;
  } else {
    const options = literalKeys(ctx, named(ctx, positionalArgs(request)[1] ?? null, request));
    const entry = options ? objectParams(options.node, ctx.text).entries.get('body') : undefined;
    body = entry ? stringified(ctx, entry.value) : null;
  }
  return literalKeys(ctx, named(ctx, body, request));
}

/** `JSON.stringify(x)` / `json.dumps(x)` (also `.encode()` after it): x, else null. */
function stringified(ctx: FileContext, node: Node | null): Node | null {
  let n = unwrap(node);
  // `json.dumps(payload).encode("utf-8")`
  const fn = n && isCall(n) ? callee(n) : null;
  if (fn && /\.encode$/.test(dottedName(fn, ctx.text) || ctx.textOf(fn))) {
    n = unwrap(fn.childForFieldName('object') ?? fn.childForFieldName('value') ?? null);
  }
  if (!n || !isCall(n)) {
    return null;
  }
  const name = ctx.textOf(callee(n));
  return /^(?:JSON\.stringify|json\.dumps)$/.test(name) ? (positionalArgs(n)[0] ?? null) : null;
}

/**
 * A name's literal: the last value assigned to it in the request's function before the request,
 * when nothing between names `max_tokens` (set afterwards); the node itself otherwise.
 */
function named(ctx: FileContext, node: Node | null, request: Node): Node | null {
  const n = unwrap(node);
  if (!n || kind(n) !== 'identifier') {
    return n;
  }
  const fn = enclosingFunction(request);
  const from = fn ? fn.startIndex : 0;
  const value = lastAssignedValue(ctx, lastSegment(ctx.textOf(n)), from, request.startIndex);
  // (a literal more than 4,000 characters before the request is not read: the pass stays linear)
  if (
    !value ||
    request.startIndex - endOf(value) > 4000 ||
    ctx.text.slice(endOf(value), request.startIndex).includes('max_tokens')
  ) {
    return null;
  }
  return value;
}
