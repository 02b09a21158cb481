// realworld repro (positive + negative): naive-retry -- a quote-mining package's per-chunk helper (a client handed
// in by its caller, default SDK retries) wraps a Haiku create in a five-attempt for loop: a RateLimitError waits a
// full minute, doubling each time (1, 2, 4, 8 min), and goes round again without reading retry-after; other API
// errors are logged and thrown; look-alikes: the class test itself, a cached constant system prompt, Haiku at 8,192
// source: YunusAndreasson/islam.se packages/quotes/src/extraction/swedish.ts:335
// source: YunusAndreasson/islam.se packages/quotes/src/extraction/swedish.ts:366
// source: YunusAndreasson/islam.se packages/quotes/src/extraction/swedish.ts:337
import Anthropic from "@anthropic-ai/sdk";

const GUIDE = `You pick short, self-contained sayings from a sermon transcript for a study newsletter.
Keep each saying to one or two sentences, quote it exactly, and give it one theme from: mercy, patience,
gratitude, hope, humility, justice. Rate from 1 to 5 how well it stands alone. Answer with JSON only:
{"sayings": [{"text": "...", "theme": "...", "alone": 4}]}`;

export type Saying = { text: string; theme: string; alone: number };

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function sayingsFromPart(
  claude: Anthropic,
  part: string,
  index: number,
  log?: (line: string) => void,
): Promise<Saying[]> {
  const tries = 5;
  let last: Error | null = null;
  for (let round = 0; round < tries; round++) { // expect: naive-retry
    try {
      const reply = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, unbounded-fanout
        model: "claude-haiku-4-5",
        max_tokens: 8192,
        system: [{ type: "text", text: GUIDE, cache_control: { type: "ephemeral" } }],
        messages: [{ role: "user", content: `Part ${index + 1}:\n\n${part}` }],
      });
      const block = reply.content[0];
      if (!block || block.type !== "text") throw new Error("no text in reply");
      return (JSON.parse(block.text) as { sayings: Saying[] }).sayings;
    } catch (err) {
      last = err instanceof Error ? err : new Error(String(err));
      if (err instanceof Anthropic.RateLimitError) { // expect-not: string-matched-error
        if (round < tries - 1) {
          const ms = 60_000 * 2 ** round;
          log?.(`rate limited, waiting ${ms / 60_000} min`);
          await pause(ms);
          continue;
        }
      } else if (err instanceof Anthropic.APIError) {
        log?.(`API error ${err.status}`);
      }
      throw last;
    }
  }
  throw last ?? new Error("out of tries");
}
