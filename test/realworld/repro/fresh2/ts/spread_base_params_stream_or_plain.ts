// realworld repro (negative): missing-max-tokens and model-routing -- a CLI service keeps max_tokens in
// a base params object and sends it spread with stream: true or as is; a one-off Sonnet call with a
// 50-token budget names the topic of the user's question (no loop over data)
// source: okikorg/adist src/utils/anthropic.ts:525
// source: okikorg/adist src/utils/anthropic.ts:561
// source: okikorg/adist src/utils/anthropic.ts:58
import Anthropic from '@anthropic-ai/sdk';

export class ProjectChat {
  private client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

  async topicOf(question: string): Promise<string> {
    const reply = await this.client.messages.create({ // expect-not: model-routing
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: `Give one keyword for the subject of: ${question}` }],
    });
    return reply.content[0].type === 'text' ? reply.content[0].text.trim() : '';
  }

  async ask(question: string, context: string, onText?: (t: string) => void): Promise<string> {
    const base = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1000,
      system: `Answer from this project context:\n${context}`,
      messages: [{ role: 'user' as const, content: question }],
    };
    if (onText) {
      const stream = await this.client.messages.create({ // expect-not: missing-max-tokens
        ...base,
        stream: true,
      });
      let text = '';
      for await (const event of stream) {
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
          onText(event.delta.text);
          text += event.delta.text;
        }
      }
      return text;
    }
    const reply = await this.client.messages.create(base); // expect-not: missing-max-tokens
    return reply.content[0].type === 'text' ? reply.content[0].text : '';
  }
}
