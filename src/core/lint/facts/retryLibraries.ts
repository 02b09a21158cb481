import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import {
  argumentList,
  callee,
  dottedName,
  FUNCTION_TYPES,
  isCall,
  up,
  kind,
  kindOf,
  endOf,
  contains,
  positionalArgs,
} from '../syntax';
import { escapeRegExp } from '../../parse/escapeRegExp';
import { functionsNamed } from './functions';
import { findRetryLoop } from './retryLoops';
import { functionAt, type LocalFunction, siteCall, sitesWithin } from './callGraph';
import { projectImports } from './projectImports';

/** A retry library wrapped around a call. */
export interface RetryLibraryUse {
  library: string;
  /** The wrapping call (`pRetry(...)`) or decorator. */
  node: Node;
  /** The callee or decorator expression. */
  head: Node;
  /**
   * The library call that holds the configuration when the decorator is made elsewhere in the
   * file (`@_retry_policy()` whose function returns `retry(...)`, `@api_retry` with
   * `api_retry = tenacity.retry(...)`).
   */
  config?: Node;
  /** The name the decorator is made under (`_retry_policy`, `api_retry`), with `config`. */
  madeBy?: string;
  /**
   * A decorator made in another module of the project (`@anthropic_retry`, imported): the text of
   * the library call that makes it, and where (`config` is then absent: that tree is not this one).
   */
  imported?: { config: string; path: string; line: number };
}

/** The text that configures a retry library use: the call that makes it, or the use itself. */
export function libraryConfig(ctx: FileContext, lib: RetryLibraryUse): string {
  return lib.imported?.config ?? ctx.textOf(lib.config ?? lib.head);
}

/** A retry-library decorator a module makes at its top level, as plain data (see `ModuleSummary.decorators`). */
export interface MadeDecorator {
  library: string;
  /** The text of the library call that makes it (`retry(stop=…, wait=…)`). */
  config: string;
  /** 1-based line of that call. */
  line: number;
}

/**
 * Python: the retry-library decorators a module makes under a name at its top level
 * (`anthropic_retry = retry(…)`, `def llm_retry(): return retry(…)`), for the modules importing them.
 */
export function exportedDecorators(ctx: FileContext): Map<string, MadeDecorator> {
  const out = new Map<string, MadeDecorator>();
  if (!ctx.python) {
    return out;
  }
  for (const [name, made] of madeDecorators(ctx)) {
    out.set(name, {
      library: made.library,
      config: ctx.textOf(made.config),
      line: ctx.lines.lineAt(made.config.startIndex) + 1,
    });
  }
  return out;
}

/** A helper named for retrying (`withRetry`, `withAnthropicRetry`, `retryWithBackoff`, `backoff`). */
export const RETRY_HELPER_NAME = /retr(?:y|ies|ying)|backoff/i;

const JS_RETRY_NAMES = /^(?:pRetry|retry|backOff|asyncRetry|promiseRetry|retryAsync|retryPromise)$/;
const PY_RETRY_DECORATOR =
  /^@\s*(?:tenacity\.retry|retry|backoff\.on_exception|backoff\.on_predicate|on_exception|stamina\.retry|retrying\.retry)\b/;

/** The retry library (p-retry, async-retry, tenacity, backoff, ...) that wraps a call, if any. */
export function findRetryLibrary(ctx: FileContext, call: Node): RetryLibraryUse | null {
  const libs = ctx.imports.retryLibs;
  if (libs.size === 0 && importedDecorators(ctx).size === 0) {
    return null; // every form below needs an imported retry library (or a decorator made with one)
  }
  // The innermost retry-library scope (found once per file) that contains the call.
  let best: RetryScope | undefined;
  for (const scope of retryScopes(ctx)) {
    if (scope.start <= call.startIndex && endOf(call) <= scope.end && (!best || scope.start >= best.start)) {
      best = scope;
    }
  }
  if (best) {
    return best.use;
  }
  // `await pRetry(callClaude, {...})` elsewhere in the file: is the call inside `callClaude`?
  for (const [name, hit] of retryWrappedFunctions(ctx)) {
    if (
      functionsNamed(ctx, name).some((fn) => fn.startIndex <= call.startIndex && endOf(call) <= endOf(fn))
    ) {
      let n = ctx.nodeAt(hit.offset);
      while (n && !isCall(n)) {
        n = up(n);
      }
      const head = callee(n);
      if (n && head) {
        return { library: hit.library, node: n, head };
      }
    }
  }
  return null;
}

