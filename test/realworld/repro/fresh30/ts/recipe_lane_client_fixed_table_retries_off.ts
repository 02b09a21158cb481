// realworld repro (positive + negative): naive-retry -- an edge-function helper builds its SDK client with
// maxRetries 0 (comment: the loop below is the only retry layer) and sends every create inside a three-attempt for
// loop that retries rate limits, 5xx and connection errors after a fixed 1/2/4 s table plus a little jitter, never
// reading retry-after; look-alikes: retries off on a client whose only request sits in that loop, a numeric status
// test (429, >= 500) in the retry predicate, system text sent with cache_control, per-lane Haiku/Sonnet defaults,
// 4,096 tokens with an abort timer
// source: dmagyar-0/dishton supabase/functions/_shared/ai/client.ts:157
// source: dmagyar-0/dishton supabase/functions/_shared/ai/client.ts:163
// source: dmagyar-0/dishton supabase/functions/_shared/ai/client.ts:75
// source: dmagyar-0/dishton supabase/functions/_shared/ai/client.ts:97
import Anthropic from "@anthropic-ai/sdk";

type Lane = "words" | "photo";

const LANE_MODEL: Record<Lane, string> = { words: "claude-haiku-4-5", photo: "claude-sonnet-4-5" };
const WAITS_MS = [1000, 2000, 4000];
const TRIES = 3;

export interface PantryAsk {
  lane: Lane;
  system: string;
  turns: Anthropic.MessageParam[];
  model?: string;
}

let sdk: Anthropic | null = null;
function client(): Anthropic {
  if (sdk) return sdk;
  // our loop below owns retries so attempt logs stay exact
  sdk = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 0 }); // expect-not: retries-disabled, hardcoded-api-key
  return sdk;
}

function shouldRetry(err: unknown): boolean {
  if (err instanceof Anthropic.RateLimitError) return true;
  if (err instanceof Anthropic.InternalServerError) return true;
  if (err instanceof Anthropic.APIConnectionError) return true;
  if (err instanceof Anthropic.APIError) {
    return err.status >= 500 || err.status === 429; // expect-not: string-matched-error
  }
  return false;
}

export async function askPantry(ask: PantryAsk): Promise<string> {
  const api = client();
  const params: Anthropic.MessageCreateParamsNonStreaming = {
    model: ask.model ?? LANE_MODEL[ask.lane],
    max_tokens: 4096,
    system: [{ type: "text", text: ask.system, cache_control: { type: "ephemeral" } }],
    messages: ask.turns,
  };
  let last: unknown;
  for (let attempt = 0; attempt < TRIES; attempt++) { // expect: naive-retry
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 90_000);
    try {
      const resp = await api.messages.create(params, { signal: stop.signal }); // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, unbounded-fanout
      clearTimeout(timer);
      return resp.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    } catch (err) {
      clearTimeout(timer);
      last = err;
      if (!shouldRetry(err) || attempt === TRIES - 1) throw err;
      await new Promise((r) => setTimeout(r, WAITS_MS[attempt] + Math.random() * 250));
    }
  }
  throw last instanceof Error ? last : new Error("unreachable");
}
