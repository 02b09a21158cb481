// realworld repro (positive + negative): naive-retry -- a shared helper for web routes builds a closure that sends
// an Opus 5 messages.parse and calls it from an open-ended for loop: success breaks out, and a 429, 529 or 5xx
// status waits 1.5 s doubled each attempt (no jitter, retry-after never read) before trying again, up to four
// attempts; look-alikes: the retry test reads e.status (not the message), 16,000 tokens non-streaming (below the
// bar), a system prompt joined at call time, a default client, the key from the environment
// source: Hariharan-Experience/Campaigns_Survey_Dropouts server/lib/claude.js:57
// source: Hariharan-Experience/Campaigns_Survey_Dropouts server/lib/claude.js:43
// source: Hariharan-Experience/Campaigns_Survey_Dropouts server/lib/claude.js:62
// source: Hariharan-Experience/Campaigns_Survey_Dropouts server/lib/claude.js:10
import Anthropic from '@anthropic-ai/sdk';

const MODEL = 'claude-opus-5';
const BASE_RULES = 'You explain survey figures that were already computed. Quote them as given and never invent numbers.';

let shared = null;
function sdk() {
  if (!process.env.ANTHROPIC_API_KEY) return null;
  if (!shared) shared = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  return shared;
}

export async function explain({ system, question, format }) {
  const client = sdk();
  if (!client) throw new Error('no API key configured');

  const send = async () =>
    client.messages.parse({ // expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
      model: MODEL,
      max_tokens: 16000,
      system: `${BASE_RULES}\n\n${system}`,
      messages: [{ role: 'user', content: question }],
      output_config: { format },
    });

  let reply;
  for (let n = 0; ; n++) { // expect: naive-retry
    try {
      reply = await send();
      break;
    } catch (err) {
      const busy = err?.status === 429 || err?.status === 529 || err?.status >= 500; // expect-not: string-matched-error
      if (!busy || n >= 3) throw err;
      await new Promise((r) => setTimeout(r, 1500 * 2 ** n));
    }
  }
  return reply.parsed_output;
}
