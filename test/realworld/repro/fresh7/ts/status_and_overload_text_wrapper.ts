// realworld repro (positive + negative): naive-retry and string-matched-error -- a same-file retry
// wrapper around the create retries 429/529/5xx and 'overloaded' or connection-reset text with capped
// doubling waits and no retry-after; a JSON helper re-asks only when parsing fails
// source: HammadShahzad/seo-blog-saas src/lib/ai/claude.ts:22
// source: HammadShahzad/seo-blog-saas src/lib/ai/claude.ts:28
// source: HammadShahzad/seo-blog-saas src/lib/ai/claude.ts:105
import Anthropic from '@anthropic-ai/sdk';

let cached: Anthropic | null = null;
function claude(): Anthropic {
  if (!cached) cached = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  return cached;
}

async function again<T>(job: () => Promise<T>, attempts: number): Promise<T> {
  for (let k = 1; k <= attempts; k++) { // expect: naive-retry
    try {
      return await job();
    } catch (err: unknown) {
      const code = (err as { status?: number })?.status;
      const text = err instanceof Error ? err.message : String(err);
      const busy = code === 429 || code === 529 || text.includes('overloaded'); // expect-not: string-matched-error
      const flaky = busy || code === 502 || code === 503 || text.includes('ECONNRESET');
      if (!flaky || k === attempts) throw err;
      await new Promise((r) => setTimeout(r, Math.min(1000 * 2 ** (k - 1), busy ? 20000 : 6000)));
    }
  }
  throw new Error('unreachable');
}

export async function writeSection(prompt: string, system?: string): Promise<string> {
  const res = await again(
    () =>
      claude().messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 6000,
        ...(system ? { system } : {}),
        messages: [{ role: 'user', content: prompt }],
      }),
    4,
  );
  return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export async function writeJson<T>(prompt: string): Promise<T> {
  for (let k = 1; k <= 3; k++) { // expect-not: naive-retry
    const text = await writeSection(`${prompt}\n\nReply with JSON only.`);
    try {
      return JSON.parse(text) as T;
    } catch {
      if (k === 3) throw new Error('no JSON after three tries');
    }
  }
  throw new Error('unreachable');
}
