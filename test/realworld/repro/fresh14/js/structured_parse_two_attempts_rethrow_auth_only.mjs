// realworld repro (positive + negative): naive-retry -- a digest helper sends a structured-output request with
// messages.parse (or beta.messages.parse through a gateway switch) in a two-attempt loop whose catch re-throws only
// authentication and bad-request errors, so a rate-limit error that outlived the SDK's retries is sent again at once,
// with no wait and no retry-after; look-alikes: the error checks are class-based, the system block already carries
// cache_control, the 16,000-token default is under the non-streaming ceiling, and the chunk loop groups 40 items a
// request and runs one chunk at a time
// source: shivaswaroop40/sift scripts/lib/claude.mjs:30
// source: shivaswaroop40/sift scripts/lib/claude.mjs:40
// source: shivaswaroop40/sift scripts/lib/claude.mjs:33
// source: shivaswaroop40/sift scripts/lib/claude.mjs:34
// source: shivaswaroop40/sift scripts/lib/claude.mjs:99
// source: shivaswaroop40/sift scripts/lib/claude.mjs:14
import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';

export const MODEL = process.env.DIGEST_MODEL || 'claude-opus-5';
const USE_BETA = process.env.DIGEST_BETA === '1';

let client;
function anthropic() {
  client ??= new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  return client;
}

async function askStructured({ system, user, schema, maxTokens = 16000 }) {
  const api = anthropic();
  const params = {
    model: MODEL,
    max_tokens: maxTokens,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: user }],
    output_config: { format: zodOutputFormat(schema) },
  };
  let lastError;
  for (let attempt = 0; attempt < 2; attempt++) { // expect: naive-retry
    try {
      const res = !USE_BETA
        ? await api.messages.parse(params) // expect-not: uncached-prompt, nonstreaming-max-tokens, missing-max-tokens, model-routing, batchable-fanout
        : await api.beta.messages.parse({ ...params, betas: ['example-beta-2026-01-01'] }); // expect-not: missing-max-tokens
      if (!res.parsed_output) throw new Error('no parsed output');
      return { data: res.parsed_output, usage: res.usage };
    } catch (err) { // expect-not: string-matched-error
      lastError = err;
      if (err instanceof Anthropic.AuthenticationError) throw err;
      if (err instanceof Anthropic.BadRequestError) throw err;
    }
  }
  throw lastError;
}

const Scores = z.object({ items: z.array(z.object({ id: z.string(), keep: z.boolean(), score: z.number() })) });

export async function scoreCandidates(editorNotes, candidates, chunkSize = 40) {
  const out = new Map();
  for (let i = 0; i < candidates.length; i += chunkSize) { // expect-not: unbounded-fanout
    const chunk = candidates.slice(i, i + chunkSize);
    const user = chunk.map((c) => `id: ${c.id}\ntitle: ${c.title}\nsnippet: ${c.snippet ?? '(none)'}`).join('\n\n---\n\n');
    const { data } = await askStructured({ system: `You edit a daily digest.\n${editorNotes}`, user, schema: Scores });
    for (const row of data.items) out.set(row.id, row);
  }
  return out;
}
