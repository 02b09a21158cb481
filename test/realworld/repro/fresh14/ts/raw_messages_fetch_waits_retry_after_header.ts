// realworld repro (negative): naive-retry and string-matched-error look-alikes -- a shared raw-fetch helper for API
// routes posts to /v1/messages up to three times: on a status in a retryable set (429, 500, 503, 529) it waits the
// retry-after header's seconds when the response carries one and a jittered doubling delay otherwise, and retries a
// network TypeError with the jittered delay; the error body's message only builds the thrown error
// source: Orlando360/ugc-marketplace-360 lib/anthropic-retry.ts:58
// source: Orlando360/ugc-marketplace-360 lib/anthropic-retry.ts:98
// source: Orlando360/ugc-marketplace-360 lib/anthropic-retry.ts:62
// source: Orlando360/ugc-marketplace-360 lib/anthropic-retry.ts:66
const AGAIN = new Set([429, 500, 503, 529]);
const TRIES = 3;

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const backoff = (n: number) => {
  const base = 800 * 2 ** (n - 1);
  return base + Math.random() * base * 0.4;
};

export async function postMessages(body: Record<string, unknown>, key: string): Promise<unknown> {
  let last: Error | null = null;
  for (let n = 1; n <= TRIES; n++) { // expect-not: naive-retry
    let res: Response;
    try {
      res = await fetch("https://api.anthropic.com/v1/messages", { // expect-not: batchable-fanout
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-api-key": key, // expect-not: hardcoded-api-key
          "anthropic-version": "2023-06-01",
        },
        body: JSON.stringify(body),
      });
    } catch (e) {
      if (e instanceof TypeError && n < TRIES) {
        last = e;
        await pause(backoff(n));
        continue;
      }
      throw e;
    }
    if (res.ok) return res.json();
    let info: { error?: { message?: string } } = {};
    try { info = await res.json(); } catch { /* not json */ }
    const text = info.error?.message ?? `HTTP ${res.status}`;
    if (AGAIN.has(res.status)) { // expect-not: string-matched-error
      last = new Error(text);
      if (n < TRIES) {
        let wait = backoff(n);
        const header = res.headers.get("retry-after");
        if (header && !isNaN(parseInt(header, 10))) wait = parseInt(header, 10) * 1000;
        await pause(wait);
        continue;
      }
      break;
    }
    throw new Error(`messages ${res.status}: ${text}`);
  }
  throw last ?? new Error("messages request failed");
}
