// realworld repro (positive + negative): naive-retry -- a backend adapter posts to the Messages URL with undici's
// request inside a four-try attempt loop; a 429 or any 5xx sets the last error and, while tries remain, sleeps its
// own doubling back-off (1 s, 2 s, 4 s) and goes round again, never reading the retry-after header; look-alikes:
// numeric status comparisons and the AbortError name test (no rate-limit text), an Opus default with no loop over
// data, the key from options or the environment
// source: Fisher521/distill src/llm/anthropic.ts:106
// source: Fisher521/distill src/llm/anthropic.ts:137
// source: Fisher521/distill src/llm/anthropic.ts:111
// source: Fisher521/distill src/llm/anthropic.ts:80
import { request } from "undici";

const ENDPOINT = "https://api.anthropic.com/v1/messages";
const FALLBACK_MODEL = "claude-opus-4-7";
const TRIES = 3;
const FIRST_PAUSE_MS = 1000;

const pause = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export class DigestBackend {
  constructor(private readonly opts: { key?: string; model?: string; maxTokens?: number } = {}) {}

  async write(prompt: string, system?: string): Promise<string> {
    const key = this.opts.key ?? process.env.ANTHROPIC_API_KEY; // expect-not: hardcoded-api-key
    if (!key) throw new Error("no key configured");
    const payload: Record<string, unknown> = {
      model: this.opts.model ?? FALLBACK_MODEL,
      max_tokens: this.opts.maxTokens ?? 4096,
      messages: [{ role: "user", content: prompt }],
    };
    if (system) payload.system = system;

    let last: Error | null = null;
    for (let tryNo = 0; tryNo <= TRIES; tryNo++) { // expect: naive-retry
      const abort = new AbortController();
      const clock = setTimeout(() => abort.abort(), 90_000);
      try {
        const reply = await request(ENDPOINT, { // expect-not: model-routing, batchable-fanout, uncached-prompt, nonstreaming-max-tokens
          method: "POST",
          headers: { "x-api-key": key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
          body: JSON.stringify(payload),
          signal: abort.signal,
        });
        const code = reply.statusCode;
        const raw = await reply.body.text();
        if (code >= 200 && code < 300) {
          const parsed = JSON.parse(raw) as { content?: Array<{ type: string; text?: string }> };
          const first = parsed.content?.find((b) => b.type === "text");
          if (!first?.text) throw new Error("reply had no text");
          return first.text;
        }
        if (code === 429 || (code >= 500 && code < 600)) { // expect-not: string-matched-error
          last = new Error(`messages call failed with ${code}`);
          if (tryNo < TRIES) {
            await pause(FIRST_PAUSE_MS * 2 ** tryNo);
            continue;
          }
          throw last;
        }
        throw new Error(`messages call rejected with ${code}`);
      } catch (err) {
        if (err instanceof Error && err.name === "AbortError") { // expect-not: string-matched-error
          last = new Error("attempt timed out");
          if (tryNo < TRIES) {
            await pause(FIRST_PAUSE_MS * 2 ** tryNo);
            continue;
          }
          throw last;
        }
        throw err;
      } finally {
        clearTimeout(clock);
      }
    }
    throw last ?? new Error("out of tries");
  }
}
