// realworld repro (negative): string-matched-error, uncached-prompt, retries-disabled -- a daily brief's shared
// helper builds a default client (the header says the SDK's retries are relied on), sends one structured-output
// request per article with the system block already marked cache_control, and turns errors into readable lines by
// instanceof; the missing-key message shows an sk-ant-... placeholder
// source: choiseoran/sarah-ai-brief scripts/lib/claude.mjs:101
// source: choiseoran/sarah-ai-brief scripts/lib/claude.mjs:50
// source: choiseoran/sarah-ai-brief scripts/lib/claude.mjs:42
// source: choiseoran/sarah-ai-brief scripts/lib/claude.mjs:38
import Anthropic from '@anthropic-ai/sdk';

export const MODEL = 'claude-opus-5';

export function makeClient() {
  const apiKey = process.env.ANTHROPIC_API_KEY;
  if (!apiKey) {
    throw new Error('Set ANTHROPIC_API_KEY, e.g. ANTHROPIC_API_KEY=sk-ant-... in your .env'); // expect-not: hardcoded-api-key
  }
  return new Anthropic({ apiKey }); // expect-not: retries-disabled
}

export async function briefJson(client, { system, user, schema, limit = 8000, model = MODEL }) {
  const res = await client.messages.create({ // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model,
    max_tokens: limit,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: user }],
    output_config: { format: { type: 'json_schema', schema } },
  });
  if (res.stop_reason === 'max_tokens') throw new Error(`cut off at ${limit} tokens`);
  return res.parsed_output;
}

export function explain(err) {
  if (err instanceof Anthropic.RateLimitError) return 'rate limited (429) even after the SDK retried'; // expect-not: string-matched-error
  if (err instanceof Anthropic.APIError) return `API error ${err.status}`;
  return err.message;
}
