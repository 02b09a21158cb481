// realworld repro (negative): naive-retry, string-matched-error and nonstreaming-max-tokens look-alikes -- an attempt
// loop that, on error.status === 429, waits the error's retry-after header before re-sending (other errors back
// off), around a non-streaming create whose max_tokens is capped at 16,000 on a client with an explicit timeout
// source: PickleRicc/rfpGenerator lib/claude-client.ts:98
// source: PickleRicc/rfpGenerator lib/claude-client.ts:159
// source: PickleRicc/rfpGenerator lib/claude-client.ts:114
import Anthropic from '@anthropic-ai/sdk';

const api = new Anthropic({ maxRetries: 3, timeout: 600000 });
const hold = (ms: number) => new Promise((r) => setTimeout(r, ms));

function waitFromHeader(err: unknown): number {
  const headers = (err as { headers?: Headers } | null)?.headers;
  const seconds = Number.parseInt(headers?.get?.('retry-after') ?? '', 10);
  return Number.isNaN(seconds) ? 30000 : (seconds + 2) * 1000;
}

export async function writeSection(system: string, brief: string, wanted = 8000, tries = 3): Promise<string> {
  const budget = Math.min(wanted, 16000);
  for (let attempt = 1; attempt <= tries; attempt++) { // expect-not: naive-retry
    try {
      const reply = await api.messages.create({ // expect-not: nonstreaming-max-tokens
        model: 'claude-sonnet-4-5',
        max_tokens: budget,
        system,
        messages: [{ role: 'user', content: brief }],
      });
      return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
    } catch (err) {
      if (attempt === tries) throw err;
      const limited = (err as { status?: number } | null)?.status === 429; // expect-not: string-matched-error
      await hold(limited ? waitFromHeader(err) : 2 ** attempt * 1000);
    }
  }
  throw new Error('unreachable');
}
