// realworld repro (positive + negative): naive-retry and string-matched-error -- a browser-side helper walks a
// primary model and its fallbacks; for each model an inner attempt loop re-sends the same create after a
// doubling wait when the error is a 429, a 5xx or has no status, never reading retry-after; the status is
// tested as a number
// source: ms-jung42/flashcard_gen src/services/anthropic.js:26
// source: ms-jung42/flashcard_gen src/services/anthropic.js:24
// source: ms-jung42/flashcard_gen src/services/anthropic.js:71
// source: ms-jung42/flashcard_gen src/services/anthropic.js:29
import Anthropic from '@anthropic-ai/sdk';

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

export async function quizFromPage(pageText, key, models = ['claude-sonnet-4-5', 'claude-haiku-4-5'], tries = 2) {
  const claude = new Anthropic({ apiKey: key, dangerouslyAllowBrowser: true }); // expect-not: retries-disabled, hardcoded-api-key
  let last;
  for (const model of models) { // expect-not: naive-retry
    for (let n = 0; n <= tries; n++) { // expect: naive-retry
      try {
        const out = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
          model,
          max_tokens: 4096,
          messages: [{ role: 'user', content: `Write five quiz questions as a JSON array about:\n${pageText}` }],
        });
        return JSON.parse(out.content[0].text);
      } catch (err) {
        last = err;
        const again = !err.status || err.status === 429 || err.status >= 500; // expect-not: string-matched-error
        if (!again || n === tries) break;
        await pause(800 * Math.pow(2, n));
      }
    }
  }
  throw new Error(`every model failed: ${last?.message}`);
}
