// realworld repro (negative): naive-retry -- a raw-fetch Messages helper for short voice-note transcripts retries
// 429, 529 and 5xx responses in an attempt loop, but waits what the retry-after header says (parsed by a small
// helper; the original imports its parser from a sibling provider module), falling back to 5 s for a 429 only when
// the header is missing
// source: madslundt/VeritasLens src/llm/claude.ts:132
// source: madslundt/VeritasLens src/llm/claude.ts:167

const ENDPOINT = "https://api.anthropic.com/v1/messages";
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504, 529]);
const MAX_ATTEMPTS = 3;

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function summariseNote(apiKey: string, system: string, transcript: string): Promise<string> {
  const body = JSON.stringify({
    model: "claude-sonnet-4-5",
    max_tokens: 1024,
    system,
    messages: [{ role: "user", content: `[Transcript]\n${transcript}` }],
  });
  let delay = 1000;
  let lastError: Error | undefined;
  for (let attempt = 0; attempt <= MAX_ATTEMPTS; attempt++) { // expect-not: naive-retry
    if (attempt > 0) await sleep(delay);
    let res: Response;
    try {
      res = await fetch(ENDPOINT, { // expect-not: batchable-fanout, model-routing, uncached-prompt
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": apiKey, "anthropic-version": "2023-06-01" },
        body,
      });
    } catch (err) {
      lastError = err instanceof Error ? err : new Error(String(err));
      delay = 1000;
      continue;
    }
    if (RETRY_STATUSES.has(res.status)) { // expect-not: string-matched-error
      delay = parseRetryAfter(res.headers.get("retry-after")) ?? (res.status === 429 ? 5000 : 1000);
      lastError = new Error(`HTTP ${res.status}`);
      continue;
    }
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    const data = (await res.json()) as { content?: Array<{ type: string; text?: string }> };
    return data.content?.find((c) => c.type === "text")?.text ?? "";
  }
  throw lastError ?? new Error("no reply");
}
