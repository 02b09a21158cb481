// realworld repro (positive + negative): string-matched-error -- the catch around a workflow step
// that calls Claude maps errors to user messages by testing the message text for "rate limit" /
// "429"; a Promise.all over tool calls POSTs to tool servers and makes no Claude call
// source: patchy631/ai-engineering-hub open-agent-builder/lib/workflow/executors/agent.ts:419
// source: patchy631/ai-engineering-hub open-agent-builder/lib/workflow/executors/agent.ts:239
import Anthropic from '@anthropic-ai/sdk';

interface ToolCall {
  name: string;
  args: string;
}
interface ToolServer {
  name: string;
  url: string;
}

export async function runStep(prompt: string, key: string, servers: ToolServer[], calls: ToolCall[]) {
  try {
    const client = new Anthropic({ apiKey: key });
    const reply = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: prompt }],
    });
    const outputs = await Promise.all( // expect-not: unbounded-fanout
      calls.map(async (call) => {
        const server = servers.find((s) => s.name === call.name);
        if (!server) throw new Error(`no server for ${call.name}`);
        const res = await fetch(server.url, { method: 'POST', body: call.args });
        return res.json();
      }),
    );
    return { reply, outputs };
  } catch (error) {
    const text = error instanceof Error ? error.message : 'Unknown error';
    if (text.includes('rate limit') || text.includes('429')) { // expect: string-matched-error
      throw new Error('Too many requests right now, try again shortly.');
    }
    throw new Error(`Step failed: ${text}`);
  }
}
