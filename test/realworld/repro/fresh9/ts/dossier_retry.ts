// realworld repro (module): the wrapper imported by dossier_three_creates_imported_retry.ts -- withAnthropicRetry(fn,
// opts) retries transient statuses (408, 409, 425, 429, 5xx, 529) and network codes, four attempts, 500 ms doubling
// to 8 s plus up to 500 ms, no retry-after; no Claude call here
// source: johnkf5-ops/Atelier lib/agents/orchestrator.ts:49

const TRANSIENT = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT"]);

function isTransient(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  if (typeof e.status === "number") return TRANSIENT.has(e.status);
  return typeof e.code === "string" && NETWORK_CODES.has(e.code);
}

export async function withAnthropicRetry<T>(
  fn: () => Promise<T>,
  opts: { maxAttempts?: number; baseMs?: number; maxMs?: number; label?: string } = {},
): Promise<T> {
  const maxAttempts = opts.maxAttempts ?? 4;
  const baseMs = opts.baseMs ?? 500;
  const maxMs = opts.maxMs ?? 8000;
  let lastErr: unknown = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) { // expect-not: naive-retry
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      if (!isTransient(err) || attempt === maxAttempts) throw err;
      const delay = Math.min(maxMs, baseMs * 2 ** (attempt - 1)) + Math.floor(Math.random() * baseMs);
      console.warn(`[${opts.label ?? "anthropic"}] attempt ${attempt}/${maxAttempts} failed, retrying in ${delay}ms`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  throw lastErr;
}
