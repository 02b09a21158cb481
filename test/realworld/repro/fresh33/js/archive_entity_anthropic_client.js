// realworld repro (module): the helpers imported by archive_entity_backfill.js -- a Haiku model constant, a client
// factory with the SDK's default retries, and callWithRetry(apiCall), which retries only status 429 and waits the
// retry-after header's seconds (15 s times the attempt when the header is missing); no Claude call here
// source: todd427/foxxelabs-astro scripts/backfill-entities.js:60
import Anthropic from '@anthropic-ai/sdk';

export const MODEL = 'claude-haiku-4-5';

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function makeClient() {
  return new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
}

export async function callWithRetry(apiCall, attempts = 3) {
  for (let attempt = 1; attempt <= attempts; attempt++) { // expect-not: naive-retry
    try {
      return await apiCall();
    } catch (error) {
      if (error.status !== 429 || attempt === attempts) throw error;
      const hinted = parseInt(error.headers?.['retry-after'] ?? '0', 10);
      await pause(hinted > 0 ? hinted * 1000 : 15000 * attempt);
    }
  }
}
