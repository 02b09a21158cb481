/**
 * The editor's lint guard without VS Code: which lints stay on the host thread, and the
 * worker queue's order, stale drops, hard cap and failures, on a fake clock and fake
 * workers (no wall-clock thresholds). Two tests run the real worker thread end to end.
 */
import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  type Clock,
  DEFAULT_MS_PER_KB,
  type JobOutcome,
  LintBudget,
  MAX_WORKER_FINDINGS,
  OffThreadLinter,
  type WorkerEvents,
  type WorkerFactory,
  type WorkerJob,
  type WorkerRequest,
} from '../../../src/features/lint/budget';
import { workerThreadFactory } from '../../../src/features/lint/lintWorker';
import { MAX_FILE_BYTES } from '../../../src/core/files/limits';
import { MAX_FILE_BYTES as CLI_MAX_FILE_BYTES } from '../../../src/cli/files';
import { ADVERSARIAL_CASES, sizedInput } from '../hostile/adversarial';

/** A clock that moves only when told to, firing due timers in order. */
class FakeClock implements Clock {
  private t = 0;
  private timers: Array<{ at: number; fn: () => void; handle: number }> = [];
  private nextHandle = 1;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.push({ at: this.t + ms, fn, handle });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.handle !== handle);
  }
  advance(ms: number): void {
    const until = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.fn();
    }
    this.t = until;
  }
  get pendingTimers(): number {
    return this.timers.length;
  }
}

/** Fake workers: record what they were asked and let the test answer. */
interface FakeWorker {
  events: WorkerEvents;
  requests: WorkerRequest[];
  terminated: boolean;
}

class FakeWorkers {
  readonly started: FakeWorker[] = [];
  readonly factory: WorkerFactory = (events) => {
    const w: FakeWorker = { events, requests: [], terminated: false };
    this.started.push(w);
    return {
      post: (r) => void w.requests.push(r),
      terminate: () => void (w.terminated = true),
    };
  };
  get last(): FakeWorker {
    const w = this.started.at(-1);
    if (!w) throw new Error('no worker started');
    return w;
  }
  /** Answers the last request of the newest worker with no findings and `ms`. */
  answer(ms = 5): void {
    const w = this.last;
    const r = w.requests.at(-1);
    if (!r) throw new Error('no request');
    w.events.onResponse({ id: r.id, findings: [], total: 0, ms, ruleErrors: [] });
  }
}

const job = (key: string, text = 'x'): WorkerJob => ({ key, language: 'typescript', text, rules: {} });

/** Settles the microtasks (promise resolutions) queued so far. */
const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

const statusOf = (box: { outcome?: JobOutcome }): string | undefined => box.outcome?.status;

function track(p: Promise<JobOutcome>): { outcome?: JobOutcome } {
  const box: { outcome?: JobOutcome } = {};
  void p.then((o) => (box.outcome = o));
  return box;
}

describe('editor lint budget', () => {
  it('shares the CLI size cap and refuses documents over it', () => {
    assert.equal(MAX_FILE_BYTES, CLI_MAX_FILE_BYTES);
    const budget = new LintBudget(MAX_FILE_BYTES);
    assert.deepEqual(budget.plan('a', MAX_FILE_BYTES + 1, 50), {
      kind: 'tooLarge',
      bytes: MAX_FILE_BYTES + 1,
    });
    assert.notEqual(budget.plan('a', MAX_FILE_BYTES, 1e9).kind, 'tooLarge');
  });

  it('keeps small documents on the host thread and sends large unknown ones to the worker', () => {
    const budget = new LintBudget(MAX_FILE_BYTES);
    const atBudget = Math.floor((50 / DEFAULT_MS_PER_KB) * 1024);
    assert.equal(budget.plan('small', 10 * 1024, 50).kind, 'sync');
    assert.equal(budget.plan('edge', atBudget, 50).kind, 'sync');
    assert.equal(budget.plan('large', atBudget + 1024, 50).kind, 'worker');
  });

  it('moves a document to the worker once a lint is measured over the budget, and back well under it', () => {
    const budget = new LintBudget(MAX_FILE_BYTES);
    const bytes = 8 * 1024;
    assert.equal(budget.plan('doc', bytes, 50).kind, 'sync');
    budget.record('doc', bytes, 400); // A hostile 8 KB: 400 ms measured.
    assert.equal(budget.plan('doc', bytes, 50).kind, 'worker');
    budget.record('doc', bytes, 40); // Still above half the budget: stays in the worker.
    assert.equal(budget.plan('doc', bytes, 50).kind, 'worker');
    budget.record('doc', bytes, 10);
    assert.equal(budget.plan('doc', bytes, 50).kind, 'sync');
    // The measured rate scales with the size: the same document grown 10x is expected at 100 ms.
    assert.equal(budget.plan('doc', bytes * 10, 50).kind, 'worker');
    budget.forget('doc');
    assert.equal(budget.plan('doc', bytes, 50).kind, 'sync');
  });

  it('follows the budget it is given (the setting)', () => {
    const budget = new LintBudget(MAX_FILE_BYTES);
    budget.record('doc', 1000, 80);
    assert.equal(budget.plan('doc', 1000, 50).kind, 'worker');
    budget.forget('doc');
    budget.record('doc', 1000, 80);
    assert.equal(budget.plan('doc', 1000, 200).kind, 'sync');
  });
});

