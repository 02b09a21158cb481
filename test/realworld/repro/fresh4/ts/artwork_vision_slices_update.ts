// realworld repro (positive + negative): batchable-fanout -- an offline script describes every artwork that has
// no description: one vision create per image, three at a time (environment-sized slices), and the caller
// writes each result with an update
// source: mcull/cg-clir scripts/generate-descriptions.ts:116
// source: mcull/cg-clir scripts/generate-descriptions.ts:261
import Anthropic from '@anthropic-ai/sdk';
import { createClient } from '@supabase/supabase-js';

const db = createClient(process.env.DB_URL!, process.env.DB_SERVICE_KEY!);
const vision = new Anthropic();
const STEP = Number(process.env.DESCRIBE_STEP || '3');

async function describe(imageUrl: string, title: string): Promise<{ short: string; long: string }> {
  const bytes = Buffer.from(await (await fetch(imageUrl)).arrayBuffer()).toString('base64');
  const res = await vision.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 400,
    system: 'Describe artworks for screen reader users. Reply with JSON {"short": "...", "long": "..."}.',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: bytes } },
          { type: 'text', text: `Title: ${title}` },
        ],
      },
    ],
  });
  return JSON.parse(res.content[0].type === 'text' ? res.content[0].text : '{}');
}

async function main() {
  const { data } = await db.from('pieces').select('id, title, image_url').is('long_text', null);
  const todo = data ?? [];
  const handle = async (row: { id: string; title: string; image_url: string }) => {
    try {
      const d = await describe(row.image_url, row.title);
      await db.from('pieces').update({ alt_text: d.short, long_text: d.long }).eq('id', row.id);
    } catch (err) {
      console.error(`skipped ${row.id}: ${String(err)}`);
    }
  };
  for (let i = 0; i < todo.length; i += STEP) {
    await Promise.all(todo.slice(i, i + STEP).map(handle)); // expect-not: unbounded-fanout
  }
}

main().catch(console.error);
