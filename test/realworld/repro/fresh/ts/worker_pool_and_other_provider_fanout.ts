// realworld repro (negative): unbounded-fanout -- Claude probes run through a fixed pool of at most five
// workers that drain a queue; the same file starts every probe at once for another provider (OpenAI),
// which is not a Claude fan-out
// source: mmeikson/aivisibility lib/inngest/probe-platform.ts:48
// source: mmeikson/aivisibility lib/inngest/probe-platform.ts:254
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

type Probe = { id: string; prompt: string };
type Save = (id: string, text: string | null) => Promise<void>;

async function withWorkers<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (queue.length > 0) {
      const next = queue.shift();
      if (next === undefined) break;
      await work(next);
    }
  });
  await Promise.all(workers); // expect-not: unbounded-fanout
}

export async function probeClaude(probes: Probe[], save: Save): Promise<void> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  await withWorkers(probes, 5, async (probe) => {
    try {
      const reply = await client.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 2048,
        messages: [{ role: 'user', content: probe.prompt }],
      });
      await save(probe.id, reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n'));
    } catch {
      await save(probe.id, null);
    }
  });
}

export async function probeOpenAI(probes: Probe[], save: Save): Promise<void> {
  const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
  await Promise.all( // expect-not: unbounded-fanout
    probes.map(async (probe) => {
      try {
        const res = await client.chat.completions.create({
          model: 'gpt-4o',
          messages: [{ role: 'user', content: probe.prompt }],
        });
        await save(probe.id, res.choices[0]?.message?.content ?? '');
      } catch {
        await save(probe.id, null);
      }
    }),
  );
}
