/**
 * What one module of the project offers the files that import it (cross-file facts): its
 * generic retry wrappers, by the name an import reads them under. Computed from the module's
 * own tree, once per text, and kept as plain data (no syntax nodes), so it outlives the tree.
 */
import type { FileContext } from '../context';
import { callGraph, functionAt, type LocalFunction, siteCall } from '../facts/callGraph';
import { positionalArgs } from '../syntax';
import { guardedFromRateLimits } from '../facts/rateLimitGuards';
import { caughtParameter } from '../facts/errorChecks';
import { retriesOverloadedOnly, retryWrappers } from '../facts/retryShapes';
import type { WaitInfo } from '../facts/retryLoops';

/** A retry wrapper another module defines. */
export interface ImportedWrapper {
  /** Its name in the module (for a decorator factory, the factory's). */
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
  /** Retry wrappers by the name an import binds (`default` for a default export). */
  wrappers: Map<string, ImportedWrapper>;
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
    const wrapper: ImportedWrapper = {
      name: exported.name,
      path,
      line: ctx.lines.lineAt(exported.nameAt) + 1,
      wait,
      overloadedOnly: retriesOverloadedOnly(ctx, found.tryNode),
      ...(exported !== fn && ctx.python && { maker: true as const }),
      ...(given && { catches: { name: given.name, index: given.index } }),
    };
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
      if (wrappers.has(fn.name) || fn.params.length === 0 || functionAt(ctx, fn.start - 1)) {
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
  return { wrappers };
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
