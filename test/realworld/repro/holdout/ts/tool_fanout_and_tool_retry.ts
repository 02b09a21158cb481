// realworld repro (negative): unbounded-fanout and naive-retry -- inside an agent loop, the tool calls a
// streamed Claude turn asked for run through Promise.all; each tool runs on the app's own backend (no Claude
// call) and is retried once after 500 ms
// source: treygoff24/rlcoach frontend/src/app/api/coach/chat/route.ts:206
// source: treygoff24/rlcoach frontend/src/app/api/coach/chat/route.ts:202
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic();
type ToolCall = { id: string; name: string; input: Record<string, unknown> };

async function runTool(name: string, input: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${process.env.TOOLS_URL}/${name}`, { method: 'POST', body: JSON.stringify(input) });
  return res.text();
}

export async function coachTurn(turns: Anthropic.MessageParam[], tools: Anthropic.Tool[]) {
  const stream = client.messages.stream({ model: 'claude-sonnet-4-5', max_tokens: 8192, messages: turns, tools });
  const final = await stream.finalMessage();
  const calls: ToolCall[] = final.content
    .filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')
    .map((b) => ({ id: b.id, name: b.name, input: b.input as Record<string, unknown> }));

  const runTwice = async (call: ToolCall) => {
    try {
      return await runTool(call.name, call.input);
    } catch {
      await new Promise((done) => setTimeout(done, 500));
      return await runTool(call.name, call.input); // expect-not: naive-retry
    }
  };

  return Promise.all( // expect-not: unbounded-fanout
    calls.map(async (call) => ({ type: 'tool_result' as const, tool_use_id: call.id, content: await runTwice(call) })),
  );
}
