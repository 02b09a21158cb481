// realworld repro (negative): unbounded-fanout -- benchmark runs go through a small worker pool:
// Promise.all starts min(concurrency, runs) workers that each pull the next run from a shared index
// (concurrency comes from the settings, default 1); each run catches its own failure
// source: Andiedie/ai-bench src/services/runner.ts:24
// source: Andiedie/ai-bench src/services/runner.ts:14
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function pooled<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const done: T[] = new Array(jobs.length);
  let cursor = 0;
  async function worker(): Promise<void> {
    while (cursor < jobs.length) { // expect-not: naive-retry
      const mine = cursor++;
      done[mine] = await jobs[mine]();
    }
  }
  const crew = Array.from({ length: Math.min(width, jobs.length) }, () => worker());
  await Promise.all(crew); // expect-not: unbounded-fanout
  return done;
}

export async function runTrials(question: string, trials: number, concurrency = 1) {
  const jobs = Array.from({ length: trials }, (_, n) => async () => {
    const started = Date.now();
    try {
      const msg = await anthropic.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: 512,
        messages: [{ role: 'user', content: question }],
      });
      return { trial: n, ms: Date.now() - started, tokens: msg.usage.output_tokens, failed: false };
    } catch {
      return { trial: n, ms: Date.now() - started, tokens: 0, failed: true };
    }
  });
  return pooled(jobs, concurrency);
}
