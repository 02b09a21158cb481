// realworld repro (module): the wrapper imported by repo_profile_agent.ts -- withClaudeRetry(fn)
// re-runs the callback on status 429, 5xx or rate-limit/overload/timeout words, waiting 2 s doubling to a 60 s cap
// with 20% jitter, never reading retry-after; no Claude call here
// source: raymondlei90s/ContextEngine src/agents/repo-analyzer.ts:223

function retryable(error: any): boolean {
  const status = error?.status ?? 0;
  if (status === 429 || (status >= 500 && status < 600)) return true;
  const text = String(error?.message ?? "").toLowerCase();
  return ["rate_limit", "overloaded", "timeout"].some((w) => text.includes(w)); // expect-not: string-matched-error
}

export async function withClaudeRetry<T>(fn: () => Promise<T>, maxRetries = 3): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt <= maxRetries; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (error) {
      last = error;
      if (attempt === maxRetries || !retryable(error)) throw error;
      const base = Math.min(2000 * 2 ** attempt, 60_000);
      await new Promise((r) => setTimeout(r, base * (1 + (Math.random() * 2 - 1) * 0.2)));
    }
  }
  throw last;
}
