// realworld repro (module): the helper imported by study_notes_unrolled_resend.ts -- one create per call on a
// cached client that keeps the SDK's retries, max_tokens from the options (4096 by default); no retry here
// source: ioanniskokkinis/study-guide-claude src/lib/ai/structured-retry.ts:67
import Anthropic from "@anthropic-ai/sdk";

let cached: Anthropic | null = null;

function getClient(): Anthropic {
  if (!cached) {
    cached = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
  }
  return cached;
}

export interface AskOptions {
  model: string;
  system: string;
  prompt: string;
  maxTokens?: number;
}

export interface AskResult {
  data: unknown;
  outputTokens: number;
}

export async function askStructured(options: AskOptions): Promise<AskResult> {
  const reply = await getClient().messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens
    model: options.model,
    max_tokens: options.maxTokens ?? 4096,
    system: options.system,
    messages: [{ role: "user", content: options.prompt }],
  });
  const block = reply.content[0];
  if (!block || block.type !== "text") throw new Error("expected a text block");
  return { data: JSON.parse(block.text), outputTokens: reply.usage.output_tokens };
}
