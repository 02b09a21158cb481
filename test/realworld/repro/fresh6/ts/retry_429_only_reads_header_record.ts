// realworld repro (negative): naive-retry and string-matched-error -- a wrapper retries only a
// status 429 and waits the error's retry-after header (read from the headers record) when present,
// a capped doubling wait only when it is missing
// source: Alonturchin/flow-monitor src/lib/claude.ts:26
// source: Alonturchin/flow-monitor src/lib/claude.ts:32
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();

async function onRateLimit<T>(task: () => Promise<T>, tries = 3): Promise<T> {
  let failure: unknown;
  for (let n = 0; n < tries; n++) { // expect-not: naive-retry
    try {
      return await task();
    } catch (err) {
      failure = err;
      const e = err as { status?: number; headers?: Record<string, string> };
      if (e?.status !== 429 || n === tries - 1) throw err; // expect-not: string-matched-error
      const seconds = Number(e.headers?.['retry-after']);
      const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : Math.min(1000 * 2 ** n, 20000);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  throw failure;
}

export async function weeklyAdvice(metrics: string): Promise<string> {
  const msg = await onRateLimit(() =>
    client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 900,
      messages: [{ role: 'user', content: `Suggest one change for this email flow:\n${metrics}` }],
    }),
  );
  const first = msg.content[0];
  return first && first.type === 'text' ? first.text : '';
}
