// realworld repro (positive): naive-retry -- a page-generation script builds a request pacer from a class imported
// from a sibling module and runs its one create through the pacer's withRetry method, which retries 429 and
// rate_limit_error, 5xx and connection resets three times with a doubling 1-32 s wait plus jitter, never reading
// retry-after, on top of the client's maxRetries: 3
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:141
// source: Theprofitplatform/tpp automation/scripts/gbp-auto-poster.mjs:125
import Anthropic from "@anthropic-ai/sdk";
import { RequestPacer } from "./suburb_pages_retry.mjs";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY, maxRetries: 3 });
const pacer = new RequestPacer(50, { verbose: true });

export async function writeLandingPage(suburb) {
  const result = await pacer.withRetry(async () => { // expect: naive-retry
    const message = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 2000,
      messages: [{ role: "user", content: `Write a 600-word landing page for a web studio serving ${suburb}.` }],
    });
    return message.content[0].text;
  });
  return result;
}

const suburb = process.argv[2];
if (suburb) {
  console.log(await writeLandingPage(suburb));
}
