// realworld repro (positive): naive-retry -- a for loop indexed into a table of delays retries create
// when err.status is 429, sleeping the table's next entry; the retry-after header is never read
// source: Ghost---Shadow/smiles-js-eval src/eval/runner.js:14
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();
const PAUSES_MS = [800, 1600, 3200];
const nap = (ms) => new Promise((done) => setTimeout(done, ms));

export async function askOnce(question) {
  for (let i = 0; i <= PAUSES_MS.length; i++) { // expect: naive-retry
    try {
      const reply = await anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 800,
        messages: [{ role: 'user', content: question }],
      });
      return reply.content[0].text;
    } catch (err) {
      if (i < PAUSES_MS.length && err.status === 429) {
        console.warn(`busy, trying again in ${PAUSES_MS[i]} ms`);
        await nap(PAUSES_MS[i]);
        continue;
      }
      throw err;
    }
  }
}

export async function askTwice(first, makeSecond) {
  const a = await askOnce(first);
  return askOnce(makeSecond(a));
}
