/**
 * The editor's guard against costly lints, kept free of `vscode` so it is tested in plain
 * Node with an injected clock: which lints may run on the extension-host thread
 * (`LintBudget`), and a queue that runs the others in a worker thread (`OffThreadLinter`),
 * dropping stale jobs and terminating one that runs past a hard cap.
 */
import type { Finding, LintLanguage, RuleId, RuleSetting } from '../../core/lint/types';
import { type Scheduler, systemScheduler } from '../../core/monitor/poller';

/** Default per-lint budget on the extension-host thread (`headroom.lint.timeBudgetMs`). */
export const DEFAULT_TIME_BUDGET_MS = 50;

/**
 * The most findings the worker hands back for one document: receiving them and turning
 * them into diagnostics is work on the host thread (tens of µs each), and a crafted file
 * can have tens of thousands. The log says how many more there were.
 */
export const MAX_WORKER_FINDINGS = 500;

/** A lint in the worker running longer than this is terminated and the document left unlinted. */
export const HARD_CAP_MS = 30_000;

/**
 * Assumed cost of a document not linted yet, in ms per KB: ordinary code lints far faster,
 * so only large documents (over ~100 KB at the default budget) start in the worker.
 */
export const DEFAULT_MS_PER_KB = 0.5;

/** Where one lint runs. */
export type LintPlan =
  | { kind: 'sync'; expectedMs: number }
  | { kind: 'worker'; expectedMs: number }
  | { kind: 'tooLarge'; bytes: number };

/**
 * Decides per lint whether a document is linted on the host thread or in the worker, from
 * its size and the last measured cost of the same document. A document moves to the worker
 * when a lint is expected or measured to exceed the budget, and back only once its lints
 * are expected to take under half the budget (so it does not flip at the boundary).
 */
export class LintBudget {
  private readonly msPerByte = new Map<string, number>();
  private readonly offThread = new Set<string>();

  /** @param maxBytes documents larger than this are not linted at all (the CLI's cap). */
  constructor(private readonly maxBytes: number) {}

  /** The plan for linting document `key` of `bytes` bytes within `budgetMs`. */
  plan(key: string, bytes: number, budgetMs: number): LintPlan {
    if (bytes > this.maxBytes) return { kind: 'tooLarge', bytes };
    const expectedMs = bytes * (this.msPerByte.get(key) ?? DEFAULT_MS_PER_KB / 1024);
    const limit = this.offThread.has(key) ? budgetMs / 2 : budgetMs;
    if (expectedMs > limit) {
      this.offThread.add(key);
      return { kind: 'worker', expectedMs };
    }
    this.offThread.delete(key);
    return { kind: 'sync', expectedMs };
  }

  /** Records that a lint of `key` at `bytes` bytes took `ms` (wherever it ran). */
  record(key: string, bytes: number, ms: number): void {
    this.msPerByte.set(key, ms / Math.max(bytes, 1));
  }

  /** Forgets a document (closed). */
  forget(key: string): void {
    this.msPerByte.delete(key);
    this.offThread.delete(key);
  }
}

/** What the worker answers: the findings and the time the lint took there, or an error. */
export type WorkerResponse =
  | { id: number; findings: Finding[]; total: number; ms: number; ruleErrors: string[] }
  | { id: number; error: string };

/** One lint to run off the host thread. */
export interface WorkerJob {
  /** The document (its URI): a newer job for the same key makes an older one stale. */
  key: string;
  language: LintLanguage;
  text: string;
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** The workspace-relative path and the test-code setting (see `lintOptions`). */
  path?: string;
  retriesDisabledInTests?: boolean;
  /**
   * The workspace folder and the file's absolute path, when it is a file of one: the worker reads
   * the retry wrappers it imports from the disk (see `ProjectModules.projectOf`).
   */
  project?: { root: string; file: string };
}

/** What the host sends the worker: one job's text to lint, numbered. */
export type WorkerRequest = Omit<WorkerJob, 'key'> & { id: number };

/** How a job ended. */
export type JobOutcome =
  /** `findings` holds the first MAX_WORKER_FINDINGS (in document order) of `total`. */
  | { status: 'done'; findings: Finding[]; total: number; ms: number; ruleErrors: string[] }
  /** A newer job for the same document arrived (or it was cancelled); its result is not wanted. */
  | { status: 'stale' }
  /** It ran past the hard cap and the worker was terminated. `ms` is how long it had run. */
  | { status: 'timedOut'; ms: number }
  | { status: 'failed'; error: string };

/** The worker as the queue sees it. */
export interface WorkerPort {
  post(request: WorkerRequest): void;
  terminate(): void;
}

/** What a worker reports back to the queue. */
export interface WorkerEvents {
  onResponse(response: WorkerResponse): void;
  /** The worker failed or exited on its own; it is not used again. */
  onFailure(error: string): void;
}

