/**
 * The plan for the Batch API version of a fan-out: the collecting loop's header, the
 * per-item statements to copy and the params of the per-item call, read from the syntax.
 */
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import type { Repetition } from '../../lint/facts/repetition';
import {
  argumentList,
  callee,
  dottedName,
  endOf,
  FUNCTION_TYPES,
  isMember,
  kind,
  memberObject,
  memberProperty,
  namedChildren,
  positionalArgs,
  rangeOf,
  up,
} from '../../lint/syntax';
import type { BatchPlan } from './data';

/** Statements that only bind names (copied into the collecting loop). */
const JS_BINDING = new Set(['lexical_declaration', 'variable_declaration']);

export function planBatch(ctx: FileContext, r: Repetition): BatchPlan | undefined {
  const call = r.call;
  const receiver = ctx.textOf(call.receiver);
  const params = ctx.python ? argumentList(call.node) : call.params.node;
  if (!params || (!ctx.python && call.params.open && call.params.entries.size === 0)) {
    return undefined;
  }
  const paramsSpan = ctx.python ? { start: params.startIndex + 1, end: endOf(params) - 1 } : rangeOf(params);
  // Through a same-file function: its parameters are bound from the call site's arguments.
  const fn = r.via;
  const bindings: BatchPlan['bindings'] = [];
  let header: { text: string; filters: string[]; index?: string } | undefined;
  if (fn) {
    const names = paramNames(ctx, fn);
    if (!names || names.some((p) => p.name === receiver.split('.')[0])) {
      return undefined;
    }
    if (/^(?:this|self)\./.test(receiver)) {
      return undefined; // the generated function sits outside the class
    }
    const site = callSite(ctx, r.construct, r.viaName ?? '');
    if (site === 'reference') {
      header = loopHeader(ctx, r, names[0]?.name);
      names
        .slice(1)
        .forEach((p) => p.fallback !== undefined && bindings.push({ name: p.name, value: p.fallback }));
    } else if (site) {
      header = loopHeader(ctx, r);
      const args = positionalArgs(site).map((a) => ctx.textOf(a));
      // Arguments computed in the loop body before the call (`prompt = task["prompt"]`) are not
      // copied into the generated loop: binding `prompt = prompt` there would read an unset name.
      const local = new Set(
        [
          ...ctx.text
            .slice(r.construct.startIndex, site.startIndex)
            .matchAll(/(?:^|[;{]|\b(?:const|let|var)\b)[ \t]*([A-Za-z_$][\w$]*)[ \t]*=(?![=>])/gm),
        ].map((m) => m[1]),
      );
      if (args.some((a) => (a.match(/[A-Za-z_$][\w$]*/g) ?? []).some((w) => local.has(w)))) {
        return undefined;
      }
      for (const [i, p] of names.entries()) {
        const value = args[i] ?? p.fallback;
        if (value === undefined) {
          return undefined;
        }
        bindings.push({ name: p.name, value });
      }
    }
  } else {
    header = loopHeader(ctx, r);
  }
  if (!header) {
    return undefined;
  }
  if (header.index) {
    bindings.unshift({ name: header.index, value: ctx.python ? 'len(requests)' : 'requests.length' });
  }
  const prelude = preludeOf(ctx, call.node, fn ?? bodyOwner(r));
  const statement = statementAround(ctx, r.construct);
  if (!statement) {
    return undefined;
  }
  const copied = prelude.map((s) => ctx.textOf(s)).join('\n');
  return {
    receiver,
    params: paramsSpan,
    header: header.text,
    filters: header.filters,
    bindings,
    prelude: prelude.map(rangeOf),
    insertAt: statement.startIndex,
    async: ctx.python && (/\bawait\b/.test(copied) || awaited(call.node)),
    base: baseName(ctx, r),
  };
}

/** The header of the collecting loop; `item` names the loop variable when the items are passed to a function. */
function loopHeader(
  ctx: FileContext,
  r: Repetition,
  item?: string,
): { text: string; filters: string[]; index?: string } | undefined {
  const c = r.construct;
  const k = kind(c);
  if (k === 'for_statement' || k === 'for_in_statement') {
    const body = c.childForFieldName('body');
    if (!body) {
      return undefined;
    }
    return { text: ctx.text.slice(c.startIndex, body.startIndex).trim(), filters: [] };
  }
  if (r.kind === 'comprehension') {
    const clauses = namedChildren(c).filter((n) => kind(n) === 'for_in_clause' || kind(n) === 'if_clause');
    const fors = clauses.filter((n) => kind(n) === 'for_in_clause');
    if (fors.length !== 1) {
      return undefined;
    }
    const filters = clauses
      .filter((n) => kind(n) === 'if_clause')
      .map((n) => ctx.textOf(n).replace(/^if\s+/, ''));
    return { text: `${ctx.textOf(fors[0])}:`, filters };
  }
  // A map call: `xs.map((x, i) => ...)`, `Array.from(xs, fn)`, `map(fn, xs)`, `pool.map(fn, xs)`.
  const fnNode = callee(c);
  const name = dottedName(fnNode, ctx.text);
  const args = positionalArgs(c);
  let items: string | undefined;
  let fnArg: Node | undefined;
  if (name === 'Array.from') {
    items = args[0] ? `Array.from(${ctx.textOf(args[0])})` : undefined;
    fnArg = args[1];
  } else if (isMember(fnNode) && !ctx.python) {
    items = ctx.textOf(memberObject(fnNode));
    fnArg = args[0];
    void memberProperty;
  } else {
    items = args[1] ? ctx.textOf(args[1]) : undefined;
    fnArg = args[0];
  }
  if (!items || !fnArg) {
    return undefined;
  }
  let itemName = item;
  let index: string | undefined;
  if (!itemName && FUNCTION_TYPES.has(kind(fnArg))) {
    const ps = callbackParams(ctx, fnArg);
    itemName = ps[0];
    index = ps[1];
  }
  if (!itemName) {
    itemName = 'item';
  }
  return ctx.python
    ? { text: `for ${itemName} in ${items}:`, filters: [], index }
    : { text: `for (const ${itemName} of ${items})`, filters: [], index };
}

/** A callback's parameter patterns without type annotations or defaults. */
function callbackParams(ctx: FileContext, fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) {
    return [ctx.textOf(single)];
  }
  const list = fn.childForFieldName('parameters');
  return namedChildren(list).map((p) =>
    ctx.textOf(p.childForFieldName('pattern') ?? p.childForFieldName('name') ?? p),
  );
}

