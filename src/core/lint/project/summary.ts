/**
 * What one module of the project offers the files that import it (cross-file facts): its
 * generic retry wrappers, by the name an import reads them under. Computed from the module's
 * own tree, once per text, and kept as plain data (no syntax nodes), so it outlives the tree.
 */
import type { FileContext } from '../context';
import type { Node } from '../../parse/treeSitter';
import {
  callGraph,
  functionAt,
  type ClaudeReach,
  type LocalFunction,
  passedParams,
  requestsReached,
  siteCall,
} from '../facts/callGraph';
import { FUNCTION_TYPES, kind, namedChildren, positionalArgs, up } from '../syntax';
import { EXPORT_FROM, EXPORT_STAR, projectImports, type ProjectImport } from '../facts/projectImports';
import { guardedFromRateLimits } from '../facts/rateLimitGuards';
import { caughtParameter } from '../facts/errorChecks';
import { retriesOverloadedOnly, retryWrappers } from '../facts/retryShapes';
import type { ClaudeCall } from '../facts/calls';
import { exportedDecorators, type MadeDecorator } from '../facts/retryLibraries';
import { JS_STORE_WRITE, PY_STORE_WRITE } from '../facts/stores';
import type { WaitInfo } from '../facts/retryLoops';
import { providerGate, type ProviderGate } from '../facts/providerGate';
import { allHttpClaudeCalls } from '../facts/httpHelpers';
import { isLimitedIn } from '../facts/limiters';

/** A retry wrapper another module defines. */
export interface ImportedWrapper {
  /** Its name in the module (for a decorator factory, the factory's; for a method, `Class.method`). */
  name: string;
  /** The module's path, relative to the project root, with `/` separators. */
  path: string;
  /** 1-based line of its definition. */
  line: number;
  /** How it waits between attempts (see `classifyWait`), without the sleep call's node. */
  wait: Omit<WaitInfo, 'call'>;
  /** It re-runs only on overload (529) errors, never on a 429. */
  overloadedOnly: boolean;
  /** Python: a factory called to make the decorator (`@retry_on_error(3)`), not the decorator itself. */
  maker?: true;
  /**
   * It catches the classes a parameter of its factory is given (`except tuple(on_exceptions)`):
   * an application retries rate limits only when it hands that parameter one.
   */
  catches?: { name: string; index: number };
}

/** What a module offers its importers. */
export interface ModuleSummary {
  /**
   * Retry wrappers by the name an import binds (`default` for a default export); a method by
   * its class's or instance's name and its own (`RateLimiter.withRetry`, `limiter.withRetry`).
   */
  wrappers: Map<string, ImportedWrapper>;
  /**
   * Names the module passes on from another one, by the name an import binds: JS `export { a
   * as b } from './x'` (or imported, then exported), Python `from .x import a as b` (any name a
   * module imports can be imported from it).
   */
  reexports: Map<string, ProjectImport>;
  /** JS `export * from './x'`: modules whose every export this one passes on. */
  stars: string[];
  /** Python: retry-library decorators the module makes under a name (`anthropic_retry = retry(…)`). */
  decorators: Map<string, MadeDecorator>;
  /**
   * Functions that send a Claude request each time they are called (within the module's call
   * graph, or over raw HTTP in their own body, or through a method of the module's class they
   * build; outside any limiter), by the names an import reads, as `wrappers` are keyed
   * (`askClaude`, `ClaudeClient.complete`, `claude.complete`).
   */
  claudeFunctions: Map<string, ClaudeFunction>;
  /**
   * Top-level names bound to a list written out in full (`export const AGENTS = [ … ]`, Python
   * `MODELS = ["…", "…"]`), with its length: a fan-out over one is as small as it is written.
   */
  listLengths: Map<string, number>;
  /** Top-level functions that write to a store (a file, a dump, a database: see `facts/stores.ts`), by name. */
  storeWriters: Set<string>;
}

