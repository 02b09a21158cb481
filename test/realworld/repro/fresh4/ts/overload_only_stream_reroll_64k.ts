// realworld repro (negative): naive-retry and nonstreaming-max-tokens look-alikes -- a daily report
// generator streams one large reply (max_tokens 64000 through messages.stream().finalMessage()) in an
// attempt loop that waits and re-sends only on status 529 and re-rolls on unparsable JSON; a 429 is thrown
// source: yalkongs/dailyreport lib/claude-client.ts:483
// source: yalkongs/dailyreport lib/claude-client.ts:486
import Anthropic from '@anthropic-ai/sdk';

const writer = new Anthropic();

export async function composeBulletin(facts: string, tone: string): Promise<Record<string, unknown>> {
  const rounds = 3;
  let lastProblem: unknown = null;
  for (let round = 1; round <= rounds; round++) { // expect-not: naive-retry
    let body = '';
    try {
      const pending = writer.messages.stream({ // expect-not: nonstreaming-max-tokens
        model: 'claude-sonnet-4-6',
        max_tokens: 64000,
        system: `You write a calm morning market bulletin. Tone: ${tone}. Reply with one JSON object.`,
        messages: [{ role: 'user', content: facts }],
      });
      const done = await pending.finalMessage();
      const part = done.content.find((b) => b.type === 'text');
      body = part && part.type === 'text' ? part.text.trim() : '';
    } catch (err: unknown) {
      const code = (err as { status?: number }).status;
      if (code === 529 && round < rounds) {
        await new Promise((r) => setTimeout(r, round * 8000));
        continue;
      }
      throw err;
    }
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch (bad) {
      lastProblem = bad;
    }
  }
  throw new Error(`bulletin JSON never parsed: ${String(lastProblem)}`);
}
