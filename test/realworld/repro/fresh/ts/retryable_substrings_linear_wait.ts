// realworld repro (positive): naive-retry and string-matched-error -- a client method retries create
// when the error text contains one of several substrings ('rate_limit', 'overloaded', '529', '500',
// 'timeout'), waiting a linear (attempt + 1) * 3 s, never the retry-after header
// source: juniyongk/sec-analyzer src/lib/claude-client.ts:52
// source: juniyongk/sec-analyzer src/lib/claude-client.ts:77
import Anthropic from '@anthropic-ai/sdk';

export class FilingReader {
  private client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  private spent: Array<{ step: string; tokens: number }> = [];

  constructor(private context: string) {}

  async ask(prompt: string, model: string, step: string, retries = 2): Promise<string> {
    for (let attempt = 0; attempt <= retries; attempt++) { // expect: naive-retry
      try {
        const reply = await this.client.messages.create({
          model,
          max_tokens: 4096,
          system: `You read company filings. Filing:\n${this.context}`,
          messages: [{ role: 'user', content: prompt }],
        });
        this.spent.push({ step, tokens: reply.usage.input_tokens + reply.usage.output_tokens });
        const first = reply.content[0];
        return first.type === 'text' ? first.text : '';
      } catch (err: unknown) {
        const transient = err instanceof Error && (
          err.message.includes('overloaded') ||
          err.message.includes('rate_limit') || // expect: string-matched-error
          err.message.includes('529') ||
          err.message.includes('500') ||
          err.message.includes('timeout')
        );
        if (attempt < retries && transient) {
          await new Promise((r) => setTimeout(r, (attempt + 1) * 3000));
          continue;
        }
        throw new Error(`${step} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw new Error(`${step} failed after ${retries + 1} attempts`);
  }
}
