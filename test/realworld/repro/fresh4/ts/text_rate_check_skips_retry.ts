// realworld repro (positive + negative): string-matched-error -- a two-try insights helper decides from the
// error text ('429' / 'rate_limit') that the call was rate limited and gives up with a user message; the
// loop itself re-sends only the other errors after a short pause (naive-retry look-alike), and a second
// text test looks for auth failures (not a rate limit)
// source: Samuel-Rath/arcadian-gsc-insights lib/claude-client.ts:105
// source: Samuel-Rath/arcadian-gsc-insights lib/claude-client.ts:60
// source: Samuel-Rath/arcadian-gsc-insights lib/claude-client.ts:111
import Anthropic from '@anthropic-ai/sdk';

export async function summarizeTraffic(report: object): Promise<string> {
  const analyst = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const extra = 1;
  let failure: Error | null = null;

  for (let tryNo = 0; tryNo <= extra; tryNo++) { // expect-not: naive-retry
    try {
      const answer = await analyst.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 1500,
        messages: [{ role: 'user', content: `Describe the notable shifts:\n${JSON.stringify(report)}` }],
      });
      const block = answer.content[0];
      return block.type === 'text' ? block.text : '';
    } catch (err) {
      failure = err as Error;
      if (failure.message.includes('429') || failure.message.includes('rate_limit')) { // expect: string-matched-error
        throw new Error('The analysis service is busy right now. Please come back later.');
      }
      if (failure.message.includes('401') || failure.message.includes('authentication')) { // expect-not: string-matched-error
        throw new Error('The analysis service key was refused.');
      }
      if (tryNo < extra) {
        await new Promise((r) => setTimeout(r, 2 ** tryNo * 1000));
      }
    }
  }
  throw new Error(`analysis failed: ${failure?.message ?? 'unknown'}`);
}