/** Starts a worker thread (real: `node:worker_threads`; tests: a fake). */
export type WorkerFactory = (events: WorkerEvents) => WorkerPort;

/** Time as the queue sees it: the poller's clock and timers (real ones, or a test's fake). */
export type Clock = Scheduler;

interface Pending {
  job: WorkerJob;
  resolve(outcome: JobOutcome): void;
}

interface Running extends Pending {
  id: number;
  startedAt: number;
  timer: unknown;
  superseded: boolean;
  worker: WorkerPort;
}

/**
 * Runs lints one at a time in one worker thread, started on first use. Only the newest job
 * per document waits: submitting a newer one resolves the waiting one as `stale`, and a
 * running job of that document is marked so its result is dropped. A job running past
 * `hardCapMs` terminates the worker (a fresh one starts for the next job). Never rejects.
 */
export class OffThreadLinter {
  private readonly pending = new Map<string, Pending>();
  private running: Running | undefined;
  private worker: WorkerPort | undefined;
  private nextId = 1;
  private disposed = false;

  constructor(
    private readonly startWorker: WorkerFactory,
    private readonly hardCapMs: number,
    private readonly clock: Clock = systemScheduler,
  ) {}

  /** Queues a lint; resolves when it ends, is superseded, times out or fails. */
  submit(job: WorkerJob): Promise<JobOutcome> {
    if (this.disposed) return Promise.resolve({ status: 'stale' });
    return new Promise<JobOutcome>((resolve) => {
      this.pending.get(job.key)?.resolve({ status: 'stale' });
      this.pending.delete(job.key); // Re-inserted at the back: the queue stays in arrival order.
      this.pending.set(job.key, { job, resolve });
      if (this.running?.job.key === job.key) this.running.superseded = true;
      this.pump();
    });
  }

  /** Drops the document's waiting job; a running one is terminated (the document closed). */
  cancel(key: string): void {
    this.pending.get(key)?.resolve({ status: 'stale' });
    this.pending.delete(key);
    if (this.running?.job.key === key) {
      this.finish({ status: 'stale' }, true);
    }
  }

  /** Whether a job of this document is waiting or running. */
  has(key: string): boolean {
    return this.pending.has(key) || this.running?.job.key === key;
  }

  /** Terminates the worker and resolves every job as stale. */
  dispose(): void {
    this.disposed = true;
    for (const p of this.pending.values()) p.resolve({ status: 'stale' });
    this.pending.clear();
    if (this.running) this.finish({ status: 'stale' }, true);
    this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.pending.values().next();
    if (next.done) return;
    const { job, resolve } = next.value;
    this.pending.delete(job.key);
    let worker: WorkerPort;
    try {
      worker = this.worker ??= this.spawn();
    } catch (err) {
      resolve({ status: 'failed', error: `cannot start the lint worker: ${messageOf(err)}` });
      this.pump();
      return;
    }
    const id = this.nextId++;
    const startedAt = this.clock.now();
    const timer = this.clock.setTimeout(() => {
      if (this.running?.id === id) {
        this.finish({ status: 'timedOut', ms: this.clock.now() - startedAt }, true);
      }
    }, this.hardCapMs);
    this.running = { job, resolve, id, startedAt, timer, superseded: false, worker };
    try {
      worker.post({
        id,
        language: job.language,
        text: job.text,
        rules: job.rules,
        path: job.path,
        retriesDisabledInTests: job.retriesDisabledInTests,
        ...(job.project && { project: job.project }),
      });
    } catch (err) {
      this.finish({ status: 'failed', error: `cannot reach the lint worker: ${messageOf(err)}` }, true);
    }
  }

  private spawn(): WorkerPort {
    const port: WorkerPort = this.startWorker({
      onResponse: (response) => {
        const running = this.running;
        if (!running || running.id !== response.id || running.worker !== port) return;
        if (running.superseded) {
          this.finish({ status: 'stale' }, false);
        } else if ('error' in response) {
          this.finish({ status: 'failed', error: response.error }, false);
        } else {
          this.finish(
            {
              status: 'done',
              findings: response.findings,
              total: response.total,
              ms: response.ms,
              ruleErrors: response.ruleErrors,
            },
            false,
          );
        }
      },
      onFailure: (error) => {
        if (this.worker === port) this.worker = undefined;
        if (this.running?.worker === port) this.finish({ status: 'failed', error }, false);
      },
    });
    return port;
  }

  /** Ends the running job; `terminate` stops its worker (a new one starts for the next job). */
  private finish(outcome: JobOutcome, terminate: boolean): void {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    this.clock.clearTimeout(running.timer);
    if (terminate) {
      if (this.worker === running.worker) this.worker = undefined;
      running.worker.terminate();
    }
    running.resolve(outcome);
    this.pump();
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
