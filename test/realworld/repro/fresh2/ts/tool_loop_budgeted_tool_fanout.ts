// realworld repro (negative): naive-retry and unbounded-fanout -- a character reply runs a tool-use loop
// of at most three turns through an imported tracked create, and runs the requested client tools with
// Promise.all over at most four of them (the rest get a budget-exhausted result); no Claude call fans out
// source: 0xBunch/lazyriverco src/lib/anthropic.ts:515
// source: 0xBunch/lazyriverco src/lib/anthropic.ts:581
import Anthropic from '@anthropic-ai/sdk';
import { recordedCreate } from './usage-log';
import { runClientTool } from './client-tools';

const TURNS = 3;
const TOOL_BUDGET = 4;
const client = new Anthropic();

async function runTools(blocks: Anthropic.Messages.ToolUseBlock[], used: number) {
  const left = Math.max(0, TOOL_BUDGET - used);
  const results: Anthropic.Messages.ToolResultBlockParam[] = await Promise.all(blocks.slice(0, left).map(runClientTool)); // expect-not: unbounded-fanout
  for (const block of blocks.slice(left)) {
    results.push({ type: 'tool_result', tool_use_id: block.id, content: 'No more tool calls this turn.', is_error: true });
  }
  return results;
}

export async function reply(system: string, prompt: string, tools: Anthropic.Tool[]): Promise<string> {
  const messages: Anthropic.Messages.MessageParam[] = [{ role: 'user', content: prompt }];
  let text = '';
  let used = 0;
  for (let turn = 0; turn < TURNS; turn++) { // expect-not: naive-retry
    const res = await recordedCreate(client, { model: 'claude-sonnet-4-5', max_tokens: 600, system, tools, messages });
    for (const block of res.content) if (block.type === 'text') text += block.text;
    if (res.stop_reason !== 'tool_use') return text;
    const uses = res.content.filter((b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use');
    const results = await runTools(uses, used);
    used += uses.length;
    messages.push({ role: 'assistant', content: res.content }, { role: 'user', content: results });
  }
  return text;
}
