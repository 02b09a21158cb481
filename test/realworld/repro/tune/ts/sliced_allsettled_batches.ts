// realworld repro (negative): unbounded-fanout -- Promise.allSettled over slices of BATCH = 3 items,
// one batch after another, each item calling a local function that calls Claude
// source: ApexForge13/4Margin apps/contractor/src/app/api/inspections/[id]/classify/route.ts:125
import Anthropic from '@anthropic-ai/sdk';

const BATCH = 3;

async function label(client: Anthropic, text: string) {
  const reply = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 200,
    messages: [{ role: 'user', content: `Label this note: ${text}` }],
  });
  return reply.content[0];
}

export async function labelAll(notes: string[]) {
  const client = new Anthropic();
  const done: unknown[] = [];
  for (let i = 0; i < notes.length; i += BATCH) {
    const slice = notes.slice(i, i + BATCH);
    const settled = await Promise.allSettled(slice.map((n) => label(client, n))); // expect-not: unbounded-fanout
    for (const s of settled) if (s.status === 'fulfilled') done.push(s.value);
  }
  return done;
}