describe('editor lint worker queue', () => {
  it('runs one job at a time, in order, on one worker started on first use', async () => {
    const clock = new FakeClock();
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, clock);
    assert.equal(workers.started.length, 0);
    const a = track(q.submit(job('a')));
    const b = track(q.submit(job('b')));
    assert.equal(workers.started.length, 1);
    assert.deepEqual(
      workers.last.requests.map((r) => r.text),
      ['x'],
      'the second job waits for the first',
    );
    workers.answer(7);
    await flush();
    assert.deepEqual(a.outcome, { status: 'done', findings: [], total: 0, ms: 7, ruleErrors: [] });
    assert.equal(workers.last.requests.length, 2);
    workers.answer(3);
    await flush();
    assert.equal(b.outcome?.status, 'done');
    assert.equal(workers.started.length, 1, 'the worker is reused');
    assert.equal(clock.pendingTimers, 0, 'no hard-cap timer left behind');
    q.dispose();
  });

  it('drops a waiting job when a newer version of the document arrives', async () => {
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, new FakeClock());
    const other = track(q.submit(job('other')));
    const v1 = track(q.submit(job('doc', 'v1')));
    const v2 = track(q.submit(job('doc', 'v2')));
    await flush();
    assert.deepEqual(v1.outcome, { status: 'stale' });
    workers.answer();
    await flush();
    assert.equal(other.outcome?.status, 'done');
    assert.deepEqual(
      workers.last.requests.map((r) => r.text),
      ['x', 'v2'],
      'v1 never reached the worker',
    );
    workers.answer();
    await flush();
    assert.equal(v2.outcome?.status, 'done');
    q.dispose();
  });

  it('drops the result of a running job whose document changed meanwhile, then runs the newer one', async () => {
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, new FakeClock());
    const v1 = track(q.submit(job('doc', 'v1')));
    const v2 = track(q.submit(job('doc', 'v2')));
    workers.last.events.onResponse({
      id: workers.last.requests[0]!.id,
      findings: [],
      total: 0,
      ms: 1,
      ruleErrors: [],
    });
    await flush();
    assert.deepEqual(v1.outcome, { status: 'stale' });
    assert.equal(workers.last.requests.at(-1)?.text, 'v2');
    workers.answer();
    await flush();
    assert.equal(v2.outcome?.status, 'done');
    q.dispose();
  });

  it('terminates a job past the hard cap, reports how long it ran, and starts a fresh worker next', async () => {
    const clock = new FakeClock();
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, clock);
    const slow = track(q.submit(job('slow')));
    const next = track(q.submit(job('next')));
    clock.advance(999);
    await flush();
    assert.equal(statusOf(slow), undefined, 'still within the cap');
    clock.advance(1);
    await flush();
    assert.deepEqual(slow.outcome, { status: 'timedOut', ms: 1000 });
    assert.equal(workers.started[0]!.terminated, true);
    assert.equal(workers.started.length, 2, 'the next job got a fresh worker');
    // A late answer from the terminated worker is ignored.
    workers.started[0]!.events.onResponse({ id: 1, findings: [], total: 0, ms: 1, ruleErrors: [] });
    await flush();
    assert.equal(statusOf(next), undefined);
    workers.answer();
    await flush();
    assert.equal(next.outcome?.status, 'done');
    q.dispose();
  });

  it('reports a failed worker as a failed job and carries on with a new one', async () => {
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, new FakeClock());
    const a = track(q.submit(job('a')));
    const b = track(q.submit(job('b')));
    workers.last.events.onFailure('lint worker exited (code 1)');
    await flush();
    assert.deepEqual(a.outcome, { status: 'failed', error: 'lint worker exited (code 1)' });
    assert.equal(workers.started.length, 2);
    workers.last.events.onResponse({ id: workers.last.requests[0]!.id, error: 'boom' });
    await flush();
    assert.deepEqual(b.outcome, { status: 'failed', error: 'boom' });
    q.dispose();
  });

  it('a factory that throws fails the job instead of rejecting', async () => {
    const q = new OffThreadLinter(
      () => {
        throw new Error('no threads here');
      },
      1000,
      new FakeClock(),
    );
    assert.deepEqual(await q.submit(job('a')), {
      status: 'failed',
      error: 'cannot start the lint worker: no threads here',
    });
    q.dispose();
  });

  it('cancel (document closed) terminates its running job; dispose settles everything', async () => {
    const clock = new FakeClock();
    const workers = new FakeWorkers();
    const q = new OffThreadLinter(workers.factory, 1000, clock);
    const a = track(q.submit(job('a')));
    const b = track(q.submit(job('b')));
    assert.equal(q.has('a'), true);
    q.cancel('a');
    await flush();
    assert.deepEqual(a.outcome, { status: 'stale' });
    assert.equal(q.has('a'), false);
    assert.equal(workers.started[0]!.terminated, true);
    assert.equal(workers.last.requests.at(-1)?.text, 'x', 'b runs on a new worker');
    q.dispose();
    await flush();
    assert.deepEqual(b.outcome, { status: 'stale' });
    assert.equal(workers.last.terminated, true);
    assert.equal(clock.pendingTimers, 0);
    assert.deepEqual(await q.submit(job('c')), { status: 'stale' });
  });
});