/** A function of another module that calls Claude (see `ModuleSummary.claudeFunctions`). */
export interface ClaudeFunction {
  /** Its name in the module (`Class.method` for a method). */
  name: string;
  path: string;
  /** 1-based line of its definition. */
  line: number;
  /**
   * Where the request's parameters come from when they are the ones it is given: Python keyword
   * arguments (`def ask(client, **kwargs): … create(**kwargs)`), or the argument at a position
   * (`function send(params) { … create(params) }`): a call of it then writes the request's model
   * and max_tokens. Absent when it builds the request itself.
   */
  forwards?: { keywords: true } | { index: number };
  /** The parameter that picks the provider, when the function calls Claude only for Claude's name (see `providerGate`). */
  gate?: ProviderGate;
  /** How many Claude requests it makes (written in it, or in the function it reaches them through): up to this many a call. */
  requests: number;
}

/** The summary of a parsed module; `path` is its project-relative path. */
export function summarizeModule(ctx: FileContext, path: string): ModuleSummary {
  const wrappers = new Map<string, ImportedWrapper>();
  for (const { fn, found } of retryWrappers(ctx)) {
    // A wrapper that retries only errors a 429 never is (`if (!isNetworkError(e)) throw e`) retries no rate limit.
    if (guardedFromRateLimits(ctx, found.at, found.handler)) {
      continue;
    }
    const exported = outermost(ctx, fn);
    const given = caughtParameter(ctx, found.handler);
    const { call: _sleep, ...wait } = found.wait;
    const owner = classOf(ctx, exported);
    const wrapper: ImportedWrapper = {
      name: owner ? `${owner}.${exported.name}` : exported.name,
      path,
      line: ctx.lines.lineAt(exported.nameAt) + 1,
      wait,
      overloadedOnly: retriesOverloadedOnly(ctx, found.tryNode),
      ...(exported !== fn && ctx.python && { maker: true as const }),
      ...(given && { catches: { name: given.name, index: given.index } }),
    };
    if (owner) {
      // A method: through its class (`RateLimiter.withRetry`, also a static one) and the
      // instances the module makes of it (`export const limiter = new RateLimiter()`).
      const holders = [owner, ...instancesOf(ctx, owner), ...(classIsDefault(ctx, owner) ? ['default'] : [])];
      for (const holder of holders) {
        if (!wrappers.has(`${holder}.${exported.name}`)) {
          wrappers.set(`${holder}.${exported.name}`, wrapper);
        }
      }
      continue;
    }
    if (!wrappers.has(exported.name)) {
      wrappers.set(exported.name, wrapper);
    }
    if (isDefaultExport(ctx, exported) && !wrappers.has('default')) {
      wrappers.set('default', wrapper);
    }
  }
  // A function handing its callable straight to one of those (`withClaudeRetry(fn) { return
  // withRetry(fn, { … }) }`) retries the same way: one hop.
  if (wrappers.size > 0) {
    for (const fn of callGraph(ctx).functions) {
      if (
        wrappers.has(fn.name) ||
        fn.params.length === 0 ||
        functionAt(ctx, fn.start - 1) ||
        classOf(ctx, fn)
      ) {
        continue;
      }
      for (const site of fn.sites) {
        const inner = wrappers.get(site.name);
        const call = inner ? siteCall(ctx, site.at) : null;
        const handed = call ? positionalArgs(call).some((a) => fn.params.includes(ctx.textOf(a))) : false;
        if (inner && handed) {
          wrappers.set(fn.name, { ...inner, name: fn.name, line: ctx.lines.lineAt(fn.nameAt) + 1 });
          if (isDefaultExport(ctx, fn) && !wrappers.has('default')) {
            wrappers.set('default', wrappers.get(fn.name)!);
          }
          break;
        }
      }
    }
  }
  const { reexports, stars } = passedOn(ctx);
  return {
    wrappers,
    reexports,
    stars,
    decorators: exportedDecorators(ctx),
    claudeFunctions: claudeFunctionsOf(ctx, path),
    listLengths: listLengthsOf(ctx),
    storeWriters: storeWritersOf(ctx),
  };
}

/** The module's top-level functions whose own text writes to a store (see `ModuleSummary.storeWriters`). */
function storeWritersOf(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  const write = ctx.python ? PY_STORE_WRITE : JS_STORE_WRITE;
  for (const fn of callGraph(ctx).functions) {
    if (out.size < 64 && !functionAt(ctx, fn.start - 1) && !classOf(ctx, fn) && fn.end - fn.start < 20_000) {
      if (write.test(ctx.text.slice(fn.start, fn.end))) {
        out.add(fn.name);
        if (isDefaultExport(ctx, fn)) {
          out.add('default');
        }
      }
    }
  }
  return out;
}

