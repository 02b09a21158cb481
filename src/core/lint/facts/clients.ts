import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { Derived } from '../scanCache';
import {
  callee,
  dottedName,
  isCall,
  kind,
  kindOf,
  lastSegment,
  memberObject,
  namedChildren,
  unwrap,
  up,
  endOf,
  FUNCTION_TYPES,
  enclosingFunction,
  functionName,
} from '../syntax';
import { callParams, type ParamSet } from './arguments';
import { lastAssignedValue } from './functions';
import { JS_ANTHROPIC_CLASSES, JS_OPENAI_CLASSES, PY_ANTHROPIC_CLASS, PY_OPENAI_CLASS } from './imports';

/** A client construction (`new Anthropic(...)`, `anthropic.Anthropic(...)`, `client.withOptions(...)`). */
export interface ClientBinding {
  vendor: 'anthropic' | 'openai';
  /** The name it is bound to: `client`, `this.client` (Python `self.` is normalised to `this.`), or null. */
  key: string | null;
  /** The constructor call or `withOptions`/`with_options` call. */
  node: Node;
  /** Its options object / keyword arguments. */
  options: ParamSet;
  /** For `withOptions`: the receiver expression it derives from. */
  derivedFrom?: Node;
}

/** Client constructions in the file, in text order (read once per file through ctx.clients). */
export function findClients(ctx: FileContext): ClientBinding[] {
  const imports = ctx.imports;
  const out: ClientBinding[] = [];
  if (!imports.anthropic && !imports.openai) {
    return out;
  }
  // Each candidate: where the constructor/withOptions name starts, the name, and its `(`.
  const candidates: Array<{ at: number; name: string; paren: number }> = [];
  if (ctx.python) {
    const local = [...imports.anthropicClasses, ...imports.openaiClasses].map((n) =>
      n.replace(/[$]/g, '\\$'),
    );
    const names = [
      '(?:Async)?(?:Azure)?OpenAI',
      '(?:Async)?Anthropic(?:Bedrock|Vertex|Foundry)?',
      'anthropic\\.(?:Async)?Client', // the SDK's alias of Anthropic
      'with_options',
      ...local,
    ];
    for (const m of dottedCalls(ctx, names.join('|'))) {
      candidates.push({ at: m.index, name: m[1], paren: m.index + m[0].length - 1 });
    }
  } else {
    // What `\bnew\s+([A-Za-z_$][\w$.]*)\s*(\(?)|\.\s*withOptions\s*\(` finds, from the line-local
    // matches of `new` and `withOptions` (kept across edits), not a pattern tried at every `.`.
    const constructions: Array<{ start: number; end: number }> = [];
    for (const m of ctx.scanFromHint(NEW_CALL, /\bnew\b/g)) {
      constructions.push({ start: m.index, end: m.index + m[0].length });
      if (mayBeClient(ctx, m[1])) {
        candidates.push({ at: m.index, name: m[1], paren: m[2] ? m.index + m[0].length - 1 : -1 });
      }
    }
    for (const h of ctx.scan(/\bwithOptions\b/g)) {
      const call = withOptionsCall(ctx.text, h.index);
      // (not where a `new …` match has taken its dot: `new Foo. withOptions(`)
      if (call && !constructions.some((c) => c.start <= call.dot && call.dot < c.end)) {
        candidates.push({ at: h.index, name: 'withOptions', paren: call.paren });
      }
    }
  }
  for (const c of candidates) {
    const binding = clientAt(ctx, c.at, c.name, c.paren);
    if (binding) {
      out.push(binding);
    }
  }
  out.sort((a, b) => a.node.startIndex - b.node.startIndex);
  return out;
}

/**
 * What a scan of `\b((?:[A-Za-z_]\w*\.)*(?:names))\s*\(` finds (`names`: an alternation of
 * names, each a name or dotted names, `anthropic\.Client`), from the matches of `\b(?:names)`
 * (a line-local scan, kept across edits): a match can start only at that name or at one of the
 * dotted names right before it (`a.b.Anthropic(`), tried leftmost first with a sticky copy.
 * (Also in one lint of a text: the pattern itself, tried at every word start, costs twice as much.)
 */