describe('editor lint worker thread', () => {
  it('lints in a real worker thread with the grammars the extension ships, as the host would', async () => {
    const grammarDir = path.resolve(__dirname, '../../../grammars');
    const q = new OffThreadLinter(workerThreadFactory(grammarDir), 600_000);
    try {
      const c = ADVERSARIAL_CASES.find((x) => x.name === 'JS: many calls in sequence')!;
      const text = sizedInput(c, 4 * 1024);
      const outcome = await q.submit({ key: 'k', language: c.language, text, rules: {} });
      assert.equal(outcome.status, 'done', JSON.stringify(outcome));
      if (outcome.status !== 'done') return;
      assert.ok(outcome.findings.length > 0, 'the hostile input has findings');
      assert.ok(outcome.findings.every((f) => typeof f.rule === 'string' && f.range.start.line >= 0));
      assert.equal(outcome.total, outcome.findings.length, 'a small input: every finding');
      // A crafted file with thousands of findings: the host receives the first ones only.
      const many = await q.submit({
        key: 'k',
        language: c.language,
        text: sizedInput(c, 160 * 1024),
        rules: {},
      });
      assert.equal(many.status, 'done');
      if (many.status !== 'done') return;
      assert.ok(many.total > MAX_WORKER_FINDINGS, `${many.total} findings`);
      assert.equal(many.findings.length, MAX_WORKER_FINDINGS);
      const starts = many.findings.map((f) => f.start);
      assert.deepEqual(
        starts,
        [...starts].sort((a, b) => a - b),
        'the first ones in document order',
      );
      const py = await q.submit({
        key: 'p',
        language: 'python',
        text: 'import anthropic\nclient = anthropic.Anthropic()\nclient.messages.create(model="m", messages=[])\n',
        rules: {},
      });
      assert.equal(py.status, 'done');
      assert.ok(py.status === 'done' && py.findings.some((f) => f.rule === 'missing-max-tokens'));
    } finally {
      q.dispose();
    }
  });

  it('reads the retry wrappers a file imports from its workspace folder on disk', async () => {
    const grammarDir = path.resolve(__dirname, '../../../grammars');
    const root = path.resolve(__dirname, '../../../../test/fixtures/projects/ts-imported-wrapper-fixed-wait');
    const file = path.join(root, 'src/app/notes.ts');
    const text = fs.readFileSync(file, 'utf8');
    const q = new OffThreadLinter(workerThreadFactory(grammarDir), 600_000);
    try {
      const job = { key: 'n', language: 'typescript' as const, text, rules: {} };
      const alone = await q.submit(job);
      const inProject = await q.submit({ ...job, project: { root, file } });
      assert.ok(alone.status === 'done' && inProject.status === 'done');
      if (alone.status !== 'done' || inProject.status !== 'done') return;
      assert.deepEqual(
        alone.findings.map((f) => f.rule),
        [],
      );
      assert.deepEqual(
        inProject.findings.map((f) => `${f.range.start.line + 1}:${f.rule}`),
        ['16:naive-retry'],
      );
      assert.match(inProject.findings[0]!.message, /It is withRetry\(\) in src\/lib\/retry\.ts \(line 4\)/);
    } finally {
      q.dispose();
    }
  });
});
