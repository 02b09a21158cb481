import type { FileContext } from '../context';
import type { ImportedWrapper } from '../project/summary';
import { siteCall } from './callGraph';
import { allHttpClaudeCalls } from './httpHelpers';
import { projectImports } from './projectImports';
import { type Application, claudeRunBy, decoratedClaude } from './retryShapes';

/** A retry wrapper of another project module applied here to something that calls Claude. */
export interface ImportedRetry {
  /** The local name it is imported under. */
  local: string;
  wrapper: ImportedWrapper;
  /** The application: the call (`withRetry(() => …)`) or the Python decorator. */
  applied: Application;
}

/**
 * Retries through wrappers imported from the project's own modules (cross-file facts):
 * `withRetry(() => client.messages.create(…))` with `withRetry` from `./retry`, or
 * `@retry_on_error(3)` from `utils.retry` on a function that calls Claude. Only when the lint
 * can read the project (`LintOptions.modules`); one application per wrapper (the first), as
 * for same-file wrappers. The module is read only for a name applied to a Claude call.
 */
export function importedRetries(ctx: FileContext): ImportedRetry[] {
  return ctx.memo('imported-retries', () => {
    const modules = ctx.options.modules;
    if (!modules || (ctx.calls.length === 0 && allHttpClaudeCalls(ctx).length === 0)) {
      return [];
    }
    const out: ImportedRetry[] = [];
    for (const [local, { specifier, imported }] of projectImports(ctx)) {
      const applied = applicationOf(ctx, local);
      const wrapper = applied ? modules.summary(specifier)?.wrappers.get(imported) : undefined;
      if (applied && wrapper) {
        out.push({ local, wrapper, applied });
      }
    }
    return out;
  });
}

/** Where an imported name is applied to something that calls Claude: a call given it, or a decorator. */
function applicationOf(ctx: FileContext, local: string): Application | undefined {
  for (const { start, paren } of ctx.callsOf(local, false)) {
    if (ctx.inCommentOrString(start)) {
      continue;
    }
    const call = paren > start ? siteCall(ctx, start) : null;
    const run = call ? claudeRunBy(ctx, call, start) : undefined;
    if (run) {
      return run;
    }
  }
  return ctx.python ? decoratedClaude(ctx, local) : undefined;
}
