// realworld repro (negative): naive-retry, string-matched-error and unbounded-fanout look-alikes -- a module of
// shared helpers with no Claude call (callers in other modules hand it thunks): one withRetry waits a fixed 10 s then
// 30 s ladder on errors a predicate calls retryable (status 429/5xx, error.type, or 'rate limit' / '429' in the
// message); another waits 15 s times the attempt on rate limits and doubles on 5xx; a bounded worker pool drains a list
// with min(concurrency, items) workers
// source: bhisoftware/page-refresh lib/ai/retry.ts:49
// source: bhisoftware/page-refresh lib/ai/retry.ts:36
// source: DarlingtonDeveloper/whitehall lib/ai/retry.ts:19
// source: DarlingtonDeveloper/whitehall lib/ai/retry.ts:70
// source: DarlingtonDeveloper/whitehall lib/ai/retry.ts:63
const LADDER = [10_000, 30_000];

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function transient(err: unknown): boolean {
  const o = (err ?? {}) as { status?: number; error?: { type?: string } };
  if (o.status === 429 || (o.status ?? 0) >= 500) return true;
  if (o.error?.type === "rate_limit_error") return true;
  const msg = messageOf(err);
  return msg.includes("rate limit") || msg.includes("429") || msg.includes("overloaded"); // expect-not: string-matched-error
}

export async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let n = 0; n <= LADDER.length; n++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      last = err;
      if (n < LADDER.length && transient(err)) await sleep(LADDER[n]);
      else throw err;
    }
  }
  throw last;
}

function limited(err: unknown): boolean {
  const msg = messageOf(err);
  if (msg.includes("rate limit") || msg.includes("Too Many Requests")) return true; // expect-not: string-matched-error
  return (err as { status?: number })?.status === 429;
}

export async function withPatience<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let n = 0; ; n++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      const status = (err as { status?: number })?.status ?? 0;
      if (n >= tries || !(limited(err) || status >= 500)) throw err;
      await sleep(limited(err) ? 15_000 * (n + 1) : 1_000 * 2 ** n);
    }
  }
}

export async function mapPool<T, R>(items: T[], width: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, () => lane())); // expect-not: unbounded-fanout
  return out;
}