interface Param {
  name: string;
  /** The default value's text, when it has one. */
  fallback?: string;
}

/** A function's parameters (Python `self`/`cls` left out); undefined for shapes not handled (rest, kwargs). */
function paramNames(ctx: FileContext, fn: Node): Param[] | undefined {
  const list = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!list) {
    return [];
  }
  const items = kind(list) === 'identifier' ? [list] : namedChildren(list);
  const out: Param[] = [];
  for (const p of items) {
    const k = kind(p);
    if (k === 'identifier') {
      out.push({ name: ctx.textOf(p) });
    } else if (k === 'required_parameter' || k === 'optional_parameter' || k === 'typed_parameter') {
      const pattern = p.childForFieldName('pattern') ?? namedChildren(p)[0];
      const value = p.childForFieldName('value');
      if (!pattern || kind(pattern) !== 'identifier') {
        return undefined;
      }
      out.push({ name: ctx.textOf(pattern), fallback: value ? ctx.textOf(value) : undefined });
    } else if (k === 'default_parameter' || k === 'typed_default_parameter' || k === 'assignment_pattern') {
      const name = p.childForFieldName('name') ?? p.childForFieldName('left');
      const value = p.childForFieldName('value') ?? p.childForFieldName('right');
      if (!name || kind(name) !== 'identifier' || !value) {
        return undefined;
      }
      out.push({ name: ctx.textOf(name), fallback: ctx.textOf(value) });
    } else {
      return undefined;
    }
  }
  return ctx.python && out[0] && /^(?:self|cls)$/.test(out[0].name) ? out.slice(1) : out;
}

