// realworld repro (negative): unbounded-fanout and hardcoded-api-key look-alikes -- a filing analyzer refuses
// a placeholder key ('sk-ant-api03-placeholder' compared with the environment value) and runs four literal
// analysis calls for one filing with Promise.all
// source: kyliemckinleydemo/sec-filing-analyzer lib/claude-client.ts:914
// source: kyliemckinleydemo/sec-filing-analyzer lib/claude-client.ts:134
import Anthropic from '@anthropic-ai/sdk';

export class FilingReader {
  private api: Anthropic;

  constructor() {
    const key = process.env.ANTHROPIC_API_KEY;
    if (!key || key === 'sk-ant-api03-placeholder') { // expect-not: hardcoded-api-key
      throw new Error('Set ANTHROPIC_API_KEY in .env.local first.');
    }
    this.api = new Anthropic({ apiKey: key });
  }

  private async ask(question: string, text: string): Promise<string> {
    const res = await this.api.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: `${question}\n\n${text}` }],
    });
    const first = res.content[0];
    return first.type === 'text' ? first.text : '';
  }

  async review(text: string) {
    const [risks, tone, numbers, gist] = await Promise.all([ // expect-not: unbounded-fanout
      this.ask('List the new risk factors.', text),
      this.ask('Rate the management tone.', text),
      this.ask('Extract revenue and margin figures.', text),
      this.ask('Summarise the filing in three lines.', text),
    ]);
    return { risks, tone, numbers, gist };
  }
}
