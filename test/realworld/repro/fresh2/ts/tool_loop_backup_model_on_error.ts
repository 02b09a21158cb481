// realworld repro (negative): naive-retry -- a bot's tool loop calls an imported send wrapper once per
// turn; an error leaves the loop for a backup model and a message (a 429 gets "try again shortly"),
// nothing is resent
// source: Altoh5/claude-telegram-relay src/lib/anthropic-processor.ts:363
import Anthropic from '@anthropic-ai/sdk';
import { sendWithBackup } from './billing_text_then_backup_client';
import { answerWithOtherModel } from './other-model';

type Handler = (input: Record<string, unknown>) => Promise<string>;

export async function runTurns(prompt: string, tools: Anthropic.Tool[], handlers: Record<string, Handler>): Promise<string> {
  const history: Anthropic.MessageParam[] = [{ role: 'user', content: prompt }];
  let turns = 0;
  try {
    while (turns < 12) { // expect-not: naive-retry
      turns++;
      const reply = await sendWithBackup({
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        system: 'You run errands for one user.',
        tools,
        messages: history,
      });
      if (reply.stop_reason !== 'tool_use') {
        return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
      }
      const results: Anthropic.ToolResultBlockParam[] = [];
      for (const block of reply.content) {
        if (block.type === 'tool_use') {
          const out = await handlers[block.name](block.input as Record<string, unknown>);
          results.push({ type: 'tool_result', tool_use_id: block.id, content: out });
        }
      }
      history.push({ role: 'assistant', content: reply.content });
      history.push({ role: 'user', content: results });
    }
    return 'Stopped after too many steps.';
  } catch (err: any) {
    try {
      return await answerWithOtherModel(prompt);
    } catch {
      if (err.status === 429) return 'Too many requests right now, try again shortly.';
      return `Error: ${err.message}`;
    }
  }
}
