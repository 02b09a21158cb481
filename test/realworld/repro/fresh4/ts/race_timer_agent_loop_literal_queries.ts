// realworld repro (negative): unbounded-fanout, naive-retry and nonstreaming-max-tokens look-alikes -- a Haiku
// helper races one create (max_tokens 8192) against a timer, an agent loop re-sends only with tool results
// (no try, bounded iterations), and a cron job starts three literal database queries with Promise.all
// source: sellersessions/designloop-studio lib/haiku-client.ts:44
// source: sellersessions/designloop-studio lib/haiku-client.ts:30
// source: Ramzan-MR/Dentist-Ai-Agent lib/agent/run-agent.ts:54
// source: kingcader/personal-assistant-ai app/api/cron/sync-entities/route.ts:316
import Anthropic from '@anthropic-ai/sdk';

const api = new Anthropic();

export async function quickIdea(system: string, ask: string): Promise<string> {
  const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 60000));
  const call = api.messages.create({ // expect-not: nonstreaming-max-tokens
    model: 'claude-haiku-4-5',
    max_tokens: 8192,
    system,
    messages: [{ role: 'user', content: ask }],
  });
  const res = await Promise.race([call, timer]); // expect-not: unbounded-fanout
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

export async function receptionist(
  turns: Anthropic.MessageParam[],
  tools: Anthropic.Tool[],
  run: (name: string, input: unknown) => Promise<string>,
): Promise<string> {
  let rounds = 0;
  let text = '';
  while (rounds < 5) { // expect-not: naive-retry
    rounds++;
    const res = await api.messages.create({ model: 'claude-haiku-4-5', max_tokens: 1024, tools, messages: turns });
    text = res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    if (res.stop_reason !== 'tool_use') break;
    turns.push({ role: 'assistant', content: res.content });
    const results: Anthropic.ToolResultBlockParam[] = [];
    for (const b of res.content) {
      if (b.type === 'tool_use') results.push({ type: 'tool_result', tool_use_id: b.id, content: await run(b.name, b.input) });
    }
    turns.push({ role: 'user', content: results });
  }
  return text;
}

export async function pendingWork(pick: (kind: string, n: number) => Promise<string[]>) {
  const [mail, meetings, todos] = await Promise.all([pick('email', 5), pick('event', 5), pick('task', 5)]); // expect-not: unbounded-fanout
  return { mail, meetings, todos };
}
