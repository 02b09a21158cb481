import type { Span } from '../../parse/span';

/** What a `unbounded-fanout` finding carries for its fixes (offsets into the linted text). */
export interface UnboundedFanoutData {
  rule: 'unbounded-fanout';
  /** Which construct fans out. */
  kind:
    | 'promise-combinator'
    | 'literal-list'
    | 'gather'
    | 'wait'
    | 'task-group'
    | 'executor-map'
    | 'executor-submit';
  language: 'js' | 'python';
  /** The fan-out call: `Promise.all(...)`, `asyncio.gather(...)`, `tg.create_task(...)`, `ex.map(...)`. */
  fanout: Span;
  /** Its callee (`Promise.all`, `asyncio.gather`, ...). */
  fanoutCallee: Span;
  /** Where the many calls come from: the `.map(...)` call, comprehension, `Array.from`, loop or literal list. */
  source: Span;
  /** How the source is built. */
  sourceKind:
    | 'map'
    | 'array-from'
    | 'push-loop'
    | 'literal'
    | 'comprehension'
    | 'generator'
    | 'map-builtin'
    | 'append-loop'
    | 'loop';
  /** The function that makes each call, when there is one (inline callback or same-file function). */
  callback?: Span;
  /** Name of the same-file function followed, if any. */
  followed?: string;
  /** The Claude API calls reached. */
  calls: Span[];
  /** Executor fan-outs: the pool constructor call and its `max_workers` value (null when absent). */
  pool?: {
    constructor: Span;
    maxWorkers: number | null;
    /** The parameter that sizes the pool, when its default is the size reported (`max_workers=max_workers`). */
    parameter?: string;
  };
}
