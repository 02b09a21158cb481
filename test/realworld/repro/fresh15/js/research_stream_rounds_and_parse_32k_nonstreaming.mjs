// realworld repro (positive + negative): nonstreaming-max-tokens -- a two-phase news helper on Opus 5: the
// structured phase calls beta.messages.parse (non-streaming) with a literal max_tokens of 32,000 on a client built
// with no timeout, which the SDK refuses before sending; look-alikes: the research phase streams the same 32,000
// through beta.messages.stream + finalMessage inside a loop that only resumes pause_turn, and the client keeps
// default retries with the key from the environment
// source: cojb777-arch/AI_ClauCo_Proj_AI-Monetize-News scripts/lib/anthropic.mjs:103
// source: cojb777-arch/AI_ClauCo_Proj_AI-Monetize-News scripts/lib/anthropic.mjs:69
// source: cojb777-arch/AI_ClauCo_Proj_AI-Monetize-News scripts/lib/anthropic.mjs:68
// source: cojb777-arch/AI_ClauCo_Proj_AI-Monetize-News scripts/lib/anthropic.mjs:15
import Anthropic from '@anthropic-ai/sdk';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';

export const WRITER_MODEL = 'claude-opus-5';

export function makeClient() {
  if (!process.env.ANTHROPIC_API_KEY) throw new Error('set ANTHROPIC_API_KEY first');
  return new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
}

function joinText(msg) {
  return msg.content.filter((b) => b.type === 'text').map((b) => b.text).join('\n').trim();
}

export async function gather({ client, system, prompt, rounds = 8 }) {
  const messages = [{ role: 'user', content: prompt }];
  for (let r = 0; r < rounds; r += 1) { // expect-not: naive-retry
    const live = client.beta.messages.stream({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout, uncached-prompt
      model: WRITER_MODEL,
      max_tokens: 32000,
      system,
      messages,
      thinking: { type: 'adaptive' },
      tools: [{ type: 'web_search_20260209', name: 'web_search', max_uses: 10 }],
    });
    const msg = await live.finalMessage();
    messages.push({ role: 'assistant', content: msg.content });
    if (msg.stop_reason !== 'pause_turn') return joinText(msg);
  }
  throw new Error(`research did not finish in ${rounds} rounds`);
}

export async function shape({ client, system, prompt, schema }) {
  const out = await client.beta.messages.parse({ // expect: nonstreaming-max-tokens; expect-not: missing-max-tokens, model-routing, uncached-prompt
    model: WRITER_MODEL,
    max_tokens: 32000,
    system,
    messages: [{ role: 'user', content: prompt }],
    thinking: { type: 'adaptive' },
    output_config: { format: jsonSchemaOutputFormat(schema) },
  });
  if (!out.parsed_output) throw new Error(`could not parse: ${joinText(out).slice(0, 200)}`);
  return out.parsed_output;
}