/** The call of `name(...)` inside the construct, or 'reference' when the function is passed by name. */
function callSite(ctx: FileContext, construct: Node, name: string): Node | 'reference' | undefined {
  const re = new RegExp(
    `(?<![\\w$.])(?:(?:this|self)\\s*\\.\\s*)?${name.replace(/\$/g, '\\$')}(?![\\w$])(\\s*\\()?`,
    'g',
  );
  for (const m of ctx.scan(re, construct.startIndex, endOf(construct))) {
    if (!m[1]) {
      return 'reference';
    }
    let n: Node | null = ctx.nodeAt(m.index + m[0].length - 1);
    while (n && kind(n) !== 'call_expression' && kind(n) !== 'call') {
      n = up(n);
    }
    if (n) {
      return n;
    }
  }
  return undefined;
}

/** The function or loop whose body holds the per-item code (for the prelude). */
function bodyOwner(r: Repetition): Node {
  const c = r.construct;
  if (r.kind === 'map') {
    const args = positionalArgs(c);
    const fn = args.find((a) => FUNCTION_TYPES.has(kind(a)));
    return fn ?? c;
  }
  return c;
}

/** Binding statements before the call's statement, in the body of `owner` (direct children only). */
function preludeOf(ctx: FileContext, call: Node, owner: Node): Node[] {
  const body = owner.childForFieldName('body');
  if (!body || (kind(body) !== 'statement_block' && kind(body) !== 'block')) {
    return [];
  }
  let stmt: Node | null = call;
  while (stmt && up(stmt) && (up(stmt) as Node).startIndex !== body.startIndex) {
    stmt = up(stmt);
  }
  if (!stmt || up(stmt)?.startIndex !== body.startIndex) {
    return [];
  }
  const out: Node[] = [];
  for (const s of namedChildren(body)) {
    if (s.startIndex >= stmt.startIndex) {
      break;
    }
    if (isBinding(ctx, s)) {
      out.push(s);
    }
  }
  return out;
}

function isBinding(ctx: FileContext, s: Node): boolean {
  if (JS_BINDING.has(kind(s))) {
    return true;
  }
  if (kind(s) === 'expression_statement') {
    const inner = namedChildren(s)[0];
    return (
      !!inner &&
      (kind(inner) === 'assignment' || kind(inner) === 'assignment_expression') &&
      !/^\s*\w+\s*\[/.test(ctx.textOf(inner))
    );
  }
  return false;
}

/** The statement holding the construct, in the construct's own function (or the top level). */
function statementAround(ctx: FileContext, construct: Node): Node | undefined {
  let prev: Node = construct;
  for (let n = up(construct); n; prev = n, n = up(n)) {
    const k = kind(n);
    if (k === 'program' || k === 'module' || k === 'statement_block' || k === 'block') {
      return prev;
    }
    if (FUNCTION_TYPES.has(k)) {
      return undefined;
    }
  }
  void ctx;
  return undefined;
}

function awaited(call: Node): boolean {
  const p = up(call);
  return !!p && (kind(p) === 'await' || kind(p) === 'await_expression');
}

/** The items' name (`rows`), else `items`. */
function baseName(ctx: FileContext, r: Repetition): string {
  const text = ctx.textOf(r.construct);
  const m = ctx.python
    ? /\bfor\s+[\w\s,()]+?\s+in\s+(?:enumerate\s*\(\s*)?([A-Za-z_]\w*)/.exec(text)
    : /\bof\s+([A-Za-z_$][\w$]*)|^([A-Za-z_$][\w$]*)\s*\.\s*(?:map|flatMap|forEach)\b|^Array\.from\s*\(\s*([A-Za-z_$][\w$]*)/.exec(
        text,
      );
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  return name && !/^(?:range|len|list|this|self)$/.test(name) ? name : 'items';
}
