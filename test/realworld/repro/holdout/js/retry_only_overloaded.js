// realworld repro (negative): an app-level loop that retries only 529 overloaded after the SDK's own
// retries and re-throws everything else (not naive-retry); an "Overloaded" text test (not rate-limit wording)
// source: truegwrit/mad-hat-orchestration steps/claude-client.js:21
// source: truegwrit/mad-hat-orchestration steps/claude-client.js:32
import Anthropic from '@anthropic-ai/sdk';

const ROUNDS = 2;
const WAIT_MS = 10000;

export async function ask({ model, max_tokens, system, messages }) {
  const client = new Anthropic({ maxRetries: 4 });
  for (let round = 1; round <= ROUNDS; round++) { // expect-not: naive-retry
    try {
      const reply = await client.messages.create({ model, max_tokens, system, messages });
      return reply.content[0].text;
    } catch (err) {
      const busy = err.status === 529 ||
        (err.message && err.message.includes('Overloaded')); // expect-not: string-matched-error
      if (busy && round < ROUNDS) {
        await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
      } else if (busy) {
        throw new Error('The model is busy; try again in a minute.');
      } else {
        throw err;
      }
    }
  }
}