/** A region of the file that runs under a retry library. */
interface RetryScope {
  start: number;
  end: number;
  use: RetryLibraryUse;
}

/**
 * The regions wrapped by a retry library, found once per file: the arguments of
 * `pRetry(...)`/`retry(...)`/`backOff(...)` (JS), functions decorated with `@retry` /
 * `@backoff.on_exception` (Python), and `for attempt in Retrying(...)` loops (tenacity).
 */
function retryScopes(ctx: FileContext): RetryScope[] {
  return ctx.memo('retry-scopes', () => {
    const libs = ctx.imports.retryLibs;
    const out: RetryScope[] = [];
    if (ctx.python) {
      const made = madeDecorators(ctx);
      const imported = importedDecorators(ctx);
      for (const m of ctx.scan(/^[ \t]*@[ \t]*([\w.]+)/gm)) {
        const maker = made.get(m[1]);
        const elsewhere = maker ? undefined : imported.get(m[1]);
        if (!PY_RETRY_DECORATOR.test(`@${m[1]}`) && !maker && !elsewhere) {
          continue;
        }
        let dec = ctx.nodeAt(m.index + m[0].indexOf('@'));
        while (dec && kind(dec) !== 'decorator') {
          dec = up(dec);
        }
        const decorated = up(dec);
        const fn =
          decorated && kind(decorated) === 'decorated_definition'
            ? decorated.childForFieldName('definition')
            : null;
        const lib =
          maker?.library ?? elsewhere?.library ?? libs.get(m[1].split('.')[0]) ?? [...libs.values()][0];
        if (dec && fn && lib) {
          const config = maker
            ? { config: maker.config, madeBy: m[1] }
            : elsewhere
              ? {
                  madeBy: m[1],
                  imported: { config: elsewhere.config, path: elsewhere.path, line: elsewhere.line },
                }
              : {};
          const use = { library: lib, node: dec, head: dec, ...config };
          out.push({ start: fn.startIndex, end: endOf(fn), use });
          // A decorated generic wrapper (`@retry(…) def _retry_transient(callable_fn): return
          // callable_fn()`): the arguments of each of its calls run under the library too.
          const wrapper = functionAt(ctx, fn.startIndex);
          if (wrapper && wrapper.start === fn.startIndex && wrapper.paramSites.length) {
            out.push(...applicationsOf(ctx, wrapper, () => use));
          }
        }
      }
      for (const m of ctx.scan(/\bin\s+((?:tenacity\.)?(?:Async)?Retrying)\s*\(/g)) {
        let loop = ctx.nodeAt(m.index + m[0].indexOf(m[1]));
        while (loop && kind(loop) !== 'for_statement') {
          loop = up(loop);
        }
        const right = loop?.childForFieldName('right');
        if (loop && right) {
          out.push({
            start: loop.startIndex,
            end: endOf(loop),
            use: { library: 'tenacity', node: loop, head: right },
          });
        }
      }
      // `retrying = Retrying(stop=…)` then `for attempt in retrying:` (the loop reads the object).
      const objects = new Map<string, number>();
      for (const m of ctx.scan(
        /^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*((?:tenacity\.)?(?:Async)?Retrying)[ \t]*\(/gm,
      )) {
        objects.set(m[1], m.index + m[0].length - 1);
      }
      if (objects.size && libs.size) {
        const names = [...objects.keys()].slice(0, 16).join('|');
        for (const m of ctx.scan(new RegExp(`\\bin[ \\t]+(${names})[ \\t]*:`, 'g'))) {
          let loop = ctx.nodeAt(m.index + m[0].indexOf(m[1]));
          while (loop && kind(loop) !== 'for_statement') {
            loop = up(loop);
          }
          const right = loop?.childForFieldName('right');
          let config = ctx.nodeAt(objects.get(m[1]) as number);
          for (let i = 0; config && !isCall(config) && i < 3; i++) {
            config = up(config);
          }
          if (loop && right && config && isCall(config) && config.startIndex < loop.startIndex) {
            out.push({
              start: loop.startIndex,
              end: endOf(loop),
              use: { library: 'tenacity', node: loop, head: right, config, madeBy: m[1] },
            });
          }
        }
      }
      return out;
    }
    const names = [
      ...new Set([
        ...libs.keys(),
        'pRetry',
        'retry',
        'backOff',
        'asyncRetry',
        'promiseRetry',
        'retryAsync',
        'retryPromise',
      ]),
    ];
    const re = new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\s*\\(`, 'g');
    for (const m of fromNames(ctx, re, names)) {
      if (/[\w$.]/.test(ctx.text[m.index - 1] ?? '')) {
        continue; // `x.retry(` or `$retry(`: not the library function
      }
      const lib = libs.get(m[1]) ?? (JS_RETRY_NAMES.test(m[1]) ? [...libs.values()][0] : undefined);
      if (!lib || ctx.inCommentOrString(m.index)) {
        continue;
      }
      let call = ctx.nodeAt(m.index);
      while (call && !isCall(call)) {
        call = up(call);
      }
      const args = argumentList(call);
      const head = callee(call);
      if (call && args && head) {
        out.push({ start: args.startIndex, end: endOf(args), use: { library: lib, node: call, head } });
        out.push(...wrapperApplications(ctx, call, lib));
      }
    }
    return out;
  });
}

/**
 * A same-file function that hands its callable parameter to a retry library
 * (`const withRetry = (fn) => pRetry(fn, { retries: 4 })`): the arguments of each of its calls
 * (`withRetry(() => client.messages.create(...))`) run under the library. At most 16 calls a
 * wrapper, read from the call graph's sites.
 */
function wrapperApplications(ctx: FileContext, call: Node, library: string): RetryScope[] {
  const first = positionalArgs(call)[0];
  const fn = first && kind(first) === 'identifier' ? functionAt(ctx, call.startIndex) : undefined;
  if (!first || !fn || !fn.params.includes(ctx.textOf(first))) {
    return [];
  }
  return applicationsOf(ctx, fn, (applied, head) => ({
    library,
    node: applied,
    head,
    config: call,
    madeBy: fn.name,
  }));
}

/** The argument lists of a wrapper's calls outside it (at most 16), each with the library use it runs under. */
function applicationsOf(
  ctx: FileContext,
  fn: LocalFunction,
  useFor: (applied: Node, head: Node) => RetryLibraryUse,
): RetryScope[] {
  const out: RetryScope[] = [];
  const byName = ctx.memo('retry-library-sites-by-name', () => {
    const map = new Map<string, number[]>();
    for (const site of sitesWithin(ctx, 0, ctx.text.length)) {
      const list = map.get(site.name) ?? [];
      if (list.length < 32) {
        list.push(site.at);
      }
      map.set(site.name, list);
    }
    return map;
  });
  for (const at of byName.get(fn.name) ?? []) {
    if (fn.start <= at && at < fn.end) {
      continue;
    }
    const applied = siteCall(ctx, at);
    const args = argumentList(applied);
    const head = callee(applied);
    if (applied && args && head && out.length < 16) {
      out.push({ start: args.startIndex, end: endOf(args), use: useFor(applied, head) });
    }
  }
  return out;
}

/**
 * Python: decorators made by a retry library in another module of the project and imported here
 * (`from reliability.rate_limiter import anthropic_retry`), by local name, with that module's path.
 * Read only for names applied as decorators (when the lint can read the project).
 */
function importedDecorators(ctx: FileContext): Map<string, MadeDecorator & { path: string }> {
  return ctx.memo('retry-imported-decorators', () => {
    const out = new Map<string, MadeDecorator & { path: string }>();
    const modules = ctx.options.modules;
    if (!ctx.python || !modules) {
      return out;
    }
    const imports = projectImports(ctx);
    if (imports.size === 0) {
      return out;
    }
    for (const m of ctx.scan(/^[ \t]*@[ \t]*([A-Za-z_]\w*)[ \t]*(?:\([ \t]*\))?[ \t]*(?:#[^\n]*)?$/gm)) {
      const from = imports.get(m[1]);
      if (!from || out.has(m[1]) || ctx.inCommentOrString(m.index + m[0].indexOf('@'))) {
        continue;
      }
      const found = modules.decorator(from.specifier, from.imported);
      if (found) {
        out.set(m[1], found);
      }
    }
    return out;
  });
}

/**
 * Python decorators made in this file by a retry library (found once): a name assigned a
 * library decorator (`api_retry = tenacity.retry(stop=…, wait=…)`, then `@api_retry`) and a
 * function returning one (`def _retry_policy(): return retry(…)`, then `@_retry_policy()`).
 */
function madeDecorators(ctx: FileContext): Map<string, { library: string; config: Node }> {
  return ctx.memo('retry-made-decorators', () => {
    const out = new Map<string, { library: string; config: Node }>();
    const libs = ctx.imports.retryLibs;
    const libraryCall = (at: number, name: string): { library: string; config: Node } | undefined => {
      const lib = libs.get(name.split('.')[0]);
      if (!lib || !PY_RETRY_DECORATOR.test(`@${name}`) || ctx.inCommentOrString(at)) {
        return undefined;
      }
      let call = ctx.nodeAt(at);
      for (let i = 0; call && !isCall(call) && i < 4; i++) {
        call = up(call);
      }
      return call && isCall(call) ? { library: lib, config: call } : undefined;
    };
    for (const m of ctx.scan(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*([A-Za-z_][\w.]*)[ \t]*\(/gm)) {
      const found = libraryCall(m.index + m[0].lastIndexOf(m[2]), m[2]);
      if (found && !out.has(m[1])) {
        out.set(m[1], found);
      }
    }
    for (const m of ctx.scan(/\breturn[ \t]+([A-Za-z_][\w.]*)[ \t]*\(/g)) {
      const found = libraryCall(m.index + m[0].lastIndexOf(m[1]), m[1]);
      const fn = found ? functionAt(ctx, m.index) : undefined;
      if (found && fn && !out.has(fn.name)) {
        out.set(fn.name, found);
      }
    }
    return out;
  });
}

/**
 * What `ctx.scan(re)` finds, for a pattern whose every match starts with `\b` and one of `names`:
 * tried at the names' occurrences (a line-local scan, kept across edits in an editor document).
 * Only for names of name characters (no `$`), which hold no word boundary, so no match starts
 * inside another name's occurrence; otherwise the scan itself.
 */
function fromNames(ctx: FileContext, re: RegExp, names: readonly string[]): Iterable<RegExpExecArray> {
  return names.every((n) => /^\w+$/.test(n))
    ? ctx.scanFromHint(new RegExp(re.source, 'y'), new RegExp(`\\b(?:${names.join('|')})`, 'g'))
    : ctx.scan(re);
}

/** Names of functions passed to a retry library in this file (`pRetry(callClaude)`), computed once. */
function retryWrappedFunctions(ctx: FileContext): Map<string, { library: string; offset: number }> {
  return ctx.memo('retry-wrapped-functions', () => {
    const map = new Map<string, { library: string; offset: number }>();
    const libs = ctx.imports.retryLibs;
    if (libs.size === 0 || ctx.python) {
      return map; // Python retry libraries are decorators and `Retrying` loops (see retryScopes)
    }
    const names = [...libs.keys()].map(escapeRegExp).join('|');
    const re = new RegExp(
      `\\b(${names})\\s*\\(\\s*(?:(?:async\\s*)?\\(\\s*\\)\\s*=>\\s*)?(?:this\\.)?([A-Za-z_$][\\w$]*)`,
      'g',
    );
    for (const m of fromNames(ctx, re, [...libs.keys()])) {
      if (!map.has(m[2]) && !ctx.inCommentOrString(m.index)) {
        map.set(m[2], { library: libs.get(m[1]) ?? m[1], offset: m.index });
      }
    }
    return map;
  });
}

/**
 * Whether a call has retry handling of its own: a retry loop, a retry library, or a
 * wrapper/enclosing function named like one (`withRetry(...)`, `async function callWithBackoff`).
 */
export function hasOwnRetryHandling(ctx: FileContext, call: Node): boolean {
  if (findRetryLoop(ctx, call) || findRetryLibrary(ctx, call)) {
    return true;
  }
  let prev: Node = call;
  for (let n = up(call); n; prev = n, n = up(n)) {
    if (isCall(n)) {
      const args = argumentList(n);
      if (args && contains(args, prev) && /retr(y|ies)|backoff/i.test(dottedName(callee(n), ctx.text))) {
        return true;
      }
    }
    if (FUNCTION_TYPES.has(kind(n))) {
      const own = n.childForFieldName('name');
      const parent = up(n);
      const name = own
        ? ctx.textOf(own)
        : parent && kind(parent) === 'variable_declarator'
          ? ctx.textOf(parent.childForFieldName('name'))
          : '';
      if (/retr(y|ies)|backoff/i.test(name)) {
        return true;
      }
      if (
        kindOf(parent) === 'decorated_definition' &&
        /@\s*[\w.]*(retry|backoff)/i.test(ctx.textOf(parent))
      ) {
        return true;
      }
    }
  }
  return false;
}
