// realworld repro (positive + negative): string-matched-error -- a chat route streams from Claude (or another
// provider) and, in the shared catch, picks the rate-limit message by testing the error text for '429'; the
// auth check beside it tests for '401' / a key phrase (not a rate limit)
// source: peersclub/AIcostguardian.com app/api/aioptimise/chat/route.ts:592
// source: peersclub/AIcostguardian.com app/api/aioptimise/chat/route.ts:590
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

type Turn = { role: 'user' | 'assistant'; content: string };

export async function pipeAnswer(
  vendor: string,
  key: string,
  turns: Turn[],
  send: (chunk: string) => Promise<void>,
): Promise<void> {
  try {
    if (vendor === 'anthropic') {
      const claude = new Anthropic({ apiKey: key });
      const events = await claude.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 4096,
        messages: turns,
        stream: true,
      });
      for await (const ev of events) {
        if (ev.type === 'content_block_delta' && ev.delta.type === 'text_delta') await send(ev.delta.text);
      }
    } else {
      const other = new OpenAI({ apiKey: key });
      const events = await other.chat.completions.create({ model: 'gpt-4o-mini', messages: turns, stream: true });
      for await (const ev of events) await send(ev.choices[0]?.delta?.content ?? '');
    }
  } catch (error) {
    let note = 'The assistant could not answer.';
    if (error instanceof Error) {
      if (error.message.includes('401') || error.message.includes('Incorrect API key')) { // expect-not: string-matched-error
        note = 'Your saved key was rejected.';
      } else if (error.message.includes('429')) { // expect: string-matched-error
        note = 'Too many requests right now, try again in a minute.';
      }
    }
    await send(`[error] ${note}`);
  }
}
