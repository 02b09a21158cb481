import type { FileContext } from '../context';
import type { ImportedWrapper } from '../project/summary';
import type { Node } from '../../parse/treeSitter';
import { isCall, kind, namedChildren, up } from '../syntax';
import { siteCall } from './callGraph';
import { handsRateLimitClasses } from './errorChecks';
import { keywordParams } from './arguments';
import { allHttpClaudeCalls } from './httpHelpers';
import { importedMemberCalls, projectImports } from './projectImports';
import { type Application, claudeRunBy, decoratedClaudeAll } from './retryShapes';

/** A retry wrapper of another project module applied here to something that calls Claude. */
export interface ImportedRetry {
  /** The local name it is imported under. */
  local: string;
  wrapper: ImportedWrapper;
  /** The application: the call (`withRetry(() => …)`) or the Python decorator (the first in the file). */
  applied: Application;
  /** The lines (1-based) of the file's other applications of it to a Claude call. */
  others: number[];
}

/**
 * Retries through wrappers imported from the project's own modules (cross-file facts):
 * `withRetry(() => client.messages.create(…))` with `withRetry` from `./retry`, or
 * `@retry_on_error(3)` from `utils.retry` on a function that calls Claude. Only when the lint
 * can read the project (`LintOptions.modules`); one finding per wrapper and file, at its first
 * application, naming the others (one wrapper, one fix). The module is read only for a name
 * applied to a Claude call.
 */
export function importedRetries(ctx: FileContext): ImportedRetry[] {
  return ctx.memo('imported-retries', () => {
    const modules = ctx.options.modules;
    if (!modules || (ctx.calls.length === 0 && allHttpClaudeCalls(ctx).length === 0)) {
      return [];
    }
    const out: ImportedRetry[] = [];
    const imports = projectImports(ctx);
    const uses: Array<{ local: string; specifier: string; name: string; all: Application[] }> = [];
    for (const [local, { specifier, imported }] of imports) {
      uses.push({ local, specifier, name: imported, all: applicationsOf(ctx, local) });
    }
    uses.push(...memberUses(ctx));
    for (const { local, specifier, name, all } of uses) {
      const wrapper = all.length ? modules.wrapper(specifier, name) : undefined;
      // (a decorator catching what its factory is given retries rate limits only when handed one)
      const given = wrapper?.catches;
      const retried = given
        ? all.filter((a) => {
            const call = applicationCall(a.node);
            return !!call && handsRateLimitClasses(ctx, call, given.name, given.index);
          })
        : all;
      if (wrapper && retried.length) {
        const [applied, ...rest] = retried;
        out.push({
          local,
          wrapper,
          applied,
          others: rest.map((a) => ctx.lines.lineAt(a.node.startIndex) + 1),
        });
      }
    }
    return out.sort((a, b) => a.applied.node.startIndex - b.applied.node.startIndex);
  });
}

/**
 * Methods of imported classes and objects applied to something that calls Claude, grouped by
 * method: `limiter.withRetry(() => …)` where `limiter = new RateLimiter(…)` (or `this.limiter =`,
 * Python `self.limiter = RateLimiter(…)`) and `RateLimiter` is imported; `RetryHelper.run(…)`
 * (a static method); `limiter.withRetry(…)` where `limiter` itself is imported. Looked up in the
 * module as `RateLimiter.withRetry` (see `ModuleSummary.wrappers`).
 */
function memberUses(
  ctx: FileContext,
): Array<{ local: string; specifier: string; name: string; all: Application[] }> {
  const groups = new Map<string, { local: string; specifier: string; name: string; all: Application[] }>();
  for (const { receiver, from, method, call } of importedMemberCalls(ctx)) {
    const keywords = ctx.python
      ? [...keywordParams(call, ctx.text).entries.values()].map((e) => e.value)
      : [];
    const run = claudeRunBy(ctx, call, call.startIndex, keywords);
    if (!run) {
      continue;
    }
    const key = `${receiver}.${method}`;
    const group = groups.get(key) ?? {
      local: key,
      specifier: from.specifier,
      name: `${from.imported}.${method}`,
      all: [],
    };
    groups.set(key, group);
    if (group.all.length < 16) {
      group.all.push(run);
    }
  }
  return [...groups.values()];
}

/** The call of an application: itself, or a decorator's (`@retry_on(on_exceptions=[…])`). */
function applicationCall(node: Node): Node | null {
  if (isCall(node)) {
    return node;
  }
  let decorator: Node | null = node;
  for (let i = 0; decorator && kind(decorator) !== 'decorator' && i < 2; i++) {
    decorator = up(decorator); // (from the `@` token)
  }
  const inner = decorator && kind(decorator) === 'decorator' ? (namedChildren(decorator)[0] ?? null) : null;
  return inner && isCall(inner) ? inner : null;
}

/**
 * Where an imported name is applied to something that calls Claude, in text order: calls given
 * it, and Python decorators (at most 16 of each).
 */
function applicationsOf(ctx: FileContext, local: string): Application[] {
  const out: Application[] = [];
  for (const { start, paren } of ctx.callsOf(local, false)) {
    if (ctx.inCommentOrString(start)) {
      continue;
    }
    const call = paren > start ? siteCall(ctx, start) : null;
    // (Python: a callable may be handed by keyword, `retry_with(func=self._create, …)`)
    const keywords =
      call && ctx.python ? [...keywordParams(call, ctx.text).entries.values()].map((e) => e.value) : [];
    const run = call ? claudeRunBy(ctx, call, start, keywords) : undefined;
    if (run && out.push(run) >= 16) {
      break;
    }
  }
  if (ctx.python) {
    out.push(...decoratedClaudeAll(ctx, local));
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}
