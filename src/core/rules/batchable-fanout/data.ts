import type { Span } from '../../parse/span';

/**
 * How the Batch API version is built: the loop that collects one request per item, the
 * statements it copies from the per-item code, and where it goes.
 */
export interface BatchPlan {
  /** The client expression the original calls go through (`client`, `this.client`). */
  receiver: string;
  /** JS: the params object literal; Python: the keyword arguments inside the call's parentheses. */
  params: Span;
  /** The loop header of the generated collecting loop (`for (const row of rows)`, `for row in rows:`). */
  header: string;
  /** Python comprehension `if` clauses: items that fail one are skipped. */
  filters: string[];
  /** Names bound per item before the copied statements (`name = value`): a followed function's parameters, a map callback's index. */
  bindings: Array<{ name: string; value: string }>;
  /** Declarations and assignments before the call in the per-item code, copied in order. */
  prelude: Span[];
  /** Where the generated function is inserted: the start of the statement holding the fan-out. */
  insertAt: number;
  /** Whether the generated Python function must be `async def` (an async client, or awaits in copied code). */
  async: boolean;
  /** Base for the generated function's name (`rows` → `rowsViaBatch` / `rows_via_batch`). */
  base: string;
}

/** What a `batchable-fanout` finding carries for its fix (offsets into the linted text). */
export interface BatchableFanoutData {
  rule: 'batchable-fanout';
  language: 'js' | 'python';
  /** The Claude call made per item. */
  call: Span;
  /** The loop, comprehension or map call. */
  construct: Span;
  /** How to build the Batch API version; absent when the per-item code cannot be lifted. */
  plan?: BatchPlan;
}
