// realworld repro (negative): unbounded-fanout -- inside an agent loop, Promise.all runs the tool_use
// blocks of one reply through a local lookup that makes no Claude call
// source: reboottime/claude-api-demos tool-use/src/app/api/chat/route.ts:181
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

async function lookupTide(place: string): Promise<string> {
  const res = await fetch(`https://tides.example.org/${encodeURIComponent(place)}`);
  return res.text();
}

export async function chat(turns: Anthropic.MessageParam[], tools: Anthropic.Tool[]) {
  const ask = () => anthropic.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, tools, messages: turns });
  let reply = await ask();
  while (reply.stop_reason === 'tool_use') {
    const uses = reply.content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    const results = await Promise.all( // expect-not: unbounded-fanout
      uses.map(async (u) => ({ id: u.id, text: await lookupTide((u.input as { place: string }).place) })),
    );
    turns.push(
      { role: 'assistant', content: reply.content },
      {
        role: 'user',
        content: results.map((r) => ({ type: 'tool_result' as const, tool_use_id: r.id, content: r.text })),
      },
    );
    reply = await ask();
  }
  return reply;
}
