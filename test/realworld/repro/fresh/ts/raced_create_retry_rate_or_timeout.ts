// realworld repro (positive + negative): naive-retry, string-matched-error, unbounded-fanout and
// nonstreaming-max-tokens -- a for-attempt loop races a non-streaming create (16,000 tokens) against a
// timer; its catch retries a rate limit (status 429 or "rate_limit" in the message) after 5 s doubling
// and a timeout after 2 s, never reading retry-after; the timeout test reads the local timer's message
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1883
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1959
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1958
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1935
// source: alvinrabock/kronobergsbil-scraper src/lib/claude-client.ts:1892
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY || '' });

export async function pdfToText(pdfBase64: string, sizeMb: number): Promise<string> {
  const limitMs = sizeMb > 1 ? 120000 : 60000;
  const tries = 2;
  let lastError: any = null;
  for (let attempt = 1; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      const timer = new Promise<never>((_, reject) => {
        setTimeout(() => reject(new Error(`gave up after ${limitMs / 1000}s (timeout)`)), limitMs);
      });
      const call = claude.messages.create({ // expect-not: nonstreaming-max-tokens
        model: 'claude-sonnet-4-5',
        max_tokens: 16000,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Transcribe this document, keeping tables as pipe-separated rows.' },
              { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdfBase64 } },
            ],
          },
        ],
      });
      const result = await Promise.race([call, timer]); // expect-not: unbounded-fanout
      return result.content[0].type === 'text' ? result.content[0].text : '';
    } catch (err: any) {
      lastError = err;
      const timedOut = err.message?.includes('timeout'); // expect-not: string-matched-error
      const limited = err.status === 429 || err.message?.includes('rate_limit'); // expect: string-matched-error
      if (limited && attempt < tries) {
        await new Promise((resolve) => setTimeout(resolve, Math.pow(2, attempt) * 5000));
        continue;
      }
      if (timedOut && attempt < tries) {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        continue;
      }
      break;
    }
  }
  throw lastError ?? new Error('transcription failed');
}
