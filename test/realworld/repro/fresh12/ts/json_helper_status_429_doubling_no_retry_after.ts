// realworld repro (positive + negative): naive-retry -- a shared helper for data scripts loops up to five
// attempts around a create whose reply is parsed as JSON; the catch reads the numeric status and, on 429 or any
// 5xx, sleeps a doubling delay capped at a minute and continues, never reading retry-after; look-alikes: the
// status test is numeric (no text match), max_tokens comes from the caller, and the client keeps SDK retries
// source: zhaopeifei/english-word-roots scripts/lib/claude.ts:33
// source: zhaopeifei/english-word-roots scripts/lib/claude.ts:35
// source: zhaopeifei/english-word-roots scripts/lib/claude.ts:53
// source: zhaopeifei/english-word-roots scripts/lib/claude.ts:10
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

const DEFAULT_MODEL = 'claude-sonnet-4-5';

interface AskOptions {
  model?: string;
  maxTokens?: number;
  attempts?: number;
}

function pause(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function parseReply<T>(raw: string): T {
  const start = raw.search(/[[{]/);
  return JSON.parse(start >= 0 ? raw.slice(start) : raw) as T;
}

export async function askForJson<T>(system: string, user: string, opts: AskOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 5;
  let lastErr: unknown = null;

  for (let n = 0; n < attempts; n++) { // expect: naive-retry
    try {
      const reply = await anthropic.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout
        model: opts.model ?? DEFAULT_MODEL,
        max_tokens: opts.maxTokens ?? 8192,
        system,
        messages: [{ role: 'user', content: user }],
      });
      const text = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return parseReply<T>(text);
    } catch (err) {
      lastErr = err;
      const code = (err as { status?: number }).status;
      if (code === 429 || (code !== undefined && code >= 500)) { // expect-not: string-matched-error
        const wait = Math.min(2000 * 2 ** n, 60_000);
        console.warn(`model call failed with ${code}; attempt ${n + 1} of ${attempts}, waiting ${wait} ms`);
        await pause(wait);
        continue;
      }
      throw err;
    }
  }
  throw lastErr ?? new Error('askForJson: out of attempts');
}
