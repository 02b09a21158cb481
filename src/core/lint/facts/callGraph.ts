import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { ClaudeCall } from './calls';
import { endOf, FUNCTION_TYPES, isNameChar, kind, up } from '../syntax';
import { definedFunctionAt, pastNextChar } from './functions';
import { functionTables, tableParameters } from './functionTables';
import { isLimitedIn } from './limiters';
import { parseCalls } from './otherClaudeCalls';
import { sticky } from '../scanCache';
import { providerGate, routedAway } from './providerGate';

/**
 * The same-file call graph: named local functions (declarations, `def`, methods of local
 * classes, arrow functions / lambdas / function expressions assigned to a name), the local
 * names each one calls, and summaries computed once per file and shared by every rule.
 *
 * Built from text scans (definitions, call sites) plus one tree lookup per definition, so
 * it costs time linear in the file: no function rescans its body, and the summaries are
 * propagated over the call sites a fixed number of times.
 */
export interface LocalFunction {
  name: string;
  /** The function node (`function_declaration`, `arrow_function`, `function_definition`, …). */
  node: Node;
  start: number;
  end: number;
  /** Offset of the defining name. */
  nameAt: number;
  /** Parameter names, in order (`self`/`this` typed parameters included as written). */
  params: string[];
  /** Calls of local function names made inside this function (not inside a nested local function). */
  sites: CallSite[];
  /**
   * Claude calls written inside this function (not inside a nested local function, unless the
   * nested one is handed to a runner here that calls it at once: `run_in_executor(None, sync_call)`).
   */
  claude: ClaudeCall[];
  /** Calls of its own parameters (`fn()`, `await operation()`): what a generic wrapper runs. */
  paramSites: CallSite[];
}

/** A function's parameters as a call passes them: Python's `self` / `cls` left out. */
export function passedParams(params: readonly string[]): readonly string[] {
  return params[0] === 'self' || params[0] === 'cls' ? params.slice(1) : params;
}

/** A call of a local name: `translate(`, `this.describe(`, `self.ask(`. */
export interface CallSite {
  name: string;
  /** Offset of the name. */
  at: number;
  /** Whether written as `this.name(` / `self.name(`. */
  method: boolean;
  /** Whether written as `super().name(` / `super.name(`: the base class's method, not a recursion. */
  viaSuper?: boolean;
}

/** How a function reaches Claude: directly (depth 0) or through local calls. */
export interface ClaudeReach {
  depth: number;
  /** The Claude calls at the end of the chain. */
  calls: ClaudeCall[];
  /** The local functions followed, outermost first (empty for a direct call). */
  via: string[];
}

export interface CallGraph {
  /** Every named local function, by start offset. */
  functions: LocalFunction[];
  byName: Map<string, LocalFunction[]>;
  /** Per function: how it reaches Claude within `MAX_DEPTH` local calls (absent when it does not). */
  reach: Map<LocalFunction, ClaudeReach>;
  /** Calls of local functions outside every local function (module-level code). */
  topLevel: CallSite[];
}

