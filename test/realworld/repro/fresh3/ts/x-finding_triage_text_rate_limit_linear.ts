// realworld repro (positive): naive-retry and string-matched-error -- a three-attempt loop around messages.create
// that, when the error message contains "rate_limit", "overloaded" or "529", waits a linear 2 s x attempt and
// retries, never reading retry-after
// source: emondsarker/aps-benchmark lib/claude-client.ts:81
// source: emondsarker/aps-benchmark lib/claude-client.ts:111
import Anthropic from '@anthropic-ai/sdk';

const api = new Anthropic();
const nap = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function triageFindings(findings: string[], checker: string): Promise<unknown[]> {
  const listing = findings.map((f, i) => `[${i + 1}] ${f}`).join('\n');
  for (let attempt = 1; attempt <= 3; attempt++) { // expect: naive-retry
    try {
      const reply = await api.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 3000,
        system: `Mark each finding of the ${checker} checker as real or noise. Answer with a JSON array.`,
        messages: [{ role: 'user', content: listing }],
      });
      const text = reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1));
    } catch (err) {
      const said = (err as Error).message ?? String(err);
      if (attempt < 3 && (said.includes('rate_limit') || said.includes('overloaded') || said.includes('529'))) { // expect: string-matched-error
        await nap(2000 * attempt);
        continue;
      }
      throw err;
    }
  }
  throw new Error('gave up');
}
