import { parseCalls } from '../../lint/facts/otherClaudeCalls';
import { projectImports } from '../../lint/facts/projectImports';
import type { FileContext } from '../../lint/context';
import { pythonExecutors } from './executors';
import type { FanoutReport } from './fanout';
import { jsPromiseCombinators, jsPromiseMappers } from './javascript';
import { pythonGather, pythonTaskGroups } from './python';
import { allHttpClaudeCalls } from '../../lint/facts/httpHelpers';

export { MAX_BOUNDED_WORKERS, MAX_LITERAL_CALLS } from './fanout';

/**
 * `unbounded-fanout`: many Claude calls started at once with no cap: `Promise.all` over a
 * map/push loop/Array.from, `asyncio.gather`/`wait` over a comprehension/map/loop-filled list,
 * `TaskGroup.create_task` in a loop, thread pools with no or large `max_workers`.
 */
export function detect(ctx: FileContext, report: FanoutReport): void {
  // (Claude calls through the SDK, or raw-HTTP Messages requests: `fetch('…/v1/messages')`)
  // (a file whose requests all go through another module's functions is read only when the
  // project can be: see `importedClaudeCalls`)
  if (
    ctx.calls.length === 0 &&
    parseCalls(ctx).length === 0 &&
    allHttpClaudeCalls(ctx).length === 0 &&
    !(ctx.options.modules && projectImports(ctx).size > 0)
  ) {
    return;
  }
  if (ctx.python) {
    pythonGather(ctx, report);
    pythonTaskGroups(ctx, report);
    pythonExecutors(ctx, report);
  } else {
    jsPromiseCombinators(ctx, report);
    jsPromiseMappers(ctx, report);
  }
}