/** A name handed to a runner that calls it once, now, on a worker (the name is captured as group 1). */
const RUNNER_HAND_OFF =
  /(?:\brun_in_executor\s*\(\s*[\w.]+\s*,|\bto_thread\s*\(|\.submit\s*\(|\bThread\s*\(\s*target\s*=)\s*([A-Za-z_]\w*)\s*[,)]/g;

/** Whether `name` is handed to a runner in `[from, to)` (Python: read from the text after the nested `def`). */
function handedToRunner(ctx: FileContext, name: string, from: number, to: number): boolean {
  if (!ctx.python || to - from > 20_000) {
    return false;
  }
  for (const m of ctx.text.slice(from, to).matchAll(RUNNER_HAND_OFF)) {
    if (m[1] === name && !ctx.inCommentOrString(from + (m.index ?? 0))) {
      return true;
    }
  }
  return false;
}

/** Local calls followed from a call site to a Claude call ("one or two calls deep"). */
export const MAX_DEPTH = 2;

// (A name starts after a non-name character: without the look-behind each pattern is also
// tried from every later character of each name, to the same end.)
// Each with the tail it cannot match without, from a literal character on (see
// `FileContext.scanLines`), or none; a pattern that spans lines with the head every match
// starts with (see `FileContext.scanFromHint`).
export const JS_DEFS: Array<[RegExp, RegExp?, RegExp?]> = [
  // function name(  /  function* name(
  [/\bfunction\b[\s*]*([A-Za-z_$][\w$]*)\s*[<(]/g, undefined, /\bfunction\b/g],
  // name = async (…) =>, name = x =>, name = function, const name: T = (…, name = <T>(…) =>
  [
    /(?<![\w$])([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n;]{0,80})?=[ \t]*(?:async\b[ \t]*)?(?:function\b|(?:<[^<>=\n]{1,80}>[ \t]*)?\(|[A-Za-z_$][\w$]*[ \t]*=>)/g,
    /=[ \t]*(?:async\b[ \t]*)?(?:function\b|(?:<[^<>=\n]{1,80}>[ \t]*)?\(|[A-Za-z_$][\w$]*[ \t]*=>)/g,
  ],
  // name: async (…) =>  (object literal property)
  [
    /(?<![\w$])([A-Za-z_$][\w$]*)[ \t]*:[ \t]*(?:async\b[ \t]*)?(?:function\b|\([^()\n]*\)[ \t]*(?::[^=\n]*)?=>|[A-Za-z_$][\w$]*[ \t]*=>)/g,
    /:[ \t]*(?:async\b[ \t]*)?(?:function\b|\([^()\n]*\)[ \t]*(?::[^=\n]*)?=>|[A-Za-z_$][\w$]*[ \t]*=>)/g,
  ],
  // a method at the start of a line: `async name(`, `static name<T>(`, `#name(` (the indentation
  // read whole: the `[ \t]*` before the name would take back what it left, trying every split)
  [
    /^[ \t]*(?![ \t])(?:(?:public|private|protected|static|async|override|readonly|get|set)[ \t]+)*\*?[ \t]*(#?[A-Za-z_$][\w$]*)[ \t]*(?:<[^>\n]*>)?[ \t]*\(/gm,
  ],
];
export const PY_DEFS: Array<[RegExp, RegExp?, RegExp?]> = [
  [/^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/gm, /def[ \t]/g],
  [/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*lambda\b/gm, /=[ \t]*lambda\b/g],
];

/** Sticky copies of the definition patterns read from their heads. */
const STICKY: Record<string, RegExp> = {};

/** Keywords the call-site scan reads as calls (`if (`, `while (`): never a function's name. */
const JS_NOT_NAMES = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'constructor']);
/** In Python `switch`, `catch`, `function` and `constructor` are ordinary names. */
const PY_NOT_NAMES = new Set(['if', 'elif', 'for', 'while', 'return', 'not', 'and', 'or', 'in', 'assert']);

/** The call graph of the file (computed once). */
export function callGraph(ctx: FileContext): CallGraph {
  return ctx.memo('call-graph', () => buildGraph(ctx));
}

function buildGraph(ctx: FileContext): CallGraph {
  const functions = findFunctions(ctx);
  const byName = new Map<string, LocalFunction[]>();
  for (const f of functions) {
    const list = byName.get(f.name) ?? [];
    list.push(f);
    byName.set(f.name, list);
  }
  const reach = new Map<LocalFunction, ClaudeReach>();
  const topLevel: CallSite[] = [];
  if (functions.length === 0) {
    return { functions, byName, reach, topLevel };
  }
  // Claude calls and call sites go to their innermost local function (one sweep each).
  const innermost = innermostFinder(functions);
  // (structured outputs' `messages.parse` is a Messages request too: `create` underneath)
  for (const call of [...ctx.calls, ...parseCalls(ctx)].sort(
    (a, b) => a.node.startIndex - b.node.startIndex,
  )) {
    const f = innermost(call.node.startIndex);
    f?.claude.push(call);
    // A nested function handed to a runner in its parent (`loop.run_in_executor(None, sync_call)`,
    // `asyncio.to_thread(send)`, `pool.submit(send)`) runs once, now: its parent makes the request.
    const parent = f && f.start > 0 ? innermost(f.start - 1) : undefined;
    if (f && parent && handedToRunner(ctx, f.name, f.end, parent.end)) {
      parent.claude.push(call);
    }
  }
  const definedAt = new Set(functions.map((f) => f.nameAt));
  const paramNamesAll = new Set<string>();
  for (const f of functions) {
    // (a loop: `flatMap` costs several times more here)
    for (const p of f.params) {
      paramNamesAll.add(p);
    }
  }
  const dispatch = dispatchAliases(ctx);
  const defaults = defaultAliasesOf(ctx, byName);
  // The names a site can be recorded under (below, any other name is skipped): one lookup per
  // site, for the thousands of calls of other names (`print(`, `len(`) in a large file.
  const recordable = new Set([...byName.keys(), ...dispatch.keys(), ...defaults.keys(), ...paramNamesAll]);
  for (const { name, at, method, viaSuper } of fileCallSites(ctx)) {
    if (!recordable.has(name)) {
      continue;
    }
    const local = byName.has(name);
    const picked = !local && !method ? dispatch.get(name) : undefined;
    const fallback = !local && !method ? defaults.get(name) : undefined;
    if (fallback) {
      // `const caller = options.caller ?? callModel` then `caller(text)`: the same-file function
      // named as the fallback, when the name is bound so in the calling function.
      // (at the top level, `const ask = provider === 'openai' ? askOpenAI : askAnthropic` then `ask(text)`)
      const owner = innermost(at);
      const bound = fallback.find((b) => (owner ? owner.start <= b.at : !innermost(b.at)) && b.at < at);
      if (bound && !ctx.inCommentOrString(at)) {
        for (const n of bound.names) {
          (owner ? owner.sites : topLevel).push({ name: n, at, method: false });
        }
      }
      continue;
    }
    if (picked) {
      // `send = getattr(self, f"send_prompt_{kind}")` then `send(prompt)`: each same-file method
      // whose name starts so (at most 8), when the name is bound in the calling function.
      const owner = innermost(at);
      if (owner && picked.some((p) => owner.start <= p.at && p.at < at) && !ctx.inCommentOrString(at)) {
        const prefix = picked.find((p) => owner.start <= p.at && p.at < at)!.prefix;
        const names = [...byName.keys()].filter((n) => n.startsWith(prefix) && n !== prefix).slice(0, 8);
        for (const n of names) {
          owner.sites.push({ name: n, at, method: false });
        }
      }
      continue;
    }
    if (
      (!local && !(paramNamesAll.has(name) && !method)) ||
      (ctx.python ? PY_NOT_NAMES : JS_NOT_NAMES).has(name)
    ) {
      continue;
    }
    if (definedAt.has(at)) {
      continue;
    }
    const owner = innermost(at);
    if (!owner) {
      if (local && !method && !ctx.inCommentOrString(at)) {
        topLevel.push({ name, at, method: false });
      }
      continue;
    }
    const param = !method && owner.params.includes(name);
    // A parameter of an enclosing function called in a nested one (`def deco(func): def
    // wrapper(*a): … func(*a)`): the call belongs to the function whose parameter it runs.
    const closure = !param && !local && !method ? closureOwner(owner, name, innermost) : undefined;
    if ((!param && !local && !closure) || ctx.inCommentOrString(at)) {
      continue; // (the tree lookup only for a site that would be recorded)
    }
    if (closure) {
      closure.paramSites.push({ name, at, method: false });
    } else if (param) {
      owner.paramSites.push({ name, at, method: false });
    } else {
      owner.sites.push(viaSuper ? { name, at, method, viaSuper } : { name, at, method: !!method });
    }
  }
  tableParameterSites(ctx, functions, byName, innermost);
  // Depth 0: a Claude call written in the function (outside any limiter in it).
  for (const f of functions) {
    const calls = f.claude.filter((c) => !isLimitedIn(ctx, c.node, f.start, () => f.node));
    if (calls.length) {
      reach.set(f, { depth: 0, calls, via: [] });
    }
  }
  // Depth d: calls a function of depth d - 1 (one pass over the call sites per level).
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const found: Array<[LocalFunction, ClaudeReach]> = [];
    for (const f of functions) {
      if (reach.has(f)) {
        continue;
      }
      for (const site of f.sites) {
        const target = ownClassFirst(ctx, byName.get(site.name) ?? [], site.at, site.method).find(
          (g) => g !== f && reach.get(g)?.depth === depth - 1,
        );
        const r = target && reach.get(target);
        const call = r ? siteCall(ctx, site.at) : null;
        if (target && r && call && !isLimitedIn(ctx, call, f.start, () => f.node)) {
          found.push([f, { depth, calls: r.calls, via: [target.name, ...r.via] }]);
          break;
        }
      }
    }
    for (const [f, r] of found) {
      reach.set(f, r);
    }
  }
  return { functions, byName, reach, topLevel };
}

/**
 * A parameter handed a function picked from a same-file table of functions (`call_fn =
 * CALL_FNS[provider]`, then `_process_one(doc, call_fn)` or `pool.submit(_process_one, doc,
 * call_fn)`): its calls in the receiving function (`call_fn(client, …)`) are calls of each
 * function of the table (at most 8), so a table entry that reaches Claude makes the receiver
 * reach it. (Where the picking function calls the pick itself, see `indirectClaudeCalls`.)
 */
function tableParameterSites(
  ctx: FileContext,
  functions: LocalFunction[],
  byName: Map<string, LocalFunction[]>,
  innermost: (offset: number) => LocalFunction | undefined,
): void {
  if (!functions.some((f) => f.paramSites.length)) {
    return;
  }
  const isFunction = (name: string): boolean => byName.has(name);
  const tables = functionTables(ctx, isFunction);
  const picked = tableParameterMap(ctx);
  for (const use of tableParameters(ctx, tables, innermost, isFunction)) {
    for (const fn of byName.get(use.fn) ?? []) {
      const param = typeof use.param === 'string' ? use.param : fn.params[use.param];
      if (!param) {
        continue;
      }
      for (const site of fn.paramSites) {
        const holder = site.name === param ? innermost(site.at) : undefined;
        if (holder && !holder.sites.some((s) => s.at === site.at)) {
          for (const name of use.table.slice(0, 8)) {
            holder.sites.push({ name, at: site.at, method: false });
            const list = picked.get(name) ?? [];
            picked.set(name, [...list, site.at]);
          }
        }
      }
    }
  }
}

/** Per function of a table: the offsets of the parameter calls that run it (see `tableParameterSites`). */
function tableParameterMap(ctx: FileContext): Map<string, number[]> {
  return ctx.memo('call-graph-table-parameters', () => new Map<string, number[]>());
}

/**
 * Where a same-file function is run through a parameter handed it from a table of functions:
 * the offsets of the parameter calls (`call_fn(` in `_process_one(…, call_fn, …)` given
 * `CALL_FNS[provider]`, whose table holds `call_anthropic`).
 */
export function tableParameterCalls(ctx: FileContext, name: string): readonly number[] {
  callGraph(ctx);
  return tableParameterMap(ctx).get(name) ?? [];
}

/**
 * The function (at most three levels out) whose parameter `name` is, for a call of it in a nested
 * function; undefined when a nearer function binds the name first.
 */
function closureOwner(
  fn: LocalFunction,
  name: string,
  innermost: (offset: number) => LocalFunction | undefined,
): LocalFunction | undefined {
  let inner = fn;
  for (let i = 0; i < 3; i++) {
    const outer = innermost(inner.start - 1);
    if (!outer || outer.end < inner.end) {
      return undefined;
    }
    if (outer.params.includes(name)) {
      return outer;
    }
    inner = outer;
  }
  return undefined;
}

/** A named local function as read from the tree (`LocalFunction` without the call sites). */
interface FunctionDef {
  name: string;
  start: number;
  end: number;
  nameAt: number;
  params: string[];
}

/** The named local functions of the file, in text order. */
function findFunctions(ctx: FileContext): LocalFunction[] {
  const seen = new Set<number>();
  const out: LocalFunction[] = [];
  for (const [re, hint, head] of ctx.python ? PY_DEFS : JS_DEFS) {
    const found = hint
      ? ctx.scanLines(re, hint)
      : head
        ? ctx.scanFromHint((STICKY[re.source] ??= sticky(re)), head)
        : ctx.scan(re);
    for (const m of found) {
      const name = m[1];
      const at = nameAtOf(m, name);
      if ((ctx.python ? PY_NOT_NAMES : JS_NOT_NAMES).has(name)) {
        continue;
      }
      // Read from the definition's own subtree: an editor document keeps it across an edit
      // elsewhere (see `FileContext.derive`), and finds the node again only when asked.
      let node: Node | null = null;
      const def = ctx.derive<FunctionDef | null>(
        'function-def',
        at,
        () => {
          const read = { start: 0, end: ctx.text.length };
          const end = pastNextChar(ctx.text, at + name.length);
          const fn = definedFunctionAt(ctx, at, end, true, ctx.keeps ? read : undefined);
          node = fn;
          const value = fn && {
            name: name.replace(/^#/, ''),
            start: fn.startIndex,
            end: endOf(fn),
            nameAt: at,
            params: paramNames(ctx, fn),
          };
          return {
            value,
            start: Math.min(read.start, value?.start ?? read.start),
            end: Math.max(read.end, value?.end ?? 0),
          };
        },
        (d, by) => d && { ...d, start: d.start + by, end: d.end + by, nameAt: d.nameAt + by },
      );
      if (!def || seen.has(def.start)) {
        continue;
      }
      seen.add(def.start);
      out.push(localFunction(ctx, def, node));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A `LocalFunction` of a definition; its node found when first read, unless given. */
function localFunction(ctx: FileContext, def: FunctionDef, node: Node | null): LocalFunction {
  return new Local(ctx, def, node);
}

/** A `LocalFunction` whose node is found in the tree when first read (see `findFunctions`). */
class Local implements LocalFunction {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly nameAt: number;
  readonly params: string[];
  readonly sites: CallSite[] = [];
  readonly claude: ClaudeCall[] = [];
  readonly paramSites: CallSite[] = [];
  #node: Node | null;
  readonly #ctx: FileContext;

  constructor(ctx: FileContext, def: FunctionDef, node: Node | null) {
    this.name = def.name;
    this.start = def.start;
    this.end = def.end;
    this.nameAt = def.nameAt;
    this.params = def.params;
    this.#node = node;
    this.#ctx = ctx;
  }

  get node(): Node {
    return (this.#node ??= functionNode(this.#ctx, this.start, this.end));
  }
}

/** The function node spanning exactly `start`..`end`. */
function functionNode(ctx: FileContext, start: number, end: number): Node {
  for (let n: Node | null = ctx.root.descendantForIndex(start, end); n; n = up(n)) {
    if (n.startIndex !== start || endOf(n) !== end) {
      break;
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      return n;
    }
  }
  throw new Error(`call graph: no function at ${start}..${end}`);
}

/**
 * The calls of plain names in a text, in text order: `name(` or `this.name(` / `self.name(`
 * (`method`), not after a dot (another object's method). What the pattern
 * `(?<![\w$.])((?:this|self)[ \t]*\.[ \t]*)?([A-Za-z_$][\w$]*)[ \t]*\(` finds, read back from
 * each `(` (a pattern that starts with a look-behind is tried at every offset, several times slower).
 * Only the `(` in `text[from, to)`; each site is read from its line alone (so the call graph
 * keeps the sites of the lines an edit did not touch, see `FileContext.lineScan`).
 */
export function* callSites(
  text: string,
  from = 0,
  to = text.length,
): Generator<{ name: string; at: number; method: boolean; viaSuper?: boolean }> {
  for (
    let paren = text.indexOf('(', from);
    paren !== -1 && paren < to;
    paren = text.indexOf('(', paren + 1)
  ) {
    let end = paren;
    while (isBlank(text.charCodeAt(end - 1))) end--;
    let at = end;
    while (isNameChar(text.charCodeAt(at - 1))) at--;
    const first = text.charCodeAt(at);
    if (at === end || (first >= 48 && first <= 57)) {
      continue; // no name, or a number
    }
    // `this.` / `self.` before the name, with blanks around the dot.
    let j = at - 1;
    while (isBlank(text.charCodeAt(j))) j--;
    let method = false;
    if (text[j] === '.') {
      j--;
      while (isBlank(text.charCodeAt(j))) j--;
      const receiver = j >= 3 ? text.slice(j - 3, j + 1) : '';
      const before = text.charCodeAt(j - 4);
      method = (receiver === 'this' || receiver === 'self') && !isNameChar(before) && text[j - 4] !== '.';
      if (!method && superBefore(text, j)) {
        yield { name: text.slice(at, end), at, method: true, viaSuper: true };
        continue;
      }
    }
    const before = text.charCodeAt(at - 1);
    if (method || !(isNameChar(before) || text[at - 1] === '.')) {
      yield { name: text.slice(at, end), at, method };
    }
  }
}

/** `callSites` of the file's text (in an editor document, kept for the lines an edit did not touch). */
export function fileCallSites(
  ctx: FileContext,
): Array<{ name: string; at: number; method: boolean; viaSuper?: boolean }> {
  return ctx.lineScan(
    'call-sites',
    (text, from, to) => [...callSites(text, from, to)],
    (site) => site.at,
    // (An object literal of the same shape: every site after an edit is moved, thousands in a large file.)
    (site, by) =>
      site.viaSuper
        ? { name: site.name, at: site.at + by, method: site.method, viaSuper: true }
        : { name: site.name, at: site.at + by, method: site.method },
  );
}

/** Whether the receiver ending at `j` is `super()` (Python) or `super` (JS). */
function superBefore(text: string, j: number): boolean {
  const k = text[j] === ')' && text[j - 1] === '(' ? j - 2 : j;
  return text.slice(k - 4, k + 1) === 'super' && !isNameChar(text.charCodeAt(k - 5)) && text[k - 5] !== '.';
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

/** The offset of the captured name in a match (its first occurrence after any keyword). */
function nameAtOf(m: RegExpExecArray, name: string): number {
  const s = m[0];
  for (let i = s.indexOf(name); i !== -1; i = s.indexOf(name, i + 1)) {
    if (!isNameChar(s.charCodeAt(i - 1)) && s[i - 1] !== '#' && !isNameChar(s.charCodeAt(i + name.length))) {
      return m.index + i;
    }
  }
  return m.index;
}

/** Parameter names of a function, read from the text of its parameter list. */
function paramNames(ctx: FileContext, fn: Node): string[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) {
    return [];
  }
  let text = ctx.textOf(params).trim();
  if (text.startsWith('(')) {
    text = text.slice(1, text.endsWith(')') ? -1 : undefined);
  }
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{' || ch === '<') depth++;
    else if (ch === ')' || ch === ']' || ch === '}' || ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current);
  return out
    .map(
      (p) =>
        /^\s*(?:\.\.\.|\*{1,2})?\s*(?:(?:public|private|protected|readonly)\s+)*([A-Za-z_$][\w$]*)/.exec(
          p,
        )?.[1],
    )
    .filter((p): p is string => !!p);
}

/**
 * A finder of the innermost function containing an offset. Offsets may come in any order;
 * each lookup is a binary search over the starts, then a walk out through enclosing
 * functions (nesting of named functions is shallow in practice, and bounded by the count).
 */
function innermostFinder(functions: LocalFunction[]): (offset: number) => LocalFunction | undefined {
  // The enclosing function of each function, found in one stack sweep.
  const parent = new Map<LocalFunction, LocalFunction | undefined>();
  const stack: LocalFunction[] = [];
  for (const f of functions) {
    while (stack.length && stack[stack.length - 1].end <= f.start) {
      stack.pop();
    }
    parent.set(f, stack[stack.length - 1]);
    stack.push(f);
  }
  return (offset) => {
    let lo = 0;
    let hi = functions.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (functions[mid].start <= offset) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (let f = best >= 0 ? functions[best] : undefined; f; f = parent.get(f)) {
      if (offset < f.end) {
        return f;
      }
    }
    return undefined;
  };
}

/** The innermost local function containing an offset. */
export function functionAt(ctx: FileContext, offset: number): LocalFunction | undefined {
  const graph = callGraph(ctx);
  const find = ctx.memo('call-graph-finder', () => innermostFinder(graph.functions));
  return find(offset);
}

/**
 * The local function a call site calls that reaches Claude within the depth limit, not
 * the function the site is in (recursion is not a path to Claude), with how it reaches it.
 */
export function claudeTarget(
  ctx: FileContext,
  name: string,
  site: number,
): { fn: LocalFunction; reach: ClaudeReach } | undefined {
  const graph = callGraph(ctx);
  const method = /(?<![\w$.])(?:self|this)\s*\.\s*$/.test(ctx.text.slice(Math.max(0, site - 24), site));
  for (const fn of ownClassFirst(ctx, graph.byName.get(name) ?? [], site, method)) {
    const r = graph.reach.get(fn);
    if (r && !(fn.start <= site && site < fn.end) && !routedAwayAt(ctx, fn, r, site)) {
      return { fn, reach: r };
    }
  }
  return undefined;
}

/**
 * How many Claude requests a call of `fn` may send: the Claude calls written in it and in the
 * same-file functions it calls, up to {@link MAX_DEPTH} calls deep (a three-stage analysis of two
 * requests a stage: 6). At most 32 functions are read.
 */
export function requestsReached(ctx: FileContext, fn: LocalFunction): number {
  const graph = callGraph(ctx);
  const calls = new Set<number>();
  const seen = new Set<LocalFunction>([fn]);
  let frontier = [fn];
  for (let depth = 0; depth <= MAX_DEPTH && frontier.length; depth++) {
    const next: LocalFunction[] = [];
    for (const f of frontier) {
      f.claude.forEach((c) => calls.add(c.node.startIndex));
      for (const site of depth < MAX_DEPTH ? f.sites : []) {
        for (const g of graph.byName.get(site.name) ?? []) {
          if (!seen.has(g) && seen.size < 32 && graph.reach.has(g)) {
            seen.add(g);
            next.push(g);
          }
        }
      }
    }
    frontier = next;
  }
  return Math.max(1, calls.size);
}

/** Whether the call at `site` hands a multi-provider function another provider's model (see `providerGate`). */
function routedAwayAt(ctx: FileContext, fn: LocalFunction, r: ClaudeReach, site: number): boolean {
  const gate = providerGate(ctx, fn, r);
  const call = gate ? siteCall(ctx, site) : null;
  return !!gate && !!call && routedAway(ctx, call, gate);
}

const CLASS_TYPES = new Set(['class_definition', 'class_declaration', 'class', 'abstract_class_declaration']);

/** The class a node sits in (innermost), or null. */
function classAround(node: Node | null): Node | null {
  for (let n = node; n; n = up(n)) {
    if (CLASS_TYPES.has(kind(n))) {
      return n;
    }
  }
  return null;
}

/**
 * For `self.name(` / `this.name(`: the methods of the site's own class, when it defines one of
 * that name (another class's method of the same name is not what `self` calls); otherwise all.
 */
function ownClassFirst(
  ctx: FileContext,
  candidates: readonly LocalFunction[],
  at: number,
  method: boolean,
): readonly LocalFunction[] {
  if (!method || candidates.length < 2) {
    return candidates;
  }
  const cls = classAround(ctx.nodeAt(at));
  if (!cls) {
    return candidates;
  }
  const own = candidates.filter((c) => {
    const of = ctx.memo(`call-graph-class:${c.start}`, () => classAround(up(c.node))?.startIndex ?? -1);
    return of === cls.startIndex;
  });
  return own.length ? own : candidates;
}

/** Local call sites between two offsets (text order), from the call graph. */
export function sitesWithin(ctx: FileContext, start: number, end: number): CallSite[] {
  const all = ctx.memo('call-graph-sites', () => {
    const graph = callGraph(ctx);
    const sites = [...graph.topLevel];
    for (const f of graph.functions) {
      for (const site of f.sites) {
        sites.push(site); // (a loop, as in buildGraph)
      }
    }
    return sites.sort((a, b) => a.at - b.at);
  });
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].at < start) lo = mid + 1;
    else hi = mid;
  }
  const out: CallSite[] = [];
  for (let i = lo; i < all.length && all[i].at < end; i++) {
    out.push(all[i]);
  }
  return out;
}

/** The call node whose callee ends with the name at `at`. */
export function siteCall(ctx: FileContext, at: number): Node | null {
  let n = ctx.nodeAt(at);
  for (let i = 0; n && i < 4; i++, n = up(n)) {
    if (kind(n) === 'call_expression' || kind(n) === 'call') {
      const fn = n.childForFieldName('function');
      return fn && fn.startIndex <= at && at < endOf(fn) ? n : null;
    }
  }
  return null;
}

/** `name = fn` ending a parameter (or a declaration of several names): `caller: Fn = ask,`, `send=ask_claude)`. */
const PARAMETER_DEFAULT =
  /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*\??(?::[^\n;{}]{1,80}?)?[ \t]*=(?![=>])[ \t]*([A-Za-z_$][\w$]*)[ \t]*(?:,|\)|$)/gm;

/**
 * Names bound to same-file functions by a fallback or a choice: JS `const caller = options.caller
 * ?? callModel` (also `||`, a ternary), Python `send = send_fn or ask_claude` (also `a if cond else
 * b`), a parameter's default (`caller = ask`); with the same-file functions named there (at most 4).
 * Scanned once, on the lines holding such an operator.
 */
function defaultAliasesOf(
  ctx: FileContext,
  byName: Map<string, LocalFunction[]>,
): Map<string, Array<{ names: string[]; at: number }>> {
  return ctx.memo('call-graph-default-aliases', () => defaultAliases(ctx, byName));
}

function defaultAliases(
  ctx: FileContext,
  byName: Map<string, LocalFunction[]>,
): Map<string, Array<{ names: string[]; at: number }>> {
  const out = new Map<string, Array<{ names: string[]; at: number }>>();
  const [re, hint] = ctx.python
    ? [
        /^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*[ \t]+if[ \t]+[^\n#]{1,120}?[ \t]+else[ \t]+[A-Za-z_][\w.]*|[A-Za-z_][\w.]*(?:[ \t]+or[ \t]+[A-Za-z_][\w.]*)+)[ \t]*(?:#.*)?$/gm,
        /[ \t]or[ \t]|[ \t]else[ \t]/g,
      ]
    : [
        /\b(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]{1,80})?=[ \t]*((?:[^?;\n]{1,120}\?[ \t]*)?[A-Za-z_$][\w$.]*(?:[ \t]*(?:\?\?|\|\||:)[ \t]*[A-Za-z_$][\w$.]*)+)[ \t]*;?[ \t]*$/gm,
        /\?\?|\|\||\?/g,
      ];
  // A parameter's default: `caller: (t: string) => Promise<Reply> = ask`, Python `send=ask_claude`.
  for (const m of ctx.scanLines(PARAMETER_DEFAULT, /=[ \t]*[A-Za-z_$][\w$]*[ \t]*(?:,|\)|$)/gm)) {
    if (byName.has(m[2]) && m[1] !== m[2] && !ctx.inCommentOrString(m.index)) {
      out.set(m[1], [...(out.get(m[1]) ?? []), { names: [m[2]], at: m.index }]);
    }
  }
  for (const m of ctx.scanLines(re, hint)) {
    // (bare names only: `options.caller` is what a caller injects, `callModel` the file's own)
    const names = [...m[2].matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)(?![\w$.])/g)]
      .map((n) => n[1])
      .filter((n) => byName.has(n) && n !== m[1])
      .slice(0, 4);
    if (names.length && !ctx.inCommentOrString(m.index)) {
      out.set(m[1], [...(out.get(m[1]) ?? []), { names, at: m.index }]);
    }
  }
  return out;
}

/**
 * The calls of names bound to the same-file function `name` (see `defaultAliases`: `const ask =
 * provider === 'openai' ? askOpenAI : askAnthropic`, then `ask(text)`): their offsets, after the
 * binding and, for one made in a function, inside it. At most 16.
 */
export function aliasCallsOf(ctx: FileContext, name: string): number[] {
  const aliases = defaultAliasesOf(ctx, callGraph(ctx).byName);
  const out: number[] = [];
  for (const [alias, bindings] of aliases) {
    for (const b of bindings) {
      if (!b.names.includes(name)) {
        continue;
      }
      const scope = functionAt(ctx, b.at);
      for (const { start } of ctx.callsOf(alias, false)) {
        if (start > b.at && (!scope || start < scope.end) && out.length < 16) {
          out.push(start);
        }
      }
    }
  }
  return out;
}

/**
 * Names bound to a method picked by a name built at run time: Python `send = getattr(self,
 * f"send_prompt_{self.client}")`, JS `const send = this[\`send_${kind}\`]`, with the fixed start
 * of the name (`send_prompt_`). Scanned once.
 */
function dispatchAliases(ctx: FileContext): Map<string, Array<{ prefix: string; at: number }>> {
  const out = new Map<string, Array<{ prefix: string; at: number }>>();
  const re = ctx.python
    ? /(?<![\w.])([A-Za-z_]\w*)[ \t]*=[ \t]*getattr[ \t]*\([ \t]*\w+[ \t]*,[ \t]*f["']([A-Za-z_]\w*)\{/g
    : /\b(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*this[ \t]*\[[ \t]*`([A-Za-z_$][\w$]*)\$\{/g;
  // (Line-local scans: in an editor document only the edited lines are searched again; the
  // pattern, which starts with a name tried at every offset, runs on the lines holding its hint.)
  const hint = ctx.python ? /getattr/g : /this[ \t]*\[[ \t]*`/g;
  if (ctx.scan(hint).next().done) {
    return out;
  }
  for (const m of ctx.scanLines(re, hint)) {
    if (m[2].length >= 3 && !ctx.inCommentOrString(m.index)) {
      out.set(m[1], [...(out.get(m[1]) ?? []), { prefix: m[2], at: m.index }]);
    }
  }
  return out;
}
