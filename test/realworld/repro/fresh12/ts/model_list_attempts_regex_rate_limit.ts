// realworld repro (positive + negative): naive-retry and string-matched-error -- for each model of a primary /
// fallback list, three attempts at messages.create; the catch retries on 429/5xx statuses or when a regex finds
// 'rate limit' in the message, sleeping 1.5 s then 3 s without reading retry-after; look-alikes: a create whose
// model, system and max_tokens are the caller's, and an outer loop over models, not data
// source: arxpalhano/att src/lib/claude-retry.ts:32
// source: arxpalhano/att src/lib/claude-retry.ts:51
// source: arxpalhano/att src/lib/claude-retry.ts:35
import Anthropic from '@anthropic-ai/sdk';

interface AskOptions {
  main: string;
  backup?: string;
  instructions: string;
  question: string;
  limit?: number;
  key: string;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function askWithFallback(o: AskOptions): Promise<string> {
  const api = new Anthropic({ apiKey: o.key });
  const order = o.backup ? [o.main, o.backup] : [o.main];
  let lastErr: unknown = null;
  for (const model of order) {
    for (let k = 0; k < 3; k++) { // expect: naive-retry
      try {
        const reply = await api.messages.create({ // expect-not: missing-max-tokens, model-routing, uncached-prompt, batchable-fanout
          model,
          max_tokens: o.limit ?? 2048,
          system: o.instructions,
          messages: [{ role: 'user', content: o.question }],
        });
        return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      } catch (e) {
        lastErr = e;
        const code = (e as { status?: number }).status ?? 0;
        const again = code === 429 || code >= 500 || /busy|rate limit/i.test((e as Error).message); // expect: string-matched-error
        if (!again) throw e;
        if (k < 2) await pause(1500 * (k + 1));
      }
    }
  }
  throw lastErr;
}