export function* dottedCalls(ctx: FileContext, names: string): Generator<RegExpExecArray> {
  const text = ctx.text;
  const at = new RegExp(`\\b((?:[A-Za-z_]\\w*\\.)*(?:${names}))\\s*\\(`, 'y');
  let next = 0;
  for (const h of ctx.scan(new RegExp(`\\b(?:${names})`, 'g'))) {
    if (h.index < next) {
      continue;
    }
    // The starts of the dotted names before it, nearest first: each a run of word characters
    // (not led by a digit) ending at a `.`.
    const starts = [h.index];
    for (let dot = h.index - 1; text[dot] === '.';) {
      let s = dot;
      while (s > 0 && isWordChar(text.charCodeAt(s - 1))) {
        s--;
      }
      const c = text.charCodeAt(s);
      if (s === dot || (c >= 48 && c <= 57)) {
        break;
      }
      starts.push(s);
      dot = s - 1;
    }
    for (let i = starts.length - 1; i >= 0; i--) {
      if (starts[i] < next) {
        continue;
      }
      at.lastIndex = starts[i];
      const m = at.exec(text);
      if (m) {
        next = at.lastIndex;
        yield m;
        break;
      }
    }
  }
}

/** `new Name(` / `new ns.Name` (sticky; group 1 the name, group 2 the parenthesis if any). */
const NEW_CALL = /\bnew\s+([A-Za-z_$][\w$.]*)\s*(\(?)/y;

/**
 * The dot and the `(` of `.withOptions(` for the name at `at` (blanks, newlines included, allowed
 * around the dot and before the parenthesis), or undefined when it is not such a call.
 */
function withOptionsCall(text: string, at: number): { dot: number; paren: number } | undefined {
  let dot = at - 1;
  while (dot >= 0 && /\s/.test(text[dot])) dot--;
  let paren = at + 'withOptions'.length;
  while (paren < text.length && /\s/.test(text[paren])) paren++;
  return text[dot] === '.' && text[paren] === '(' ? { dot, paren } : undefined;
}

/** `\w`: an ASCII letter, digit or `_`. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A cheap text test before looking at the tree: could `new <name>` construct a client? */
function mayBeClient(ctx: FileContext, name: string): boolean {
  const imports = ctx.imports;
  const dot = name.indexOf('.');
  const head = dot === -1 ? name : name.slice(0, dot);
  return (
    imports.anthropicClasses.has(head) ||
    imports.openaiClasses.has(head) ||
    imports.anthropicNamespaces.has(head) ||
    imports.openaiNamespaces.has(head) ||
    JS_ANTHROPIC_CLASSES.has(head) ||
    JS_OPENAI_CLASSES.has(head)
  );
}

function clientAt(ctx: FileContext, offset: number, name: string, paren: number): ClientBinding | null {
  const isWithOptions = /(?:^|\.)(?:withOptions|with_options)$/.test(name);
  const vendor = isWithOptions ? 'anthropic' : vendorOfName(ctx, name);
  if (!vendor) {
    return null;
  }
  // The construction (or withOptions call) is the smallest node spanning the name and `(`.
  let n: Node | null = paren >= 0 ? ctx.root.descendantForIndex(offset, paren + 1) : ctx.nodeAt(offset);
  for (let i = 0; n && i < 3 && kind(n) !== 'new_expression' && !isCall(n); i++) {
    n = up(n);
  }
  if (!n || !(kind(n) === 'new_expression' || isCall(n))) {
    return null;
  }
  let derivedFrom: Node | undefined;
  if (isWithOptions) {
    const base = memberObject(callee(n));
    if (!base) {
      return null;
    }
    derivedFrom = base;
  }
  const node = n;
  // (Read from the statement around the construction: kept across an edit elsewhere, see `FileContext.derive`.)
  const key =
    bindingKeyFromText(ctx, node) ??
    ctx.derive('client-binding-key', endOf(node), () => bindingKey(ctx, node));
  // (Options read when a rule asks: most rules never look at most clients' options.)
  let options: ParamSet | undefined;
  return {
    vendor,
    key,
    node,
    get options(): ParamSet {
      return (options ??= callParams(node, ctx.text, ctx.python));
    },
    derivedFrom,
  };
}

/** The vendor of a constructor written as `Anthropic`, `anthropic.AsyncAnthropic`, `sdk.default`. */
function vendorOfName(ctx: FileContext, name: string): 'anthropic' | 'openai' | undefined {
  const imports = ctx.imports;
  const dot = name.indexOf('.');
  if (dot === -1) {
    if (imports.anthropicClasses.has(name)) {
      return 'anthropic';
    }
    if (imports.openaiClasses.has(name)) {
      return 'openai';
    }
    if (imports.anthropic && isClientClass(ctx, 'anthropic', name, false)) {
      return 'anthropic';
    }
    if (imports.openai && isClientClass(ctx, 'openai', name, false)) {
      return 'openai';
    }
    return undefined;
  }
  const head = name.slice(0, dot);
  const last = lastSegment(name);
  if (imports.anthropicNamespaces.has(head)) {
    return isClientClass(ctx, 'anthropic', last, true) ? 'anthropic' : undefined;
  }
  if (imports.openaiNamespaces.has(head)) {
    return isClientClass(ctx, 'openai', last, true) ? 'openai' : undefined;
  }
  return undefined;
}

/** The vendor of a constructor expression (`Anthropic`, `anthropic.AsyncAnthropic`, `sdk.default`). */
export function vendorOfConstructor(ctx: FileContext, ctor: Node | null): 'anthropic' | 'openai' | undefined {
  const name = dottedName(ctor, ctx.text);
  return name ? vendorOfName(ctx, name) : undefined;
}

/** Whether a class name (`Anthropic`, `AsyncAnthropicBedrock`, `OpenAI`; JS `default` on a namespace) is a client. */
function isClientClass(
  ctx: FileContext,
  vendor: 'anthropic' | 'openai',
  name: string,
  onNamespace: boolean,
): boolean {
  if (ctx.python) {
    return (vendor === 'anthropic' ? PY_ANTHROPIC_CLASS : PY_OPENAI_CLASS).test(name);
  }
  return (
    (vendor === 'anthropic' ? JS_ANTHROPIC_CLASSES : JS_OPENAI_CLASSES).has(name) ||
    (onNamespace && name === 'default')
  );
}

/** The key an expression is known by: `client`, `this.client` (`self.` becomes `this.`). */
export function keyOf(ctx: FileContext, expr: Node | null): string | null {
  if (expr) {
    // Fast path from the text for plain chains: `client`, `this.client`, `self._client`.
    const raw = ctx.text.slice(expr.startIndex, endOf(expr));
    if (/^[A-Za-z_$#][\w$]*(?:\s*\.\s*#?[A-Za-z_$][\w$]*)*$/.test(raw)) {
      return raw.replace(/\s+/g, '').replace(/^(?:self|cls)\./, 'this.');
    }
  }
  const name = dottedName(expr, ctx.text);
  if (!name) {
    return null;
  }
  return name.replace(/^(?:self|cls)\./, 'this.');
}

/**
 * The binding key read from the text before a construction, for the unambiguous shapes:
 * `const client = ...`, `this.client = ...` / `self.client = ...`, and a Python
 * module-level `client = ...`. Undefined otherwise (the tree decides).
 */
function bindingKeyFromText(ctx: FileContext, expr: Node): string | null | undefined {
  const lineStart = ctx.text.lastIndexOf('\n', expr.startIndex - 1) + 1;
  const prefix = ctx.text.slice(lineStart, expr.startIndex);
  const decl =
    /(?:^|[;{(,]\s*)(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(prefix);
  if (decl) {
    return decl[1];
  }
  const member = /(?:^|[\s;{(,])(?:this|self)\s*\.\s*(#?[\w$]+)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(prefix);
  if (member) {
    return `this.${member[1]}`;
  }
  if (ctx.python) {
    const top = /^([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?:await\s+)?$/.exec(prefix);
    if (top) {
      return top[1];
    }
  }
  return undefined;
}

/**
 * The name a constructed value is stored in, if any, with the range of the outermost node read
 * (see `FileContext.derive`).
 */
function bindingKey(ctx: FileContext, expr: Node): Derived<string | null> {
  let n: Node = expr;
  const wrappers = [
    'await_expression',
    'await',
    'parenthesized_expression',
    'as_expression',
    'non_null_expression',
    'satisfies_expression',
  ];
  for (let p = up(n); p && wrappers.includes(kind(p)); p = up(n)) {
    n = p;
  }
  const parent = up(n);
  const read = (value: string | null, outer: Node | null = parent): Derived<string | null> =>
    outer ? { value, start: outer.startIndex, end: endOf(outer) } : { value, start: 0, end: ctx.text.length };
  if (!parent) {
    return read(null);
  }
  switch (kind(parent)) {
    case 'variable_declarator': {
      const name = parent.childForFieldName('name');
      return read(kindOf(name) === 'identifier' ? ctx.textOf(name) : null);
    }
    case 'public_field_definition':
    case 'field_definition': {
      const name = parent.childForFieldName('name') ?? parent.childForFieldName('property');
      return read(name ? `this.${ctx.textOf(name)}` : null);
    }
    case 'assignment_expression':
    case 'assignment': {
      const left = parent.childForFieldName('left');
      const key = keyOf(ctx, left);
      if (key && ctx.python && !key.includes('.')) {
        // (an assignment in a class body is a class attribute: read up to the class)
        const outer = up(up(up(parent)));
        return read(kindOf(outer) === 'class_definition' ? `this.${key}` : key, outer);
      }
      return read(key);
    }
    case 'as_pattern': {
      const alias = parent.childForFieldName('alias');
      return read(alias ? keyOf(ctx, namedChildren(alias)[0] ?? alias) : null);
    }
    default:
      return read(null);
  }
}

/** The client binding an expression refers to, if the file constructs it. */
export function resolveClient(ctx: FileContext, expr: Node, before: number): ClientBinding | null {
  const r = unwrap(expr);
  if (!r) {
    return null;
  }
  if (kind(r) === 'new_expression' || isCall(r)) {
    return ctx.clients.find((c) => c.node.startIndex === r.startIndex && endOf(c.node) === endOf(r)) ?? null;
  }
  const key = keyOf(ctx, r);
  if (!key) {
    return null;
  }
  // Whether the expression's own function assigns the key, looked up once for all the
  // bindings (undefined: not yet).
  let assigned: boolean | undefined;
  const plain = key.indexOf('.') === -1;
  const usable = (c: ClientBinding): boolean => {
    if (c.key !== key) {
      return false;
    }
    if (plain) {
      const scope = clientScope(ctx, c);
      if (scope && (before < scope.start || before >= scope.end)) {
        if (assigned === undefined) {
          const own = enclosingFunctionAt(ctx, before);
          assigned = !!own && assignsLocally(ctx, own, key);
        }
        return !assigned;
      }
    }
    return true;
  };
  // The last usable binding made before the expression, else the first usable one (after it).
  // (Read from the expression back: the nearest binding mostly answers, and the others'
  // scopes are not looked up.)
  const clients = ctx.clients;
  let lo = 0;
  let hi = clients.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (clients[mid].node.startIndex < before) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    if (usable(clients[i])) {
      return clients[i];
    }
  }
  for (let i = lo; i < clients.length; i++) {
    if (usable(clients[i])) {
      return clients[i];
    }
  }
  return plain ? madeBySameFileFactory(ctx, key, before) : null;
}

/**
 * A local name last assigned the result of a same-file function or method that builds exactly
 * one vendor's clients (`client = self._get_anthropic_client()`, where `_get_anthropic_client`
 * sets `self._client = anthropic.AsyncAnthropic(…)` and returns it): that client.
 */
function madeBySameFileFactory(ctx: FileContext, name: string, before: number): ClientBinding | null {
  // (Read from the functions around the expression: kept across an edit elsewhere, see `FileContext.derive`.)
  const factory = ctx.derive(`client-factory:${name}`, before, () => factoryAssigned(ctx, name, before));
  if (!factory) {
    return null;
  }
  const made = clientsByFunctionName(ctx).get(factory) ?? [];
  const vendors = new Set(made.map((c) => c.vendor));
  return made.length > 0 && vendors.size === 1 ? made[0] : null;
}

/**
 * The name of the function whose result a local name was last assigned before `before` (`client =
 * self._get_anthropic_client()`), from the innermost function out, three levels (a lambda reads
 * the name its method assigned); null when none. Its range: the outermost function read, or the
 * whole text when the search ended for want of a function around one (a fact about its ancestors).
 */
function factoryAssigned(ctx: FileContext, name: string, before: number): Derived<string | null> {
  const whole = { start: 0, end: ctx.text.length };
  let read: { start: number; end: number } = whole;
  let value: Node | null = null;
  let own = enclosingFunctionAt(ctx, before);
  for (let i = 0; own && i < 3; i++) {
    read = own;
    value = unwrap(lastAssignedValue(ctx, name, own.start, before));
    if (value) {
      break;
    }
    const outer = own.start > 0 ? enclosingFunctionAt(ctx, own.start - 1) : null;
    own = outer && outer.end >= own.end ? outer : null;
    if (!own) {
      read = whole;
    }
  }
  const factory = value && isCall(value) ? lastSegment(dottedName(callee(value), ctx.text)) : null;
  return { value: factory || null, start: read.start, end: read.end };
}

/**
 * The file's clients by the name of the function each is built in (read from the tree once per
 * file, not per call: the call graph needs the calls).
 */
function clientsByFunctionName(ctx: FileContext): Map<string, ClientBinding[]> {
  return ctx.memo('clients-by-function-name', () => {
    const out = new Map<string, ClientBinding[]>();
    for (const c of ctx.clients) {
      const fn = enclosingFunction(c.node);
      const name = fn ? functionName(fn, ctx.text) : undefined;
      if (name) {
        out.set(name, [...(out.get(name) ?? []), c]);
      }
    }
    return out;
  });
}

/**
 * A client bound to a plain name is local to another function than the expression's when it
 * is declared in a function (`clientScope`) the expression is not in, while the expression's
 * own function assigns the name itself (`assignsLocally`): Python `client = openai.OpenAI()`
 * inside another `def` (no `global client` there), JS `const client = new OpenAI()` inside
 * another function, and `client = llm_config["client"]` before `client.messages.create`.
 * (Only when the expression's own function assigns the name: a parameter of that name may be
 * handed the very client, `createWithRetry(client, …)`.)
 */
function clientScope(ctx: FileContext, c: ClientBinding): { start: number; end: number } | null {
  const scopes = ctx.memo(
    'client-scopes',
    () => new Map<ClientBinding, { start: number; end: number } | null>(),
  );
  let scope = scopes.get(c);
  if (scope === undefined) {
    const key = c.key!;
    // (Read from the function around the construction, and its line: kept across an edit
    // elsewhere, see `FileContext.derive`. A file that builds a client in each of many tests
    // would otherwise climb from every one of them on every keystroke.)
    scope = ctx.derive(
      `client-scope:${key}`,
      c.node.startIndex,
      () => {
        const lineStart = ctx.text.lastIndexOf('\n', c.node.startIndex - 1) + 1;
        for (let n = up(c.node); n; n = up(n)) {
          if (FUNCTION_TYPES.has(kind(n))) {
            const text = ctx.textOf(n);
            const name = key.replace(/\$/g, '\\$');
            const declared = ctx.python
              ? !new RegExp(`\\b(?:global|nonlocal)\\s+[\\w\\s,]*\\b${name}\\b`).test(text)
              : new RegExp(`\\b(?:const|let|var)\\s+${name}\\b`).test(
                  ctx.text.slice(lineStart, c.node.startIndex),
                );
            const value = declared ? { start: n.startIndex, end: endOf(n) } : null;
            return { value, start: Math.min(lineStart, n.startIndex), end: endOf(n) };
          }
        }
        return { value: null, start: 0, end: ctx.text.length };
      },
      (v, by) => v && { start: v.start + by, end: v.end + by },
    );
    scopes.set(c, scope);
  }
  return scope;
}

/** The range of the innermost function around an offset, or null. */
function enclosingFunctionAt(ctx: FileContext, at: number): { start: number; end: number } | null {
  // (Read from that function's subtree alone: kept across an edit elsewhere, see `FileContext.derive`.)
  return ctx.derive(
    'client-enclosing-function',
    at,
    () => {
      let fn: Node | null = ctx.nodeAt(at);
      while (fn && !FUNCTION_TYPES.has(kind(fn))) {
        fn = up(fn);
      }
      const value = fn && { start: fn.startIndex, end: endOf(fn) };
      return { value, start: value ? value.start : 0, end: value ? value.end : ctx.text.length };
    },
    (v, by) => v && { start: v.start + by, end: v.end + by },
  );
}

/** Whether a function (its range) assigns a plain name itself (see `clientScope`). */
function assignsLocally(ctx: FileContext, own: { start: number; end: number }, name: string): boolean {
  const key = name.replace(/\$/g, '\\$');
  return ctx.memo(`client-local:${own.start}:${name}`, () =>
    new RegExp(
      ctx.python
        ? `^[ \\t]*${key}[ \\t]*(?::[^=\\n]*)?=(?!=)`
        : `\\b(?:const|let|var)\\s+${key}\\s*(?::[^=\\n]*)?=(?!=)`,
      'm',
    ).test(ctx.text.slice(own.start, own.end)),
  );
}
