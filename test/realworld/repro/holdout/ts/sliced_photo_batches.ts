// realworld repro (negative): unbounded-fanout -- photos are described three at a time: a for loop
// over slices awaits Promise.allSettled on each slice before starting the next
// source: ApexForge13/4Margin apps/contractor/src/lib/ai/photos.ts:103
import Anthropic from '@anthropic-ai/sdk';

type Photo = { id: string; base64: string };

async function describe(photo: Photo): Promise<string> {
  const client = new Anthropic();
  const res = await client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 512,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: photo.base64 } },
          { type: 'text', text: 'Describe any visible damage.' },
        ],
      },
    ],
  });
  const block = res.content[0];
  return block.type === 'text' ? block.text : '';
}

export async function describeAll(photos: Photo[]) {
  const out = new Map<string, string>();
  const width = 3;
  for (let start = 0; start < photos.length; start += width) {
    const group = photos.slice(start, start + width);
    const results = await Promise.allSettled( // expect-not: unbounded-fanout
      group.map(async (p) => ({ id: p.id, text: await describe(p) })),
    );
    for (const r of results) if (r.status === 'fulfilled') out.set(r.value.id, r.value.text);
  }
  return out;
}