/** JS `export const NAME = [` / Python `NAME = [` or `(` at the top level (the name in group 1). */
const TOP_LIST_JS =
  /^(?:export[ \t]+)?(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]*)?=[ \t]*\[/gm;
const TOP_LIST_PY = /^([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*[[(]/gm;

/** The module's top-level lists written out in full, by name, with their lengths (see `ModuleSummary.listLengths`). */
function listLengthsOf(ctx: FileContext): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of ctx.scan(ctx.python ? TOP_LIST_PY : TOP_LIST_JS)) {
    const open = m.index + m[0].length - 1;
    let list: Node | null = ctx.nodeAt(open);
    for (let i = 0; list && !/^(?:array|list|tuple)$/.test(kind(list)) && i < 2; i++) {
      list = up(list);
    }
    if (!list || list.startIndex !== open || out.has(m[1]) || ctx.inCommentOrString(m.index)) {
      continue;
    }
    const items = namedChildren(list).filter((e) => kind(e) !== 'comment');
    if (!items.some((e) => /spread|splat/.test(kind(e)))) {
      out.set(m[1], items.length);
    }
  }
  return out;
}

/** Where a function's own request takes its parameters from (see `ClaudeFunction.forwards`). */
function forwardedFrom(
  ctx: FileContext,
  fn: LocalFunction,
  calls: readonly ClaudeCall[],
): Pick<ClaudeFunction, 'forwards'> | undefined {
  const given = passedParams(fn.params);
  for (const c of calls) {
    const args = c.node.childForFieldName('arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    const text = first ? ctx.textOf(first) : '';
    const name = text.replace(/^\*{1,2}|^\.\.\./, '');
    const index = given.indexOf(name);
    if (index === -1 || (!c.params.open && c.params.entries.size > 0)) {
      continue;
    }
    // (Python `**kwargs` is the call's keywords; `**params` a dict handed at its position)
    const keywords = ctx.python && text.startsWith('**') && fnParamWritten(ctx, fn, `**${name}`);
    return keywords ? { forwards: { keywords: true } } : ctx.python ? undefined : { forwards: { index } };
  }
  return undefined;
}

/** Whether a function's parameter list writes a parameter so (`**kwargs`). */
function fnParamWritten(ctx: FileContext, fn: LocalFunction, written: string): boolean {
  const params = fn.node.childForFieldName('parameters');
  return !!params && ctx.textOf(params).includes(written);
}

/** The module's top-level functions and classes' methods that call Claude (see `ModuleSummary.claudeFunctions`). */
function claudeFunctionsOf(ctx: FileContext, path: string): Map<string, ClaudeFunction> {
  const out = new Map<string, ClaudeFunction>();
  const graph = callGraph(ctx);
  const add = (fn: LocalFunction, r: ClaudeReach, requests: number, sdk: boolean): void => {
    const owner = classOf(ctx, fn);
    if (!owner && functionAt(ctx, fn.start - 1)) {
      return; // (a nested function: not what an import reads)
    }
    const gate = providerGate(ctx, fn, r);
    const found: ClaudeFunction = {
      name: owner ? `${owner}.${fn.name}` : fn.name,
      path,
      line: ctx.lines.lineAt(fn.nameAt) + 1,
      requests,
      // (a raw-HTTP request's arguments are a URL and a body, not the request's parameters)
      ...(sdk && r.depth === 0 && forwardedFrom(ctx, fn, r.calls)),
      ...(gate && { gate }),
    };
    const keys = owner
      ? [owner, ...instancesOf(ctx, owner), ...(classIsDefault(ctx, owner) ? ['default'] : [])].map(
          (h) => `${h}.${fn.name}`,
        )
      : [fn.name, ...(isDefaultExport(ctx, fn) ? ['default'] : [])];
    for (const key of keys) {
      if (!out.has(key)) {
        out.set(key, found);
      }
    }
  };
  for (const [fn, r] of graph.reach) {
    add(fn, r, requestsReached(ctx, fn), true);
  }
  // Functions that send the request over raw HTTP (`requests.post("…/v1/messages", …)`, a curl
  // process), which the call graph does not follow.
  const sent = new Map<LocalFunction, ClaudeCall[]>();
  for (const c of allHttpClaudeCalls(ctx)) {
    const fn = functionAt(ctx, c.node.startIndex);
    if (fn && !graph.reach.has(fn) && !isLimitedIn(ctx, c.node, fn.start, () => fn.node)) {
      sent.set(fn, [...(sent.get(fn) ?? []), c]);
    }
  }
  for (const [fn, calls] of sent) {
    add(fn, { depth: 0, calls, via: [] }, calls.length, false);
  }
  // A top-level function that builds one of the module's classes and calls its Claude method
  // (`client = ClaudeAIClient(key)` then `return client.query_claude(data)`, or chained).
  for (const fn of graph.functions) {
    if (!graph.reach.has(fn) && !sent.has(fn) && !functionAt(ctx, fn.start - 1) && !classOf(ctx, fn)) {
      const method = classMethodCalled(ctx, fn, out);
      if (method) {
        // (its own arguments are not the request's parameters)
        const { forwards: _forwards, ...rest } = method;
        const found = { ...rest, name: fn.name, line: ctx.lines.lineAt(fn.nameAt) + 1 };
        for (const key of [fn.name, ...(isDefaultExport(ctx, fn) ? ['default'] : [])]) {
          if (!out.has(key)) {
            out.set(key, found);
          }
        }
      }
    }
  }
  return out;
}

/**
 * The Claude method (`Class.method` in `found`) a function calls on an instance of the module's
 * class that it builds itself: `x = Class(…)` (`new Class(…)`) then `x.method(`, or
 * `Class(…).method(`. Reads the function's first 20,000 characters.
 */
function classMethodCalled(
  ctx: FileContext,
  fn: LocalFunction,
  found: ReadonlyMap<string, ClaudeFunction>,
): ClaudeFunction | undefined {
  const text = ctx.text.slice(fn.start, Math.min(fn.end, fn.start + 20_000));
  const built = new Map<string, string>();
  for (const m of text.matchAll(
    /([A-Za-z_$][\w$]*)\s*(?::[^=\n]*)?=\s*(?:await\s+)?(?:new\s+)?([A-Za-z_$][\w$]*)\s*\(/g,
  )) {
    built.set(m[1], m[2]);
  }
  for (const m of text.matchAll(
    /(?<![\w$.])(?:([A-Za-z_$][\w$]*)|(?:new\s+)?([A-Za-z_$][\w$]*)\s*\([^()\n]*\))\s*\.\s*([A-Za-z_$][\w$]*)\s*\(/g,
  )) {
    const cls = m[1] ? built.get(m[1]) : m[2];
    const method = cls ? found.get(`${cls}.${m[3]}`) : undefined;
    if (method && method.name === `${cls}.${m[3]}`) {
      return method;
    }
  }
  return undefined;
}

/** JS `export { a, b as c };` (no `from`). */
const EXPORT_LIST = /\bexport\s*\{([^}]*)\}(?!\s*from\b)/g;
/** JS `module.exports = { a, b: c }`. */
const CJS_EXPORTS = /\bmodule\s*\.\s*exports\s*=\s*\{([^}]*)\}/g;

/** What a module passes on from other modules (see `ModuleSummary.reexports`). */
function passedOn(ctx: FileContext): Pick<ModuleSummary, 'reexports' | 'stars'> {
  const reexports = new Map<string, ProjectImport>();
  const stars: string[] = [];
  const imports = projectImports(ctx);
  if (ctx.python) {
    for (const [local, from] of imports) {
      reexports.set(local, from);
    }
    return { reexports, stars };
  }
  const pairs = (list: string): Array<[string, string]> =>
    list
      .split(',')
      .map((part) => /^\s*(?:type\s+)?([\w$]+)(?:\s*(?:as|:)\s*([\w$]+))?\s*$/.exec(part))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1], m[2] ?? m[1]]);
  for (const m of ctx.scan(EXPORT_FROM)) {
    if (!ctx.inCommentOrString(m.index)) {
      for (const [name, as] of pairs(m[1])) {
        reexports.set(as, { specifier: m[3], imported: name });
      }
    }
  }
  for (const m of ctx.scan(EXPORT_STAR)) {
    if (!ctx.inCommentOrString(m.index)) {
      stars.push(m[2]);
    }
  }
  // Imported, then exported (`export { withRetry }`, `module.exports = { withRetry }`).
  for (const re of [EXPORT_LIST, CJS_EXPORTS]) {
    for (const m of ctx.scan(re)) {
      if (ctx.inCommentOrString(m.index)) {
        continue;
      }
      for (const [a, b] of pairs(m[1])) {
        // (`export { a as b }` names the local first; `{ b: a }` names the export first)
        const [local, as] = re === CJS_EXPORTS ? [b, a] : [a, b];
        const from = imports.get(local);
        if (from) {
          reexports.set(as, from);
        }
      }
    }
  }
  return { reexports, stars };
}

const CLASS_TYPES = new Set(['class_declaration', 'class', 'class_definition', 'abstract_class_declaration']);

/** The name of the class a function is a method (or a function-valued field) of, directly. */
function classOf(ctx: FileContext, fn: LocalFunction): string | undefined {
  let n: Node | null = up(fn.node);
  for (let i = 0; n && i < 4; i++, n = up(n)) {
    const k = kind(n);
    if (CLASS_TYPES.has(k)) {
      const name = n.childForFieldName('name');
      return name ? ctx.textOf(name) : undefined;
    }
    if (FUNCTION_TYPES.has(k)) {
      return undefined;
    }
  }
  return undefined;
}

/** JS: `export default class Name`, `export default Name`, `module.exports = Name`. */
function classIsDefault(ctx: FileContext, cls: string): boolean {
  const name = cls.replace(/\$/g, '\\$');
  return (
    !ctx.python &&
    new RegExp(
      `(?:\\bexport\\s+default\\s+(?:abstract\\s+)?class\\s+|(?:\\bexport\\s+default|\\bmodule\\.exports\\s*=)\\s*)${name}\\b(?!\\s*\\()`,
    ).test(ctx.text)
  );
}

/**
 * The module's top-level instances of one of its classes, by the names an import reads
 * (`export const limiter = new RateLimiter()`, Python `limiter = RateLimiter()`; `default` for
 * `export default new RateLimiter()` / `module.exports = new RateLimiter()`).
 */
function instancesOf(ctx: FileContext, cls: string): string[] {
  const name = cls.replace(/\$/g, '\\$');
  const re = ctx.python
    ? new RegExp(`^([A-Za-z_]\\w*)[ \\t]*(?::[^=\\n]*)?=[ \\t]*${name}[ \\t]*\\(`, 'gm')
    : new RegExp(
        `^(?:export[ \\t]+)?(?:(?:const|let|var)[ \\t]+([A-Za-z_$][\\w$]*)[^=\\n]*=|(export[ \\t]+default|module\\.exports[ \\t]*=))[ \\t]*new[ \\t]+${name}\\b`,
        'gm',
      );
  const out: string[] = [];
  for (const m of ctx.scan(re)) {
    if (!ctx.inCommentOrString(m.index + m[0].search(/\S/))) {
      out.push(m[1] ?? 'default');
    }
  }
  return out;
}

/**
 * The top-level function a wrapper is defined in (itself when it is one): what a module
 * exports. A Python decorator's retry sits in the function its factory returns
 * (`def retry_on_error(n): def decorator(func): …`), two levels in at most.
 */
function outermost(ctx: FileContext, fn: LocalFunction): LocalFunction {
  let out = fn;
  for (let i = 0; i < 2; i++) {
    const outer = functionAt(ctx, out.start - 1);
    if (!outer || outer.end < out.end) {
      break;
    }
    out = outer;
  }
  return out;
}

/** JS: `export default function withRetry…`, or `export default withRetry` / `module.exports = withRetry`. */
function isDefaultExport(ctx: FileContext, fn: LocalFunction): boolean {
  if (ctx.python) {
    return false;
  }
  const before = ctx.text.slice(Math.max(0, fn.start - 40), fn.start);
  if (/\bexport\s+default\s+(?:async\s+)?$/.test(before)) {
    return true;
  }
  const name = fn.name.replace(/\$/g, '\\$');
  return new RegExp(`(?:\\bexport\\s+default|\\bmodule\\.exports\\s*=)\\s*${name}\\s*;?\\s*$`, 'm').test(
    ctx.text,
  );
}
