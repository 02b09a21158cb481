// realworld repro (negative): naive-retry, string-matched-error and unbounded-fanout look-alikes -- a request queue
// named for Claude holds no Claude call: callers elsewhere hand it a thunk; it drains one request at a time with a
// minimum 100 ms gap, and a private method re-runs the thunk by recursion when the error's status is 429, waiting a
// configured base delay that doubles with up to 25 % jitter (retry-after is not read)
// source: blakelange123/vibelux src/lib/claude-queue.ts:85
// source: blakelange123/vibelux src/lib/claude-queue.ts:69
// source: blakelange123/vibelux src/lib/claude-queue.ts:41

const LIMITS = { tries: 3, firstMs: 1000, factor: 2 };

interface Pending {
  run: () => Promise<unknown>;
  done: (v: unknown) => void;
  fail: (e: unknown) => void;
  tries: number;
}

class ClaudeLine {
  private waiting: Pending[] = [];
  private busy = false;
  private last = 0;

  add<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((done, fail) => {
      this.waiting.push({ run, done: done as (v: unknown) => void, fail, tries: 0 });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    while (this.waiting.length > 0) { // expect-not: unbounded-fanout, naive-retry
      const job = this.waiting.shift()!;
      const gap = Date.now() - this.last;
      if (gap < 100) await new Promise((r) => setTimeout(r, 100 - gap));
      try {
        this.last = Date.now();
        job.done(await this.attempt(job));
      } catch (e) {
        job.fail(e);
      }
    }
    this.busy = false;
  }

  private async attempt(job: Pending): Promise<unknown> {
    try {
      return await job.run();
    } catch (e: any) {
      if (e?.status === 429 && job.tries < LIMITS.tries) { // expect-not: string-matched-error
        job.tries += 1;
        const wait = LIMITS.firstMs * LIMITS.factor ** (job.tries - 1) * (1 + Math.random() * 0.25);
        await new Promise((r) => setTimeout(r, wait));
        return this.attempt(job); // expect-not: naive-retry
      }
      throw e;
    }
  }
}

export const claudeLine = new ClaudeLine();
