// realworld repro (positive + negative): naive-retry, string-matched-error and nonstreaming-max-tokens --
// a for-attempt loop around messages.stream retries when err.status is 429 or its message mentions
// rate_limit, waiting 5 s doubling per attempt, never the retry-after header; the streamed call asks
// for 32,000 tokens of a model picked at run time
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1144
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1283
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1363
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1522
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1149
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY || '' });

export async function extractPriceList(pdfBase64: string, modelId: string) {
  const tries = 3;
  let lastError: any = null;
  for (let attempt = 1; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      const stream = await claude.messages.stream({ // expect-not: nonstreaming-max-tokens
        model: modelId,
        max_tokens: 32000,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 } },
              { type: 'text', text: 'List every model, trim and price in this brochure as JSON.' },
            ],
          },
        ],
      });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      return { ok: true, data: JSON.parse(text) };
    } catch (err: any) {
      lastError = err;
      if (err.status === 429 || err.message?.includes('rate_limit')) { // expect: string-matched-error
        const wait = Math.pow(2, attempt) * 5000;
        console.log(`rate limited, waiting ${wait / 1000}s`);
        if (attempt < tries) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
      }
      break;
    }
  }
  return { ok: false, error: lastError?.message ?? 'extraction failed' };
}
